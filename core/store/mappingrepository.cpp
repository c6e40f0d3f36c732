#include "store/mappingrepository.h"

#include "store/database.h"
#include "store/sqltransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString selectColumns =
    u"SELECT id, entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, is_system, position"
    u" FROM mappings"_s;

std::unexpected<Error> sqlError(const QString &what, const QSqlError &error)
{
    return fail(u"store.sql"_s, u"Could not %1: %2."_s.arg(what, error.text()),
                u"Check that the data folder is writable and the disk is not full."_s);
}

int entityOrder(MappingEntity entity)
{
    return int(allMappingEntities().indexOf(entity));
}

Result<FieldMapping> readRow(const QSqlQuery &query)
{
    FieldMapping mapping;
    mapping.id = query.value(0).toLongLong();
    const QString entity = query.value(1).toString();
    const QString when = query.value(5).toString();
    const std::optional<MappingEntity> parsedEntity = mappingEntityFromDbName(entity);
    const std::optional<WhenMode> parsedWhen = whenModeFromDbName(when);
    if (!parsedEntity || !parsedWhen) {
        return fail(u"mapping.corrupt"_s,
                    u"The stored mapping %1 has an unknown entity \"%2\" or When \"%3\"."_s.arg(mapping.id).arg(entity, when),
                    u"Remove it with `orderbridge-cli mapping remove`, or restore the database from a backup."_s);
    }
    mapping.entity = *parsedEntity;
    mapping.magentoAttribute = query.value(2).toString();
    mapping.salesforceField = query.value(3).toString();
    mapping.enabled = query.value(4).toBool();
    mapping.when = *parsedWhen;
    mapping.defaultValue = query.value(6).toString();
    mapping.system = query.value(7).toBool();
    mapping.position = query.value(8).toInt();
    return mapping;
}

void bindColumns(QSqlQuery &query, const FieldMapping &m)
{
    query.addBindValue(mappingEntityDbName(m.entity));
    query.addBindValue(m.magentoAttribute);
    query.addBindValue(m.salesforceField);
    query.addBindValue(m.enabled ? 1 : 0);
    query.addBindValue(whenModeDbName(m.when));
    query.addBindValue(m.defaultValue);
    query.addBindValue(m.system ? 1 : 0);
    query.addBindValue(m.position);
}

Result<qint64> insertRow(const QSqlDatabase &db, const FieldMapping &m)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO mappings (entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, "
                  u"is_system, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
    bindColumns(query, m);
    // RETURNING (SQLite 3.35+, PostgreSQL): QPSQL has no lastInsertId() for tables without OIDs.
    if (!query.exec() || !query.next())
        return sqlError(u"store the mapping %1"_s.arg(m.describe()), query.lastError());
    return query.value(0).toLongLong();
}

Result<void> updateRow(const QSqlDatabase &db, const FieldMapping &m)
{
    QSqlQuery query(db);
    query.prepare(u"UPDATE mappings SET entity = ?, magento_attribute = ?, salesforce_field = ?, enabled = ?, when_mode = ?, "
                  u"default_value = ?, is_system = ?, position = ? WHERE id = ?"_s);
    bindColumns(query, m);
    query.addBindValue(m.id);
    if (!query.exec())
        return sqlError(u"update the mapping %1"_s.arg(m.describe()), query.lastError());
    return {};
}

Result<FieldMappingList> saveRows(const QSqlDatabase &db, FieldMappingList mappings)
{
    for (FieldMapping &m : mappings) {
        if (m.id != 0) {
            if (Result<void> done = updateRow(db, m); !done)
                return std::unexpected(done.error());
        } else if (Result<qint64> id = insertRow(db, m); id) {
            m.id = *id;
        } else {
            return std::unexpected(id.error());
        }
    }
    return mappings;
}

} // namespace

MappingRepository::MappingRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<FieldMappingList> MappingRepository::list(std::optional<MappingEntity> entity) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(entity ? selectColumns + u" WHERE entity = ?"_s : selectColumns);
    if (entity)
        query.addBindValue(mappingEntityDbName(*entity));
    if (!query.exec())
        return sqlError(u"read the mappings"_s, query.lastError());
    FieldMappingList mappings;
    while (query.next()) {
        Result<FieldMapping> mapping = readRow(query);
        if (!mapping)
            return std::unexpected(mapping.error());
        mappings.append(*mapping);
    }
    std::stable_sort(mappings.begin(), mappings.end(), [](const FieldMapping &a, const FieldMapping &b) {
        if (a.entity != b.entity)
            return entityOrder(a.entity) < entityOrder(b.entity);
        if (a.position != b.position)
            return a.position < b.position;
        return a.id < b.id;
    });
    return mappings;
}

Result<FieldMapping> MappingRepository::get(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(selectColumns + u" WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return sqlError(u"read the mapping %1"_s.arg(id), query.lastError());
    if (!query.next()) {
        return fail(ErrorKind::Invalid, u"mapping.not_found"_s, u"There is no mapping with the id %1."_s.arg(id),
                    u"List the mappings with `orderbridge-cli mapping list` to see their ids."_s);
    }
    return readRow(query);
}

Result<FieldMappingList> MappingRepository::save(const FieldMappingList &mappings) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    Result<FieldMappingList> saved = saveRows(transaction.database(), mappings);
    if (!saved)
        return saved;
    if (auto committed = transaction.commit(); !committed)
        return std::unexpected(committed.error());
    return saved;
}

Result<FieldMappingList> MappingRepository::replaceCustom(const FieldMappingList &mappings) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    QSqlQuery wipe(transaction.database());
    if (!wipe.exec(u"DELETE FROM mappings WHERE is_system = 0"_s))
        return sqlError(u"remove the previous custom mappings"_s, wipe.lastError());
    Result<FieldMappingList> saved = saveRows(transaction.database(), mappings);
    if (!saved)
        return saved;
    if (auto committed = transaction.commit(); !committed)
        return std::unexpected(committed.error());
    return saved;
}

Result<void> MappingRepository::removeCustom(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"DELETE FROM mappings WHERE id = ? AND is_system = 0"_s);
    query.addBindValue(id);
    if (!query.exec())
        return sqlError(u"remove the mapping %1"_s.arg(id), query.lastError());
    return {};
}

} // namespace OrderBridge
