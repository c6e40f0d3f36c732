#include "sobjectdescribe.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QList<PicklistValue> picklistValuesOf(const QJsonArray &values)
{
    QList<PicklistValue> out;
    out.reserve(values.size());
    for (const QJsonValue &entry : values) {
        const QJsonObject p = entry.toObject();
        PicklistValue value;
        value.value = p.value(u"value"_s).toString();
        value.label = p.value(u"label"_s).toString(value.value);
        value.active = p.value(u"active"_s).toBool(true);
        value.defaultValue = p.value(u"defaultValue"_s).toBool();
        out.append(value);
    }
    return out;
}

// One element of the describe's fields[] array. Flags the reply leaves out read as false, except
// nillable: a field is only known to be required when the describe says so.
SalesforceFieldInfo fieldOf(const QJsonObject &o)
{
    SalesforceFieldInfo f;
    f.name = o.value(u"name"_s).toString();
    f.label = o.value(u"label"_s).toString();
    f.type = o.value(u"type"_s).toString();
    f.length = o.value(u"length"_s).toInt();
    f.precision = o.value(u"precision"_s).toInt();
    // int fields report their size in "digits", not "precision".
    if (f.precision == 0)
        f.precision = o.value(u"digits"_s).toInt();
    f.scale = o.value(u"scale"_s).toInt();
    f.nillable = o.value(u"nillable"_s).toBool(true);
    f.createable = o.value(u"createable"_s).toBool();
    f.updateable = o.value(u"updateable"_s).toBool();
    f.custom = o.value(u"custom"_s).toBool(f.name.endsWith(u"__c"_s));
    f.externalId = o.value(u"externalId"_s).toBool();
    f.unique = o.value(u"unique"_s).toBool();
    f.defaultedOnCreate = o.value(u"defaultedOnCreate"_s).toBool();
    f.calculated = o.value(u"calculated"_s).toBool();
    f.restrictedPicklist = o.value(u"restrictedPicklist"_s).toBool();
    f.relationshipName = o.value(u"relationshipName"_s).toString();
    const QJsonArray refs = o.value(u"referenceTo"_s).toArray();
    for (const QJsonValue &r : refs)
        f.referenceTo.append(r.toString());
    f.picklistValues = picklistValuesOf(o.value(u"picklistValues"_s).toArray());
    f.controllerName = o.value(u"controllerName"_s).toString();
    if (!f.controllerName.isEmpty()) {
        for (const QJsonValue &v : o.value(u"picklistValues"_s).toArray()) {
            const QString bits = v.toObject().value(u"validFor"_s).toString();
            if (!bits.isEmpty())
                f.validFor.insert(v.toObject().value(u"value"_s).toString(), QByteArray::fromBase64(bits.toLatin1()));
        }
    }
    return f;
}

} // namespace

const SalesforceFieldInfo *SObjectDescribe::field(const QString &apiName) const
{
    for (const SalesforceFieldInfo &f : fields) {
        if (f.name.compare(apiName, Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

SalesforceFieldInfo *SObjectDescribe::field(const QString &apiName)
{
    for (SalesforceFieldInfo &f : fields) {
        if (f.name.compare(apiName, Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

SalesforceResult<SObjectDescribe> SObjectDescribe::fromJson(const QJsonObject &json)
{
    if (!json.value(u"name"_s).isString() || !json.value(u"fields"_s).isArray())
        return sfFail(u"MALFORMED_RESPONSE"_s, u"The describe reply has no name or fields."_s);
    SObjectDescribe d;
    d.name = json.value(u"name"_s).toString();
    d.label = json.value(u"label"_s).toString();
    d.keyPrefix = json.value(u"keyPrefix"_s).toString();
    d.createable = json.value(u"createable"_s).toBool();
    d.updateable = json.value(u"updateable"_s).toBool();
    const QJsonArray fields = json.value(u"fields"_s).toArray();
    d.fields.reserve(fields.size());
    for (const QJsonValue &v : fields) {
        SalesforceFieldInfo f = fieldOf(v.toObject());
        if (!f.name.isEmpty())
            d.fields.append(std::move(f));
    }
    return d;
}

} // namespace OrderBridge
