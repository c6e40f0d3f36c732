#include "mappingvalidator.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<MappingIssue> MappingValidator::validate(const FieldMappingList &mappings, const SalesforceSchema &schema)
{
    Q_UNUSED(mappings);
    Q_UNUSED(schema);
    return {};
}

std::optional<MappingIssue> MappingValidator::checkSystemChange(const FieldMapping &before, const FieldMapping &after)
{
    Q_UNUSED(before);
    Q_UNUSED(after);
    return std::nullopt;
}

bool MappingValidator::hasErrors(const QList<MappingIssue> &issues)
{
    for (const MappingIssue &issue : issues) {
        if (issue.isError())
            return true;
    }
    return false;
}

} // namespace OrderBridge
