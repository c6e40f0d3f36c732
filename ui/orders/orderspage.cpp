#include "orders/orderspage.h"
#include "common/localdatetext.h"

#include "orders/orderdialog.h"
#include "orders/ordersfilterpanel.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"
#include "orders/salesforceidcolumn.h"
#include "orders/orderstablemodel.h"
#include "orders/synchealthstrip.h"
#include "orders/syncstatusdelegate.h"

#include "common/error.h"
#include "common/runsummarytext.h"
#include "store/ordersrepository.h"
#include "sync/orderscsv.h"
#include "sync/runrequest.h"
#include "sync/syncstore.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>
#include <QHBoxLayout>
#include <QDateTime>
#include <QLocale>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSet>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

namespace {
// An operator's on-demand batch; larger selections belong to the backfill (orderbridge-cli).
constexpr int maxOrdersPerRequest = 1000;

const QString headerKey = u"OrdersPage/header"_s;
}

OrdersPage::OrdersPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(u"ordersPage"_s);
    setAccessibleName(tr("Sales Orders"));
    m_model = new OrdersTableModel(m_database, this);
    m_model->setObjectName(u"ordersModel"_s);
    m_delegate = new SyncStatusDelegate(this);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_searchTimer, &QTimer::timeout, this, &OrdersPage::applyFilters);

    // Results of one run arrive batch by batch; the rows they touch are re-read together.
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(150);
    connect(m_refreshTimer, &QTimer::timeout, this, &OrdersPage::flushRefresh);

    createToolBar();
    createView();
    createProgressStrip();
    createSummaryStrip();
    m_filterPanel = new OrdersFilterPanel(this);
    m_filterPanel->hide();
    connect(m_filterPanel, &OrdersFilterPanel::applyRequested, this, &OrdersPage::applyFilters);
    connect(m_filterPanel, &OrdersFilterPanel::clearAllRequested, this, &OrdersPage::clearFilters);
    connect(m_filtersAction, &QAction::toggled, m_filterPanel, &QWidget::setVisible);
    m_health = new SyncHealthStrip(this);
    for (SyncStatus status : OrderBridge::allSyncStatuses())
        m_health->setStatusIcon(status, m_delegate->icon(status));
    connect(m_health, &SyncHealthStrip::statusClicked, this, &OrdersPage::showSyncStatus);
    m_countsWatcher = new QFutureWatcher<OrderBridge::Result<OrderBridge::SyncStatusCounts>>(this);
    connect(m_countsWatcher, &QFutureWatcherBase::finished, this, &OrdersPage::handleCountsRead);
    m_exportWatcher = new QFutureWatcher<OrderBridge::Result<qint64>>(this);
    connect(m_exportWatcher, &QFutureWatcherBase::finished, this, &OrdersPage::handleExportWritten);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_health);
    layout->addWidget(m_filterPanel);
    layout->addWidget(m_summaryStrip);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_progressStrip);

    connect(m_model, &OrdersTableModel::errorOccurred, this, &OrdersPage::statusMessage);
    connect(m_delegate, &SyncStatusDelegate::salesforceIdActivated, this, &OrdersPage::openSalesforceOrder);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrdersPage::updateRecordCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &OrdersPage::updateRecordCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OrdersPage::updateRecordCount);
    updateRecordCount();
    updateActions();
    refreshCounts();
}

OrdersPage::~OrdersPage()
{
    // A count under way holds the store; it ends here, not on a pool thread after the page.
    m_countsWatcher->waitForFinished();
    // An export under way stops at its next row and leaves no file behind.
    if (m_exportCancelled)
        m_exportCancelled->store(true);
    m_exportWatcher->waitForFinished();
    saveHeaderState();
    // The dialogs are children, deleted only after the page's members are gone; their destroyed()
    // handlers use m_dialogs, so they go first.
    const QList<OrderDialog *> dialogs = orderDialogs();
    qDeleteAll(dialogs);
    m_dialogs.clear();
}

