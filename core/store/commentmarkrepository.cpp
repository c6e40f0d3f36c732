#include "store/commentmarkrepository.h"

#include "store/database.h"
#include "store/sqltransaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

std::unexpected<Error> sqlError(const QString &what, const QSqlQuery &query)
{
    return fail(u"store.sql"_s, u"Could not %1: %2"_s.arg(what, query.lastError().text()),
                u"Check that the data folder is writable and the disk not full."_s);
}

} // namespace

CommentMarkRepository::CommentMarkRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<QHash<qint64, qint64>> CommentMarkRepository::load() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"SELECT magento_entity_id, last_history_id FROM magento_comment_marks"_s))
        return sqlError(u"read the Magento comment marks"_s, query);
    QHash<qint64, qint64> marks;
    while (query.next())
        marks.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    return marks;
}

Result<void> CommentMarkRepository::save(const QHash<qint64, qint64> &marks) const
{
    if (marks.isEmpty())
        return {};
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return started;
    QSqlQuery query(transaction.database());
    query.prepare(u"INSERT INTO magento_comment_marks (magento_entity_id, last_history_id) VALUES (?, ?)"
                  u" ON CONFLICT (magento_entity_id) DO UPDATE SET last_history_id = excluded.last_history_id"_s);
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        query.addBindValue(it.key());
        query.addBindValue(it.value());
        if (!query.exec())
            return sqlError(u"save the Magento comment marks"_s, query);
    }
    return transaction.commit();
}

} // namespace OrderBridge
