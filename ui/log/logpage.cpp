#include "log/logpage.h"
#include "common/localdatetext.h"

#include "log/logtablemodel.h"

#include "store/database.h"
#include "sync/synclogcsv.h"
#include "store/synclogrepository.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncLogQuery;

LogPage::LogPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
{
    setObjectName(u"logPage"_s);
    setAccessibleName(tr("Log"));

    m_model = new LogTableModel(m_database, this);
    connect(m_model, &LogTableModel::errorOccurred, this, &LogPage::statusMessage);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LogPage::updateCount);

    QLayout *filters = createFilterBar();

    m_view = new QTableView(this);
    m_view->setObjectName(u"logView"_s);
    m_view->setAccessibleName(tr("Sync log"));
    m_view->setAccessibleDescription(tr("Entries of the sync log, newest first"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(LogTableModel::MessageColumn, QHeaderView::Stretch);
    const QFontMetrics metrics(m_view->font());
    m_view->verticalHeader()->setDefaultSectionSize(metrics.height() + 8); // a log is read densely
    m_view->setColumnWidth(LogTableModel::TimeColumn, metrics.horizontalAdvance(LocalDateText::dateTimeWithSeconds(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)))) + 16);
    m_view->setColumnWidth(LogTableModel::LevelColumn, metrics.horizontalAdvance(u"Warning"_s) + 24);
    m_view->setColumnWidth(LogTableModel::OrderColumn, metrics.horizontalAdvance(u"000000000"_s) + 24);
    m_view->setColumnWidth(LogTableModel::ErrorCodeColumn, metrics.horizontalAdvance(u"REQUIRED_FIELD_MISSING"_s) + 16);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"logCount"_s);
    m_countLabel->setAccessibleName(tr("Number of log entries"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_countLabel);

    auto *refreshAction = new QAction(tr("Refresh"), this);
    refreshAction->setShortcut(QKeySequence(Qt::Key_F5)); // not QKeySequence::Refresh: on GNOME it also means Ctrl+R, Sync Now
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &LogPage::refresh);
    addAction(refreshAction);

    m_copyAction = new QAction(tr("&Copy"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &LogPage::copySelection);
    m_view->addAction(m_copyAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString order = index.data(LogTableModel::IncrementIdRole).toString();
        if (!order.isEmpty())
            Q_EMIT orderActivated(order);
    });

    setTabOrder(m_level, m_search);
    setTabOrder(m_search, m_fromEnabled);
    setTabOrder(m_fromEnabled, m_from);
    setTabOrder(m_from, m_toEnabled);
    setTabOrder(m_toEnabled, m_to);
    setTabOrder(m_to, m_refreshButton);
    setTabOrder(m_refreshButton, m_exportButton);
    setTabOrder(m_exportButton, m_view);

    updateCount();
}

LogPage::~LogPage() = default;

QLayout *LogPage::createFilterBar()
{
    m_level = new QComboBox(this);
    m_level->setObjectName(u"logLevelFilter"_s);
    m_level->setAccessibleName(tr("Filter by level"));
    m_level->addItem(tr("All levels"), int(SyncLogQuery::Level::All));
    m_level->addItem(tr("Errors"), int(SyncLogQuery::Level::Errors));
    m_level->addItem(tr("Warnings"), int(SyncLogQuery::Level::Warnings));
    m_level->addItem(tr("Info"), int(SyncLogQuery::Level::Info));
    auto *levelLabel = new QLabel(tr("&Level:"), this);
    levelLabel->setBuddy(m_level);
    connect(m_level, &QComboBox::currentIndexChanged, this, &LogPage::applyFilters);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"logOrderSearch"_s);
    m_search->setAccessibleName(tr("Search by order number"));
    m_search->setPlaceholderText(tr("Order number"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Shows the entries of the orders whose number starts with this"));
    auto *searchLabel = new QLabel(tr("&Order:"), this);
    searchLabel->setBuddy(m_search);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &LogPage::applyFilters);
    connect(m_search, &QLineEdit::returnPressed, this, &LogPage::applyFilters);

    const QDateTime now = QDateTime::currentDateTime();
    const QString format = LocalDateText::dateTimeFormat();
    m_fromEnabled = new QCheckBox(tr("&From"), this);
    m_fromEnabled->setObjectName(u"logFromEnabled"_s);
    m_fromEnabled->setAccessibleName(tr("Only entries from a time on"));
    m_from = new QDateTimeEdit(now.addDays(-1), this);
    m_from->setObjectName(u"logFrom"_s);
    m_from->setAccessibleName(tr("Entries from"));
    m_from->setDisplayFormat(format);
    m_from->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_toEnabled = new QCheckBox(tr("&To"), this);
    m_toEnabled->setObjectName(u"logToEnabled"_s);
    m_toEnabled->setAccessibleName(tr("Only entries before a time"));
    m_to = new QDateTimeEdit(now.addSecs(3600), this);
    m_to->setObjectName(u"logTo"_s);
    m_to->setAccessibleName(tr("Entries before"));
    m_to->setDisplayFormat(format);
    m_to->setCalendarPopup(true);
    m_to->setEnabled(false);
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, &LogPage::applyFilters);
    connect(m_toEnabled, &QCheckBox::toggled, this, &LogPage::applyFilters);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &LogPage::applyFilters);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &LogPage::applyFilters);

    m_refreshButton = new QPushButton(tr("&Refresh"), this);
    m_refreshButton->setObjectName(u"logRefresh"_s);
    m_refreshButton->setAccessibleName(tr("Refresh the log"));
    m_refreshButton->setToolTip(tr("Show what was logged since (F5)"));
    connect(m_refreshButton, &QPushButton::clicked, this, &LogPage::refresh);

    m_exportButton = new QPushButton(tr("&Export errors as CSV…"), this);
    m_exportButton->setObjectName(u"logExportErrors"_s);
    m_exportButton->setAccessibleName(tr("Export errors as CSV"));
    m_exportButton->setToolTip(tr("Saves the error entries matching the filters as a CSV file with the columns "
                                  "order, object, error code, message and fields, like Data Loader's error files"));
    connect(m_exportButton, &QPushButton::clicked, this, &LogPage::exportErrors);

    auto *bar = new QHBoxLayout;
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addSpacing(8);
    bar->addWidget(searchLabel);
    bar->addWidget(m_search, 1);
    bar->addSpacing(8);
    bar->addWidget(m_fromEnabled);
    bar->addWidget(m_from);
    bar->addWidget(m_toEnabled);
    bar->addWidget(m_to);
    bar->addSpacing(8);
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_exportButton);
    return bar;
}

