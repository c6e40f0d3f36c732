#include "mainwindow.h"
#include "common/firstrunpanel.h"

#include "settings/connectionpage.h"
#include "mapping/fieldsmappingpage.h"
#include "log/logpage.h"
#include "settings/ordersconfigpage.h"
#include "orders/backfilldialog.h"
#include "orders/orderspage.h"
#include "common/placeholderpage.h"
#include "common/navigationbadgedelegate.h"
#include "common/runnotifier.h"
#include "orders/synchealthstrip.h"
#include "store/syncstatuscounts.h"

#include "common/error.h"
#include "salesforce/apiusage.h"
#include "store/settingsrepository.h"
#include "sync/pollscheduler.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QAction>
#include <algorithm>
#include <limits>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QHBoxLayout>
#include <QPushButton>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString geometryKey = u"MainWindow/geometry"_s;
const QString stateKey = u"MainWindow/state"_s;
const QString splitterKey = u"MainWindow/splitter"_s;
const QString pageKey = u"MainWindow/page"_s;
constexpr int pageRole = Qt::UserRole;
}

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(nullptr, nullptr, parent)
{
}

MainWindow::MainWindow(std::shared_ptr<OrderBridge::Database> database, OrderBridge::WorkerHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_database(std::move(database))
    , m_host(host)
    , m_scheduler(new OrderBridge::PollScheduler(m_database, OrderBridge::PollScheduler::Mode::WhileAutomated, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("OrderBridge"));
    // An SVG icon stays sharp at every device pixel ratio.
    setWindowIcon(QIcon(u":/icons/orderbridge.svg"_s));
    connect(m_scheduler, &OrderBridge::PollScheduler::pollDue, this, &MainWindow::requestPoll);
    createMenus();
    createPages();
    createStatusBar();
    connectWorker();
    connectPages();
    loadOrgSchema();
    if (m_host && m_host->readOnlyReason())
        showReadOnly(*m_host->readOnlyReason());
    else if (m_host && m_database)
        m_scheduler->reschedule();
    else
        m_scheduler->stop(); // nothing to poll with
    updateNextRun();
    resize(1100, 700);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"menuFile"_s);
    m_quitAction = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    m_quitAction->setObjectName(u"actionQuit"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_quitAction->setStatusTip(tr("Close OrderBridge"));
    // Closing the last window ends the application.
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *syncMenu = menuBar()->addMenu(tr("&Sync"));
    syncMenu->setObjectName(u"menuSync"_s);
    m_syncNowAction = syncMenu->addAction(QIcon(u":/icons/sync-pending.svg"_s), tr("Sync &Now"));
    m_syncNowAction->setObjectName(u"actionSyncNow"_s);
    m_syncNowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_syncNowAction->setStatusTip(tr("Read new and changed orders from Magento now and sync them to Salesforce"));
    m_syncNowAction->setToolTip(tr("Sync Now: read new and changed orders from Magento and sync them (Ctrl+R)"));
    m_syncNowAction->setEnabled(m_host != nullptr);
    connect(m_syncNowAction, &QAction::triggered, this, &MainWindow::syncNow);
    QToolBar *toolBar = addToolBar(tr("Sync"));
    toolBar->setObjectName(u"syncToolBar"_s);
    toolBar->setAccessibleName(tr("Sync toolbar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_syncNowAction);
    m_backfillAction = syncMenu->addAction(tr("&Backfill from Date…"));
    m_backfillAction->setObjectName(u"actionBackfill"_s);
    m_backfillAction->setStatusTip(tr("Bring in the orders created since a date, with a preview of how many and "
                                      "about how many Salesforce API calls it takes"));
    m_backfillAction->setEnabled(m_host != nullptr);
    connect(m_backfillAction, &QAction::triggered, this, &MainWindow::backfillFromDate);
    toolBar->addAction(m_backfillAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(u"menuView"_s);
    // Filled by the panels that exist in this session (the Demo Store in demo mode).
    m_viewMenu->menuAction()->setVisible(false);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"menuHelp"_s);
    m_aboutAction = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About OrderBridge"));
    m_aboutAction->setObjectName(u"actionAbout"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createPages()
{
    m_navigation = new QTreeWidget(this);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(false);
    m_navigation->setItemsExpandable(false);
    m_navigation->setUniformRowHeights(true);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setItemDelegate(new NavigationBadgeDelegate(m_navigation));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(u"pages"_s);
    m_pages->setAccessibleName(tr("Pages"));

    m_ordersPage = new OrdersPage(m_database, m_pages);
    connect(m_ordersPage, &OrdersPage::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });

    // Section headings group the pages as the Magento admin menu does; only pages are selectable.
    auto addSection = [this](const QString &title, const QString &name) {
        auto *item = new QTreeWidgetItem(m_navigation, {title});
        item->setFlags(Qt::ItemIsEnabled);
        item->setData(0, Qt::AccessibleTextRole, title);
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setData(0, pageRole, QVariant());
        item->setData(0, Qt::UserRole + 1, name);
        return item;
    };
    auto addPage = [this](QTreeWidgetItem *section, Page page, const QString &title, const QString &accessible,
                          QWidget *widget) {
        auto *item = section ? new QTreeWidgetItem(section, {title}) : new QTreeWidgetItem(m_navigation, {title});
        item->setData(0, pageRole, int(page));
        item->setData(0, Qt::AccessibleTextRole, accessible);
        item->setToolTip(0, accessible);
        widget->setAccessibleName(accessible);
        m_pages->insertWidget(int(page), widget);
        m_pageItems.insert(int(page), item);
    };

    QTreeWidgetItem *sales = addSection(tr("Sales"), u"sales"_s);
    addPage(sales, SalesOrdersPage, tr("Orders"), tr("Sales › Orders"), m_ordersPage);
    QTreeWidgetItem *salesforce = addSection(tr("Salesforce"), u"salesforce"_s);
    auto forwardStatus = [this](const QString &message) { statusBar()->showMessage(message, 10000); };
    // The configuration pages edit the store; without one there is nothing to edit.
    QWidget *orderConfiguration = nullptr;
    QWidget *fieldsMapping = nullptr;
    QWidget *connection = nullptr;
    QWidget *log = nullptr;
    if (m_database) {
        m_ordersConfigPage = new OrdersConfigPage(m_database, m_pages);
        connect(m_ordersConfigPage, &OrdersConfigPage::statusMessage, this, forwardStatus);
        orderConfiguration = m_ordersConfigPage;
        m_fieldsMappingPage = new ::FieldsMappingPage(m_database, m_pages);
        // A store that cannot be read shows its error on the page itself.
        (void)m_fieldsMappingPage->load();
        connect(m_fieldsMappingPage, &::FieldsMappingPage::statusMessage, this, forwardStatus);
        fieldsMapping = m_fieldsMappingPage;
        m_connectionPage = new ::ConnectionPage(m_database, m_pages);
        connect(m_connectionPage, &::ConnectionPage::statusMessage, this, forwardStatus);
        connection = m_connectionPage;
        m_logPage = new ::LogPage(m_database, m_pages);
        connect(m_logPage, &::LogPage::statusMessage, this, forwardStatus);
        // Enter on a log entry shows its order in the grid.
        connect(m_logPage, &::LogPage::orderActivated, this, [this](const QString &incrementId) {
            setCurrentPage(SalesOrdersPage);
            m_ordersPage->searchField()->setText(incrementId);
            m_ordersPage->applyFilters();
        });
        log = m_logPage;
    } else {
        orderConfiguration = new PlaceholderPage(tr("Salesforce › Orders"), m_pages);
        fieldsMapping = new PlaceholderPage(tr("Salesforce › Fields Mapping"), m_pages);
        connection = new PlaceholderPage(tr("Salesforce › Connection"), m_pages);
        log = new PlaceholderPage(tr("Log"), m_pages);
    }
    orderConfiguration->setObjectName(u"salesforceOrdersPage"_s);
    addPage(salesforce, SalesforceOrdersPage, tr("Orders"), tr("Salesforce › Orders"), orderConfiguration);
    fieldsMapping->setObjectName(u"fieldsMappingPage"_s);
    addPage(salesforce, FieldsMappingPage, tr("Fields Mapping"), tr("Salesforce › Fields Mapping"), fieldsMapping);
    connection->setObjectName(u"connectionPage"_s);
    addPage(salesforce, ConnectionPage, tr("Connection"), tr("Salesforce › Connection"), connection);
    log->setObjectName(u"logPage"_s);
    addPage(nullptr, LogPage, tr("Log"), tr("Log"), log);
    m_navigation->expandAll();
    // The splitter may not squeeze the page names: the navigation keeps the width of its longest entry.
    int widest = 0;
    for (QTreeWidgetItemIterator it(m_navigation); *it; ++it) {
        const int depth = (*it)->parent() ? 1 : 0;
        widest = std::max(widest, depth * m_navigation->indentation()
                                      + QFontMetrics((*it)->font(0)).horizontalAdvance((*it)->text(0)));
    }
    m_navigation->setMinimumWidth(widest + 2 * m_navigation->frameWidth() + m_navigation->fontMetrics().horizontalAdvance(u'M'));

    connect(m_navigation, &QTreeWidget::currentItemChanged, this, &MainWindow::handleNavigation);
    m_navigation->setCurrentItem(m_pageItems.at(SalesOrdersPage));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_navigation);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({200, 900});
    // Above the pages, shown only when another process holds the data folder.
    m_readOnlyBanner = new QLabel(this);
    m_readOnlyBanner->setObjectName(u"readOnlyBanner"_s);
    m_readOnlyBanner->setAccessibleName(tr("Read-only"));
    m_readOnlyBanner->setWordWrap(true);
    m_readOnlyBanner->setMargin(8);
    m_readOnlyBanner->setAutoFillBackground(true);
    m_readOnlyBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_readOnlyBanner->setForegroundRole(QPalette::ToolTipText);
    m_readOnlyBanner->hide();
    // Without a system tray, a run that ended with errors says so here until the next run.
    m_notificationBanner = new QLabel(this);
    m_notificationBanner->setObjectName(u"notificationBanner"_s);
    m_notificationBanner->setAccessibleName(tr("Notification"));
    m_notificationBanner->setWordWrap(true);
    m_notificationBanner->setMargin(8);
    m_notificationBanner->setAutoFillBackground(true);
    m_notificationBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_notificationBanner->setForegroundRole(QPalette::ToolTipText);
    m_notificationBanner->hide();
    m_notifier = new RunNotifier(m_notificationBanner, [this] { return notificationsWanted(); }, this);
    connect(m_ordersPage, &OrdersPage::countsChanged, this, &MainWindow::updateBadge);
    updateBadge(m_ordersPage->healthStrip()->counts());
    createKeyringBanner();
    m_firstRunPanel = new FirstRunPanel(this);
    m_firstRunPanel->hide();
    connect(m_firstRunPanel, &FirstRunPanel::setUpRequested, this, [this] { setCurrentPage(ConnectionPage); });
    connect(m_firstRunPanel, &FirstRunPanel::demoRequested, this, &MainWindow::demoRequested);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_readOnlyBanner);
    layout->addWidget(m_notificationBanner);
    layout->addWidget(m_keyringBanner);
    layout->addWidget(m_firstRunPanel);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    setTabOrder(m_navigation, m_pages);
}

void MainWindow::addDemoStorePanel(QWidget *panel)
{
    if (m_demoStoreDock || !panel)
        return;
    m_demoStoreDock = new QDockWidget(tr("Demo Store"), this);
    m_demoStoreDock->setObjectName(u"demoStoreDock"_s);
    m_demoStoreDock->setAccessibleName(tr("Demo Store"));
    m_demoStoreDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea | Qt::BottomDockWidgetArea);
    // Scrollable, so the panel's product table never makes the window wider than the screen.
    auto *scroll = new QScrollArea(m_demoStoreDock);
    scroll->setObjectName(u"demoStoreScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(panel);
    m_demoStoreDock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, m_demoStoreDock);
    QAction *toggle = m_demoStoreDock->toggleViewAction();
    toggle->setObjectName(u"actionShowDemoStore"_s);
    toggle->setText(tr("&Demo Store"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_viewMenu->addAction(toggle);
    m_viewMenu->menuAction()->setVisible(true);

    // Room for the grid and the panel side by side, within the screen.
    if (!isMaximized() && !isFullScreen()) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 900);
        const int wantedWidth = std::min(available.width(), width() + panel->sizeHint().width());
        const int wantedHeight = std::min(available.height(), std::max(height(), 760));
        if (width() < wantedWidth || height() < wantedHeight)
            resize(std::max(width(), wantedWidth), std::max(height(), wantedHeight));
    }
    // The dock's place was saved with the layout of an earlier demo session.
    restoreState(QSettings().value(stateKey).toByteArray());
}

QWidget *MainWindow::demoStorePanel() const
{
    const auto *scroll = m_demoStoreDock ? qobject_cast<QScrollArea *>(m_demoStoreDock->widget()) : nullptr;
    return scroll ? scroll->widget() : nullptr;
}

void MainWindow::handleNavigation(QTreeWidgetItem *current, QTreeWidgetItem *previous)
{
    if (!current)
        return;
    const QVariant page = current->data(0, pageRole);
    if (!page.isValid()) {
        // A section heading is not a page: keep moving the way the arrow keys went, so Up from a
        // section's first page reaches the page above the heading and Down lands on its first page.
        const bool movingUp = previous && m_navigation->visualItemRect(previous).top() > m_navigation->visualItemRect(current).top();
        QTreeWidgetItem *target = movingUp ? m_navigation->itemAbove(current) : nullptr;
        if (!target || !target->data(0, pageRole).isValid())
            target = current->childCount() > 0 ? current->child(0) : previous;
        if (target)
            m_navigation->setCurrentItem(target);
        return;
    }
    m_pages->setCurrentIndex(page.toInt());
    // The mapping editor and Default Status want the org's own fields and statuses: ask again if
    // they are not known yet (the connection may have been set up since).
    const int index = page.toInt();
    if (!m_haveOrgSchema && (index == FieldsMappingPage || index == SalesforceOrdersPage))
        loadOrgSchema();
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::setCurrentPage(Page page)
{
    if (page < 0 || page >= PageCount)
        return;
    m_navigation->setCurrentItem(m_pageItems.at(page));
}

void MainWindow::createStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionStatus"_s);
    m_connectionLabel->setAccessibleName(tr("Connection state"));
    m_activityLabel = new QLabel(this);
    m_activityLabel->setObjectName(u"workerActivity"_s);
    m_activityLabel->setAccessibleName(tr("Sync activity"));
    m_apiUsageLabel = new QLabel(this);
    m_apiUsageLabel->setObjectName(u"apiUsage"_s);
    m_apiUsageLabel->setAccessibleName(tr("Salesforce API usage today"));
    m_apiUsageLabel->setToolTip(tr("Salesforce API requests used in the last 24 hours, from the Sforce-Limit-Info header"));
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_activityLabel);
    statusBar()->addPermanentWidget(m_apiUsageLabel);

    m_connectionLabel->setText(m_host ? tr("Not connected yet") : tr("No sync engine"));
    m_activityLabel->setText(tr("Idle"));
    handleApiUsage(OrderBridge::ApiUsage{});
}

