#include "mappingrepository.h"

#include "common/logging.h"
#include "mapping/defaultmappings.h"
#include "store/database.h"

#include <QFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

std::unexpected<Error> sqlError(const QString &what, const QSqlError &error)
{
    return fail(u"store.sql"_s, u"Could not %1: %2."_s.arg(what, error.text()),
                u"Check that the data folder is writable and the disk is not full."_s);
}

int entityOrder(MappingEntity entity)
{
    return int(allMappingEntities().indexOf(entity));
}

/// System rows are identified by entity and source, plus target except for Order Status rows
/// (whose target is the Salesforce value the user may change).
bool sameSystemRow(const FieldMapping &a, const FieldMapping &b)
{
    if (a.entity != b.entity || a.magentoAttribute != b.magentoAttribute)
        return false;
    return a.entity == MappingEntity::OrderStatus || a.salesforceField == b.salesforceField;
}

/// Same identity for duplicate detection: entity + source + target, or entity + status code.
bool sameIdentity(const FieldMapping &a, const FieldMapping &b)
{
    return sameSystemRow(a, b);
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

Result<qint64> insertRow(QSqlDatabase &db, const FieldMapping &m)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO mappings (entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, "
                  u"is_system, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(mappingEntityDbName(m.entity));
    query.addBindValue(m.magentoAttribute);
    query.addBindValue(m.salesforceField);
    query.addBindValue(m.enabled ? 1 : 0);
    query.addBindValue(whenModeDbName(m.when));
    query.addBindValue(m.defaultValue);
    query.addBindValue(m.system ? 1 : 0);
    query.addBindValue(m.position);
    if (!query.exec())
        return sqlError(u"store the mapping %1"_s.arg(m.describe()), query.lastError());
    return query.lastInsertId().toLongLong();
}

Result<void> updateRow(QSqlDatabase &db, const FieldMapping &m)
{
    QSqlQuery query(db);
    query.prepare(u"UPDATE mappings SET entity = ?, magento_attribute = ?, salesforce_field = ?, enabled = ?, when_mode = ?, "
                  u"default_value = ?, is_system = ?, position = ? WHERE id = ?"_s);
    query.addBindValue(mappingEntityDbName(m.entity));
    query.addBindValue(m.magentoAttribute);
    query.addBindValue(m.salesforceField);
    query.addBindValue(m.enabled ? 1 : 0);
    query.addBindValue(whenModeDbName(m.when));
    query.addBindValue(m.defaultValue);
    query.addBindValue(m.system ? 1 : 0);
    query.addBindValue(m.position);
    query.addBindValue(m.id);
    if (!query.exec())
        return sqlError(u"update the mapping %1"_s.arg(m.describe()), query.lastError());
    return {};
}

/// Runs `work` in a transaction: commits when it succeeds, rolls back otherwise.
template<typename T, typename Work>
Result<T> inTransaction(QSqlDatabase db, Work work)
{
    if (!db.transaction())
        return sqlError(u"start a transaction"_s, db.lastError());
    Result<T> result = work(db);
    if (!result) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const QSqlError error = db.lastError();
        db.rollback();
        return sqlError(u"commit the mapping changes"_s, error);
    }
    return result;
}

/// The first error among `issues` that concerns `index` (or any, when index < 0).
std::optional<MappingIssue> firstError(const QList<MappingIssue> &issues, qsizetype index)
{
    for (const MappingIssue &issue : issues) {
        if (issue.isError() && (index < 0 || issue.index == index))
            return issue;
    }
    return std::nullopt;
}

std::unexpected<Error> invalid(const MappingIssue &issue)
{
    return fail(ErrorKind::Invalid, issue.code, issue.message);
}

} // namespace

