#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// A text value cut to the Salesforce field length.
struct TruncationNotice
{
    QString salesforceField;
    QString original;
    int limit = 0;
    friend bool operator==(const TruncationNotice &, const TruncationNotice &) = default;
};

/// A per-field problem found while evaluating: the field is left out of the values.
struct FieldProblem
{
    QString salesforceField;
    QString magentoAttribute;
    QString message;
    friend bool operator==(const FieldProblem &, const FieldProblem &) = default;
};

/// Values the sync engine resolves itself (Salesforce IDs), keyed by special source ("@account_id", ...).
using EvaluationContext = QHash<QString, QString>;

/// The outcome of evaluating a mapping set on one Magento order (or one item).
struct MappingEvaluation
{
    /// Salesforce field -> JSON value ready for the REST body (strings, numbers, booleans, "YYYY-MM-DD" dates...).
    QJsonObject values;
    QList<TruncationNotice> truncations;
    QList<FieldProblem> errors;
    /// Fields left out on purpose, with the reason (not createable on insert, not updateable on update).
    QList<FieldProblem> skipped;
    /// Fields whose special source was not supplied in the EvaluationContext (left to the sync engine).
    QStringList unresolved;

    [[nodiscard]] bool hasErrors() const { return !errors.isEmpty(); }
};

} // namespace OrderBridge