void OrdersPage::createToolBar()
{
    m_toolBar = new QToolBar(tr("Orders"), this);
    m_toolBar->setObjectName(u"ordersToolBar"_s);
    m_toolBar->setAccessibleName(tr("Orders toolbar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_search = new QLineEdit(m_toolBar);
    m_search->setObjectName(u"ordersSearch"_s);
    m_search->setPlaceholderText(tr("Search by order number, e-mail or name"));
    m_search->setAccessibleName(tr("Search orders"));
    m_search->setToolTip(tr("Shows the orders where each word starts a word of the order number, customer e-mail or "
                            "bill-to name; a number also finds its order without the leading zeros"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &OrdersPage::applyFilters);
    m_toolBar->addWidget(m_search);

    m_statusFilter = new QComboBox(m_toolBar);
    m_statusFilter->setObjectName(u"ordersStatusFilter"_s);
    m_statusFilter->setAccessibleName(tr("Filter by Magento status"));
    m_statusFilter->setToolTip(tr("Magento order status"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (const auto &[code, label] : OrdersTableModel::magentoStatuses())
        m_statusFilter->addItem(label, code);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilters);
    m_toolBar->addWidget(m_statusFilter);

    m_syncFilter = new QComboBox(m_toolBar);
    m_syncFilter->setObjectName(u"ordersSyncStatusFilter"_s);
    m_syncFilter->setAccessibleName(tr("Filter by Salesforce sync status"));
    m_syncFilter->setToolTip(tr("Salesforce sync status"));
    m_syncFilter->addItem(tr("Any sync status"), QVariant());
    for (SyncStatus status : OrderBridge::allSyncStatuses())
        m_syncFilter->addItem(m_delegate->icon(status), OrdersTableModel::syncStatusLabel(status), int(status));
    connect(m_syncFilter, &QComboBox::currentIndexChanged, this, &OrdersPage::applyFilters);
    m_toolBar->addWidget(m_syncFilter);

    m_filtersAction = new QAction(QIcon::fromTheme(u"view-filter"_s), tr("Filters"), this);
    m_filtersAction->setObjectName(u"actionOrderFilters"_s);
    m_filtersAction->setCheckable(true);
    m_filtersAction->setToolTip(tr("Show the purchase date and grand total filters"));
    m_toolBar->addAction(m_filtersAction);

    m_toolBar->addSeparator();
    m_syncAction = new QAction(QIcon(u":/icons/sync-in-sync.svg"_s), tr("Sync with Salesforce"), this);
    m_syncAction->setObjectName(u"actionSyncWithSalesforce"_s);
    m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_syncAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_syncAction->setToolTip(tr("Synchronize the selected orders with Salesforce now (Ctrl+Shift+S)"));
    connect(m_syncAction, &QAction::triggered, this, &OrdersPage::syncSelection);
    addAction(m_syncAction);
    m_toolBar->addAction(m_syncAction);

    // New orders from the automatic sync are counted again on request: a reset would drop the
    // operator's selection under their hands.
    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Refresh"), this);
    m_refreshAction->setObjectName(u"actionRefreshOrders"_s);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5)); // not QKeySequence::Refresh: on GNOME it also means Ctrl+R, Sync Now
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refreshAction->setToolTip(tr("Read the orders from the store again"));
    connect(m_refreshAction, &QAction::triggered, m_model, &OrdersTableModel::reload);
    addAction(m_refreshAction);
    m_toolBar->addAction(m_refreshAction);

    m_openOrderAction = new QAction(tr("&Open Order"), this);
    m_openOrderAction->setObjectName(u"actionOpenOrder"_s);
    m_openOrderAction->setToolTip(tr("Open the current order with its Salesforce records, sync history and next sync (Enter or double-click)"));
    connect(m_openOrderAction, &QAction::triggered, this, &OrdersPage::openCurrentOrder);

    m_exportAction = new QAction(QIcon::fromTheme(u"document-save-as"_s), tr("Export View as CSV…"), this);
    m_exportAction->setObjectName(u"actionExportOrdersCsv"_s);
    m_exportAction->setToolTip(tr("Save every order matching the search and filters as a CSV file"));
    connect(m_exportAction, &QAction::triggered, this, &OrdersPage::exportView);
    m_toolBar->addAction(m_exportAction);

    m_openAction = new QAction(tr("Open in Salesforce"), this);
    m_openAction->setObjectName(u"actionOpenInSalesforce"_s);
    m_openAction->setToolTip(tr("Open the current order's Salesforce Order in the browser"));
    connect(m_openAction, &QAction::triggered, this, &OrdersPage::openCurrentInSalesforce);
}

void OrdersPage::createView()
{
    m_view = new QTableView(this);
    m_view->setObjectName(u"ordersView"_s);
    m_view->setAccessibleName(tr("Orders"));
    m_view->setAccessibleDescription(tr("Orders of the Magento store with their Salesforce sync status"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setMouseTracking(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Fixed row heights and no per-row header: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    header->resizeSection(OrdersTableModel::IdColumn, 9 * em);
    // Wide enough for the longest short date-time of the user's locale (a two-digit day and month, an afternoon hour).
    const QString longestDate = LocalDateText::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58)));
    header->resizeSection(OrdersTableModel::PurchaseDateColumn,
                          std::max(12 * em, m_view->fontMetrics().horizontalAdvance(longestDate) + em));
    header->resizeSection(OrdersTableModel::BillToNameColumn, 14 * em);
    header->resizeSection(OrdersTableModel::GrandTotalColumn, 9 * em);
    // Wide enough for every Magento status name of the console's language ("In Bearbeitung").
    int statusWidth = 9 * em;
    for (const auto &[code, label] : OrdersTableModel::magentoStatuses())
        statusWidth = std::max(statusWidth, m_view->fontMetrics().horizontalAdvance(label) + em);
    header->resizeSection(OrdersTableModel::StatusColumn, statusWidth);
    header->resizeSection(OrdersTableModel::SalesforceIdColumn, salesforceIdColumnWidth(m_view));
    // No column narrower than its title, in any language.
    for (int column = 0; column < header->count(); ++column)
        header->resizeSection(column, std::max(header->sectionSize(column), header->sectionSizeHint(column)));
    header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_view->setSortingEnabled(true);
    // Column order, widths, hidden columns and the sort as the operator left them (UI state, like the
    // main window's geometry; not a setting). Sorting follows the restored indicator.
    header->restoreState(QSettings().value(headerKey).toByteArray());
    // Widths saved in another language or locale may be too narrow for this one's titles, dates and statuses.
    for (int column = 0; column < header->count(); ++column) {
        int least = header->sectionSizeHint(column);
        if (column == OrdersTableModel::PurchaseDateColumn)
            least = std::max(least, m_view->fontMetrics().horizontalAdvance(longestDate) + em);
        else if (column == OrdersTableModel::StatusColumn)
            least = std::max(least, statusWidth);
        if (!header->isSectionHidden(column) && header->sectionSize(column) < least)
            header->resizeSection(column, least);
    }
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &OrdersPage::showHeaderMenu);
    m_headerSaveTimer = new QTimer(this);
    m_headerSaveTimer->setSingleShot(true);
    m_headerSaveTimer->setInterval(500);
    connect(m_headerSaveTimer, &QTimer::timeout, this, &OrdersPage::saveHeaderState);
    connect(header, &QHeaderView::sectionMoved, m_headerSaveTimer, qOverload<>(&QTimer::start));
    connect(header, &QHeaderView::sectionResized, m_headerSaveTimer, qOverload<>(&QTimer::start));
    connect(header, &QHeaderView::sortIndicatorChanged, m_headerSaveTimer, qOverload<>(&QTimer::start));
    // The Salesforce Order ID is not sortable: put the indicator back where the model sorts.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (column != OrdersTableModel::SalesforceIdColumn)
            return;
        const QSignalBlocker blocker(header);
        header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    });

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OrdersPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrdersPage::updateActions);
    connect(m_view, &QWidget::customContextMenuRequested, this, &OrdersPage::showContextMenu);
    // A link looks like one under the mouse too.
    connect(m_view, &QAbstractItemView::entered, this, [this](const QModelIndex &index) {
        const bool link = index.column() == OrdersTableModel::SalesforceIdColumn
            && !index.data(OrdersTableModel::SalesforceIdRole).toString().isEmpty();
        if (link)
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
    });
    connect(m_view, &QAbstractItemView::viewportEntered, m_view->viewport(), &QWidget::unsetCursor);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &OrdersPage::updateActions);
    // Double-click, and Enter on the current row, activate it (single-click where the platform style says so).
    connect(m_view, &QAbstractItemView::activated, this, &OrdersPage::openOrderAt);
}

