#pragma once

#include "common/error.h"
#include "salesforce/salesforcefieldinfo.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace OrderBridge {

/// The currency a Magento order is booked in. Magento keeps each amount twice: in the order currency
/// (order_currency_code: price, grand_total, …) and in the base currency (base_currency_code: base_price,
/// base_grand_total, …). An org with multiple currencies has CurrencyIsoCode on Order (seen in its describe):
/// the Order, its Opportunity and its price book entries are in the order currency, which must be active. A
/// single-currency org books only its own currency: an order in another one fails, unless the base currency
/// is the org's and the setting advanced.book_base_currency books the base amounts.
class OrderCurrency
{
public:
    static constexpr const char *IsoCodeField = "CurrencyIsoCode";

    struct Choice
    {
        QString isoCode;       ///< multiple currencies: the Order's CurrencyIsoCode; empty in a single-currency org
        bool useBase = false;  ///< book the base_* amounts
        std::optional<Error> error;
    };

    /// The org's active currencies from the Order describe; empty for a single-currency org.
    [[nodiscard]] static QStringList orgCurrencies(const SalesforceFieldMap &orderFields);
    /// Decides for `order`. `orgCurrency`: a single-currency org's currency (empty: unknown, taken to be the
    /// Magento base currency).
    [[nodiscard]] static Choice choose(const QJsonObject &order, const SalesforceFieldMap &orderFields,
                                       const QString &orgCurrency, bool bookBaseCurrency);
    /// The order with every amount replaced by its base_* twin (order, items, payment, …).
    [[nodiscard]] static QJsonObject withBaseAmounts(QJsonObject order);
    /// Rounds half up to `scale` decimals on the decimal value (19.995 is 20.00, though its double lies below).
    [[nodiscard]] static double round(double value, int scale);
    /// Whether two amounts are equal at `scale` decimals, as Salesforce keeps a currency field.
    [[nodiscard]] static bool sameAmount(double a, double b, int scale);
};

} // namespace OrderBridge