void MainWindow::connectWorker()
{
    if (!m_host)
        return;
    // Notifications of the worker, whoever asked for the run; queued: it lives on its own thread.
    using OrderBridge::SyncWorker;
    SyncWorker *worker = m_host->worker();
    connect(worker, &SyncWorker::apiUsageChanged, this, &MainWindow::handleApiUsage, Qt::QueuedConnection);
    connect(worker, &SyncWorker::runStarted, this, &MainWindow::handleRunStarted, Qt::QueuedConnection);
    connect(worker, &SyncWorker::progress, this, &MainWindow::handleProgress, Qt::QueuedConnection);
    connect(worker, &SyncWorker::runFinished, this, &MainWindow::handleRunFinished, Qt::QueuedConnection);
    connect(worker, &SyncWorker::signedIn, this, [this] {
        m_connectionLabel->setText(tr("Connected to Salesforce"));
    }, Qt::QueuedConnection);
    connect(m_host, &OrderBridge::WorkerHost::configProblem, this, &MainWindow::handleConfigProblem);
    connect(m_host, &OrderBridge::WorkerHost::configured, this, [this] {
        m_keyringBanner->hide();
        m_unlockAndRetry->setEnabled(true);
    });
    connect(worker, &SyncWorker::configurationChanged, this, [this](bool configured) {
        m_setUp = configured;
        m_connectionLabel->setText(configured ? tr("Not connected yet") : tr("Not set up"));
        m_connectionLabel->setToolTip(configured ? QString()
                                                 : tr("Open Salesforce › Connection to set up the Magento store and the "
                                                      "Salesforce org."));
        m_firstRunPanel->setVisible(!configured);
        updateSyncNow();
        if (configured)
            loadOrgSchema(); // the org's own fields and statuses, now that there is an org
    }, Qt::QueuedConnection);
    if (m_logPage) {
        // The log shows what each batch wrote or refused.
        connect(worker, &SyncWorker::batchFinished, m_logPage, &::LogPage::refresh, Qt::QueuedConnection);
        connect(worker, &SyncWorker::runFinished, m_logPage, &::LogPage::refresh, Qt::QueuedConnection);
    }
}