void OrdersPage::createProgressStrip()
{
    m_progressStrip = new QWidget(this);
    m_progressStrip->setObjectName(u"ordersProgressStrip"_s);
    auto *layout = new QHBoxLayout(m_progressStrip);
    m_progressLabel = new QLabel(m_progressStrip);
    m_progressLabel->setObjectName(u"ordersProgressLabel"_s);
    m_progressLabel->setAccessibleName(tr("Sync progress"));
    m_progress = new QProgressBar(m_progressStrip);
    m_progress->setObjectName(u"ordersProgress"_s);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setRange(0, 0);
    m_cancel = new QPushButton(tr("&Cancel"), m_progressStrip);
    m_cancel->setObjectName(u"ordersCancelSync"_s);
    m_cancel->setAccessibleName(tr("Cancel the sync"));
    m_cancel->setToolTip(tr("Stop after the batch in flight"));
    connect(m_cancel, &QPushButton::clicked, this, &OrdersPage::cancelSync);
    layout->addWidget(m_progressLabel);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);
    m_progressStrip->hide();
}

void OrdersPage::createSummaryStrip()
{
    m_summaryStrip = new QWidget(this);
    m_summaryStrip->setObjectName(u"ordersSummaryStrip"_s);
    auto *layout = new QHBoxLayout(m_summaryStrip);
    m_countLabel = new QLabel(m_summaryStrip);
    m_countLabel->setObjectName(u"ordersRecordsFound"_s);
    m_noMatchLabel = new QLabel(m_summaryStrip);
    m_noMatchLabel->setObjectName(u"ordersNoMatch"_s);
    m_noMatchLabel->setWordWrap(true);
    m_clearFilters = new QPushButton(tr("Clear Search and Filters"), m_summaryStrip);
    m_clearFilters->setObjectName(u"ordersClearFilters"_s);
    connect(m_clearFilters, &QPushButton::clicked, this, &OrdersPage::clearFilters);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_noMatchLabel, 1);
    layout->addWidget(m_clearFilters);
    layout->addStretch(0);
}

