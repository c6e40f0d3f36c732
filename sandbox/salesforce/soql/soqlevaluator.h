#pragma once

#include "soqlast.h"
#include "soqlerror.h"
#include "soqlrecordsource.h"

#include <QDateTime>
#include <QJsonArray>
#include <QString>

#include <expected>

namespace Sandbox {

/// How to run a query.
struct SoqlOptions
{
    QString apiVersion = QStringLiteral("62.0"); // for attributes.url: /services/data/v62.0/sobjects/...
    bool includeDeleted = false;                 // true for /queryAll
    QDateTime now;                               // for TODAY, LAST_N_DAYS:n; invalid → current UTC time
};

/// The full, ordered result of a query. The REST layer pages it (2,000 a batch) and wraps it as
/// {"totalSize": totalSize, "done": ..., "records": records[...]}.
struct SoqlResult
{
    qsizetype totalSize = 0;
    QJsonArray records; // empty for COUNT()
    bool countOnly = false;
};

/// Checks a parsed query against the describe metadata and runs it against the records of a SoqlRecordSource.
class SoqlEvaluator
{
public:
    explicit SoqlEvaluator(const SoqlRecordSource &source);

    /// Parses, validates and runs a statement. Errors are Salesforce's (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE,
    /// INVALID_QUERY_FILTER_OPERATOR) with their messages.
    [[nodiscard]] std::expected<SoqlResult, SoqlError> execute(const QString &soql, const SoqlOptions &options) const;
    /// Runs an already parsed statement.
    [[nodiscard]] std::expected<SoqlResult, SoqlError> execute(const SoqlQuery &query, const SoqlOptions &options) const;

private:
    const SoqlRecordSource &m_source;
};

} // namespace Sandbox
