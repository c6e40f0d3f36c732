// orderbridge-bench-grid: fills a SQLite store with N orders (default 1,000,000) and measures the
// Sales › Orders grid on the offscreen platform: time to first paint, time to apply filters (until
// the filtered rows are painted) and the resident memory. Targets: < 1 s, < 200 ms, < 300 MB.
//
//   orderbridge-bench-grid [--orders N] [--store FILE]
//
// With --store an existing file of the right size is reused (the fill is skipped).

#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"

#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/syncstatus.h"
#include "sync/orderscsv.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <array>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

namespace {

qint64 statusKilobytes(const char *field)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

qint64 existingOrders(const OrderBridge::Database &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(u"SELECT count(*) FROM orders"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// One transaction, one prepared statement: the way a backfill writes.
bool fill(const OrderBridge::Database &database, int count)
{
    static const std::array<QString, 16> first{u"Anna"_s, u"Ben"_s, u"Chloe"_s, u"David"_s, u"Emma"_s, u"Felix"_s,
                                              u"Grace"_s, u"Henry"_s, u"Ida"_s, u"Jonas"_s, u"Klara"_s, u"Leon"_s,
                                              u"Mia"_s, u"Noah"_s, u"Olivia"_s, u"Paul"_s};
    static const std::array<QString, 16> last{u"Smith"_s, u"Müller"_s, u"Jones"_s, u"Schmidt"_s, u"Brown"_s,
                                             u"Fischer"_s, u"Taylor"_s, u"Weber"_s, u"Wilson"_s, u"Wagner"_s,
                                             u"Evans"_s, u"Becker"_s, u"Thomas"_s, u"Hoffmann"_s, u"Walker"_s, u"Koch"_s};
    static const std::array<QString, 5> statuses{u"complete"_s, u"processing"_s, u"pending"_s, u"closed"_s, u"canceled"_s};
    QSqlDatabase db = database.connection();
    if (!db.transaction())
        return false;
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO orders (magento_entity_id, increment_id, status, state, created_at, updated_at,"
                   u" customer_email, customer_name, grand_total, currency, sync_status, reason, sf_order_id)"
                   u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const QDateTime base(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 1; i <= count; ++i) {
        const QString created = base.addSecs(150LL * i).toString(Qt::ISODateWithMs);
        const QString &firstName = first.at(std::size_t(i % 16));
        const QString &lastName = last.at(std::size_t((i / 16) % 16));
        const QString &status = statuses.at(std::size_t((i * 7) % 5));
        // Mostly in sync, as a store that has been running for a while.
        const int bucket = (i * 13) % 100;
        const SyncStatus sync = bucket < 75 ? SyncStatus::InSync
            : bucket < 85                   ? SyncStatus::Pending
            : bucket < 92                   ? SyncStatus::OutOfSync
            : bucket < 96                   ? SyncStatus::Error
                                            : SyncStatus::Skipped;
        insert.addBindValue(i);
        insert.addBindValue(QString::number(i).rightJustified(9, u'0'));
        insert.addBindValue(status);
        insert.addBindValue(status);
        insert.addBindValue(created);
        insert.addBindValue(created);
        insert.addBindValue(QString(firstName.toLower() + u'.' + QString::number(i) + u"@example.com"_s));
        insert.addBindValue(QString(firstName + u' ' + lastName));
        insert.addBindValue(20.0 + (i * 37 % 50000) / 100.0);
        insert.addBindValue(u"USD"_s);
        insert.addBindValue(OrderBridge::syncStatusDbName(sync));
        insert.addBindValue(sync == SyncStatus::OutOfSync ? QVariant(u"Created only for paid orders."_s)
                                                          : QVariant(QMetaType::fromType<QString>()));
        insert.addBindValue(sync == SyncStatus::InSync ? QVariant(u"801"_s + QString::number(i).rightJustified(15, u'0'))
                                                       : QVariant(QMetaType::fromType<QString>()));
        if (!insert.exec()) {
            print(u"insert failed: "_s + insert.lastError().text());
            return false;
        }
    }
    if (!db.commit())
        return false;
    QSqlQuery analyze(db);
    return analyze.exec(u"ANALYZE"_s);
}

// Paints the whole page into a pixmap (the offscreen platform paints nothing by itself) and checks
// that the view had rows to paint.
bool paintRows(OrdersPage &page)
{
    const QPixmap pixmap = page.grab();
    return !pixmap.isNull() && (page.model()->rowCount() == 0 || page.model()->cachedPageCount() > 0);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Orders grid benchmark"_s);
    parser.addHelpOption();
    const QCommandLineOption ordersOption(u"orders"_s, u"Orders in the store (default 1000000)."_s, u"N"_s, u"1000000"_s);
    const QCommandLineOption storeOption(u"store"_s, u"SQLite file to fill or reuse (default: a temporary one)."_s, u"FILE"_s);
    parser.addOption(ordersOption);
    parser.addOption(storeOption);
    parser.process(app);
    const int orders = parser.value(ordersOption).toInt();

    QTemporaryDir dir;
    const QString path = parser.isSet(storeOption) ? parser.value(storeOption) : dir.filePath(u"bench-grid.sqlite"_s);
    auto opened = OrderBridge::Database::open(path);
    if (!opened) {
        print(u"cannot open the store: "_s + opened.error().toString());
        return 1;
    }
    std::shared_ptr<OrderBridge::Database> database = *opened;

    const qint64 present = existingOrders(*database);
    if (present != orders) {
        if (present > 0) {
            print(u"%1 holds %2 orders, not %3; use another --store file."_s.arg(path).arg(present).arg(orders));
            return 1;
        }
        QElapsedTimer fillTimer;
        fillTimer.start();
        if (!fill(*database, orders)) {
            print(u"filling the store failed"_s);
            return 1;
        }
        print(u"fill: %1 orders in %2 ms (one transaction, prepared insert)"_s.arg(orders).arg(fillTimer.elapsed()));
    } else {
        print(u"fill: reusing %1 with %2 orders"_s.arg(path).arg(orders));
    }
    print(u"store: %1 MB on disk"_s.arg(QFileInfo(path).size() / (1024.0 * 1024.0), 0, 'f', 1));

    // First paint: model (SQL count), page and view created, shown and painted with rows.
    QElapsedTimer timer;
    timer.start();
    OrdersPage page(database);
    page.resize(1280, 800);
    page.show();
    const bool painted = paintRows(page);
    const qint64 firstPaint = timer.elapsed();
    print(u"first paint: %1 ms (%2 rows in the model, %3 page(s) read, rows painted: %4)"_s.arg(firstPaint)
              .arg(page.model()->rowCount())
              .arg(page.model()->cachedPageCount())
              .arg(painted ? u"yes"_s : u"NO"_s));

    using OrderBridge::OrderQuery;
    struct FilterCase
    {
        QString name;
        OrderQuery query;
    };
    // The fill places an order every 150 s from 1 January 2020: 1,000,000 orders reach into 2024.
    const QDateTime fillStart(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime month = fillStart.addDays(200);
    const QList<FilterCase> cases{
        {u"sync status = error"_s, {.syncStatus = SyncStatus::Error}},
        {u"sync status = error + search \"emma\""_s, {.syncStatus = SyncStatus::Error, .search = u"emma"_s}},
        {u"sync status = pending + search \"00012\" (order number)"_s, {.syncStatus = SyncStatus::Pending, .search = u"00012"_s}},
        {u"sync status = out of sync + status complete"_s, {.syncStatus = SyncStatus::OutOfSync, .magentoStatus = u"complete"_s}},
        {u"search \"olivia w\" (name)"_s, {.search = u"olivia w"_s}},
        {u"search \"walker\" (a last name, 1 order in 16)"_s, {.search = u"walker"_s}},
        {u"search \"21\" (order number without leading zeros)"_s, {.search = u"21"_s}},
        {u"search \"emma walker\" (two words)"_s, {.search = u"emma walker"_s}},
        {u"search \"müller\" + sync status = error"_s, {.syncStatus = SyncStatus::Error, .search = u"müller"_s}},
        // The Filters panel's ranges.
        {u"purchase date: one month (about 17,000 orders)"_s, {.createdFrom = month, .createdTo = month.addMonths(1)}},
        {u"purchase date from a day (to the end)"_s, {.createdFrom = fillStart.addDays(30)}},
        {u"purchase date: one month + sync status = error"_s,
         {.syncStatus = SyncStatus::Error, .createdFrom = month, .createdTo = month.addMonths(1)}},
        {u"grand total 100-200"_s, {.minGrandTotal = 100.0, .maxGrandTotal = 200.0}},
        {u"grand total >= 500 + sync status = error"_s, {.syncStatus = SyncStatus::Error, .minGrandTotal = 500.0}},
        {u"purchase date one month + grand total 100-200 + search \"emma\""_s,
         {.search = u"emma"_s, .createdFrom = month, .createdTo = month.addMonths(1), .minGrandTotal = 100.0, .maxGrandTotal = 200.0}},
        {u"cleared"_s, {}},
    };
    qint64 worstFilter = 0;
    for (const FilterCase &filter : cases) {
        timer.restart();
        page.model()->setFilter(filter.query);
        const bool ok = paintRows(page);
        const qint64 elapsed = timer.elapsed();
        worstFilter = qMax(worstFilter, elapsed);
        print(u"filter %1: %2 ms (%3 rows, painted: %4; \"%5\")"_s.arg(filter.name)
                  .arg(elapsed)
                  .arg(page.model()->rowCount())
                  .arg(ok ? u"yes"_s : u"NO"_s)
                  .arg(page.recordsFoundLabel()->text()));
    }

    // The health strip's counts per sync status (read off the GUI thread after every batch).
    {
        QElapsedTimer countTimer;
        countTimer.start();
        const auto counts = OrderBridge::OrdersRepository(database).countsBySyncStatus();
        print(u"counts per sync status (health strip, off the GUI thread): %1 ms (%2 orders counted)"_s
                  .arg(countTimer.elapsed())
                  .arg(counts ? counts->total() : -1));
    }

    // Export View as CSV of the whole (unfiltered) grid, as the console's pool thread writes it.
    {
        QElapsedTimer exportTimer;
        exportTimer.start();
        const QString csv = dir.filePath(u"bench-grid-export.csv"_s);
        const auto written = OrderBridge::OrdersCsv::exportTo(OrderBridge::OrdersRepository(database), page.model()->query(), csv);
        print(u"export view as CSV (off the GUI thread): %1 ms (%2 orders, %3 MB)"_s.arg(exportTimer.elapsed())
                  .arg(written ? *written : -1)
                  .arg(QFileInfo(csv).size() / (1024.0 * 1024.0), 0, 'f', 1));
        QFile::remove(csv);
    }

    // Sorting and scrolling to the far end are the other things an operator does with the grid.
    timer.restart();
    page.model()->sort(OrdersTableModel::GrandTotalColumn, Qt::DescendingOrder);
    paintRows(page);
    print(u"sort by grand total: %1 ms"_s.arg(timer.elapsed()));
    timer.restart();
    page.view()->scrollToBottom();
    paintRows(page);
    print(u"scroll to the last row: %1 ms"_s.arg(timer.elapsed()));

    const qint64 rss = statusKilobytes("VmRSS");
    const qint64 peak = statusKilobytes("VmHWM");
    print(u"memory: VmRSS %1 MB, VmHWM (peak, includes the fill) %2 MB"_s.arg(rss / 1024.0, 0, 'f', 1).arg(peak / 1024.0, 0, 'f', 1));
    print(u"targets: first paint < 1000 ms: %1; filter < 200 ms (worst %2 ms): %3; RSS < 300 MB: %4"_s
              .arg(firstPaint < 1000 ? u"met"_s : u"MISSED"_s)
              .arg(worstFilter)
              .arg(worstFilter < 200 ? u"met"_s : u"MISSED"_s)
              .arg(rss < 300 * 1024 ? u"met"_s : u"MISSED"_s));
    return 0;
}
