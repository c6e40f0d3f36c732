#include "salesforcefieldinfo.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

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

SalesforceFieldInfo SalesforceFieldInfo::fromDescribe(const QJsonObject &field)
{
    SalesforceFieldInfo info;
    info.name = field.value(u"name"_s).toString();
    info.type = field.value(u"type"_s).toString();
    info.length = field.value(u"length"_s).toInt();
    info.precision = field.value(u"precision"_s).toInt();
    info.scale = field.value(u"scale"_s).toInt();
    // int fields report their size in "digits", not "precision".
    if (info.precision == 0)
        info.precision = field.value(u"digits"_s).toInt();
    info.createable = field.value(u"createable"_s).toBool();
    info.updateable = field.value(u"updateable"_s).toBool();
    info.nillable = field.value(u"nillable"_s).toBool();
    info.externalId = field.value(u"externalId"_s).toBool();
    info.restrictedPicklist = field.value(u"restrictedPicklist"_s).toBool();
    const QJsonArray values = field.value(u"picklistValues"_s).toArray();
    for (const QJsonValue &value : values) {
        const QJsonObject entry = value.toObject();
        if (entry.value(u"active"_s).toBool(true))
            info.picklistValues << entry.value(u"value"_s).toString();
    }
    return info;
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
