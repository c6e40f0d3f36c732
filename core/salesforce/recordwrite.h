#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace OrderBridge {

/// One record write as the planner decides it, free of the wire format: which object, how the
/// record is found (a new record, a Salesforce ID, or an external ID), the values it gets, and the
/// fields that take the ID of a record written earlier in the same group. RecordGraphBuilder turns
/// a group of them into a composite graph.
struct RecordWrite
{
    enum class Operation {
        Create, ///< a new record (POST): not idempotent
        Update, ///< the record with recordId
        Upsert, ///< the record whose externalIdField is externalId, created when there is none
    };

    QString object;
    Operation operation = Operation::Create;
    QString recordId;        ///< Update: the Salesforce ID of the record
    QString externalIdField; ///< Upsert: the external ID field, e.g. Magento_ID__c
    QString externalId;      ///< Upsert: its value
    QJsonObject fields;      ///< values written as they are
    /// Fields that take the ID of an earlier write of the group: field -> that write's referenceId.
    QMap<QString, QString> references;
    /// Names this write for later writes and for reading its result back; unique in a group.
    QString referenceId;

    /// A new record.
    [[nodiscard]] static RecordWrite create(const QString &object, const QJsonObject &fields, const QString &referenceId);
    /// The record with the Salesforce ID `id`.
    [[nodiscard]] static RecordWrite update(const QString &object, const QString &id, const QJsonObject &fields,
                                            const QString &referenceId);
    /// The record whose `externalIdField` is `externalId`, created when Salesforce has none.
    [[nodiscard]] static RecordWrite upsert(const QString &object, const QString &externalIdField,
                                            const QString &externalId, const QJsonObject &fields,
                                            const QString &referenceId);

    /// Whether the write sets `field`, as a value or as a reference.
    [[nodiscard]] bool sets(const QString &field) const { return fields.contains(field) || references.contains(field); }
    /// "create", "update" or "upsert".
    [[nodiscard]] static QString operationName(Operation operation);

    friend bool operator==(const RecordWrite &, const RecordWrite &) = default;
};

} // namespace OrderBridge