QString OrdersPage::headerStateKey()
{
    return headerKey;
}

void OrdersPage::saveHeaderState() const
{
    m_headerSaveTimer->stop();
    QSettings().setValue(headerKey, m_view->horizontalHeader()->saveState());
}

void OrdersPage::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_view->horizontalHeader();
    auto *menu = new QMenu(this);
    menu->setObjectName(u"ordersHeaderMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int visible = header->count() - header->hiddenSectionCount();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction *action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setObjectName(u"actionShowColumn%1"_s.arg(column));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last column shown stays: a grid without columns has nothing to click to bring one back.
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            saveHeaderState();
        });
    }
    menu->popup(header->mapToGlobal(position));
}

void OrdersPage::updateRecordCount()
{
    const int rows = m_model->rowCount();
    m_countLabel->setText(tr("%n record(s) found", nullptr, rows));
    const QString filter = rows == 0 ? describeFilter() : QString();
    m_noMatchLabel->setText(filter.isEmpty() ? QString() : tr("No orders match %1.").arg(filter));
    m_noMatchLabel->setVisible(!filter.isEmpty());
    m_clearFilters->setVisible(!filter.isEmpty());
}

QString OrdersPage::describeFilter() const
{
    const OrderBridge::OrderQuery &query = m_model->query();
    const QLocale locale;
    const auto date = [&locale](const QDateTime &time) { return locale.toString(time.toLocalTime().date(), QLocale::ShortFormat); };
    const auto amount = [&locale](double value) { return locale.toString(value, 'f', 2); };
    QStringList parts;
    if (!query.search.isEmpty())
        parts << tr("the search \"%1\"").arg(query.search);
    if (!query.magentoStatus.isEmpty())
        parts << tr("Status: %1").arg(OrdersTableModel::magentoStatusLabel(query.magentoStatus));
    if (query.syncStatus)
        parts << tr("Salesforce Sync Status: %1").arg(OrdersTableModel::syncStatusLabel(*query.syncStatus));
    if (query.createdFrom.isValid() && query.createdTo.isValid())
        parts << tr("Purchase Date %1 to %2").arg(date(query.createdFrom), date(query.createdTo));
    else if (query.createdFrom.isValid())
        parts << tr("Purchase Date from %1").arg(date(query.createdFrom));
    else if (query.createdTo.isValid())
        parts << tr("Purchase Date up to %1").arg(date(query.createdTo));
    if (query.minGrandTotal && query.maxGrandTotal)
        parts << tr("Grand Total %1 to %2").arg(amount(*query.minGrandTotal), amount(*query.maxGrandTotal));
    else if (query.minGrandTotal)
        parts << tr("Grand Total from %1").arg(amount(*query.minGrandTotal));
    else if (query.maxGrandTotal)
        parts << tr("Grand Total up to %1").arg(amount(*query.maxGrandTotal));
    return locale.createSeparatedList(parts);
}

void OrdersPage::exportView()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = u"orderbridge-orders-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    auto *dialog = new QFileDialog(this, tr("Export orders as CSV"), QDir(folder).filePath(name), tr("CSV files (*.csv)"));
    dialog->setObjectName(u"ordersExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { (void)exportViewTo(path); });
    dialog->open();
}

bool OrdersPage::exportViewTo(const QString &filePath)
{
    if (!m_database || m_exportWatcher->isRunning())
        return false;
    m_exportPath = filePath;
    m_exportCancelled = std::make_shared<std::atomic_bool>(false);
    m_exportAction->setEnabled(false);
    Q_EMIT statusMessage(tr("Exporting %n order(s) to %1…", nullptr, m_model->rowCount()).arg(QDir::toNativeSeparators(filePath)));
    // A million rows take seconds: a pool thread with its own connection writes them, from the query as it is now.
    m_exportWatcher->setFuture(QtConcurrent::run([database = m_database, query = m_model->query(), filePath,
                                                  cancelled = m_exportCancelled] {
        return OrderBridge::OrdersCsv::exportTo(OrderBridge::OrdersRepository(database), query, filePath, cancelled.get());
    }));
    return true;
}