SyncLogQuery LogPage::currentQuery() const
{
    SyncLogQuery query;
    query.level = SyncLogQuery::Level(m_level->currentData().toInt());
    query.orderSearch = m_search->text().trimmed();
    if (m_fromEnabled->isChecked())
        query.from = m_from->dateTime();
    if (m_toEnabled->isChecked())
        query.to = m_to->dateTime();
    return query;
}

void LogPage::applyFilters()
{
    m_searchTimer->stop();
    m_model->setQuery(currentQuery());
}

void LogPage::refresh()
{
    // New entries are inserted above. An operator reading further down keeps the same entries in
    // view (the view alone would keep its scroll value and slide them down); one watching the top
    // sees the new ones arrive.
    QScrollBar *bar = m_view->verticalScrollBar();
    const int before = bar->value();
    const int added = m_model->refresh();
    if (added <= 0 || before <= bar->minimum())
        return;
    m_view->doItemsLayout(); // the scroll range grows now, not at the next layout pass
    // Rows have one fixed height, so the shift is exact in either scroll mode.
    const int step = m_view->verticalScrollMode() == QAbstractItemView::ScrollPerItem
                         ? 1
                         : m_view->verticalHeader()->defaultSectionSize();
    bar->setValue(before + added * step);
}

void LogPage::updateCount()
{
    m_countLabel->setText(tr("%n entries", nullptr, m_model->rowCount()));
}

QString LogPage::selectedText() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    if (rows.isEmpty())
        return {};
    QStringList lines;
    QStringList header;
    for (int column = 0; column < LogTableModel::ColumnCount; ++column)
        header << m_model->headerData(column, Qt::Horizontal).toString();
    lines << header.join(u'\t');
    for (const QModelIndex &row : std::as_const(rows)) {
        QStringList cells;
        for (int column = 0; column < LogTableModel::ColumnCount; ++column)
            cells << row.siblingAtColumn(column).data().toString();
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n') + u'\n';
}

void LogPage::copySelection()
{
    const QString text = selectedText();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied %n log entries.", nullptr, int(text.count(u'\n') - 1)));
}

void LogPage::exportErrors()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = u"orderbridge-errors-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s));
    auto *dialog = new QFileDialog(this, tr("Export errors as CSV"), QDir(folder).filePath(name),
                                   tr("CSV files (*.csv)"));
    dialog->setObjectName(u"logExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { (void)exportErrorsTo(path); });
    dialog->open();
}

OrderBridge::Result<qint64> LogPage::exportErrorsTo(const QString &filePath)
{
    auto report = [this](const OrderBridge::Error &error) {
        Q_EMIT statusMessage(tr("The errors were not exported: %1").arg(error.toString()));
        return std::unexpected(error);
    };
    if (!m_database)
        return report(OrderBridge::Error{u"log.no_store"_s, tr("No store is open."),
                                         tr("Start OrderBridge with its data folder."), {}});
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return report(OrderBridge::Error{u"log.export_failed"_s,
                                         tr("%1 cannot be written: %2.").arg(filePath, file.errorString()),
                                         tr("Choose a file in a folder you can write to."), {}});
    // The export holds customer e-mails and order details: owner-only, like the database.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const OrderBridge::SyncLogRepository reader(m_database);
    const auto written = OrderBridge::SyncLogCsv::writeErrors(reader, currentQuery(), file);
    if (!written) {
        file.cancelWriting();
        return report(written.error());
    }
    if (!file.commit())
        return report(OrderBridge::Error{u"log.export_failed"_s,
                                         tr("%1 cannot be written: %2.").arg(filePath, file.errorString()),
                                         tr("Check that the disk is not full, then export again."), {}});
    Q_EMIT statusMessage(tr("Exported %n error(s) to %1.", nullptr, int(*written)).arg(QDir::toNativeSeparators(filePath)));
    return *written;
}