void MainWindow::connectPages()
{
    if (!m_host)
        return;
    // Each request of a page goes to the worker through the host; its one answer comes back to the page.
    m_ordersPage->connectTo(m_host);
    if (!m_database)
        return;
    m_ordersConfigPage->connectTo(m_host);
    // Automated Synchronization or the polling interval may have changed.
    connect(m_ordersConfigPage, &OrdersConfigPage::saved, m_scheduler, &OrderBridge::PollScheduler::reschedule);
    connect(m_ordersConfigPage, &OrdersConfigPage::saved, this, &MainWindow::updateNextRun);
    m_fieldsMappingPage->connectTo(m_host);
    ::ConnectionPage *connection = m_connectionPage;
    connect(connection, &::ConnectionPage::testRequested, this, [this, connection] {
        m_host->testConnection(connection, [this, connection](const QList<OrderBridge::ConnectionCheck> &checks) {
            connection->showChecks(checks);
            const bool ok = std::all_of(checks.cbegin(), checks.cend(),
                                        [](const OrderBridge::ConnectionCheck &check) { return check.ok; });
            m_connectionLabel->setText(ok ? tr("Connection tested: all checks passed")
                                          : tr("Connection tested: some checks failed"));
        });
    });
    // Prepare Salesforce…: the comparison and the setup run on the worker; the page gets the one answer.
    connect(connection, &::ConnectionPage::prepareRequested, this, [this, connection](bool dryRun) {
        m_host->setupSalesforce(dryRun, connection, [connection](const OrderBridge::Result<OrderBridge::OrgSetupReport> &report) {
            if (report)
                connection->showSetupReport(*report);
            else
                connection->handleFailed(report.error());
        });
    });
}

