#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// One value of a picklist field as the describe lists it. For Order.Status, statusCategory holds the
/// value's StatusCode category from the OrderStatus object (`Draft`, `Activated`, ...).
struct PicklistValue
{
    QString value;
    QString label;
    bool active = true;
    bool defaultValue = false;
    QString statusCategory;

    /// Active values labelled with their API values (what the built-in catalogue knows of a picklist).
    [[nodiscard]] static QList<PicklistValue> listOf(const QStringList &values);

    friend bool operator==(const PicklistValue &, const PicklistValue &) = default;
};

/// What OrderBridge knows of one field of an sObject: the one type for a Salesforce field, filled by
/// the describe parser (SObjectDescribe::fromJson) or by the built-in catalogue (SalesforceFieldCatalogue)
/// until a live describe is available. The mapping editor, the mapping validator, the value converter,
/// the planner and the connection check all read this type.
struct SalesforceFieldInfo
{
    QString name;
    QString label;
    /// Describe type: string, textarea, picklist, multipicklist, combobox, currency, double, percent, int, long,
    /// boolean, date, datetime, reference, email, phone, url, id (others such as base64 or address are not writable by a mapping).
    QString type;
    int length = 0;    ///< characters, for text types (0 = unlimited)
    int precision = 0; ///< total digits, for numbers (the describe's "digits" for int fields)
    int scale = 0;     ///< digits after the decimal point
    // A hand-made entry (catalogue, tests) is writable unless it says otherwise; the parser sets
    // every flag from the describe.
    bool createable = true;
    bool updateable = true;
    bool nillable = true;
    bool custom = false; ///< a custom field (name ends in __c)
    bool externalId = false;
    bool unique = false;
    bool defaultedOnCreate = false;
    bool calculated = false;
    bool restrictedPicklist = false;
    QStringList referenceTo; ///< objects a reference field may point to
    QString relationshipName;
    /// The picklist's values, active and inactive, in describe order (picklist types).
    QList<PicklistValue> picklistValues;
    /// Dependent picklists (e.g. BillingStateCode): the controlling field, and per value the bitmap of the
    /// controlling values it is valid for (decoded `validFor`, bit i = the controller's value i, MSB first).
    QString controllerName;
    QHash<QString, QByteArray> validFor;

    [[nodiscard]] bool isText() const;
    /// For a dependent picklist: whether `value` may go with the controlling field's value `controllerValue`.
    [[nodiscard]] bool isValidFor(const QString &value, const SalesforceFieldInfo &controller,
                                  const QString &controllerValue) const;
    [[nodiscard]] bool isNumeric() const;
    /// True for the types a mapping may write.
    [[nodiscard]] bool isWritableType() const;
    /// The heuristic Salesforce clients use for "must be given on create".
    [[nodiscard]] bool requiredOnCreate() const;
    /// The API values of the active picklist values, in describe order.
    [[nodiscard]] QStringList activePicklistValues() const;

    friend bool operator==(const SalesforceFieldInfo &, const SalesforceFieldInfo &) = default;
};

/// Field infos of one Salesforce object, keyed by API name.
using SalesforceFieldMap = QHash<QString, SalesforceFieldInfo>;

/// Looks a field up by API name, falling back to a case-insensitive match (Salesforce names are case-insensitive).
[[nodiscard]] const SalesforceFieldInfo *findSalesforceField(const SalesforceFieldMap &fields, const QString &name);

} // namespace OrderBridge
