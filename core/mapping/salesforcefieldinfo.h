#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// What a mapping needs to know about one Salesforce field to convert and validate values.
/// Filled from the built-in catalogue (SalesforceFieldCatalogue) until a live describe is available,
/// then from the describe result (fromDescribe).
struct SalesforceFieldInfo
{
    QString name;
    /// Describe type: string, textarea, picklist, multipicklist, combobox, currency, double, percent, int, long,
    /// boolean, date, datetime, reference, email, phone, url, id (others such as base64 or address are not writable by a mapping).
    QString type;
    int length = 0;     ///< characters, for text types (0 = unlimited)
    int precision = 0;  ///< total digits, for numbers
    int scale = 0;      ///< digits after the decimal point
    bool createable = true;
    bool updateable = true;
    bool nillable = true;
    bool externalId = false;
    /// Active picklist values (picklist types), when known.
    QStringList picklistValues;
    bool restrictedPicklist = false;

    [[nodiscard]] bool isText() const;
    [[nodiscard]] bool isNumeric() const;
    /// True for the types a mapping may write.
    [[nodiscard]] bool isWritableType() const;

    /// Builds the info from one element of a describe's `fields[]` array.
    static SalesforceFieldInfo fromDescribe(const QJsonObject &field);

    friend bool operator==(const SalesforceFieldInfo &, const SalesforceFieldInfo &) = default;
};

/// Field infos of one Salesforce object, keyed by API name.
using SalesforceFieldMap = QHash<QString, SalesforceFieldInfo>;

/// Looks a field up by API name, falling back to a case-insensitive match (Salesforce names are case-insensitive).
[[nodiscard]] const SalesforceFieldInfo *findSalesforceField(const SalesforceFieldMap &fields, const QString &name);

} // namespace OrderBridge
