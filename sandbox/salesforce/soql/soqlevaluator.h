#pragma once

#include "soqlast.h"
#include "soqlerror.h"
#include "soqlrecordsource.h"

#include <QDateTime>
#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

#include <expected>
#include <functional>

namespace Sandbox {

/// How to run a query.
struct SoqlOptions
{
    QString apiVersion = QStringLiteral("62.0"); // for attributes.url: /services/data/v62.0/sobjects/...
    bool includeDeleted = false;                 // true for /queryAll
    QDateTime now;                               // for TODAY, LAST_N_DAYS:n; invalid → current UTC time
    /// Rows of one parent's child subquery list returned inline; the rest wait behind the list's own
    /// nextRecordsUrl, which childCursor makes from all rows and the index of the first row not sent.
    /// Without childCursor every child row is inline.
    int childPageSize = 200;
    std::function<QString(const QList<QByteArray> &rows, qsizetype firstUnsent)> childCursor;
};

/// The full, ordered result of a query. The REST layer pages it (2,000 a batch).
/// Records are kept as compact JSON text because QJsonObject sorts its keys and Salesforce returns the fields
/// in SELECT order ("attributes" first, parent relationships nested, child subqueries as query results).
struct SoqlResult
{
    qsizetype totalSize = 0;        // COUNT(): the count; otherwise records.size()
    QList<QByteArray> records;      // one compact JSON object per row, in result order; empty for COUNT()
    /// What each record weighs against the batch size: itself plus the child rows it carries inline (Salesforce
    /// counts child rows toward the batch). Empty: every record weighs 1.
    QList<int> weights;
    bool countOnly = false;

    /// One page as Salesforce sends it: {"totalSize":N,"done":B[,"nextRecordsUrl":U],"records":[...]} with
    /// records [from, from+count); done is true and nextRecordsUrl absent when nextRecordsUrl is empty.
    [[nodiscard]] QByteArray pageJson(qsizetype from, qsizetype count, const QString &nextRecordsUrl = {}) const;
    /// The records as QJsonObjects (key order lost) for callers that embed them in other JSON.
    [[nodiscard]] QJsonArray recordsArray() const;
    /// The end of the page that starts at `from`: records are added while their weights fit in batchSize, and
    /// a page always holds at least one record.
    [[nodiscard]] qsizetype pageEnd(qsizetype from, int batchSize) const;
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