void OrdersPage::handleExportWritten()
{
    const OrderBridge::Result<qint64> written = m_exportWatcher->result();
    m_exportAction->setEnabled(true);
    if (written)
        Q_EMIT statusMessage(tr("Exported %n order(s) to %1.", nullptr, int(*written)).arg(QDir::toNativeSeparators(m_exportPath)));
    else
        Q_EMIT statusMessage(tr("The orders were not exported: %1").arg(written.error().toString()));
    Q_EMIT exportFinished(written);
}

void OrdersPage::connectTo(OrderBridge::WorkerHost *host)
{
    using namespace OrderBridge;
    setSyncAvailable(!host->readOnlyReason());
    setPreviewAvailable(true);
    // Each request goes to the worker through the host; its one answer comes back to this page.
    connect(this, &OrdersPage::syncRequested, host, [this, host](const QStringList &incrementIds) {
        host->run(RunRequest::syncOrders(incrementIds), this, [this](const RunResult &result) {
            // A run that began reports its end to every watcher (handleRunFinished); a refused one only here.
            if (wasRefused(result))
                handleSyncRefused(result.error());
        });
    });
    connect(this, &OrdersPage::cancelRequested, host, [host] { host->cancel(); });
    connect(this, &OrdersPage::previewRequested, host, [this, host](const QString &incrementId) {
        host->previewOrder(incrementId, this, [this](const OrderPreview &preview) { handleOrderPreviewed(preview); });
    });
    // The worker's notices, whoever asked for the run; queued: it lives on its own thread.
    SyncWorker *worker = host->worker();
    connect(worker, &SyncWorker::runStarted, this, &OrdersPage::handleRunStarted, Qt::QueuedConnection);
    connect(worker, &SyncWorker::progress, this, &OrdersPage::handleProgress, Qt::QueuedConnection);
    connect(worker, &SyncWorker::batchFinished, this, &OrdersPage::handleBatchFinished, Qt::QueuedConnection);
    connect(worker, &SyncWorker::runFinished, this, &OrdersPage::handleRunFinished, Qt::QueuedConnection);
    connect(worker, &SyncWorker::signedIn, this, &OrdersPage::setInstanceUrl, Qt::QueuedConnection);
    m_health->setRetryAvailable(!host->readOnlyReason());
    connect(m_health, &SyncHealthStrip::retryErrorsRequested, host, [this, host] { retryErrors(host); });
}

void OrdersPage::retryErrors(OrderBridge::WorkerHost *host)
{
    using namespace OrderBridge;
    if (m_running || host->readOnlyReason())
        return;
    // As `orderbridge-cli retry --errors`: one UPDATE of the queue (the orders in Error, by their
    // index), then a drain on the worker.
    const auto requeued = SyncStore(m_database).requeueErrors(QDateTime::currentDateTimeUtc());
    if (!requeued) {
        Q_EMIT statusMessage(tr("The orders in Error could not be queued again: %1").arg(requeued.error().toString()));
        return;
    }
    Q_EMIT statusMessage(tr("Queued %n order(s) in Error again.", nullptr, *requeued));
    host->run(RunRequest::drain(), this, [this](const RunResult &result) {
        if (wasRefused(result))
            handleSyncRefused(result.error());
    });
}

void OrdersPage::refreshCounts()
{
    if (!m_database)
        return;
    if (m_countsWatcher->isRunning()) {
        m_countsAgain = true; // one more count when this one is in
        return;
    }
    m_countsAgain = false;
    // The pool thread reads through its own connection (Database::connection() is per thread).
    m_countsWatcher->setFuture(QtConcurrent::run([database = m_database] {
        return OrderBridge::OrdersRepository(database).countsBySyncStatus();
    }));
}

void OrdersPage::handleCountsRead()
{
    const OrderBridge::Result<OrderBridge::SyncStatusCounts> counts = m_countsWatcher->result();
    if (m_countsAgain)
        refreshCounts();
    if (!counts) {
        Q_EMIT statusMessage(counts.error().toString());
        return;
    }
    if (*counts == m_health->counts())
        return;
    m_health->setCounts(*counts);
    Q_EMIT countsChanged(*counts);
}

void OrdersPage::showSyncStatus(SyncStatus status)
{
    const int index = m_syncFilter->findData(int(status));
    if (index >= 0)
        m_syncFilter->setCurrentIndex(index); // applies the filter
}

void OrdersPage::setSyncAvailable(bool available)
{
    m_syncAvailable = available;
    updateActions();
}

void OrdersPage::setPreviewAvailable(bool available)
{
    m_previewAvailable = available;
}

