#include "sfcurrencies.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

const QString kIsoCode = u"CurrencyIsoCode"_s;

SfField field(const QString &name, const QString &label, const QString &type)
{
    SfField f;
    f.name = name;
    f.label = label;
    f.type = type;
    return f;
}

const SfRecord *liveRecord(const SfRecordStore &store, const QString &id)
{
    const SfRecord *r = id.isEmpty() ? nullptr : store.find(id);
    return r && !r->fields.value(u"IsDeleted"_s).toBool() ? r : nullptr;
}

struct Parent
{
    QString parentField;   // on the child: OrderId / OpportunityId
    QString parentLabel;   // in messages
};

std::optional<Parent> parentOf(const QString &type)
{
    if (type == u"OrderItem")
        return Parent{u"OrderId"_s, u"order"_s};
    if (type == u"OpportunityLineItem")
        return Parent{u"OpportunityId"_s, u"opportunity"_s};
    return std::nullopt;
}

// A product takes its parent's currency, and its price book entry must be in that currency.
std::optional<SfError> applyToProduct(const SfRecordStore &store, const Parent &p, const QJsonObject &given,
                                      QJsonObject &record)
{
    const SfRecord *parent = liveRecord(store, record.value(p.parentField).toString());
    if (!parent)
        return std::nullopt; // the reference checks answer for it
    const QString currency = parent->fields.value(kIsoCode).toString();
    if (given.contains(kIsoCode) && given.value(kIsoCode).toString() != currency) {
        const QString parentName = p.parentLabel == u"order" ? u"Order"_s : u"Opportunity"_s;
        return SfError(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"Enter the same currency as the parent %1.: Currency ISO Code"_s.arg(parentName), {kIsoCode});
    }
    record.insert(kIsoCode, currency);
    const SfRecord *entry = liveRecord(store, record.value(u"PricebookEntryId"_s).toString());
    if (entry && entry->fields.value(kIsoCode).toString() != currency) {
        return SfError(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"field integrity exception: PricebookEntryId (pricebook entry currency code does not match "
                       "%1 currency code)"_s.arg(p.parentLabel),
                       {u"PricebookEntryId"_s});
    }
    return std::nullopt;
}

} // namespace

QStringList SfCurrencies::currencyObjects()
{
    return {u"Account"_s, u"Contact"_s, u"User"_s, u"Product2"_s, u"PricebookEntry"_s,
            u"Opportunity"_s, u"OpportunityLineItem"_s, u"Order"_s, u"OrderItem"_s};
}

SfField SfCurrencies::isoCodeField(const QStringList &codes)
{
    SfField f = field(kIsoCode, u"Currency ISO Code"_s, u"picklist"_s);
    f.length = 3;
    f.restrictedPicklist = true;
    f.defaultedOnCreate = true;
    f.nillable = false;
    for (const QString &code : codes)
        f.picklistValues.append({code, code, code == codes.first(), {}});
    f.defaultValue = codes.first();
    return f;
}

SfObjectType SfCurrencies::currencyTypeObject(const QStringList &codes)
{
    SfObjectType o;
    o.name = u"CurrencyType"_s;
    o.label = u"Currency Type"_s;
    o.labelPlural = u"Currency Types"_s;
    o.keyPrefix = u"02c"_s;
    o.deletable = false;
    SfField id = field(u"Id"_s, u"Currency Type ID"_s, u"id"_s);
    id.length = 18;
    id.createable = id.updateable = id.nillable = false;
    id.defaultedOnCreate = id.idLookup = true;
    SfField iso = field(u"IsoCode"_s, u"Currency ISO Code"_s, u"picklist"_s);
    iso.length = 40;
    iso.restrictedPicklist = true;
    iso.nillable = false;
    for (const QString &code : codes)
        iso.picklistValues.append({code, code, false, {}});
    SfField rate = field(u"ConversionRate"_s, u"Conversion Rate"_s, u"double"_s);
    rate.precision = 18;
    rate.scale = 6;
    SfField places = field(u"DecimalPlaces"_s, u"Decimal Places"_s, u"int"_s);
    places.digits = 9;
    SfField active = field(u"IsActive"_s, u"Active"_s, u"boolean"_s);
    SfField corporate = field(u"IsCorporate"_s, u"Corporate Currency"_s, u"boolean"_s);
    for (SfField *b : {&active, &corporate}) {
        b->nillable = false;
        b->defaultedOnCreate = true;
        b->defaultValue = false;
    }
    o.fields = {id, iso, rate, places, active, corporate};
    return o;
}

std::optional<SfError> SfCurrencies::apply(const SfRecordStore &store, const SfObjectType &type,
                                           const QJsonObject &given, QJsonObject &record, const SfRecord *old)
{
    if (!type.field(kIsoCode))
        return std::nullopt;
    if (const auto parent = parentOf(type.name)) {
        auto e = applyToProduct(store, *parent, given, record);
        if (!e)
            roundToCurrency(store, type, record);
        return e;
    }
    roundToCurrency(store, type, record);
    const bool changes = old && given.contains(kIsoCode)
        && given.value(kIsoCode).toString() != old->fields.value(kIsoCode).toString();
    if (!changes)
        return std::nullopt;
    // Prices of products already added are in the old currency: the currency is fixed once there are products.
    const QString id = old->fields.value(u"Id"_s).toString();
    if (type.name == u"Order" && !store.children(u"OrderItem"_s, u"OrderId"_s, id).isEmpty()) {
        return SfError(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"You can't change the currency of an order that has order products.: Currency ISO Code"_s,
                       {kIsoCode});
    }
    if (type.name == u"Opportunity" && !store.children(u"OpportunityLineItem"_s, u"OpportunityId"_s, id).isEmpty()) {
        return SfError(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"You can't change the currency of an opportunity that has products.: Currency ISO Code"_s,
                       {kIsoCode});
    }
    return std::nullopt;
}

void SfCurrencies::roundToCurrency(const SfRecordStore &store, const SfObjectType &type, QJsonObject &record)
{
    const QString code = record.value(kIsoCode).toString();
    if (code.isEmpty())
        return;
    int places = -1;
    for (const QString &id : store.idsOf(u"CurrencyType"_s)) {
        const SfRecord *r = store.find(id);
        if (r && r->fields.value(u"IsoCode"_s).toString() == code)
            places = r->fields.value(u"DecimalPlaces"_s).toInt();
    }
    if (places < 0)
        return;
    for (const SfField &f : type.fields) {
        if (f.type == u"currency" && !f.custom && f.scale > 0 && record.value(f.name).isDouble())
            record.insert(f.name, roundAmount(record.value(f.name).toDouble(), std::min(places, f.scale)));
    }
}

double SfCurrencies::roundAmount(double value, int scale)
{
    const double factor = std::pow(10.0, scale);
    const double scaled = value * factor;
    // The double nearest a decimal tie such as 1999.5 may lie a hair below it; nudge by a relative epsilon
    // far below one unit of any decimal a client sends.
    const double nudge = std::copysign(1e-9 * std::max(1.0, std::abs(scaled)), scaled);
    return std::round(scaled + nudge) / factor;
}

} // namespace Sandbox