MappingRepository::MappingRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<FieldMappingList> MappingRepository::list(std::optional<MappingEntity> entity) const
{
    QSqlQuery query(m_database->connection());
    QString sql = u"SELECT id, entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, is_system, "
                  u"position FROM mappings"_s;
    if (entity)
        sql += u" WHERE entity = ?"_s;
    query.prepare(sql);
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
    query.prepare(u"SELECT id, entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, is_system, "
                  u"position FROM mappings WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return sqlError(u"read the mapping %1"_s.arg(id), query.lastError());
    if (!query.next()) {
        return fail(ErrorKind::Invalid, u"mapping.not_found"_s, u"There is no mapping with the id %1."_s.arg(id),
                    u"List the mappings with `orderbridge-cli mapping list` to see their ids."_s);
    }
    return readRow(query);
}

Result<FieldMapping> MappingRepository::add(FieldMapping mapping, const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    mapping.id = 0;
    mapping.system = false;
    mapping.magentoAttribute = mapping.magentoAttribute.trimmed();
    mapping.salesforceField = mapping.salesforceField.trimmed();
    int position = -1;
    for (const FieldMapping &existing : *current) {
        if (existing.entity == mapping.entity)
            position = std::max(position, existing.position);
        if (sameIdentity(existing, mapping)) {
            return fail(ErrorKind::Invalid, u"mapping.duplicate"_s,
                        u"%1 already exists (id %2)."_s.arg(existing.describe()).arg(existing.id),
                        u"Change the existing mapping instead of adding another."_s);
        }
    }
    mapping.position = position + 1;
    FieldMappingList proposed = *current;
    proposed.append(mapping);
    if (const auto issue = firstError(MappingValidator::validate(proposed, schema), proposed.size() - 1))
        return invalid(*issue);
    return inTransaction<FieldMapping>(m_database->connection(), [&](QSqlDatabase &db) -> Result<FieldMapping> {
        Result<qint64> id = insertRow(db, mapping);
        if (!id)
            return std::unexpected(id.error());
        mapping.id = *id;
        qCInfo(lcMapping) << "Added mapping" << mapping.id << mapping.describe();
        return mapping;
    });
}

Result<FieldMapping> MappingRepository::update(const FieldMapping &mapping, const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    const auto it = std::find_if(current->begin(), current->end(),
                                 [&](const FieldMapping &m) { return m.id == mapping.id; });
    if (it == current->end()) {
        return fail(ErrorKind::Invalid, u"mapping.not_found"_s, u"There is no mapping with the id %1."_s.arg(mapping.id),
                    u"List the mappings with `orderbridge-cli mapping list` to see their ids."_s);
    }
    FieldMapping changed = mapping;
    changed.system = it->system; // the flag is not the caller's to change
    changed.magentoAttribute = changed.magentoAttribute.trimmed();
    changed.salesforceField = changed.salesforceField.trimmed();
    if (const auto issue = MappingValidator::checkSystemChange(*it, changed))
        return invalid(*issue);
    for (const FieldMapping &other : *current) {
        if (other.id != changed.id && sameIdentity(other, changed)) {
            return fail(ErrorKind::Invalid, u"mapping.duplicate"_s, u"%1 already exists (id %2)."_s.arg(other.describe()).arg(other.id),
                        u"Change or remove that mapping instead."_s);
        }
    }
    const qsizetype index = it - current->begin();
    (*current)[index] = changed;
    if (const auto issue = firstError(MappingValidator::validate(*current, schema), index))
        return invalid(*issue);
    return inTransaction<FieldMapping>(m_database->connection(), [&](QSqlDatabase &db) -> Result<FieldMapping> {
        if (Result<void> done = updateRow(db, changed); !done)
            return std::unexpected(done.error());
        return changed;
    });
}

Result<void> MappingRepository::remove(qint64 id)
{
    Result<FieldMapping> mapping = get(id);
    if (!mapping)
        return std::unexpected(mapping.error());
    if (mapping->system) {
        return fail(ErrorKind::Invalid, u"mapping.system"_s, u"%1 is a system mapping and cannot be removed."_s.arg(mapping->describe()),
                    mapping->isEssential() ? u"The sync depends on it."_s : u"Disable it instead."_s);
    }
    QSqlQuery query(m_database->connection());
    query.prepare(u"DELETE FROM mappings WHERE id = ? AND is_system = 0"_s);
    query.addBindValue(id);
    if (!query.exec())
        return sqlError(u"remove the mapping %1"_s.arg(id), query.lastError());
    qCInfo(lcMapping) << "Removed mapping" << id << mapping->describe();
    return {};
}

Result<int> MappingRepository::ensureDefaults()
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    return inTransaction<int>(m_database->connection(), [&](QSqlDatabase &db) -> Result<int> {
        int changed = 0;
        for (const FieldMapping &builtIn : defaultMappings()) {
            const auto existing = std::find_if(current->cbegin(), current->cend(), [&](const FieldMapping &m) {
                return sameSystemRow(m, builtIn);
            });
            if (existing != current->cend()) {
                if (existing->system)
                    continue;
                // A custom row the user made that matches a system mapping becomes that system mapping,
                // keeping the user's settings (and, for Order Status, the user's Salesforce value).
                FieldMapping promoted = *existing;
                promoted.system = true;
                promoted.when = builtIn.when;
                if (Result<void> done = updateRow(db, promoted); !done)
                    return std::unexpected(done.error());
                ++changed;
                continue;
            }
            if (Result<qint64> id = insertRow(db, builtIn); !id)
                return std::unexpected(id.error());
            ++changed;
        }
        if (changed > 0)
            qCInfo(lcMapping) << "Stored" << changed << "system mappings";
        return changed;
    });
}

