#include "store/synclogwriter.h"

#include "store/sqldialect.h"

#include <QSqlError>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

SyncLogWriter::SyncLogWriter(const QSqlDatabase &db)
    : m_insert(db)
{
    // COALESCE keeps the column's default (now) for entries without a time.
    m_insert.prepare(u"INSERT INTO sync_log (logged_at, level, order_increment_id, object, error_code, message, fields)"
                     u" VALUES (COALESCE(:at, "_s + SqlDialect::now(SqlDialect::engineOf(db))
                     + u"), :level, :inc, :object, :code, :message, :fields)"_s);
}

Result<void> SyncLogWriter::append(const SyncLogEntry &entry)
{
    m_insert.bindValue(u":at"_s, entry.loggedAt.isValid() ? QVariant(entry.loggedAt.toUTC().toString(Qt::ISODateWithMs))
                                                          : QVariant(QMetaType::fromType<QString>()));
    m_insert.bindValue(u":level"_s, entry.level);
    m_insert.bindValue(u":inc"_s, nullIfEmpty(entry.incrementId));
    m_insert.bindValue(u":object"_s, nullIfEmpty(entry.object));
    m_insert.bindValue(u":code"_s, nullIfEmpty(entry.errorCode));
    m_insert.bindValue(u":message"_s, entry.message.isNull() ? u""_s : entry.message); // NOT NULL
    m_insert.bindValue(u":fields"_s, nullIfEmpty(entry.fields));
    if (!m_insert.exec())
        return fail(u"store.sql"_s, u"Could not write the sync log: %1"_s.arg(m_insert.lastError().text()),
                    u"Check that the data folder is writable and the disk not full."_s);
    return {};
}

} // namespace OrderBridge
