#pragma once

#include "common/error.h"
#include "store/syncstatus.h"
#include "store/syncstatuscounts.h"
#include "sync/consoletypes.h" // OrderPreview
#include "sync/syncengine.h"     // OrderOutcome: moc needs the complete slot argument types
#include "sync/syncrunsummary.h" // SyncRunSummary, RunResult

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <atomic>
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
class OrdersFilterPanel;
class OrdersTableModel;
class SyncHealthStrip;
class SyncStatusDelegate;

namespace OrderBridge {
class Database;
class WorkerHost;
}

/// Sales › Orders: the orders grid with search, filters and "Sync with Salesforce" on the selection.
///
/// The page asks for syncs, cancels and previews with its signals (MainWindow queues them to the
/// sync worker through WorkerHost, so the GUI never waits); the worker's runs, progress, batch
/// results and previews come back through the handle* slots, which also pass them to the order
/// dialogs open (double-click or Enter on a row).
class OrdersPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPage)
    Q_PROPERTY(QUrl instanceUrl READ instanceUrl WRITE setInstanceUrl)

public:
    explicit OrdersPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~OrdersPage() override;

    /// Sends the page's requests to the sync worker through `host` (each answered back here) and
    /// shows every run the worker reports, whoever asked for it. Syncs are not offered when another
    /// process holds the data folder.
    void connectTo(OrderBridge::WorkerHost *host);
    /// Whether anyone takes syncRequested() and cancelRequested(); false disables the sync action.
    void setSyncAvailable(bool available);
    [[nodiscard]] bool isSyncAvailable() const { return m_syncAvailable; }
    /// Whether anyone answers previewRequested(); false tells the dialogs at once.
    void setPreviewAvailable(bool available);
    [[nodiscard]] bool isPreviewAvailable() const { return m_previewAvailable; }

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
    [[nodiscard]] QAction *exportAction() const { return m_exportAction; }
    [[nodiscard]] bool isExporting() const { return m_exportWatcher->isRunning(); }
    [[nodiscard]] QLineEdit *searchField() const { return m_search; }
    [[nodiscard]] QComboBox *statusFilter() const { return m_statusFilter; }
    [[nodiscard]] QComboBox *syncStatusFilter() const { return m_syncFilter; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progress; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancel; }
    /// The sync health strip above the grid (counts per status, last and next run, Retry Errors).
    [[nodiscard]] SyncHealthStrip *healthStrip() const { return m_health; }
    /// Purchase date and grand total ranges, shown by the Filters action.
    [[nodiscard]] OrdersFilterPanel *filterPanel() const { return m_filterPanel; }
    [[nodiscard]] QAction *filtersAction() const { return m_filtersAction; }
    /// "N records found" for the current search and filters.
    [[nodiscard]] QLabel *recordsFoundLabel() const { return m_countLabel; }
    /// "No orders match …", shown with clearFiltersButton() when the search and filters match nothing.
    [[nodiscard]] QLabel *noMatchLabel() const { return m_noMatchLabel; }
    [[nodiscard]] QPushButton *clearFiltersButton() const { return m_clearFilters; }
    /// The QSettings key of the grid's header (column order, widths, hidden columns, sort).
    [[nodiscard]] static QString headerStateKey();

