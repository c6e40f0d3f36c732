#pragma once

#include "common/error.h"
#include "salesforce/apiusage.h"
#include "sync/consoletypes.h"
#include "sync/syncrunsummary.h" // moc needs the complete slot argument types

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QMenu;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QTimer;
class ConnectionPage;
class FieldsMappingPage;
class LogPage;
class OrdersConfigPage;
class OrdersPage;

namespace OrderBridge {
class Database;
class PollScheduler;
class WorkerHost;
struct SyncStatusCounts;
}
class FirstRunPanel;
class RunNotifier;

/// The console's main window: a navigation like the Magento admin's (Sales › Orders, Salesforce ›
/// Orders / Fields Mapping / Connection, Log) beside a stack of pages, the application menus, and a
/// status bar with the connection state, the worker's activity and today's Salesforce API usage.
/// Geometry, layout and the last page are restored from QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { SalesOrdersPage, SalesforceOrdersPage, FieldsMappingPage, ConnectionPage, LogPage, PageCount };
    Q_ENUM(Page)

    /// Without a store: the pages show no data (used before a profile is opened, and in tests).
    explicit MainWindow(QWidget *parent = nullptr);
    /// With the store and, optionally, the host of the sync worker (started, or started later).
    /// When another process holds the data folder (the host's readOnlyReason()), a banner says so
    /// and nothing is synced.
    explicit MainWindow(std::shared_ptr<OrderBridge::Database> database, OrderBridge::WorkerHost *host = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] QAction *quitAction() const { return m_quitAction; }
    [[nodiscard]] QAction *aboutAction() const { return m_aboutAction; }
    /// Reads Magento's new and changed orders now and syncs what is due (the on-demand sync).
    [[nodiscard]] QAction *syncNowAction() const { return m_syncNowAction; }
    /// Polls every polling interval while Automated Synchronization is Yes.
    [[nodiscard]] QTimer *pollTimer() const;
    /// Says that another process holds the data folder (hidden otherwise).
    [[nodiscard]] QLabel *readOnlyBanner() const { return m_readOnlyBanner; }
    /// Shown when the keyring holding the connection's secrets is locked, with "Unlock and retry".
    [[nodiscard]] QWidget *keyringBanner() const { return m_keyringBanner; }
    /// Shown while the worker reports no store and org set up: what to do first, "Try the Demo".
    [[nodiscard]] FirstRunPanel *firstRunPanel() const { return m_firstRunPanel; }
    [[nodiscard]] QPushButton *unlockAndRetryButton() const { return m_unlockAndRetry; }
    [[nodiscard]] OrdersPage *ordersPage() const { return m_ordersPage; }
    /// The pages that edit the store; nullptr when the window has no store.
    [[nodiscard]] OrdersConfigPage *ordersConfigPage() const { return m_ordersConfigPage; }
    [[nodiscard]] ::FieldsMappingPage *fieldsMappingPage() const { return m_fieldsMappingPage; }
    [[nodiscard]] ::ConnectionPage *connectionPage() const { return m_connectionPage; }
    [[nodiscard]] ::LogPage *logPage() const { return m_logPage; }
    [[nodiscard]] QTreeWidget *navigation() const { return m_navigation; }
    [[nodiscard]] QStackedWidget *pages() const { return m_pages; }
    [[nodiscard]] Page currentPage() const;
    void setCurrentPage(Page page);

    /// Demo mode only: docks the Demo Store panel (place, invoice, comment on and ship sandbox
    /// orders) on the right, with a View menu entry to show or hide it.
    void addDemoStorePanel(QWidget *panel);
    [[nodiscard]] QDockWidget *demoStoreDock() const { return m_demoStoreDock; }
    /// The panel given to addDemoStorePanel() (inside the dock's scroll area), or nullptr.
    [[nodiscard]] QWidget *demoStorePanel() const;

    [[nodiscard]] QLabel *connectionLabel() const { return m_connectionLabel; }
    [[nodiscard]] QLabel *activityLabel() const { return m_activityLabel; }
    [[nodiscard]] QLabel *apiUsageLabel() const { return m_apiUsageLabel; }
    /// Tells of runs that ended with errors (tray notification, or notificationBanner() without a tray).
    [[nodiscard]] RunNotifier *runNotifier() const { return m_notifier; }
    [[nodiscard]] QLabel *notificationBanner() const { return m_notificationBanner; }