void OrdersPage::setUrlOpener(std::function<bool(const QUrl &)> opener)
{
    m_openUrl = std::move(opener);
}

void OrdersPage::setInstanceUrl(const QUrl &url)
{
    m_instanceUrl = url;
    for (OrderDialog *dialog : orderDialogs())
        dialog->setInstanceUrl(url);
    updateActions();
}

QUrl OrdersPage::salesforceOrderUrl(const QString &salesforceOrderId) const
{
    return OrderDialog::recordUrl(m_instanceUrl, u"Order"_s, salesforceOrderId);
}

QStringList OrdersPage::selectedIncrementIds() const
{
    QStringList ids;
    const QItemSelection selection = m_view->selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom() && ids.size() < maxOrdersPerRequest; ++row) {
            const QString id = m_model->index(row, OrdersTableModel::IdColumn).data(OrdersTableModel::IncrementIdRole).toString();
            if (!id.isEmpty() && !ids.contains(id))
                ids << id;
        }
    }
    return ids;
}

void OrdersPage::syncSelection()
{
    if (!m_syncAvailable || m_running)
        return;
    qsizetype selected = 0;
    for (const QItemSelectionRange &range : m_view->selectionModel()->selection())
        selected += range.height();
    if (selected > maxOrdersPerRequest) {
        Q_EMIT statusMessage(tr("Orders selected: %1. Select at most %2 at a time, or run a backfill from the command line.")
                                 .arg(selected)
                                 .arg(maxOrdersPerRequest));
        return;
    }
    const QStringList ids = selectedIncrementIds();
    if (ids.isEmpty())
        return;
    startSync(ids);
}

bool OrdersPage::startSync(const QStringList &incrementIds)
{
    if (!m_syncAvailable || m_running || incrementIds.isEmpty())
        return false;
    // Queued into the worker's thread by whoever takes it: the GUI returns to its event loop at once.
    Q_EMIT syncRequested(incrementIds);
    m_running = true;
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Sending orders to Salesforce (%1)…").arg(incrementIds.size()));
    m_cancel->setEnabled(true);
    m_progressStrip->show();
    updateActions();
    return true;
}

void OrdersPage::cancelSync()
{
    if (!m_syncAvailable || !m_running)
        return;
    Q_EMIT cancelRequested();
    m_cancel->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling after the batch in flight…"));
}

void OrdersPage::applyFilters()
{
    m_searchTimer->stop();
    const OrderBridge::Result<OrderBridge::OrderQuery> ranges = m_filterPanel->ranges();
    // Bad ranges are named in the panel; the search and status filters still apply, with the ranges in force.
    OrderBridge::OrderQuery filter = ranges ? *ranges : m_model->query();
    m_filterPanel->showError(ranges ? QString() : ranges.error().toString());
    if (!ranges)
        m_filtersAction->setChecked(true);
    const QVariant sync = m_syncFilter->currentData();
    filter.syncStatus = sync.isValid() ? std::optional(SyncStatus(sync.toInt())) : std::nullopt;
    filter.search = m_search->text();
    filter.magentoStatus = m_statusFilter->currentData().toString();
    m_model->setFilter(filter);
}

void OrdersPage::clearFilters()
{
    {
        const QSignalBlocker searchBlocker(m_search);
        const QSignalBlocker statusBlocker(m_statusFilter);
        const QSignalBlocker syncBlocker(m_syncFilter);
        m_search->clear();
        m_statusFilter->setCurrentIndex(0);
        m_syncFilter->setCurrentIndex(0);
    }
    m_filterPanel->clear();
    applyFilters(); // one reset for all of them
}

void OrdersPage::handleRunStarted()
{
    if (m_running)
        return;
    // A run started elsewhere (automatic sync): show it too.
    m_running = true;
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Syncing…"));
    m_cancel->setEnabled(m_syncAvailable);
    m_progressStrip->show();
    m_health->setRunning(true);
    updateActions();
}

void OrdersPage::handleProgress(int done, int total)
{
    if (!m_running)
        handleRunStarted();
    m_progress->setRange(0, qMax(total, 1));
    m_progress->setValue(qBound(0, done, qMax(total, 1)));
    m_progressLabel->setText(tr("Synced %1 of %2").arg(done).arg(total));
}

