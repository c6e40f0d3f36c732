#pragma once

#include "common/error.h"
#include "store/syncstatus.h"
#include "sync/consoletypes.h" // OrderPreview
#include "sync/syncworker.h"   // OrderOutcome, SyncRunSummary: moc needs the complete slot argument types

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
class QToolBar;
class OrderDialog;
class OrdersTableModel;
class SyncStatusDelegate;

namespace OrderBridge {
class Database;
}

/// Sales › Orders: the orders grid with search, filters and "Sync with Salesforce" on the selection.
///
/// The sync request goes to the sync receiver (the SyncWorker in its thread, or anything with the
/// slots `syncOrders(QStringList)`, `cancel()` and `previewOrder(QString)`) as a queued call, so
/// the GUI never waits; the worker's progress, batch results and previews come back through the
/// handle* slots, which also pass them to the order dialogs open (double-click or Enter on a row).
class OrdersPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)
    Q_PROPERTY(QUrl instanceUrl READ instanceUrl WRITE setInstanceUrl)

public:
    explicit OrdersPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~OrdersPage() override;

    /// Where syncOrders()/cancel() are invoked (queued); nullptr disables the sync action.
    void setSyncReceiver(QObject *receiver);
    [[nodiscard]] QObject *syncReceiver() const { return m_receiver; }

    /// The Salesforce org's instance URL (https://example.my.salesforce.com) the ID links open in.
    [[nodiscard]] QUrl instanceUrl() const { return m_instanceUrl; }
    void setInstanceUrl(const QUrl &url);
    /// `{instance_url}/lightning/r/Order/{id}/view`; empty without an instance URL.
    [[nodiscard]] QUrl salesforceOrderUrl(const QString &salesforceOrderId) const;

    /// How links are opened; QDesktopServices::openUrl (the system browser) unless replaced.
    void setUrlOpener(std::function<bool(const QUrl &)> opener);

    [[nodiscard]] QStringList selectedIncrementIds() const;
    /// The order dialog of this order (Magento entity_id), opened or raised; nullptr when the store has no such order.
    OrderDialog *openOrder(qint64 entityId);
    /// The open dialog of this order, or nullptr.
    [[nodiscard]] OrderDialog *orderDialog(qint64 entityId) const;
    [[nodiscard]] QList<OrderDialog *> orderDialogs() const;
    [[nodiscard]] bool isSyncRunning() const { return m_running; }

    [[nodiscard]] OrdersTableModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] SyncStatusDelegate *delegate() const { return m_delegate; }
    [[nodiscard]] QAction *syncAction() const { return m_syncAction; }
    [[nodiscard]] QAction *openInSalesforceAction() const { return m_openAction; }
    [[nodiscard]] QAction *refreshAction() const { return m_refreshAction; }
    [[nodiscard]] QAction *openOrderAction() const { return m_openOrderAction; }
    [[nodiscard]] QLineEdit *searchField() const { return m_search; }
    [[nodiscard]] QComboBox *statusFilter() const { return m_statusFilter; }
    [[nodiscard]] QComboBox *syncStatusFilter() const { return m_syncFilter; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancel; }

public Q_SLOTS:
    /// Sends the selected orders to the sync receiver.
    void syncSelection();
    /// Applies the search text and filter combos now (otherwise the search waits for typing to pause).
    void applyFilters();
    void handleProgress(int done, int total);
    void handleBatchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    void handleFinished(const OrderBridge::SyncRunSummary &summary);
    void handleFailed(const OrderBridge::Error &error);
    /// The worker's answer to previewOrder(): shown in the dialog of that order.
    void handleOrderPreviewed(const OrderBridge::OrderPreview &preview);

Q_SIGNALS:
    /// The operator asked to sync these orders (emitted before the receiver is invoked).
    void syncRequested(const QStringList &incrementIds);
    /// An order dialog asked for the preview of this order's next sync (emitted before the receiver's
    /// previewOrder() is invoked).
    void previewRequested(const QString &incrementId);
    /// A Salesforce link was activated; the page has asked the system browser to open it.
    void salesforceOrderOpened(const QUrl &url);
    /// One-line news for the status bar.
    void statusMessage(const QString &message);

private:
    void createToolBar();
    void createView();
    void createProgressStrip();
    void updateActions();
    void openSalesforceOrder(const QString &salesforceOrderId);
    void openCurrentInSalesforce();
    void flushRefresh();
    /// Shows orders new to the store (model reset) keeping the selected orders and the scroll position.
    void reloadKeepingSelection();
    void cancelSync();
    void showContextMenu(const QPoint &position);
    /// Sends the orders to the receiver and shows the progress strip; false when it cannot.
    bool startSync(const QStringList &incrementIds);
    void openOrderAt(const QModelIndex &index);
    void openCurrentOrder();
    void requestPreview(OrderDialog *dialog, const QString &incrementId);
    void requestDialogSync(const QStringList &incrementIds);
    void updateDialogs();

    std::shared_ptr<OrderBridge::Database> m_database;
    OrdersTableModel *m_model = nullptr;
    SyncStatusDelegate *m_delegate = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_syncFilter = nullptr;
    QTableView *m_view = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_openOrderAction = nullptr;
    QWidget *m_progressStrip = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QPointer<QObject> m_receiver;
    QUrl m_instanceUrl;
    std::function<bool(const QUrl &)> m_openUrl;
    QSet<qint64> m_pendingRefresh;
    // QPointer<QWidget>, not QPointer<OrderDialog>: a dialog being destroyed is only a QWidget by
    // then, and orderDialog() must not downcast it (qobject_cast leaves it out).
    QHash<qint64, QPointer<QWidget>> m_dialogs;
    bool m_running = false;
};
