#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Sandbox {

/// A field of an sObject as the describe call gives it.
struct SoqlFieldInfo
{
    QString name; // canonical API name ("Magento_ID__c")
    QString type; // describe type: id, string, picklist, reference, boolean, currency, double, int, date, datetime, ...
    bool custom = false; // describe "custom"; names ending in __c count as custom either way
};

/// A lookup from a child to its parent: Contact.Account (relationship) via Contact.AccountId (idField).
struct SoqlParentRelationship
{
    QString relationshipName; // canonical ("Account")
    QString idField;          // canonical ("AccountId")
    QStringList targetObjects; // referenceTo; several for polymorphic lookups (Note.Parent)
};

/// A child relationship of a parent: Order.OrderItems → OrderItem.OrderId.
struct SoqlChildRelationship
{
    QString relationshipName; // canonical ("OrderItems")
    QString childObject;      // "OrderItem"
    QString field;            // the child's lookup field ("OrderId")
};

/// What the SOQL evaluator needs from the org: describe metadata and records. The org emulator implements it.
/// All name look-ups are case-insensitive and return canonical names. Records are JSON objects keyed by
/// canonical field names with 18-character ids; a missing key or null means NULL. Dates are "yyyy-MM-dd",
/// date-times "yyyy-MM-ddTHH:mm:ss.zzz+0000" (or any ISO 8601 form), numbers JSON numbers, booleans JSON booleans.
class SoqlRecordSource
{
public:
    virtual ~SoqlRecordSource() = default;

    /// The canonical name of a queryable sObject type, or nullopt when there is none.
    [[nodiscard]] virtual std::optional<QString> objectName(const QString &name) const = 0;
    /// A field of an object, or nullopt.
    [[nodiscard]] virtual std::optional<SoqlFieldInfo> field(const QString &object, const QString &name) const = 0;
    /// The parent relationship of an object with this relationship name ("Account" on Contact), or nullopt.
    [[nodiscard]] virtual std::optional<SoqlParentRelationship> parentRelationship(const QString &object,
                                                                                  const QString &relationshipName) const = 0;
    /// The child relationship of an object with this name ("OrderItems" on Order), or nullopt.
    [[nodiscard]] virtual std::optional<SoqlChildRelationship> childRelationship(const QString &object,
                                                                                const QString &relationshipName) const = 0;
    /// All fields of an object in describe order, for FIELDS(ALL|STANDARD|CUSTOM). The default (no list) makes
    /// FIELDS() fail with an error naming the object.
    [[nodiscard]] virtual QList<SoqlFieldInfo> fields(const QString &object) const
    {
        Q_UNUSED(object)
        return {};
    }
    /// Calls visit for each record of an object (deleted ones too when includeDeleted) until it returns false.
    virtual void forEachRecord(const QString &object, bool includeDeleted,
                               const std::function<bool(const QJsonObject &)> &visit) const = 0;
    /// The record with this 18-character id, or nullopt (also for a deleted record unless includeDeleted).
    [[nodiscard]] virtual std::optional<QJsonObject> recordById(const QString &object, const QString &id,
                                                                bool includeDeleted) const = 0;
    /// Optional index: the ids of the records whose field equals one of the values (exact match on the stored
    /// value, case-insensitively for text). nullopt means "no index on this field, scan". The evaluator still
    /// applies the whole WHERE clause to the candidates, so a superset is fine. Used for Id, external ids, lookups.
    [[nodiscard]] virtual std::optional<QStringList> candidateIds(const QString &object, const QString &field,
                                                                  const QList<QJsonValue> &values) const
    {
        Q_UNUSED(object)
        Q_UNUSED(field)
        Q_UNUSED(values)
        return std::nullopt;
    }
};

} // namespace Sandbox