void OrdersPage::handleBatchFinished(const QList<OrderBridge::OrderOutcome> &outcomes)
{
    for (OrderDialog *dialog : orderDialogs())
        dialog->handleBatchFinished(outcomes);
    for (const OrderBridge::OrderOutcome &outcome : outcomes)
        m_pendingRefresh.insert(outcome.entityId);
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void OrdersPage::flushRefresh()
{
    if (m_pendingRefresh.isEmpty())
        return;
    const QList<qint64> ids(m_pendingRefresh.cbegin(), m_pendingRefresh.cend());
    m_pendingRefresh.clear();
    // A run mirrors orders new to the store (Sync Now, the poll): they need rows, not just a refresh.
    if (m_model->isStale())
        reloadKeepingSelection();
    else
        m_model->refreshRows(ids);
    refreshCounts();
    updateActions();
}

void OrdersPage::reloadKeepingSelection()
{
    QSet<qint64> selected;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        selected.insert(index.data(OrdersTableModel::EntityIdRole).toLongLong());
    const qint64 current = m_view->currentIndex().data(OrdersTableModel::EntityIdRole).toLongLong();
    const int scroll = m_view->verticalScrollBar()->value();
    const int top = qMax(0, m_view->rowAt(0));
    m_model->reload();
    if (!selected.isEmpty() || current != 0) {
        // Look for them in the rows around the old position only: the grid may hold a million orders.
        const int first = qMax(0, top - OrdersTableModel::pageSize());
        const int last = qMin(m_model->rowCount(), first + 2 * OrdersTableModel::pageSize());
        QItemSelection selection;
        QModelIndex currentIndex;
        for (int row = first; row < last; ++row) {
            const qint64 id = m_model->index(row, 0).data(OrdersTableModel::EntityIdRole).toLongLong();
            if (selected.contains(id))
                selection.select(m_model->index(row, 0), m_model->index(row, OrdersTableModel::ColumnCount - 1));
            if (id == current && current != 0)
                currentIndex = m_model->index(row, 0);
        }
        if (currentIndex.isValid())
            m_view->selectionModel()->setCurrentIndex(currentIndex, QItemSelectionModel::NoUpdate);
        m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    }
    m_view->verticalScrollBar()->setValue(scroll);
}

void OrdersPage::handleRunFinished(const OrderBridge::RunResult &result)
{
    if (result)
        handleFinished(*result);
    else
        handleFailed(result.error());
}

void OrdersPage::handleSyncRefused(const OrderBridge::Error &error)
{
    Q_EMIT statusMessage(tr("Sync not started: %1").arg(error.toString()));
    for (OrderDialog *dialog : orderDialogs()) {
        if (dialog->isSyncPending())
            dialog->handleFailed(error);
    }
}

void OrdersPage::handleFinished(const OrderBridge::SyncRunSummary &summary)
{
    flushRefresh();
    refreshCounts();
    m_running = false;
    m_progressStrip->hide();
    m_health->setRunning(false);
    const QString text = RunSummaryText::describe(summary);
    m_health->setLastRun(QDateTime::currentDateTime(), text);
    Q_EMIT statusMessage(tr("Sync finished: %1").arg(text));
    for (OrderDialog *dialog : orderDialogs())
        dialog->handleFinished(summary);
    updateActions();
}

void OrdersPage::handleFailed(const OrderBridge::Error &error)
{
    flushRefresh();
    refreshCounts();
    m_running = false;
    m_progressStrip->hide();
    m_health->setRunning(false);
    m_health->setLastRun(QDateTime::currentDateTime(), tr("failed: %1").arg(error.message));
    Q_EMIT statusMessage(tr("Sync failed: %1").arg(error.toString()));
    for (OrderDialog *dialog : orderDialogs())
        dialog->handleFailed(error);
    updateActions();
}

void OrdersPage::updateActions()
{
    const bool hasSelection = m_view && m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    m_syncAction->setEnabled(m_syncAvailable && !m_running && hasSelection);
    const QModelIndex current = m_view ? m_view->currentIndex() : QModelIndex();
    const bool linked = current.isValid() && !current.data(OrdersTableModel::SalesforceIdRole).toString().isEmpty();
    m_openAction->setEnabled(linked && !m_instanceUrl.isEmpty());
    m_openOrderAction->setEnabled(current.isValid());
    updateDialogs();
}

void OrdersPage::openSalesforceOrder(const QString &salesforceOrderId)
{
    const QUrl url = salesforceOrderUrl(salesforceOrderId);
    if (url.isEmpty()) {
        Q_EMIT statusMessage(tr("The Salesforce instance URL is not known yet; test the connection under Salesforce › Connection."));
        return;
    }
    if (m_openUrl && !m_openUrl(url)) {
        Q_EMIT statusMessage(tr("No web browser could be started for %1.").arg(url.toDisplayString()));
        return;
    }
    Q_EMIT salesforceOrderOpened(url);
}

void OrdersPage::openCurrentInSalesforce()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        openSalesforceOrder(current.data(OrdersTableModel::SalesforceIdRole).toString());
}

