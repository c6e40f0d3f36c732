#pragma once

#include <QString>
#include <QStringList>

namespace Sandbox {

/// The currencies the sandbox can run in, with a fixed, plausible rate: units of the currency per US dollar.
/// Both halves use it: Magento's base_to_order_rate (base USD) and Salesforce's CurrencyType.ConversionRate
/// (relative to the corporate currency). 0 for a code the sandbox does not know.
inline double unitsPerUsd(const QString &code)
{
    if (code == u"USD")
        return 1.0;
    if (code == u"EUR")
        return 0.92;
    if (code == u"GBP")
        return 0.79;
    if (code == u"CAD")
        return 1.36;
    if (code == u"AUD")
        return 1.52;
    if (code == u"JPY")
        return 151.0;
    return 0.0;
}

/// Decimal places of a currency (its ISO 4217 minor unit): 0 for the yen, 2 for the others the sandbox
/// knows. Salesforce's CurrencyType.DecimalPlaces of a newly activated currency.
inline int currencyDecimalPlaces(const QString &code)
{
    return code == u"JPY" ? 0 : 2;
}

/// The codes unitsPerUsd() knows, for messages.
inline QStringList knownCurrencies()
{
    return {QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("CAD"),
            QStringLiteral("AUD"), QStringLiteral("JPY")};
}

} // namespace Sandbox
