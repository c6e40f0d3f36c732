#include "store/feedpositionrepository.h"

#include "common/logging.h"
#include "store/database.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// The only feed so far; the key leaves room for others.
const QString magentoOrdersFeed = u"magento.orders"_s;

std::unexpected<Error> sqlError(const QString &what, const QSqlQuery &query)
{
    return fail(u"store.sql"_s, u"Could not %1: %2"_s.arg(what, query.lastError().text()),
                u"Check that the data folder is writable and the disk not full."_s);
}

} // namespace

FeedPositionRepository::FeedPositionRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

QString FeedPositionRepository::legacyFileName()
{
    return u"magento-feed.json"_s;
}

Result<QJsonObject> FeedPositionRepository::load() const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"SELECT position FROM feed_position WHERE feed = ?"_s);
    query.addBindValue(magentoOrdersFeed);
    if (!query.exec())
        return sqlError(u"read the Magento change feed position"_s, query);
    if (!query.next())
        return QJsonObject();
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
}

Result<void> FeedPositionRepository::save(const QJsonObject &position) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"INSERT INTO feed_position (feed, position, updated_at) VALUES (?, ?, "_s + m_database->nowExpression()
                  + u") ON CONFLICT (feed) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at"_s);
    query.addBindValue(magentoOrdersFeed);
    query.addBindValue(QString::fromUtf8(QJsonDocument(position).toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return sqlError(u"save the Magento change feed position"_s, query);
    return {};
}

Result<bool> FeedPositionRepository::importLegacyFile(const QString &filePath) const
{
    QFile file(filePath);
    if (!file.exists())
        return false;
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"store.feed_import_failed"_s,
                    u"The Magento change feed position %1 cannot be read: %2; it was left in place."_s.arg(
                        filePath, file.errorString()),
                    u"Make the file readable so that OrderBridge can move it into the database, or delete it "
                    u"(the next sync then reads the orders again from the start)."_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(u"store.feed_import_failed"_s,
                    u"The Magento change feed position %1 is not a JSON object (%2); it was left in place."_s.arg(
                        filePath, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                : u"wrong type"_s),
                    u"Restore the file from a backup, or delete it (the next sync then reads the orders again from "
                    u"the start)."_s);

    QSqlQuery query(m_database->connection());
    query.prepare(u"INSERT INTO feed_position (feed, position) VALUES (?, ?) ON CONFLICT (feed) DO NOTHING"_s);
    query.addBindValue(magentoOrdersFeed);
    query.addBindValue(QString::fromUtf8(document.toJson(QJsonDocument::Compact)));
    if (!query.exec())
        return sqlError(u"import the Magento change feed position"_s, query);
    if (query.numRowsAffected() == 0)
        qCInfo(lcStore) << "A change feed position is stored already; the older" << filePath << "is dropped";
    else
        qCInfo(lcStore) << "Moved the Magento change feed position from" << filePath << "into the database";
    // Stored: the file has done its job. Should removing it fail, the row stays authoritative.
    if (!file.remove())
        qCWarning(lcStore) << "Could not remove" << filePath << "after importing it:" << file.errorString();
    return true;
}

} // namespace OrderBridge
