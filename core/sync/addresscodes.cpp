#include "sync/addresscodes.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// The picklist value whose API value or label is `text` (case-insensitive), or an empty string.
QString picklistValue(const SalesforceFieldInfo &field, const QString &text, const SalesforceFieldInfo *controller = nullptr,
                      const QString &controllerValue = {})
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return {};
    for (const PicklistValue &v : field.picklistValues) {
        if (!v.active)
            continue;
        if (wanted.compare(v.value, Qt::CaseInsensitive) != 0 && wanted.compare(v.label, Qt::CaseInsensitive) != 0)
            continue;
        if (controller && !field.isValidFor(v.value, *controller, controllerValue))
            continue;
        return v.value;
    }
    return {};
}

QString textOf(const QJsonValue &v)
{
    return v.isString() ? v.toString().trimmed() : QString();
}

// Country and State of one address (prefix "Billing", "Shipping", ...).
void applyAddress(QJsonObject &values, const SalesforceFieldMap &fields, const QString &prefix,
                  QList<AddressCodes::LeftOut> &leftOut)
{
    const QString countryField = prefix + u"Country"_s;
    const QString stateField = prefix + u"State"_s;
    const SalesforceFieldInfo *countryCode = findSalesforceField(fields, prefix + u"CountryCode"_s);
    const SalesforceFieldInfo *stateCode = findSalesforceField(fields, prefix + u"StateCode"_s);
    QString code;
    if (values.contains(countryField)) {
        const QString country = textOf(values.take(countryField));
        code = picklistValue(*countryCode, country);
        values.insert(countryCode->name, code.isEmpty() ? QJsonValue() : QJsonValue(code));
        if (code.isEmpty() && !country.isEmpty())
            leftOut.append({countryField, country, {}});
    }
    if (!stateCode || !values.contains(stateField))
        return;
    const QString state = textOf(values.take(stateField));
    const QString value = code.isEmpty() ? QString() : picklistValue(*stateCode, state, countryCode, code);
    values.insert(stateCode->name, value.isEmpty() ? QJsonValue() : QJsonValue(value));
    if (value.isEmpty() && !state.isEmpty())
        leftOut.append({stateField, state, code});
}

// The prefixes of the addresses whose country has a code field in the org.
QStringList codePrefixes(const SalesforceFieldMap &fields)
{
    QStringList prefixes;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.key().endsWith(u"CountryCode"_s) && it->type == u"picklist"_s)
            prefixes << it.key().chopped(u"CountryCode"_s.size());
    }
    return prefixes;
}

} // namespace

QList<AddressCodes::LeftOut> AddressCodes::apply(QJsonObject &values, const SalesforceFieldMap &fields)
{
    QList<LeftOut> leftOut;
    for (const QString &prefix : codePrefixes(fields)) {
        // A mapping straight to a code field is the user's own choice and stays as it is.
        if (values.contains(QString(prefix + u"CountryCode"_s)))
            continue;
        applyAddress(values, fields, prefix, leftOut);
    }
    return leftOut;
}

QStringList AddressCodes::lookupFields(const QStringList &mapped, const SalesforceFieldMap &fields)
{
    QStringList out;
    for (const QString &prefix : codePrefixes(fields)) {
        if (mapped.contains(QString(prefix + u"Country"_s), Qt::CaseInsensitive))
            out << QString(prefix + u"CountryCode"_s);
        if (mapped.contains(QString(prefix + u"State"_s), Qt::CaseInsensitive) && findSalesforceField(fields, prefix + u"StateCode"_s))
            out << QString(prefix + u"StateCode"_s);
    }
    return out;
}

} // namespace OrderBridge
