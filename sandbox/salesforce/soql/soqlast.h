#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Sandbox {

/// Where a token starts in the query text (1-based, as Salesforce's "ERROR at Row:r:Column:c").
struct SoqlPosition
{
    int row = 1;
    int column = 1;
};

/// A field path as written: "Name" → {"Name"}, "Account.Owner.Name" → {"Account","Owner","Name"}.
struct SoqlFieldPath
{
    QStringList parts;
    SoqlPosition position;
    [[nodiscard]] QString text() const { return parts.join(QLatin1Char('.')); }
};

/// A literal on the right-hand side of a comparison.
struct SoqlValue
{
    enum class Kind {
        Null,
        Boolean,
        Number,      // integer or decimal; text keeps the spelling
        String,      // text holds the unescaped value
        Date,        // 2024-01-31
        DateTime,    // 2024-01-31T10:00:00Z / +hh:mm, stored in UTC
        DateLiteral, // TODAY, LAST_N_DAYS:n, ... ; text = upper-case name, n = the argument (0 when none)
    };
    Kind kind = Kind::Null;
    QString text;
    QString raw;     // String: the characters between the quotes, escapes kept (LIKE needs \% and \_)
    bool boolean = false;
    double number = 0.0;
    QDate date;
    QDateTime dateTime;
    int n = 0;
    SoqlPosition position;
};

struct SoqlQuery;

/// A WHERE expression node.
struct SoqlCondition
{
    enum class Kind { And, Or, Not, Compare, In, NotIn, Like };
    enum class Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };
    Kind kind = Kind::Compare;
    Op op = Op::Equal;                  // Compare only
    SoqlFieldPath field;                // Compare, In, NotIn, Like
    std::vector<SoqlValue> values;      // Compare/Like: one; In/NotIn: the list
    std::shared_ptr<const SoqlQuery> semiJoin; // In/NotIn over "(SELECT AccountId FROM Contact ...)" instead of values
    std::vector<SoqlCondition> children; // And/Or: two or more; Not: one
};

/// One entry of the SELECT list.
struct SoqlSelectItem
{
    enum class Kind { Field, Count, Aggregate, Subquery, Fields };
    Kind kind = Kind::Field;
    SoqlFieldPath field;                       // Field, Aggregate
    QString function;                          // Aggregate: COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
    std::shared_ptr<const SoqlQuery> subquery; // Subquery: FROM names the child relationship
    QString alias;                             // Aggregate: optional alias (default expr0, expr1, ...)
    QString scope;                             // Fields: ALL, STANDARD or CUSTOM (FIELDS(ALL))
    SoqlPosition position;
};

struct SoqlOrderItem
{
    SoqlFieldPath field;
    bool descending = false;
    std::optional<bool> nullsFirst; // unset: Salesforce default (ASC → NULLS FIRST, DESC → NULLS LAST)
    [[nodiscard]] bool effectiveNullsFirst() const { return nullsFirst.value_or(!descending); }
};

/// A parsed SOQL statement (or child subquery). Names are as written; the evaluator resolves them
/// against the describe metadata case-insensitively.
struct SoqlQuery
{
    std::vector<SoqlSelectItem> select;
    QString from;
    SoqlPosition fromPosition;
    std::optional<SoqlCondition> where;
    std::vector<SoqlFieldPath> groupBy;
    std::vector<SoqlOrderItem> orderBy;
    std::optional<qint64> limit;
    std::optional<qint64> offset;
    QString text; // the statement as given, for error messages

    /// True for SELECT COUNT() FROM ...
    [[nodiscard]] bool isCountOnly() const
    {
        return select.size() == 1 && select.front().kind == SoqlSelectItem::Kind::Count;
    }
};

} // namespace Sandbox