Result<MappingRepository::ImportSummary> MappingRepository::replaceAll(const QList<MappingFile::Entry> &entries,
                                                                       const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());

    // The system rows, including built-in ones not stored yet (id 0: inserted below).
    FieldMappingList system;
    for (const FieldMapping &m : *current) {
        if (m.system)
            system << m;
    }
    for (const FieldMapping &builtIn : defaultMappings()) {
        const bool stored = std::any_of(system.cbegin(), system.cend(),
                                        [&](const FieldMapping &m) { return sameSystemRow(m, builtIn); });
        if (!stored)
            system << builtIn;
    }

    const auto refuse = [](const MappingFile::Entry &entry, const QString &code, const QString &message,
                           const QString &hint = {}) {
        return fail(ErrorKind::Invalid, code,
                    u"The mapping file was refused (nothing was imported): line %1, column %2: %3"_s.arg(entry.line)
                        .arg(entry.column)
                        .arg(message),
                    hint);
    };

    FieldMappingList proposed;
    QList<qsizetype> sourceEntry; // index into entries for each proposed row, -1 for system rows not in the file
    QList<bool> systemSeen(system.size(), false);
    for (qsizetype e = 0; e < entries.size(); ++e) {
        const MappingFile::Entry &entry = entries.at(e);
        FieldMapping wanted = entry.mapping;
        for (qsizetype p = 0; p < proposed.size(); ++p) {
            if (sameIdentity(proposed.at(p), wanted)) {
                return refuse(entry, u"mapping.duplicate"_s,
                              u"%1 appears twice in the file."_s.arg(wanted.describe()), u"Keep one of the two entries."_s);
            }
        }
        if (!wanted.system) {
            wanted.id = 0;
            proposed << wanted;
            sourceEntry << e;
            continue;
        }
        const auto match = std::find_if(system.cbegin(), system.cend(),
                                        [&](const FieldMapping &m) { return sameSystemRow(m, wanted); });
        if (match == system.cend()) {
            return refuse(entry, u"mapping.system"_s,
                          u"%1 is marked \"system\": true, but OrderBridge has no such system mapping."_s.arg(wanted.describe()),
                          u"Remove \"system\": true to import it as a custom mapping."_s);
        }
        FieldMapping updated = *match;
        updated.enabled = wanted.enabled;
        updated.defaultValue = wanted.defaultValue;
        updated.salesforceField = wanted.salesforceField;
        updated.when = wanted.when;
        updated.position = wanted.position;
        if (const auto issue = MappingValidator::checkSystemChange(*match, updated))
            return refuse(entry, issue->code, issue->message);
        systemSeen[match - system.cbegin()] = true;
        proposed << updated;
        sourceEntry << e;
    }
    // System rows the file does not mention stay as they are, positioned after the file's rows. They go first
    // in the list so that a conflict between one of them and a file entry is reported on the file entry.
    for (qsizetype s = system.size() - 1; s >= 0; --s) {
        if (!systemSeen.at(s)) {
            proposed.prepend(system.at(s));
            proposed.first().position = 1'000'000 + int(s);
            sourceEntry.prepend(-1);
        }
    }

    ImportSummary summary;
    const QList<MappingIssue> issues = MappingValidator::validate(proposed, schema);
    for (const MappingIssue &issue : issues) {
        const qsizetype e = issue.index >= 0 ? sourceEntry.value(issue.index, -1) : -1;
        if (!issue.isError()) {
            summary.warnings << issue;
            continue;
        }
        if (e >= 0)
            return refuse(entries.at(e), issue.code, issue.message);
        return fail(ErrorKind::Invalid, issue.code, u"The mapping file was refused (nothing was imported): %1"_s.arg(issue.message));
    }

    // Positions: file order within each entity, untouched system rows after it.
    for (MappingEntity entity : allMappingEntities()) {
        QList<qsizetype> rows;
        for (qsizetype i = 0; i < proposed.size(); ++i) {
            if (proposed.at(i).entity == entity)
                rows << i;
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [&](qsizetype a, qsizetype b) { return proposed.at(a).position < proposed.at(b).position; });
        for (qsizetype n = 0; n < rows.size(); ++n)
            proposed[rows.at(n)].position = int(n);
    }

    for (const FieldMapping &m : *current) {
        if (!m.system)
            ++summary.customRemoved;
    }
    for (const FieldMapping &m : proposed) {
        if (!m.system) {
            ++summary.customImported;
            continue;
        }
        const auto before = std::find_if(current->cbegin(), current->cend(),
                                         [&](const FieldMapping &c) { return m.id != 0 && c.id == m.id; });
        if (before != current->cend()
            && (before->enabled != m.enabled || before->defaultValue != m.defaultValue
                || before->salesforceField != m.salesforceField))
            ++summary.systemChanged;
    }

    return inTransaction<ImportSummary>(m_database->connection(), [&](QSqlDatabase &db) -> Result<ImportSummary> {
        QSqlQuery wipe(db);
        if (!wipe.exec(u"DELETE FROM mappings WHERE is_system = 0"_s))
            return sqlError(u"remove the previous custom mappings"_s, wipe.lastError());
        for (const FieldMapping &m : proposed) {
            if (m.id != 0) {
                if (Result<void> done = updateRow(db, m); !done)
                    return std::unexpected(done.error());
            } else if (Result<qint64> id = insertRow(db, m); !id) {
                return std::unexpected(id.error());
            }
        }
        qCInfo(lcMapping) << "Imported mappings:" << summary.customImported << "custom," << summary.systemChanged
                          << "system changed," << summary.customRemoved << "custom replaced";
        return summary;
    });
}

