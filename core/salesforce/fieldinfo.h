#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// One value of a picklist field. For Order.Status, statusCategory holds the value's StatusCode
/// category from the OrderStatus object (`Draft`, `Activated`, ...).
struct PicklistValue
{
    QString value;
    QString label;
    bool active = true;
    bool defaultValue = false;
    QString statusCategory;

    friend bool operator==(const PicklistValue &, const PicklistValue &) = default;
};

/// What OrderBridge needs to know of one field of an sObject's describe.
struct FieldInfo
{
    QString name;
    QString label;
    QString type;           // string, picklist, reference, currency, double, date, datetime, boolean, ...
    int length = 0;
    int precision = 0;
    int scale = 0;
    bool nillable = true;
    bool createable = false;
    bool updateable = false;
    bool externalId = false;
    bool unique = false;
    bool defaultedOnCreate = false;
    bool calculated = false;
    bool restrictedPicklist = false;
    QStringList referenceTo;
    QString relationshipName;
    QList<PicklistValue> picklistValues;

    /// The heuristic Salesforce clients use for "must be given on create".
    [[nodiscard]] bool requiredOnCreate() const
    {
        return createable && !nillable && !defaultedOnCreate && type != QStringLiteral("boolean");
    }
};

} // namespace OrderBridge