void MainWindow::createKeyringBanner()
{
    m_keyringBanner = new QWidget(this);
    m_keyringBanner->setObjectName(u"keyringBanner"_s);
    m_keyringBanner->setAutoFillBackground(true);
    m_keyringBanner->setBackgroundRole(QPalette::ToolTipBase);
    m_keyringText = new QLabel(m_keyringBanner);
    m_keyringText->setObjectName(u"keyringBannerText"_s);
    m_keyringText->setWordWrap(true);
    m_keyringText->setForegroundRole(QPalette::ToolTipText);
    m_unlockAndRetry = new QPushButton(tr("Unlock and Retry"), m_keyringBanner);
    m_unlockAndRetry->setObjectName(u"unlockAndRetry"_s);
    m_unlockAndRetry->setToolTip(tr("Reads the connection's secrets again; the system asks for the keyring password."));
    auto *row = new QHBoxLayout(m_keyringBanner);
    row->setContentsMargins(8, 8, 8, 8);
    row->addWidget(m_keyringText, 1);
    row->addWidget(m_unlockAndRetry);
    m_keyringBanner->hide();
    connect(m_unlockAndRetry, &QPushButton::clicked, this, [this] {
        if (!m_host)
            return;
        m_unlockAndRetry->setEnabled(false);
        m_keyringText->setText(tr("Reading the connection's secrets again…"));
        m_host->reload();
    });
}

