#pragma once

#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"

#include <QList>
#include <QString>

#include <optional>

namespace OrderBridge {

/// One finding of MappingValidator.
struct MappingIssue
{
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    /// Index of the offending mapping in the validated list.
    qsizetype index = -1;
    /// Stable code, e.g. "mapping.unknown_field", "mapping.duplicate_target".
    QString code;
    QString message;

    [[nodiscard]] bool isError() const { return severity == Severity::Error; }
    friend bool operator==(const MappingIssue &, const MappingIssue &) = default;
};

/// Checks a mapping set (any mix of entities) before it is saved or used.
///
/// Errors: bad Magento path, unknown Salesforce field, When disagreeing with createable/updateable,
/// incompatible types, a field type a mapping cannot write, two enabled mappings writing the same field in
/// overlapping When modes, two enabled Order Status mappings for one Magento status, an Order Status value
/// unknown to the Status picklist (when the picklist is known), an essential system mapping disabled.
/// Warnings: Upsert on a field that is only createable or only updateable.
class MappingValidator
{
public:
    [[nodiscard]] static QList<MappingIssue> validate(const FieldMappingList &mappings, const SalesforceSchema &schema);

    /// Checks the system-mapping rules for a change from `before` to `after` (same id or same system row):
    /// system mappings keep entity, source, target (Order Status rows may change their Salesforce value)
    /// and When; essential ones stay enabled. Returns an error naming the rule, or nothing.
    [[nodiscard]] static std::optional<MappingIssue> checkSystemChange(const FieldMapping &before, const FieldMapping &after);

    /// True when any issue is an error.
    [[nodiscard]] static bool hasErrors(const QList<MappingIssue> &issues);
};

} // namespace OrderBridge
