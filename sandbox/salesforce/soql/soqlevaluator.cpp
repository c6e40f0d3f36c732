#include "soqlevaluator.h"

#include "soqlparser.h"

namespace Sandbox {

SoqlEvaluator::SoqlEvaluator(const SoqlRecordSource &source)
    : m_source(source)
{
}

std::expected<SoqlResult, SoqlError> SoqlEvaluator::execute(const QString &soql, const SoqlOptions &options) const
{
    auto query = SoqlParser::parseQuery(soql);
    if (!query)
        return std::unexpected(query.error());
    return execute(*query, options);
}

std::expected<SoqlResult, SoqlError> SoqlEvaluator::execute(const SoqlQuery &query, const SoqlOptions &options) const
{
    Q_UNUSED(query)
    Q_UNUSED(options)
    return SoqlResult{};
}

} // namespace Sandbox
