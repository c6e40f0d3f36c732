#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "mapping/mappingfile.h"
#include "mapping/mappingvalidator.h"
#include "mapping/salesforceschema.h"
#include "store/mappingrepository.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// Changes the stored field mappings within their rules, then writes them through MappingRepository.
///
/// System mappings come from defaultMappings() through ensureDefaults(); they cannot be removed, and
/// keep their source, target and When (Order Status rows may change the Salesforce value they map to);
/// essential ones cannot be disabled. Every write is validated against the SalesforceSchema given
/// (the built-in catalogue until a live describe is available) and refused with the reason.
/// Use from the thread that calls it: the store hands each thread its own connection.
class MappingEditor
{
public:
    explicit MappingEditor(std::shared_ptr<Database> database);

    /// What an import changed.
    struct ImportSummary
    {
        int customImported = 0;   ///< custom mappings now stored (all previous custom ones were replaced)
        int customRemoved = 0;    ///< custom mappings that existed before the import
        int systemChanged = 0;    ///< system mappings whose enabled flag, default or status value changed
        QList<MappingIssue> warnings;
    };

    /// All mappings, or those of one entity, in entity then position order.
    [[nodiscard]] Result<FieldMappingList> list(std::optional<MappingEntity> entity = std::nullopt) const;
    [[nodiscard]] Result<FieldMapping> get(qint64 id) const;

    /// Adds a custom mapping (system is forced false, position appended); refuses duplicates and invalid ones.
    /// Returns the stored mapping with its id.
    Result<FieldMapping> add(FieldMapping mapping, const SalesforceSchema &schema);
    /// Updates the mapping with mapping.id, within the system-mapping rules.
    Result<FieldMapping> update(const FieldMapping &mapping, const SalesforceSchema &schema);
    /// Removes a custom mapping; refuses system mappings.
    Result<void> remove(qint64 id);

    /// Inserts the system mappings that are missing (idempotent). Returns how many were inserted.
    Result<int> ensureDefaults();

    /// Replaces all custom mappings with `custom` and applies allowed system changes in `system`, in one
    /// transaction, after validating the resulting set; on any error nothing changes.
    Result<ImportSummary> replaceAll(const QList<MappingFile::Entry> &entries, const SalesforceSchema &schema);

    /// The whole mapping set as a MappingFile document.
    [[nodiscard]] Result<QByteArray> exportJson() const;
    /// Reads a MappingFile document and replaces the stored set (see replaceAll); refused whole on any error.
    Result<ImportSummary> importJson(const QByteArray &bytes, const SalesforceSchema &schema);

    Result<void> exportToFile(const QString &filePath) const;
    Result<ImportSummary> importFromFile(const QString &filePath, const SalesforceSchema &schema);

private:
    MappingRepository m_repository;
};

} // namespace OrderBridge
