#include "store/ordersrepository.h"

#include "store/database.h"
#include "store/syncstatus.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString selectColumns =
    u"id, magento_entity_id, increment_id, status, state, created_at, updated_at, customer_email, customer_name,"
    u" grand_total, currency, sf_order_id, sf_account_id, sf_contact_id, sf_opportunity_id, sync_status, reason,"
    u" last_error_code, last_error_message, attempts, next_retry_at, last_synced_at, content_hash"_s;

// UTC ISO 8601 with milliseconds: one fixed width, so text order is time order.
QVariant timestamp(const QDateTime &time)
{
    if (!time.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QVariant nullableText(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QString sortExpression(OrderQuery::SortColumn column)
{
    switch (column) {
    case OrderQuery::SortColumn::IncrementId:
        return u"increment_id"_s;
    case OrderQuery::SortColumn::CreatedAt:
        return u"created_at"_s;
    case OrderQuery::SortColumn::UpdatedAt:
        return u"updated_at"_s;
    case OrderQuery::SortColumn::Status:
        return u"status"_s;
    case OrderQuery::SortColumn::SyncStatus:
        return u"sync_status"_s;
    case OrderQuery::SortColumn::GrandTotal:
        return u"grand_total"_s;
    case OrderQuery::SortColumn::CustomerEmail:
        return u"customer_email COLLATE NOCASE"_s;
    case OrderQuery::SortColumn::CustomerName:
        return u"customer_name COLLATE NOCASE"_s;
    }
    return u"created_at"_s;
}

// The FTS5 query (https://sqlite.org/fts5.html#full_text_query_syntax) for what was typed in the search box:
// every word must match (AND); a word matches the start of a word of the increment ID, e-mail or name. A word of
// digits also matches the increment ID without its leading zeros exactly ("21" finds 000000021, not 000000210).
// Words are split where the index splits them (letters and digits are word characters) and quoted, so no typed
// character is FTS5 syntax. std::nullopt when nothing searchable was typed.
std::optional<QString> searchExpression(const QString &typed)
{
    QStringList all;
    for (const QString &word : typed.split(u' ', Qt::SkipEmptyParts)) {
        QStringList parts;
        QString part;
        for (const QChar c : word) {
            if (c.isLetterOrNumber()) {
                part += c;
            } else if (!part.isEmpty()) {
                parts << part;
                part.clear();
            }
        }
        if (!part.isEmpty())
            parts << part;
        if (parts.isEmpty())
            continue;
        // Quoted parts form a phrase: "costello@exa" is the words costello then exa…, in that order.
        const QString phrase = u'"' + parts.join(u' ') + u"\"*"_s;
        bool digits = parts.size() == 1;
        for (const QChar c : parts.first())
            digits = digits && c.isDigit();
        QString number = parts.first();
        while (digits && number.startsWith(u'0'))
            number.remove(0, 1);
        if (digits && !number.isEmpty())
            all << u"(increment_number : \"%1\" OR {increment_id customer_email customer_name} : %2)"_s.arg(number, phrase);
        else
            all << u"{increment_id customer_email customer_name} : "_s + phrase;
    }
    if (all.isEmpty())
        return std::nullopt;
    return all.join(u" AND "_s);
}

// WHERE clause and its bound values; each term can use one of the orders indexes.
struct Filter
{
    QString where;
    QVariantList values;
    bool searchOnly = false;          ///< the search is the only term
    std::optional<qint64> searchHits; ///< orders the search matches, when counted
};

std::unexpected<Error> sqlFailure(const QString &what, const QSqlError &error)
{
    return fail(u"store.orders_failed"_s, u"%1: %2."_s.arg(what, error.text()),
                u"Check that the database file is readable and writable."_s);
}

// Up to this many search hits the query starts from the hits (each one row by ID); above it, from the sort
// column's or the status filter's index, checking each row against the hits, so a page needs only as many
// rows as it shows. At 1,000,000 orders (bench/ui) the first costs about 20 µs a hit; the second is slow only
// when the hits are all far down the sort order.
constexpr int fewHits = 5000;

// A range of one indexed column, bound to `values`; an open end has no term.
struct Range
{
    QString column;
    QVariant low;  ///< null for open
    QVariant high; ///< null for open

    [[nodiscard]] bool isOpen() const { return low.isNull() && high.isNull(); }
    // The terms on `expression` (the column, or "+column" to keep SQLite off its index).
    void addTerms(const QString &expression, QStringList &terms, QVariantList &values) const
    {
        if (!low.isNull()) {
            terms << expression + u" >= ?"_s;
            values << low;
        }
        if (!high.isNull()) {
            terms << expression + u" <= ?"_s;
            values << high;
        }
    }
};

// How many orders fall in the range, counted up to `cap`: one read of the column's index, at most `cap` entries.
Result<qint64> hitsInRange(const Range &range, const QSqlDatabase &db, int cap)
{
    QStringList terms;
    QVariantList values;
    range.addTerms(range.column, terms, values);
    QSqlQuery probe(db);
    probe.prepare(u"SELECT count(*) FROM (SELECT 1 FROM orders WHERE "_s + terms.join(u" AND "_s) + u" LIMIT ?)"_s);
    for (const QVariant &value : std::as_const(values))
        probe.addBindValue(value);
    probe.addBindValue(cap);
    if (!probe.exec() || !probe.next())
        return sqlFailure(u"The orders cannot be filtered"_s, probe.lastError());
    return probe.value(0).toLongLong();
}

// Past this many orders in each of two ranges, a count reads the narrower one's index and checks the other row by row.
constexpr int countProbeCap = 100000;

enum class FilterUse { Count, Page };

Result<Filter> filterFor(const OrderQuery &query, const QSqlDatabase &db, FilterUse use = FilterUse::Count)
{
    QStringList terms;
    Filter filter;
    if (query.syncStatus) {
        terms << u"sync_status = ?"_s;
        filter.values << syncStatusDbName(*query.syncStatus);
    }
    if (!query.magentoStatus.isEmpty()) {
        terms << u"status = ?"_s;
        filter.values << query.magentoStatus;
    }
    // created_at is fixed-width UTC text, so a text range is a time range. A count reads a range from its
    // column's index (covering). A page sorted by another column, in a range holding many orders, starts from the
    // sort column's index instead and checks each row, so it reads only about as many rows as it shows: from the
    // range's index SQLite would sort every order in it first (1.3 s for 200,000 orders in bench/ui).
    const QVariant none;
    const Range ranges[] = {
        {u"created_at"_s, query.createdFrom.isValid() ? timestamp(query.createdFrom) : none,
         query.createdTo.isValid() ? timestamp(query.createdTo) : none},
        {u"grand_total"_s, query.minGrandTotal ? QVariant(*query.minGrandTotal) : none,
         query.maxGrandTotal ? QVariant(*query.maxGrandTotal) : none},
    };
    // Both ranges in a count: without statistics SQLite takes either index (the grand total's for one month of
    // orders and totals 100-200: 200,000 row reads, 2 s); the wider range is checked row by row instead.
    std::optional<std::size_t> wider;
    if (use == FilterUse::Count && !ranges[0].isOpen() && !ranges[1].isOpen()) {
        const Result<qint64> dates = hitsInRange(ranges[0], db, countProbeCap);
        const Result<qint64> totals = dates ? hitsInRange(ranges[1], db, countProbeCap) : dates;
        if (!totals)
            return std::unexpected(totals.error());
        wider = *dates >= *totals ? 0 : 1;
    }
    for (std::size_t i = 0; i < std::size(ranges); ++i) {
        const Range &range = ranges[i];
        if (range.isOpen())
            continue;
        bool unindexed = wider == i;
        if (use == FilterUse::Page && sortExpression(query.sortBy) != range.column) {
            const Result<qint64> hits = hitsInRange(range, db, fewHits + 1);
            if (!hits)
                return std::unexpected(hits.error());
            unindexed = *hits > fewHits;
        }
        range.addTerms(unindexed ? u"+"_s + range.column : range.column, terms, filter.values);
    }
    filter.searchOnly = terms.isEmpty();
    if (const std::optional<QString> words = searchExpression(query.search)) {
        QSqlQuery probe(db);
        probe.prepare(u"SELECT count(*) FROM (SELECT rowid FROM orders_search WHERE orders_search MATCH ? LIMIT ?)"_s);
        probe.addBindValue(*words);
        probe.addBindValue(fewHits + 1);
        if (!probe.exec() || !probe.next())
            return sqlFailure(u"The orders cannot be searched"_s, probe.lastError());
        const qint64 hits = probe.value(0).toLongLong();
        if (hits <= fewHits)
            filter.searchHits = hits;
        // "+id" keeps SQLite from starting at the hits' row IDs when there are many.
        terms << (hits <= fewHits ? u"id"_s : u"+id"_s)
                     + u" IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ?)"_s;
        filter.values << *words;
    } else if (!query.search.trimmed().isEmpty()) {
        terms << u"0"_s; // nothing searchable in it (only punctuation): no order matches
        filter.searchHits = 0;
    } else {
        filter.searchOnly = false;
    }
    if (!terms.isEmpty())
        filter.where = u" WHERE "_s + terms.join(u" AND "_s);
    return filter;
}


OrderRecord readRecord(const QSqlQuery &query)
{
    OrderRecord order;
    order.id = query.value(0).toLongLong();
    order.magentoEntityId = query.value(1).toLongLong();
    order.incrementId = query.value(2).toString();
    order.status = query.value(3).toString();
    order.state = query.value(4).toString();
    order.createdAt = parseTimestamp(query.value(5));
    order.updatedAt = parseTimestamp(query.value(6));
    order.customerEmail = query.value(7).toString();
    order.customerName = query.value(8).toString();
    order.grandTotal = query.value(9).toDouble();
    order.currency = query.value(10).toString();
    order.salesforceOrderId = query.value(11).toString();
    order.salesforceAccountId = query.value(12).toString();
    order.salesforceContactId = query.value(13).toString();
    order.salesforceOpportunityId = query.value(14).toString();
    order.syncStatus = syncStatusFromDbName(query.value(15).toString()).value_or(SyncStatus::Pending);
    order.reason = query.value(16).toString();
    order.lastErrorCode = query.value(17).toString();
    order.lastErrorMessage = query.value(18).toString();
    order.attempts = query.value(19).toInt();
    order.nextRetryAt = parseTimestamp(query.value(20));
    order.lastSyncedAt = parseTimestamp(query.value(21));
    order.contentHash = query.value(22).toString();
    return order;
}

// Runs the query's SELECT (paged: with its LIMIT and OFFSET) and hands each row to `visit`; how many rows it visited.
Result<qint64> selectRows(const QSqlDatabase &db, const OrderQuery &orderQuery, bool paged,
                          const std::function<Result<void>(const OrderRecord &)> &visit)
{
    const Result<Filter> found = filterFor(orderQuery, db, FilterUse::Page);
    if (!found)
        return std::unexpected(found.error());
    const Filter &filter = *found;
    if (filter.searchHits == 0)
        return 0;
    const QString direction = orderQuery.descending ? u" DESC"_s : u" ASC"_s;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + selectColumns + u" FROM orders"_s + filter.where + u" ORDER BY "_s
                  + sortExpression(orderQuery.sortBy) + direction + u", id"_s + direction
                  + (paged ? u" LIMIT ? OFFSET ?"_s : QString()));
    for (const QVariant &value : filter.values)
        query.addBindValue(value);
    if (paged) {
        query.addBindValue(std::max(0, orderQuery.limit));
        query.addBindValue(std::max(0, orderQuery.offset));
    }
    if (!query.exec())
        return sqlFailure(u"The orders cannot be read"_s, query.lastError());
    qint64 visited = 0;
    while (query.next()) {
        if (Result<void> r = visit(readRecord(query)); !r)
            return std::unexpected(r.error());
        ++visited;
    }
    if (query.lastError().isValid())
        return sqlFailure(u"The orders cannot be read"_s, query.lastError());
    return visited;
}

} // namespace

OrdersRepository::OrdersRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<qint64> OrdersRepository::upsertFromMagento(const OrderRecord &order) const
{
    if (order.magentoEntityId <= 0 || order.incrementId.isEmpty() || !order.createdAt.isValid())
        return fail(u"store.orders_invalid"_s,
                    u"An order needs a Magento entity_id, an increment_id and a created_at time to be stored."_s,
                    u"Check the order data Magento returned."_s);
    QSqlQuery query(m_database->connection());
    query.prepare(u"INSERT INTO orders (magento_entity_id, increment_id, status, state, created_at, updated_at,"
                  u" customer_email, customer_name, grand_total, currency, content_hash, sync_status)"
                  u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  u" ON CONFLICT (magento_entity_id) DO UPDATE SET increment_id = excluded.increment_id,"
                  u" status = excluded.status, state = excluded.state, created_at = excluded.created_at,"
                  u" updated_at = excluded.updated_at, customer_email = excluded.customer_email,"
                  u" customer_name = excluded.customer_name, grand_total = excluded.grand_total,"
                  u" currency = excluded.currency, content_hash = excluded.content_hash"
                  u" RETURNING id"_s);
    query.addBindValue(order.magentoEntityId);
    query.addBindValue(order.incrementId);
    query.addBindValue(text(order.status));
    query.addBindValue(text(order.state));
    query.addBindValue(timestamp(order.createdAt));
    query.addBindValue(timestamp(order.updatedAt.isValid() ? order.updatedAt : order.createdAt));
    query.addBindValue(text(order.customerEmail));
    query.addBindValue(text(order.customerName));
    query.addBindValue(order.grandTotal);
    query.addBindValue(text(order.currency));
    query.addBindValue(nullableText(order.contentHash));
    query.addBindValue(syncStatusDbName(order.syncStatus));
    if (!query.exec() || !query.next())
        return sqlFailure(u"Order %1 cannot be stored"_s.arg(order.incrementId), query.lastError());
    return query.value(0).toLongLong();
}

Result<std::optional<OrderRecord>> OrdersRepository::findByEntityId(qint64 magentoEntityId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"SELECT "_s + selectColumns + u" FROM orders WHERE magento_entity_id = ?"_s);
    query.addBindValue(magentoEntityId);
    if (!query.exec())
        return sqlFailure(u"The order cannot be read"_s, query.lastError());
    if (!query.next())
        return std::optional<OrderRecord>();
    return std::optional<OrderRecord>(readRecord(query));
}

