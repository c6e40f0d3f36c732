#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"

#include <QCoreApplication>
#include <QList>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// Saves the Fields Mapping editor's list of one entity: custom rows added, changed or removed;
/// system rows only enabled/default changed (essential ones stay enabled). The whole set is
/// validated against the schema given (the live describe when read, else the built-in catalogue)
/// and stored all or nothing in one transaction.
class MappingsSave
{
    Q_DECLARE_TR_FUNCTIONS(MappingsSave)

public:
    explicit MappingsSave(std::shared_ptr<Database> database);

    /// Replaces the mappings of `entity` with `mappings` (the editor's whole list, in order). A
    /// refused list stores nothing; its error names the row (fields = the row index).
    [[nodiscard]] Result<void> save(MappingEntity entity, const FieldMappingList &mappings,
                                    const SalesforceSchema &schema) const;

private:
    /// The whole set as it would be stored: the other entities as stored, `entity` as edited
    /// (rows that stand for system mappings keep their identity).
    [[nodiscard]] Result<FieldMappingList> proposedSet(MappingEntity entity, const FieldMappingList &mappings,
                                                       const FieldMappingList &stored, qsizetype &first) const;
    [[nodiscard]] static std::optional<Error> removedSystemMapping(MappingEntity entity, const FieldMappingList &stored,
                                                                   const QList<qint64> &kept);
    [[nodiscard]] static std::optional<Error> duplicateRow(MappingEntity entity, const FieldMappingList &proposed,
                                                           qsizetype first, const FieldMappingList &edited);
    [[nodiscard]] static Error rowError(const FieldMappingList &rows, qsizetype row, const QString &code,
                                        const QString &message, const QString &hint);

    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
