#include "sync/synclogreader.h"

#include "store/database.h"

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

SyncLogReader::SyncLogReader(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<qint64> SyncLogReader::count(const SyncLogQuery &query) const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COUNT(*) FROM sync_log"_s + query.whereClause(), query.boundValues(),
                     u"count the sync log"_s);
        !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<bool> SyncLogReader::appendedOnTop(qint64 oldLastId, qint64 newLastId) const
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

Result<qint64> SyncLogReader::lastId() const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COALESCE(MAX(id), 0) FROM sync_log"_s, {}, u"read the sync log"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<qint64> SyncLogReader::firstId() const
{
    QSqlQuery q(m_database->connection());
    if (auto r = run(q, u"SELECT COALESCE(MIN(id), 0) FROM sync_log"_s, {}, u"read the sync log"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toLongLong();
}

Result<QList<SyncLogEntry>> SyncLogReader::page(const SyncLogQuery &query, int offset, int limit) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    QVariantList values = query.boundValues();
    values << limit << offset;
    if (auto r = run(q, kSelect + query.whereClause() + kOrder + u" LIMIT ? OFFSET ?"_s, values,
                     u"read the sync log"_s);
        !r)
        return std::unexpected(r.error());
    QList<SyncLogEntry> entries;
    entries.reserve(limit);
    while (q.next())
        entries << entryFrom(q);
    return entries;
}

Result<qint64> SyncLogReader::forEach(const SyncLogQuery &query, bool errorsOnly,
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
    if (auto r = run(q, kSelect + effective.whereClause() + kOrder, effective.boundValues(), u"read the sync log"_s);
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