Result<QList<OrderRecord>> OrdersRepository::page(const OrderQuery &orderQuery) const
{
    QList<OrderRecord> orders;
    const Result<qint64> read = selectRows(m_database->connection(), orderQuery, true, [&orders](const OrderRecord &order) {
        orders << order;
        return Result<void>();
    });
    if (!read)
        return std::unexpected(read.error());
    return orders;
}

Result<qint64> OrdersRepository::forEach(const OrderQuery &orderQuery,
                                         const std::function<Result<void>(const OrderRecord &)> &visit) const
{
    return selectRows(m_database->connection(), orderQuery, false, visit);
}

Result<qint64> OrdersRepository::count(const OrderQuery &orderQuery) const
{
    const Result<Filter> found = filterFor(orderQuery, m_database->connection());
    if (!found)
        return std::unexpected(found.error());
    const Filter &filter = *found;
    if (filter.searchOnly && filter.searchHits)
        return *filter.searchHits;
    QSqlQuery query(m_database->connection());
    // Many hits and nothing else to filter by: the index counts them (every indexed row is an order).
    if (filter.searchOnly)
        query.prepare(u"SELECT count(*) FROM orders_search WHERE orders_search MATCH ?"_s);
    else
        query.prepare(u"SELECT count(*) FROM orders"_s + filter.where);
    for (const QVariant &value : filter.values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return sqlFailure(u"The orders cannot be counted"_s, query.lastError());
    return query.value(0).toLongLong();
}

Result<SyncStatusCounts> OrdersRepository::countsBySyncStatus() const
{
    QSqlQuery query(m_database->connection());
    // Counted from idx_orders_sync_status (a covering index). Counts kept by triggers would read in
    // microseconds, but any trigger on orders made the inserts of a backfill about three times slower
    // (orderbridge-bench-grid's fill: 30.7 s -> 97.4 s for 100,000 orders).
    if (!query.exec(u"SELECT sync_status, count(*) FROM orders INDEXED BY idx_orders_sync_status GROUP BY sync_status"_s))
        return sqlFailure(u"The orders per sync status cannot be counted"_s, query.lastError());
    SyncStatusCounts counts;
    while (query.next()) {
        if (const auto status = syncStatusFromDbName(query.value(0).toString()))
            counts.set(*status, query.value(1).toLongLong());
    }
    return counts;
}

} // namespace OrderBridge