void MainWindow::handleConfigProblem(const OrderBridge::Error &error)
{
    m_unlockAndRetry->setEnabled(true);
    if (error.code != u"credentials.locked"_s) {
        m_keyringBanner->hide();
        return;
    }
    // Not "no connection": the connection is there, its secrets are behind a locked keyring.
    m_keyringText->setText(tr("The keyring is locked, so OrderBridge cannot read the connection's secrets and does "
                              "not sync. Unlock it (usually with your login password) and choose Unlock and Retry."));
    m_connectionLabel->setText(tr("Keyring locked"));
    m_keyringBanner->show();
}

void MainWindow::showReadOnly(const OrderBridge::Error &reason)
{
    m_scheduler->stop();
    m_readOnlyBanner->setText(tr("Read-only: %1 This window shows the data but does not sync or save changes.")
                                  .arg(reason.toString()));
    m_readOnlyBanner->show();
    updateSyncNow();
}

void MainWindow::syncNow()
{
    if (!m_host || m_host->readOnlyReason())
        return;
    m_scheduler->pollNow();
    updateSyncNow();
}

void MainWindow::backfillFromDate()
{
    if (!m_host || m_host->readOnlyReason())
        return;
    QDate since = QDate::currentDate().addDays(-30);
    if (m_database) {
        if (auto settings = OrderBridge::SettingsRepository(m_database).load(); settings && settings->syncSince().isValid())
            since = settings->syncSince().date();
    }
    auto *dialog = new BackfillDialog(since, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BackfillDialog::previewRequested, this, [this, dialog](const QDateTime &from) {
        m_host->run(OrderBridge::RunRequest::backfillPreview(from), dialog, [dialog](const OrderBridge::RunResult &r) {
            if (r)
                dialog->showPreview(r->backfillOrders, r->backfillApiCalls);
            else
                dialog->showError(r.error());
        });
    });
    connect(dialog, &BackfillDialog::backfillRequested, this, [this](const QDateTime &from) {
        m_host->run(OrderBridge::RunRequest::backfill(from), this, [this](const OrderBridge::RunResult &r) {
            if (OrderBridge::wasRefused(r))
                statusBar()->showMessage(tr("The backfill did not start: %1").arg(r.error().toString()), 10000);
        });
    });
    dialog->open();
    dialog->requestPreview();
}

