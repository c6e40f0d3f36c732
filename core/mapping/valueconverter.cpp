#include "valueconverter.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Result<ValueConverter::Converted> ValueConverter::convert(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    Q_UNUSED(value);
    return fail(u"mapping.value"_s, u"Conversion to %1 is not implemented yet."_s.arg(field.type));
}

bool ValueConverter::isEmpty(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

QString ValueConverter::toText(const QJsonValue &value, const QString &arraySeparator)
{
    Q_UNUSED(arraySeparator);
    return value.toString();
}

} // namespace OrderBridge