public Q_SLOTS:
    /// Sends the selected orders to the sync receiver.
    void syncSelection();
    /// Applies the search text, filter combos and ranges now (otherwise the search waits for typing to pause).
    void applyFilters();
    /// Clears the search, the status filters and the ranges, then shows every order.
    void clearFilters();
    /// Asks where to save the view as CSV (a non-modal file dialog), then exportViewTo().
    void exportView();
    /// Writes every order of the current search, filters and sort (not just the loaded rows) to `filePath` as CSV,
    /// owner-only, on a pool thread; exportFinished() tells the outcome. False when an export is under way.
    bool exportViewTo(const QString &filePath);
    /// A run began (the page's own or any other, e.g. the automatic sync).
    void handleRunStarted();
    void handleProgress(int done, int total);
    void handleBatchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    /// A run ended: handleFinished() or handleFailed().
    void handleRunFinished(const OrderBridge::RunResult &result);
    void handleFinished(const OrderBridge::SyncRunSummary &summary);
    void handleFailed(const OrderBridge::Error &error);
    /// The page's sync request was not started (another run is under way): the dialogs waiting
    /// for it are told; the run under way ends as usual.
    void handleSyncRefused(const OrderBridge::Error &error);
    /// The answer to previewRequested(): shown in the dialog of that order.
    void handleOrderPreviewed(const OrderBridge::OrderPreview &preview);
    /// Counts the orders per sync status again, off the GUI thread (an index scan: about 0.5 s at a
    /// million orders on a loaded machine); the health strip and countsChanged() follow when it is read.
    void refreshCounts();
    /// Shows only the orders at this sync status (a count of the health strip was clicked).
    void showSyncStatus(OrderBridge::SyncStatus status);

Q_SIGNALS:
    /// The operator asked to sync these orders (the page shows the run from now on).
    void syncRequested(const QStringList &incrementIds);
    /// The operator asked to stop the run after the batch in flight.
    void cancelRequested();
    /// An order dialog asked for the preview of this order's next sync (answer: handleOrderPreviewed()).
    void previewRequested(const QString &incrementId);
    /// A Salesforce link was activated; the page has asked the system browser to open it.
    void salesforceOrderOpened(const QUrl &url);
    /// One-line news for the status bar.
    void statusMessage(const QString &message);
    /// An export of exportViewTo() ended: the orders written, or the error.
    void exportFinished(const OrderBridge::Result<qint64> &written);
    /// The orders per sync status changed (read again after a batch or a run).
    void countsChanged(const OrderBridge::SyncStatusCounts &counts);

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
    /// Asks for the sync of the orders and shows the progress strip; false when it cannot.
    bool startSync(const QStringList &incrementIds);
    void openOrderAt(const QModelIndex &index);
    void openCurrentOrder();
    void requestPreview(OrderDialog *dialog, const QString &incrementId);
    void requestDialogSync(const QStringList &incrementIds);
    void updateDialogs();
    void retryErrors(OrderBridge::WorkerHost *host);
    void handleCountsRead();
    void createSummaryStrip();
    /// Shows how many orders the filters match, and the no-match message when none do.
    void updateRecordCount();
    /// The search and filters in force, in words ("the search "alice", Status: Complete"); empty for none.
    [[nodiscard]] QString describeFilter() const;
    void showHeaderMenu(const QPoint &position);
    void saveHeaderState() const;
    void handleExportWritten();

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
    SyncHealthStrip *m_health = nullptr;
    OrdersFilterPanel *m_filterPanel = nullptr;
    QAction *m_filtersAction = nullptr;
    QWidget *m_summaryStrip = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_noMatchLabel = nullptr;
    QPushButton *m_clearFilters = nullptr;
    QTimer *m_headerSaveTimer = nullptr;
    QAction *m_exportAction = nullptr;
    QFutureWatcher<OrderBridge::Result<qint64>> *m_exportWatcher = nullptr;
    QString m_exportPath;
    std::shared_ptr<std::atomic_bool> m_exportCancelled;
    QFutureWatcher<OrderBridge::Result<OrderBridge::SyncStatusCounts>> *m_countsWatcher = nullptr;
    bool m_countsAgain = false; ///< asked again while a count was under way
    QWidget *m_progressStrip = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    bool m_syncAvailable = false;
    bool m_previewAvailable = false;
    QUrl m_instanceUrl;
    std::function<bool(const QUrl &)> m_openUrl;
    QSet<qint64> m_pendingRefresh;
    // QPointer<QWidget>, not QPointer<OrderDialog>: a dialog being destroyed is only a QWidget by
    // then, and orderDialog() must not downcast it (qobject_cast leaves it out).
    QHash<qint64, QPointer<QWidget>> m_dialogs;
    bool m_running = false;
};
