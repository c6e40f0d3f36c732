#include "store/synclogrepository.h"

#include "store/database.h"
#include "store/sqltransaction.h"
#include "store/synclogwriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// Newest first; the (logged_at, id) indexes serve this order, and ids tie-break equal times.
const QString kSelect =
    u"SELECT id, logged_at, level, order_increment_id, object, error_code, message, fields FROM sync_log"_s;
const QString kOrder = u" ORDER BY logged_at DESC, id DESC"_s;

// " WHERE …" with ? placeholders (empty when nothing is filtered); each term can use one of the
// sync_log indexes.
QString whereClause(const SyncLogQuery &query)
{
    QStringList terms;
    if (query.level != SyncLogQuery::Level::All)
        terms << u"level = ?"_s;
    // A range instead of LIKE, so the (order_increment_id, logged_at) index serves the prefix.
    if (!query.orderSearch.trimmed().isEmpty())
        terms << u"order_increment_id >= ? AND order_increment_id < ?"_s;
    if (query.from.isValid())
        terms << u"logged_at >= ?"_s;
    if (query.to.isValid())
        terms << u"logged_at < ?"_s;
    if (query.afterId > 0)
        terms << u"id > ?"_s;
    if (query.upToId > 0)
        terms << u"id <= ?"_s;
    if (terms.isEmpty())
        return {};
    return u" WHERE "_s + terms.join(u" AND "_s);
}

// The values for whereClause()'s placeholders, in order.
QVariantList boundValues(const SyncLogQuery &query)
{
    QVariantList values;
    if (query.level != SyncLogQuery::Level::All)
        values << SyncLogQuery::levelName(query.level);
    if (const QString prefix = query.orderSearch.trimmed(); !prefix.isEmpty()) {
        values << prefix;
        // U+10FFFF sorts after every character in SQLite's binary (UTF-8 byte) order.
        values << QString(prefix + QString::fromUcs4(U"\U0010FFFF"));
    }
    if (query.from.isValid())
        values << query.from.toUTC().toString(Qt::ISODateWithMs);
    if (query.to.isValid())
        values << query.to.toUTC().toString(Qt::ISODateWithMs);
    if (query.afterId > 0)
        values << query.afterId;
    if (query.upToId > 0)
        values << query.upToId;
    return values;
}

Error sqlError(const QSqlQuery &q, const QString &what)
{
    return Error{u"store.sql"_s, u"Could not %1: %2"_s.arg(what, q.lastError().text()),
                 u"Check that the data folder is readable and the database not damaged."_s, {}};
}

Result<void> run(QSqlQuery &q, const QString &sql, const QVariantList &values, const QString &what)
{
    if (!q.prepare(sql))
        return std::unexpected(sqlError(q, what));
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec())
        return std::unexpected(sqlError(q, what));
    return {};
}

SyncLogEntry entryFrom(const QSqlQuery &q)
{
    SyncLogEntry e;
    e.id = q.value(0).toLongLong();
    e.loggedAt = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs).toUTC();
    e.level = q.value(2).toString();
    e.incrementId = q.value(3).toString();
    e.object = q.value(4).toString();
    e.errorCode = q.value(5).toString();
    e.message = q.value(6).toString();
    e.fields = q.value(7).toString();
    return e;
}

} // namespace

SyncLogRepository::SyncLogRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<void> SyncLogRepository::append(const QList<SyncLogEntry> &entries) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return started;
    SyncLogWriter writer(transaction.database());
    for (const SyncLogEntry &entry : entries) {
        if (auto written = writer.append(entry); !written)
            return written;
    }
    return transaction.commit();
}

Result<qint64> SyncLogRepository::count(const SyncLogQuery &query) const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COUNT(*) FROM sync_log"_s + whereClause(query), boundValues(query),
                     u"count the sync log"_s);
        !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<bool> SyncLogRepository::appendedOnTop(qint64 oldLastId, qint64 newLastId) const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q,
                     u"SELECT (SELECT MIN(logged_at) FROM sync_log WHERE id > ? AND id <= ?)"
                     u" >= (SELECT MAX(logged_at) FROM sync_log WHERE id <= ?)"_s,
                     {oldLastId, newLastId, oldLastId}, u"read the sync log"_s);
        !r)
        return std::unexpected(r.error());
    q.next();
    // NULL: one side is empty, so nothing older can be overtaken.
    return q.value(0).isNull() || q.value(0).toInt() == 1;
}

Result<qint64> SyncLogRepository::lastId() const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COALESCE(MAX(id), 0) FROM sync_log"_s, {}, u"read the sync log"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<qint64> SyncLogRepository::firstId() const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COALESCE(MIN(id), 0) FROM sync_log"_s, {}, u"read the sync log"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<SyncLogEntry>> SyncLogRepository::page(const SyncLogQuery &query, int offset, int limit) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    QVariantList values = boundValues(query);
    values << limit << offset;
    if (auto r = run(q, kSelect + whereClause(query) + kOrder + u" LIMIT ? OFFSET ?"_s, values,
                     u"read the sync log"_s);
        !r)
        return std::unexpected(r.error());
    QList<SyncLogEntry> entries;
    entries.reserve(limit);
    while (q.next())
        entries << entryFrom(q);
    return entries;
}

Result<QList<SyncLogEntry>> SyncLogRepository::forOrder(const QString &incrementId, int limit) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    // idx_sync_log_order (order_increment_id, logged_at) serves the filter and the order.
    if (auto r = run(q, kSelect + u" WHERE order_increment_id = ?"_s + kOrder + u" LIMIT ?"_s, {incrementId, limit},
                     u"read the sync history of order %1"_s.arg(incrementId));
        !r)
        return std::unexpected(r.error());
    QList<SyncLogEntry> entries;
    while (q.next())
        entries << entryFrom(q);
    return entries;
}

Result<qint64> SyncLogRepository::forEach(const SyncLogQuery &query, bool errorsOnly,
                                      const std::function<Result<void>(const SyncLogEntry &)> &visit) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    SyncLogQuery effective = query;
    if (errorsOnly && query.level != SyncLogQuery::Level::Errors) {
        if (query.level != SyncLogQuery::Level::All)
            return 0; // warnings or info only: no error can match
        effective.level = SyncLogQuery::Level::Errors;
    }
    if (auto r = run(q, kSelect + whereClause(effective) + kOrder, boundValues(effective), u"read the sync log"_s);
        !r)
        return std::unexpected(r.error());
    qint64 n = 0;
    while (q.next()) {
        if (auto r = visit(entryFrom(q)); !r)
            return std::unexpected(r.error());
        ++n;
    }
    if (q.lastError().isValid())
        return std::unexpected(sqlError(q, u"read the sync log"_s));
    return n;
}

} // namespace OrderBridge
