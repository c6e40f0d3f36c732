#include "salesforcefieldinfo.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<PicklistValue> PicklistValue::listOf(const QStringList &values)
{
    QList<PicklistValue> list;
    list.reserve(values.size());
    for (const QString &value : values) {
        PicklistValue entry;
        entry.value = value;
        entry.label = value;
        list << entry;
    }
    return list;
}

bool SalesforceFieldInfo::isText() const
{
    static const QStringList textTypes{u"string"_s, u"textarea"_s, u"picklist"_s, u"multipicklist"_s,
                                       u"combobox"_s, u"email"_s, u"phone"_s, u"url"_s,
                                       u"reference"_s, u"id"_s, u"encryptedstring"_s};
    return textTypes.contains(type);
}

bool SalesforceFieldInfo::isNumeric() const
{
    return type == u"currency" || type == u"double" || type == u"percent" || type == u"int" || type == u"long";
}

bool SalesforceFieldInfo::isWritableType() const
{
    return isText() || isNumeric() || type == u"boolean" || type == u"date" || type == u"datetime";
}

bool SalesforceFieldInfo::requiredOnCreate() const
{
    return createable && !nillable && !defaultedOnCreate && type != u"boolean";
}

QStringList SalesforceFieldInfo::activePicklistValues() const
{
    QStringList values;
    for (const PicklistValue &value : picklistValues) {
        if (value.active)
            values << value.value;
    }
    return values;
}

bool SalesforceFieldInfo::isValidFor(const QString &value, const SalesforceFieldInfo &controller,
                                     const QString &controllerValue) const
{
    const auto bits = validFor.constFind(value);
    if (bits == validFor.cend())
        return false;
    qsizetype index = -1;
    for (qsizetype i = 0; i < controller.picklistValues.size(); ++i) {
        if (controller.picklistValues.at(i).value == controllerValue)
            index = i;
    }
    if (index < 0 || index / 8 >= bits->size())
        return false;
    return (uchar(bits->at(index / 8)) & (0x80 >> (index % 8))) != 0;
}

const SalesforceFieldInfo *findSalesforceField(const SalesforceFieldMap &fields, const QString &name)
{
    const auto it = fields.constFind(name);
    if (it != fields.cend())
        return &it.value();
    for (auto candidate = fields.cbegin(); candidate != fields.cend(); ++candidate) {
        if (candidate.key().compare(name, Qt::CaseInsensitive) == 0)
            return &candidate.value();
    }
    return nullptr;
}

} // namespace OrderBridge
