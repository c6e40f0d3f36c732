#include "sync/ordercurrency.h"

#include "sync/plannertext.h"

#include "common/decimalround.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString codeOf(const QJsonObject &order, const QString &key)
{
    return order.value(key).toString().trimmed().toUpper();
}

Error currencyError(const QString &code, PlannerText::Id message, const QStringList &args, PlannerText::Id hint,
                    const QStringList &hintArgs)
{
    return Error{code, PlannerText::english(message, args), PlannerText::english(hint, hintArgs),
                 {QString::fromLatin1(OrderCurrency::IsoCodeField)}};
}

void replaceWithBase(QJsonObject &o)
{
    const QStringList keys = o.keys();
    for (const QString &key : keys) {
        QJsonValue v = o.value(key);
        if (v.isObject()) {
            QJsonObject child = v.toObject();
            replaceWithBase(child);
            o.insert(key, child);
        } else if (v.isArray()) {
            QJsonArray list = v.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (list.at(i).isObject()) {
                    QJsonObject child = list.at(i).toObject();
                    replaceWithBase(child);
                    list.replace(i, child);
                }
            }
            o.insert(key, list);
        } else if (key.startsWith(u"base_"_s) && v.isDouble() && o.contains(key.mid(5)) && o.value(key.mid(5)).isDouble()) {
            o.insert(key.mid(5), v);
        }
    }
}

} // namespace

QStringList OrderCurrency::orgCurrencies(const SalesforceFieldMap &orderFields)
{
    const SalesforceFieldInfo *field = findSalesforceField(orderFields, QString::fromLatin1(IsoCodeField));
    return field ? field->activePicklistValues() : QStringList();
}

OrderCurrency::Choice OrderCurrency::choose(const QJsonObject &order, const SalesforceFieldMap &orderFields,
                                            const QString &orgCurrency, bool bookBaseCurrency)
{
    const QString base = codeOf(order, u"base_currency_code"_s);
    QString currency = codeOf(order, u"order_currency_code"_s);
    if (currency.isEmpty())
        currency = base;
    const QStringList active = orgCurrencies(orderFields);
    if (!active.isEmpty()) {
        if (currency.isEmpty() || active.contains(currency))
            return Choice{currency, false, std::nullopt};
        return Choice{{}, false, currencyError(u"sync.currency_not_active"_s, PlannerText::CurrencyNotActive,
                                                {currency, active.join(u", "_s)}, PlannerText::CurrencyNotActiveHint,
                                                {currency})};
    }
    const QString own = orgCurrency.isEmpty() ? base : orgCurrency.trimmed().toUpper();
    if (currency.isEmpty() || own.isEmpty() || currency == own)
        return Choice{};
    if (bookBaseCurrency && base == own)
        return Choice{{}, true, std::nullopt};
    return Choice{{}, false, currencyError(u"sync.currency_not_in_org"_s, PlannerText::CurrencyNotInOrg, {currency, own},
                                            PlannerText::CurrencyNotInOrgHint, {currency, base.isEmpty() ? own : base})};
}

QJsonObject OrderCurrency::withBaseAmounts(QJsonObject order)
{
    replaceWithBase(order);
    order.insert(u"order_currency_code"_s, order.value(u"base_currency_code"_s));
    return order;
}

double OrderCurrency::round(double value, int scale)
{
    return roundDecimal(value, scale);
}

bool OrderCurrency::sameAmount(double a, double b, int scale)
{
    return std::abs(round(a, scale) - round(b, scale)) < 0.5 / std::pow(10.0, scale);
}

} // namespace OrderBridge