Result<QByteArray> MappingRepository::exportJson() const
{
    Result<FieldMappingList> mappings = list();
    if (!mappings)
        return std::unexpected(mappings.error());
    return MappingFile::write(*mappings);
}

Result<MappingRepository::ImportSummary> MappingRepository::importJson(const QByteArray &bytes,
                                                                       const SalesforceSchema &schema)
{
    Result<QList<MappingFile::Entry>> entries = MappingFile::read(bytes);
    if (!entries)
        return std::unexpected(entries.error());
    return replaceAll(*entries, schema);
}

Result<void> MappingRepository::exportToFile(const QString &filePath) const
{
    Result<QByteArray> bytes = exportJson();
    if (!bytes)
        return std::unexpected(bytes.error());
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        return fail(u"mapping.export"_s, u"Could not write the mapping file %1: %2."_s.arg(filePath, file.errorString()),
                    u"Choose a writable location."_s);
    }
    return {};
}

Result<MappingRepository::ImportSummary> MappingRepository::importFromFile(const QString &filePath,
                                                                           const SalesforceSchema &schema)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(u"mapping.import"_s, u"Could not read the mapping file %1: %2."_s.arg(filePath, file.errorString()),
                    u"Check the path and the file permissions."_s);
    }
    // Content errors name the line; the caller knows (and shows) the file.
    return importJson(file.readAll(), schema);
}

} // namespace OrderBridge
