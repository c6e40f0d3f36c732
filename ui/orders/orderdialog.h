#pragma once

#include "common/error.h"
#include "store/orderrecord.h"
#include "sync/consoletypes.h" // OrderPreview: moc needs the complete slot argument types
#include "sync/syncengine.h"     // OrderOutcome
#include "sync/syncrunsummary.h" // SyncRunSummary

#include <QDialog>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTreeView;
class AttemptHistoryModel;
class PreviewModel;

namespace OrderBridge {
class Database;
}

/// One order, as the Magento admin's order view shows it, with its Salesforce side.
///
/// The Information tab shows the Magento order (number, date, bill-to, total, status and the lines
/// the store holds); the Salesforce tab its sync status with the reason or the error and its fix,
/// the linked Order, Account, Contact and Opportunity as links into the org, the attempts, the
/// sync history, "Save and Sync Order", and a preview of what the next sync would send beside what
/// Salesforce holds now. Everything is read from the store on the GUI thread (short indexed
/// queries); the sync and the preview are requests (syncRequested, previewRequested) answered
/// through the slots, so the dialog never waits on the network.
class OrderDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDialog)

public:
    enum Tab { InformationTab, SalesforceTab };

    /// The order is the store's row with this Magento entity_id.
    OrderDialog(std::shared_ptr<OrderBridge::Database> database, qint64 entityId, QWidget *parent = nullptr);
    ~OrderDialog() override;

    [[nodiscard]] qint64 entityId() const { return m_entityId; }
    /// The order number; empty when the store has no such order.
    [[nodiscard]] QString incrementId() const;
    /// The order as last read from the store.
    [[nodiscard]] const std::optional<OrderBridge::OrderRecord> &order() const { return m_order; }

    /// The org's instance URL the record links open in; links are plain IDs without one.
    [[nodiscard]] QUrl instanceUrl() const { return m_instanceUrl; }
    void setInstanceUrl(const QUrl &url);
    /// How links are opened; QDesktopServices::openUrl (the system browser) unless replaced.
    void setUrlOpener(std::function<bool(const QUrl &)> opener);
    /// Whether "Save and Sync Order" can be offered (a sync engine is there and free).
    void setSyncAvailable(bool available);
    [[nodiscard]] bool isSyncPending() const { return m_syncPending; }
    [[nodiscard]] bool isPreviewPending() const { return m_previewPending; }

    /// `{instance_url}/lightning/r/{object}/{id}/view`; empty without an instance URL or an ID.
    [[nodiscard]] static QUrl recordUrl(const QUrl &instanceUrl, const QString &object, const QString &id);
    /// The link this dialog shows for the object's ID ("Order", "Account", "Contact", "Opportunity"); empty when none.
    [[nodiscard]] QUrl linkFor(const QString &object) const;

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QLabel *linkLabel(const QString &object) const;
    [[nodiscard]] QLabel *syncStatusLabel() const { return m_statusText; }
    [[nodiscard]] QLabel *reasonLabel() const { return m_reason; }
    [[nodiscard]] QLabel *attemptsLabel() const { return m_attempts; }
    [[nodiscard]] QLabel *grandTotalLabel() const { return m_grandTotal; }
    [[nodiscard]] QLabel *previewStatusLabel() const { return m_previewStatus; }
    [[nodiscard]] QPushButton *syncButton() const { return m_syncButton; }
    [[nodiscard]] QProgressBar *syncProgress() const { return m_syncProgress; }
    [[nodiscard]] QPushButton *refreshPreviewButton() const { return m_refreshPreview; }
    [[nodiscard]] QTableView *historyView() const { return m_historyView; }
    [[nodiscard]] AttemptHistoryModel *historyModel() const { return m_history; }
    [[nodiscard]] QTreeView *previewView() const { return m_previewView; }
    [[nodiscard]] PreviewModel *previewModel() const { return m_preview; }
    [[nodiscard]] QTableWidget *linesTable() const { return m_lines; }
    /// The Information blocks: addresses, payment and shipping method, totals, comments history.
    [[nodiscard]] QLabel *billingAddressLabel() const { return m_billingAddress; }
    [[nodiscard]] QLabel *shippingAddressLabel() const { return m_shippingAddress; }
    [[nodiscard]] QLabel *paymentMethodLabel() const { return m_paymentMethod; }
    [[nodiscard]] QLabel *shippingMethodLabel() const { return m_shippingMethod; }
    [[nodiscard]] QTableWidget *totalsTable() const { return m_totals; }
    [[nodiscard]] QTableWidget *commentsTable() const { return m_comments; }