Q_SIGNALS:
    /// "Try the Demo" on the first-run panel: main() starts the demo console (its own data folder) beside this one.
    void demoRequested();

public Q_SLOTS:
    /// Asks the worker for the org's live describe and Order Status values (for the mapping editor
    /// and Default Status); without a connection the pages keep the built-in field list.
    void loadOrgSchema();
    /// Asks the worker to read Magento's changes and sync them; during a run, once it has ended.
    void syncNow();
    /// Sync › Backfill from Date…: the BackfillDialog, its preview and the backfill run.
    void backfillFromDate();
    void handleOrgSchema(const OrderBridge::OrgSchema &schema);
    void handleApiUsage(const OrderBridge::ApiUsage &usage);
    void handleRunStarted();
    void handleProgress(int done, int total);
    void handleRunFinished(const OrderBridge::RunResult &result);
    void handleFinished(const OrderBridge::SyncRunSummary &summary);
    void handleFailed(const OrderBridge::Error &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createPages();
    void createStatusBar();
    void connectWorker();
    void connectPages();
    void showReadOnly(const OrderBridge::Error &reason);
    /// The keyring banner for a locked keyring; other problems only on the status bar.
    void handleConfigProblem(const OrderBridge::Error &error);
    void createKeyringBanner();
    void requestPoll();
    void restoreLayout();
    void saveLayout() const;
    void showAbout();
    void updateSyncNow();
    void handleNavigation(QTreeWidgetItem *current, QTreeWidgetItem *previous);
    /// The count badge of Sales › Orders: the orders in error.
    void updateBadge(const OrderBridge::SyncStatusCounts &counts);
    /// The health strip's "next run" from the poll timer.
    void updateNextRun();
    [[nodiscard]] bool notificationsWanted() const;
    /// Salesforce › Orders, Fields Mapping and Connection when they hold edits not saved yet.
    [[nodiscard]] QList<Page> pagesWithUnsavedEdits() const;

    std::shared_ptr<OrderBridge::Database> m_database;
    OrderBridge::WorkerHost *m_host = nullptr;
    OrderBridge::PollScheduler *m_scheduler = nullptr;
    QLabel *m_readOnlyBanner = nullptr;
    QLabel *m_notificationBanner = nullptr;
    RunNotifier *m_notifier = nullptr;
    QWidget *m_keyringBanner = nullptr;
    FirstRunPanel *m_firstRunPanel = nullptr;
    /// False once the worker said no store and org are set up (Sync Now waits for them); true until then.
    bool m_setUp = true;
    /// "Quit Without Saving" was chosen: the next close goes through.
    bool m_discardConfirmed = false;
    QLabel *m_keyringText = nullptr;
    QPushButton *m_unlockAndRetry = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_syncNowAction = nullptr;
    QAction *m_backfillAction = nullptr;
    QDockWidget *m_demoStoreDock = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    OrdersPage *m_ordersPage = nullptr;
    OrdersConfigPage *m_ordersConfigPage = nullptr;
    ::FieldsMappingPage *m_fieldsMappingPage = nullptr;
    ::ConnectionPage *m_connectionPage = nullptr;
    ::LogPage *m_logPage = nullptr;
    QList<QTreeWidgetItem *> m_pageItems;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_activityLabel = nullptr;
    QLabel *m_apiUsageLabel = nullptr;
    bool m_haveOrgSchema = false;
};