void MainWindow::requestPoll()
{
    m_activityLabel->setText(tr("Reading Magento's changes…"));
    updateSyncNow();
    m_host->run(OrderBridge::RunRequest::poll(), this, [this](const OrderBridge::RunResult &result) {
        // Another run was under way: poll again when it has ended. Any run that began reports its
        // end to everyone (handleRunFinished).
        if (OrderBridge::wasRefused(result))
            m_scheduler->pollRefused();
    });
}

void MainWindow::updateSyncNow()
{
    m_syncNowAction->setEnabled(m_host && !m_host->readOnlyReason() && !m_scheduler->isRunning() && m_setUp);
    // A disabled action says why; its tooltip is what the toolbar button shows.
    m_syncNowAction->setToolTip(m_setUp ? tr("Sync Now: read new and changed orders from Magento and sync them (Ctrl+R)")
                                        : tr("Set up the store and the org first (Salesforce › Connection)."));
    if (m_backfillAction)
        m_backfillAction->setEnabled(m_host && !m_host->readOnlyReason());
}

void MainWindow::updateBadge(const OrderBridge::SyncStatusCounts &counts)
{
    QTreeWidgetItem *item = m_pageItems.at(SalesOrdersPage);
    const auto errors = int(std::min<qint64>(counts.of(OrderBridge::SyncStatus::Error), std::numeric_limits<int>::max()));
    item->setData(0, NavigationBadgeDelegate::BadgeRole, errors);
    const QString accessible = errors > 0 ? tr("Sales › Orders, %n order(s) in error", nullptr, errors) : tr("Sales › Orders");
    item->setData(0, Qt::AccessibleTextRole, accessible);
    item->setToolTip(0, accessible);
}

void MainWindow::updateNextRun()
{
    QTimer *timer = m_scheduler->timer();
    if (m_host && timer->isActive())
        m_ordersPage->healthStrip()->setNextRun(QDateTime::currentDateTime().addMSecs(timer->remainingTime()));
    else
        m_ordersPage->healthStrip()->setNextRun(std::nullopt);
}

bool MainWindow::notificationsWanted() const
{
    if (!m_database)
        return true;
    const auto settings = OrderBridge::SettingsRepository(m_database).load();
    return settings ? settings->notifyRunErrors() : OrderBridge::Settings().notifyRunErrors();
}

QTimer *MainWindow::pollTimer() const
{
    return m_scheduler->timer();
}

void MainWindow::loadOrgSchema()
{
    if (!m_host)
        return;
    m_host->readOrgSchema(this, [this](const OrderBridge::Result<OrderBridge::OrgSchema> &schema) {
        if (schema)
            handleOrgSchema(*schema);
        else
            statusBar()->showMessage(tr("Using the built-in Salesforce field list: %1").arg(schema.error().toString()), 10000);
    });
}

void MainWindow::handleOrgSchema(const OrderBridge::OrgSchema &schema)
{
    m_haveOrgSchema = true;
    if (m_fieldsMappingPage)
        m_fieldsMappingPage->setOrgSchema(schema);
    if (m_ordersConfigPage)
        m_ordersConfigPage->setOrgSchema(schema);
    if (schema.instanceUrl.isValid())
        m_ordersPage->setInstanceUrl(schema.instanceUrl);
}