void OrdersPage::showContextMenu(const QPoint &position)
{
    updateActions();
    // Owned by the page and deleted on close: a context menu is not a modal dialog.
    auto *menu = new QMenu(this);
    menu->setObjectName(u"ordersContextMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_openOrderAction);
    menu->addAction(m_syncAction);
    menu->addAction(m_openAction);
    menu->addSeparator();
    menu->addAction(m_refreshAction);
    menu->addAction(m_exportAction);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

OrderDialog *OrdersPage::orderDialog(qint64 entityId) const
{
    return qobject_cast<OrderDialog *>(m_dialogs.value(entityId).data());
}

QList<OrderDialog *> OrdersPage::orderDialogs() const
{
    QList<OrderDialog *> dialogs;
    for (const QPointer<QWidget> &widget : m_dialogs) {
        if (auto *dialog = qobject_cast<OrderDialog *>(widget.data()))
            dialogs.append(dialog);
    }
    return dialogs;
}

OrderDialog *OrdersPage::openOrder(qint64 entityId)
{
    OrderDialog *open = orderDialog(entityId);
    // A closed dialog is hidden until its deferred deletion: a new one takes its place.
    if (open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    // Non-modal and owned by the page: several orders can be open beside the grid.
    auto *dialog = new OrderDialog(m_database, entityId, this);
    if (!dialog->order()) {
        Q_EMIT statusMessage(tr("Order with Magento entity ID %1 is no longer in the store; press Refresh.").arg(entityId));
        delete dialog;
        return nullptr;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setInstanceUrl(m_instanceUrl);
    // Through the page's opener at the time of the click, so a replaced opener applies to open dialogs too.
    dialog->setUrlOpener([this](const QUrl &url) { return !m_openUrl || m_openUrl(url); });
    connect(dialog, &OrderDialog::syncRequested, this, &OrdersPage::requestDialogSync);
    connect(dialog, &OrderDialog::previewRequested, this,
            [this, dialog](const QString &incrementId) { requestPreview(dialog, incrementId); });
    connect(dialog, &OrderDialog::statusMessage, this, &OrdersPage::statusMessage);
    connect(dialog, &OrderDialog::salesforceRecordOpened, this, &OrdersPage::salesforceOrderOpened);
    connect(dialog, &QObject::destroyed, this, [this, entityId] {
        if (!m_dialogs.value(entityId)) // not the newer dialog of the same order
            m_dialogs.remove(entityId);
    });
    m_dialogs.insert(entityId, dialog);
    dialog->setSyncAvailable(m_syncAvailable && !m_running);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void OrdersPage::openOrderAt(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 entityId = index.data(OrdersTableModel::EntityIdRole).toLongLong();
    if (entityId > 0)
        openOrder(entityId);
}

void OrdersPage::openCurrentOrder()
{
    openOrderAt(m_view->currentIndex());
}

void OrdersPage::requestDialogSync(const QStringList &incrementIds)
{
    if (startSync(incrementIds))
        return;
    // The dialog shows progress until an answer: give it one.
    const OrderBridge::Error error{u"ui.sync_unavailable"_s,
                                   m_running ? tr("A sync is already running.") : tr("The sync engine is not running."),
                                   m_running ? tr("Wait for it to finish, then press Save and Sync Order again.")
                                             : tr("Check the connection under Salesforce › Connection."),
                                   {}};
    for (OrderDialog *dialog : orderDialogs()) {
        if (dialog->isSyncPending())
            dialog->handleFailed(error);
    }
}

void OrdersPage::requestPreview(OrderDialog *dialog, const QString &incrementId)
{
    if (m_previewAvailable) {
        Q_EMIT previewRequested(incrementId);
        return;
    }
    OrderBridge::OrderPreview unavailable;
    unavailable.incrementId = incrementId;
    unavailable.status = OrderBridge::SyncStatus::Error;
    unavailable.error = {u"ui.preview_unavailable"_s, tr("The sync engine is not running, so Salesforce cannot be asked."),
                         tr("Check the connection under Salesforce › Connection."), {}};
    // Answered from the event loop, as the worker would: the dialog is not re-entered.
    QMetaObject::invokeMethod(
        dialog, [dialog, unavailable] { dialog->showPreview(unavailable); }, Qt::QueuedConnection);
}

void OrdersPage::handleOrderPreviewed(const OrderBridge::OrderPreview &preview)
{
    for (OrderDialog *dialog : orderDialogs()) {
        if (dialog->incrementId() == preview.incrementId)
            dialog->showPreview(preview);
    }
}

void OrdersPage::updateDialogs()
{
    for (OrderDialog *dialog : orderDialogs())
        dialog->setSyncAvailable(m_syncAvailable && !m_running);
}
