#pragma once

#include "salesforce/salesforcefieldinfo.h"

#include <QJsonObject>
#include <QStringList>

namespace OrderBridge {

/// Addresses in orgs with State and Country/Territory Picklists. There `BillingCountry` only takes the
/// country's integration value and the ISO code belongs in `BillingCountryCode` (likewise State and
/// StateCode, a picklist that depends on the country). Where the org's describe has the code fields,
/// a mapped country or state (an ISO code as Magento keeps it, or a name) is written as its code; a
/// state the org does not list for the country, or a country it does not know, is left out with a
/// notice rather than failing the order. Orgs without the code fields keep the mapped text fields.
class AddressCodes
{
public:
    struct LeftOut
    {
        QString field; ///< the mapped field, e.g. BillingState
        QString value;
        QString country; ///< the ISO code the state was checked against (empty: the country is unknown)
    };

    /// Rewrites `values` (Salesforce field -> value, as evaluated from the mappings) for `fields` (the
    /// object's described fields); returns what was left out.
    static QList<LeftOut> apply(QJsonObject &values, const SalesforceFieldMap &fields);
    /// The code fields a lookup reads to compare what apply() writes, for the mapped fields `mapped`.
    [[nodiscard]] static QStringList lookupFields(const QStringList &mapped, const SalesforceFieldMap &fields);
};

} // namespace OrderBridge