public Q_SLOTS:
    /// Reads the order, its lines and its history from the store again.
    void reload();
    /// "Save and Sync Order": asks for the sync of this order and shows progress until the answer.
    void syncOrder();
    /// Asks for a fresh preview of the next sync.
    void requestPreview();
    /// The worker's preview; ignored unless it is this order's.
    void showPreview(const OrderBridge::OrderPreview &preview);
    /// A batch's outcomes: when this order is among them, the dialog reads it again.
    void handleBatchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    /// The run ended; a sync this dialog asked for that gave no outcome ends too.
    void handleFinished(const OrderBridge::SyncRunSummary &summary);
    /// The run (or the request) failed as a whole.
    void handleFailed(const OrderBridge::Error &error);

Q_SIGNALS:
    /// "Save and Sync Order" was pressed (the page asks WorkerHost::run for it).
    void syncRequested(const QStringList &incrementIds);
    /// The Salesforce tab wants the preview (the page asks WorkerHost::previewOrder for it).
    void previewRequested(const QString &incrementId);
    /// A record link was activated and handed to the browser.
    void salesforceRecordOpened(const QUrl &url);
    /// One-line news for the status bar.
    void statusMessage(const QString &message);

private:
    QWidget *createInformationTab();
    QWidget *createSalesforceTab();
    void showOrder();
    void showLinks();
    void loadLines();
    void updateSyncControls();
    void openLink(const QString &link);
    void handleTabChanged(int index);

    std::shared_ptr<OrderBridge::Database> m_database;
    qint64 m_entityId = 0;
    std::optional<OrderBridge::OrderRecord> m_order;
    QUrl m_instanceUrl;
    std::function<bool(const QUrl &)> m_openUrl;
    bool m_syncAvailable = true;
    bool m_syncPending = false;
    bool m_previewPending = false;
    bool m_previewCurrent = false; ///< a preview arrived and nothing has changed since

    QTabWidget *m_tabs = nullptr;
    // Information
    QLabel *m_incrementId = nullptr;
    QLabel *m_purchaseDate = nullptr;
    QLabel *m_billToName = nullptr;
    QLabel *m_email = nullptr;
    QLabel *m_grandTotal = nullptr;
    QLabel *m_magentoStatus = nullptr;
    QTableWidget *m_lines = nullptr;
    QLabel *m_linesNote = nullptr;
    QLabel *m_billingAddress = nullptr;
    QLabel *m_shippingAddress = nullptr;
    QLabel *m_paymentMethod = nullptr;
    QLabel *m_shippingMethod = nullptr;
    QTableWidget *m_totals = nullptr;
    QTableWidget *m_comments = nullptr;
    // Salesforce
    QLabel *m_statusIcon = nullptr;
    QLabel *m_statusText = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_attempts = nullptr;
    QLabel *m_nextRetry = nullptr;
    QLabel *m_lastSynced = nullptr;
    QList<std::pair<QString, QLabel *>> m_links; ///< object name and its link label
    QPushButton *m_syncButton = nullptr;
    QProgressBar *m_syncProgress = nullptr;
    QLabel *m_syncNews = nullptr;
    AttemptHistoryModel *m_history = nullptr;
    QTableView *m_historyView = nullptr;
    QLabel *m_historyNote = nullptr;
    PreviewModel *m_preview = nullptr;
    QTreeView *m_previewView = nullptr;
    QLabel *m_previewIcon = nullptr;
    QLabel *m_previewStatus = nullptr;
    QPushButton *m_refreshPreview = nullptr;
};
