#pragma once

#include "sferror.h"
#include "sfrecordstore.h"
#include "sfschema.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Sandbox {

/// Multiple currencies (--currencies USD,EUR): the currency-enabled objects get a restricted picklist
/// `CurrencyIsoCode` of the active codes (the first is the corporate currency and the integration user's
/// default, which a record created without a code gets); the CurrencyType object lists the codes. Order
/// Products and Opportunity Products take their parent's currency and need a price book entry in it; a
/// parent's currency is fixed once it has products.
class SfCurrencies
{
public:
    /// The objects that carry CurrencyIsoCode in a multi-currency org (of those the sandbox has).
    [[nodiscard]] static QStringList currencyObjects();
    /// The CurrencyIsoCode field over `codes` (first = default).
    [[nodiscard]] static SfField isoCodeField(const QStringList &codes);
    /// The CurrencyType setup object (IsoCode, ConversionRate, DecimalPlaces, IsActive, IsCorporate).
    [[nodiscard]] static SfObjectType currencyTypeObject(const QStringList &codes);
    /// Checks and completes the currency of a save (`given`: the request's fields; `record`: the record as it
    /// will be saved; `old`: the stored record on update, else nullptr). The error Salesforce answers otherwise.
    [[nodiscard]] static std::optional<SfError> apply(const SfRecordStore &store, const SfObjectType &type,
                                                      const QJsonObject &given, QJsonObject &record,
                                                      const SfRecord *old);
    /// A standard currency field (UnitPrice, Amount, …) keeps its record currency's DecimalPlaces: rounds those
    /// fields of `record` (whose CurrencyIsoCode is set) half up. Custom currency fields keep what was sent.
    static void roundToCurrency(const SfRecordStore &store, const SfObjectType &type, QJsonObject &record);
    /// Rounds a currency amount to `scale` decimals, half up, on the decimal value the client sent
    /// (19.995 is 20.00, although the nearest double lies just below).
    [[nodiscard]] static double roundAmount(double value, int scale);
};

} // namespace Sandbox