void MainWindow::handleApiUsage(const OrderBridge::ApiUsage &usage)
{
    if (!usage.isValid()) {
        m_apiUsageLabel->setText(tr("API calls today: – / –"));
        return;
    }
    m_apiUsageLabel->setText(tr("API calls today: %1 / %2").arg(QLocale().toString(usage.used), QLocale().toString(usage.max)));
    // Salesforce answered, so the connection works.
    m_connectionLabel->setText(tr("Connected to Salesforce"));
}

void MainWindow::handleRunStarted()
{
    // Runs asked for elsewhere (the grid's selection) count as running too.
    m_scheduler->runStarted();
    updateSyncNow();
}

void MainWindow::handleProgress(int done, int total)
{
    handleRunStarted();
    m_activityLabel->setText(tr("Syncing %1 / %2").arg(done).arg(total));
}

void MainWindow::handleRunFinished(const OrderBridge::RunResult &result)
{
    if (result)
        handleFinished(*result);
    else
        handleFailed(result.error());
}

void MainWindow::handleFinished(const OrderBridge::SyncRunSummary &summary)
{
    m_scheduler->runFinished();
    updateSyncNow();
    updateNextRun();
    m_activityLabel->setText(summary.errors > 0 ? tr("Idle – errors in the last run: %1").arg(summary.errors) : tr("Idle"));
    m_notifier->handleRunEnded(summary);
}

void MainWindow::handleFailed(const OrderBridge::Error &error)
{
    m_scheduler->runFinished();
    updateSyncNow();
    updateNextRun();
    m_activityLabel->setText(tr("Idle – last run failed"));
    m_activityLabel->setToolTip(error.toString());
    m_connectionLabel->setText(tr("Connection problem"));
    m_connectionLabel->setToolTip(error.toString());
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(geometryKey).toByteArray());
    restoreState(settings.value(stateKey).toByteArray());
    m_splitter->restoreState(settings.value(splitterKey).toByteArray());
    bool ok = false;
    const int page = settings.value(pageKey).toInt(&ok);
    if (ok)
        setCurrentPage(Page(page));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    settings.setValue(splitterKey, m_splitter->saveState());
    settings.setValue(pageKey, int(currentPage()));
}

QList<MainWindow::Page> MainWindow::pagesWithUnsavedEdits() const
{
    QList<Page> pages;
    if (m_ordersConfigPage && m_ordersConfigPage->isDirty())
        pages << SalesforceOrdersPage;
    if (m_fieldsMappingPage && m_fieldsMappingPage->isDirty())
        pages << FieldsMappingPage;
    if (m_connectionPage && m_connectionPage->isDirty())
        pages << ConnectionPage;
    return pages;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QList<Page> unsaved = pagesWithUnsavedEdits();
    if (!unsaved.isEmpty() && !m_discardConfirmed) {
        // Asked without nesting an event loop: the window stays open until the answer.
        event->ignore();
        QStringList names;
        for (Page page : unsaved)
            names << m_pageItems.at(page)->data(0, Qt::AccessibleTextRole).toString();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Unsaved changes"),
                                    tr("These pages have changes that are not saved: %1. Quit and lose them?")
                                        .arg(names.join(u", "_s)),
                                    QMessageBox::NoButton, this);
        box->setObjectName(u"unsavedChangesBox"_s);
        QPushButton *discard = box->addButton(tr("&Quit Without Saving"), QMessageBox::DestructiveRole);
        discard->setObjectName(u"quitWithoutSaving"_s);
        QPushButton *review = box->addButton(tr("&Review Changes"), QMessageBox::RejectRole);
        review->setObjectName(u"reviewChanges"_s);
        box->setDefaultButton(review);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::WindowModal);
        const Page first = unsaved.first();
        connect(box, &QMessageBox::finished, this, [this, box, discard, first] {
            if (box->clickedButton() == discard) {
                m_discardConfirmed = true;
                close();
            } else {
                setCurrentPage(first);
            }
        });
        box->open();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    // Window-modal and opened with open(): the event loop keeps running, nothing nests.
    auto *box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About OrderBridge"));
    box->setIconPixmap(windowIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>OrderBridge %1</h3>"
                    "<p>Keeps a Magento 2 store's orders in Salesforce.</p>")
                     .arg(QApplication::applicationVersion().toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}
