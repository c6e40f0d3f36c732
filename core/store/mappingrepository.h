#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// The `mappings` table: reads and writes FieldMapping rows. Persistence only: what may be stored
/// (the system-mapping rules, validation against the org) is MappingEditor's to decide, and it
/// writes through this class. Use from the thread that calls it: the store hands each thread its
/// own connection.
class MappingRepository
{
public:
    explicit MappingRepository(std::shared_ptr<Database> database);

    /// All mappings, or those of one entity, in entity then position order.
    [[nodiscard]] Result<FieldMappingList> list(std::optional<MappingEntity> entity = std::nullopt) const;
    /// The mapping with this id; fails with mapping.not_found when there is none.
    [[nodiscard]] Result<FieldMapping> get(qint64 id) const;
    /// In one transaction, updates the mappings that have an id and inserts those without one;
    /// returns them with their ids.
    Result<FieldMappingList> save(const FieldMappingList &mappings) const;
    /// In one transaction, removes every custom mapping and then saves `mappings` (an import).
    Result<FieldMappingList> replaceCustom(const FieldMappingList &mappings) const;
    /// Removes the custom mapping with this id; a system mapping is never removed.
    Result<void> removeCustom(qint64 id) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
