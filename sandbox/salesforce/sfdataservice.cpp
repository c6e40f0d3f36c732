#include "sfdataservice.h"

#include "sfcurrencies.h"

#include "sfaddresspicklists.h"
#include "sfid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

// Multiple currencies: a price book holds one entry per product and currency (single-currency orgs: both null).
bool sameCurrency(const QJsonObject &a, const QJsonObject &b)
{
    return a.value(u"CurrencyIsoCode"_s) == b.value(u"CurrencyIsoCode"_s);
}

SfError err(const QString &code, const QString &message, const QStringList &fields = {})
{
    return SfError{code, message, fields};
}

QString jsonKind(const QJsonValue &v)
{
    if (v.isString())
        return u"VALUE_STRING"_s;
    if (v.isBool())
        return v.toBool() ? u"VALUE_TRUE"_s : u"VALUE_FALSE"_s;
    if (v.isDouble())
        return std::floor(v.toDouble()) == v.toDouble() ? u"VALUE_NUMBER_INT"_s : u"VALUE_NUMBER_FLOAT"_s;
    if (v.isArray())
        return u"START_ARRAY"_s;
    if (v.isObject())
        return u"START_OBJECT"_s;
    return u"VALUE_NULL"_s;
}

SfError deserializeError(const QString &javaType, const QJsonValue &v)
{
    QString shown = v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return err(u"JSON_PARSER_ERROR"_s,
               u"Cannot deserialize instance of %1 from %2 value %3 or request may be missing a required field"_s
                   .arg(javaType, jsonKind(v), shown));
}

bool isDraft(const QJsonObject &order)
{
    return order.value(u"StatusCode"_s).toString() != u"Activated";
}

QString statusCategory(const QString &status)
{
    // The org's Order Status picklist: Draft (Draft category) and Activated (Activated category).
    return status == u"Activated" ? u"Activated"_s : u"Draft"_s;
}

// Adding or deleting products of an activated order is refused even with "Edit Activated Orders".
SfError activatedProductsLocked()
{
    return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
               u"You can't add or delete order products on an activated order. Set the order's status to Draft "
               "first.: Order ID"_s,
               {u"OrderId"_s});
}

// Any change to an activated order or its products, for a user without "Edit Activated Orders".
SfError activatedOrderReadOnly(const QString &field)
{
    return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
               u"You can't edit an activated order or its order products without the Edit Activated Orders "
               "permission.: %1"_s.arg(field),
               {field});
}

// Setting an Activated-category status, for a user without "Activate Orders".
SfError activationNotPermitted()
{
    return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
               u"You don't have permission to activate orders. Ask your administrator for the Activate Orders "
               "permission.: Status"_s,
               {u"Status"_s});
}

QString plainPreview(const QByteArray &content)
{
    QString text = QString::fromUtf8(content);
    static const QRegularExpression tags(u"<[^>]*>"_s);
    text.remove(tags);
    return text.simplified().left(300);
}

} // namespace

SfDataService::SfDataService(SfRecordStore &store, Clock clock)
    : m_store(store)
    , m_clock(std::move(clock))
    , m_personAccounts(store)
{
}

QString SfDataService::formatDateTime(const QDateTime &dt)
{
    return dt.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + u"+0000"_s;
}

QString SfDataService::nowText() const
{
    return formatDateTime(m_clock());
}

const SfRecord *SfDataService::live(const QString &id) const
{
    const SfRecord *r = m_store.find(id);
    return r && !r->deleted ? r : nullptr;
}

SfSaveResult SfDataService::resolve(const QString &type, const QString &idText) const
{
    const SfObjectType *t = m_store.schema().object(type);
    const auto id = SfId::normalize(idText);
    if (!t || !id || !id->startsWith(t->keyPrefix)) {
        // Salesforce answers an id of the wrong shape or object with NOT_FOUND on the sObject row resource.
        return SfSaveResult::failure(404, err(u"NOT_FOUND"_s, u"The requested resource does not exist"_s));
    }
    const SfRecord *r = m_store.find(*id);
    if (!r)
        return SfSaveResult::failure(404, err(u"NOT_FOUND"_s, u"The requested resource does not exist"_s));
    if (r->deleted)
        return SfSaveResult::failure(404, err(u"ENTITY_IS_DELETED"_s, u"entity is deleted"_s));
    SfSaveResult ok;
    ok.success = true;
    ok.id = *id;
    return ok;
}

QStringList SfDataService::findByExternalId(const QString &type, const QString &field, const QString &value) const
{
    return m_store.lookup(type, field, value);
}

std::optional<SfError> SfDataService::checkReference(const SfField &field, const QString &idText) const
{
    const auto id = SfId::normalize(idText);
    if (!id) {
        return err(u"MALFORMED_ID"_s, u"%1: id value of incorrect type: %2"_s.arg(field.label, idText), {field.name});
    }
    const QString prefix = id->left(3);
    bool typeOk = false;
    for (const auto &target : field.referenceTo) {
        if (SfId::keyPrefix(target) == prefix)
            typeOk = true;
    }
    if (!typeOk) {
        return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"%1: id value of incorrect type: %2"_s.arg(field.label, *id),
                   {field.name});
    }
    if (!live(*id))
        return err(u"INVALID_CROSS_REFERENCE_KEY"_s, u"invalid cross reference id"_s);
    return std::nullopt;
}

std::optional<SfError> SfDataService::normalizeValue(const SfObjectType &type, const SfField &f, const QJsonValue &in,
                                                     QJsonValue *out) const
{
    Q_UNUSED(type);
    if (in.isNull() || (in.isString() && in.toString().isEmpty() && !f.isString())) {
        *out = QJsonValue::Null;
        return std::nullopt;
    }
    if (in.isArray() || in.isObject())
        return deserializeError(f.isString() || f.type == u"reference" ? u"string"_s : f.type, in);
    if (f.type == u"base64") {
        if (!in.isString())
            return deserializeError(u"base64"_s, in);
        const auto decoded = QByteArray::fromBase64Encoding(in.toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return err(u"JSON_PARSER_ERROR"_s, u"Illegal value for base64 field %1"_s.arg(f.name), {f.name});
        *out = in;
        return std::nullopt;
    }
    if (f.isString()) {
        QString s;
        if (in.isString())
            s = in.toString();
        else if (in.isDouble())
            s = QString::number(in.toDouble(), 'g', 15);
        else if (in.isBool())
            s = in.toBool() ? u"true"_s : u"false"_s;
        if (f.length > 0 && s.size() > f.length) {
            return err(u"STRING_TOO_LONG"_s,
                       u"%1: data value too large: %2 (max length=%3)"_s.arg(f.label, s.left(f.length + 20)).arg(f.length),
                       {f.name});
        }
        if (f.type == u"picklist" && f.restrictedPicklist && !f.hasPicklistValue(s)) {
            return err(u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s,
                       u"%1: bad value for restricted picklist field: %2"_s.arg(f.label, s), {f.name});
        }
        if (f.type == u"email" && !s.isEmpty()) {
            static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
            if (!email.match(s).hasMatch())
                return err(u"INVALID_EMAIL_ADDRESS"_s, u"%1: invalid email address: %2"_s.arg(f.label, s), {f.name});
        }
        *out = s;
        return std::nullopt;
    }
    if (f.isNumber()) {
        double d = 0;
        if (in.isDouble()) {
            d = in.toDouble();
        } else if (in.isString()) {
            bool ok = false;
            d = in.toString().toDouble(&ok);
            if (!ok)
                return deserializeError(f.type == u"int" ? u"int"_s : u"double"_s, in);
        } else {
            return deserializeError(f.type == u"int" ? u"int"_s : u"double"_s, in);
        }
        if (f.type == u"int")
            d = std::trunc(d);
        const int integerDigits = f.type == u"int" ? 9 : f.precision - f.scale;
        if (integerDigits > 0 && std::fabs(d) >= std::pow(10.0, integerDigits)) {
            return err(u"NUMBER_OUTSIDE_VALID_RANGE"_s,
                       u"%1: value outside of valid range on numeric field: %2"_s.arg(f.label).arg(d, 0, 'g', 17),
                       {f.name});
        }
        // Standard price fields keep the currency's decimal places. A custom currency field keeps what the API
        // sent: Salesforce rounds those only for display (Knowledge article 000385689).
        if (f.scale > 0 && !(f.type == u"currency" && f.custom))
            d = SfCurrencies::roundAmount(d, f.scale);
        *out = d;
        return std::nullopt;
    }
    if (f.type == u"boolean") {
        if (in.isBool()) {
            *out = in;
            return std::nullopt;
        }
        if (in.isString() && (in.toString().compare(u"true"_s, Qt::CaseInsensitive) == 0
                              || in.toString().compare(u"false"_s, Qt::CaseInsensitive) == 0)) {
            *out = in.toString().compare(u"true"_s, Qt::CaseInsensitive) == 0;
            return std::nullopt;
        }
        return deserializeError(u"boolean"_s, in);
    }
    if (f.type == u"date") {
        const QDate d = QDate::fromString(in.toString(), u"yyyy-MM-dd"_s);
        if (!in.isString() || !d.isValid())
            return deserializeError(u"date"_s, in);
        *out = d.toString(u"yyyy-MM-dd"_s);
        return std::nullopt;
    }
    if (f.type == u"datetime") {
        QString s = in.toString();
        // Salesforce accepts ISO 8601 with 'Z', "+hh:mm" or "+hhmm" offsets and optional milliseconds.
        static const QRegularExpression compactOffset(u"([+-]\\d\\d)(\\d\\d)$"_s);
        s.replace(compactOffset, u"\\1:\\2"_s);
        QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!in.isString() || !dt.isValid())
            return deserializeError(u"datetime"_s, in);
        if (dt.timeSpec() == Qt::LocalTime)
            dt.setTimeSpec(Qt::UTC);
        *out = formatDateTime(dt);
        return std::nullopt;
    }
    if (f.type == u"reference" || f.type == u"id") {
        if (!in.isString())
            return deserializeError(u"string"_s, in);
        if (f.type == u"reference") {
            if (auto e = checkReference(f, in.toString()))
                return e;
        }
        *out = SfId::normalize(in.toString()).value_or(in.toString());
        return std::nullopt;
    }
    *out = in;
    return std::nullopt;
}

std::optional<SfError> SfDataService::prepare(const SfObjectType &type, const QJsonObject &body, bool creating,
                                              Prepared *out) const
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        if (key == u"attributes")
            continue;
        const SfField *f = type.field(key);
        if (!f) {
            // Parent reference by external id: "Account": {"Magento_ID__c": "42"}.
            const SfField *rel = type.relationshipField(key);
            if (rel && it.value().isObject()) {
                const QJsonObject ref = it.value().toObject();
                QString target = rel->referenceTo.value(0);
                const QString declared = ref.value(u"attributes"_s).toObject().value(u"type"_s).toString();
                if (!declared.isEmpty())
                    target = declared;
                const SfObjectType *targetType = m_store.schema().object(target);
                QString extField;
                QString extValue;
                for (auto r = ref.begin(); r != ref.end(); ++r) {
                    if (r.key() != u"attributes") {
                        extField = r.key();
                        extValue = r.value().isString() ? r.value().toString()
                                                        : QString::number(r.value().toDouble(), 'g', 15);
                    }
                }
                const SfField *ext = targetType ? targetType->field(extField) : nullptr;
                if (!targetType || !ext || !(ext->externalId || ext->idLookup)) {
                    return err(u"INVALID_FIELD"_s,
                               u"Field %1 is not an External ID or indexed field for %2"_s.arg(extField, target));
                }
                QStringList ids;
                if (ext->type == u"id") {
                    const auto id = SfId::normalize(extValue);
                    if (id && live(*id))
                        ids.append(*id);
                } else {
                    ids = m_store.lookup(targetType->name, ext->name, extValue);
                }
                if (ids.isEmpty()) {
                    return err(u"INVALID_FIELD"_s, u"Foreign key external ID: %1 not found for field %2 in entity %3"_s
                                                        .arg(extValue, ext->name, targetType->name));
                }
                if (ids.size() > 1) {
                    return err(u"INVALID_FIELD"_s,
                               u"Foreign key external ID: %1 matched more than one record for field %2 in entity %3"_s
                                   .arg(extValue, ext->name, targetType->name));
                }
                if ((creating && !rel->createable) || (!creating && !rel->updateable)) {
                    return err(u"INVALID_FIELD_FOR_INSERT_UPDATE"_s,
                               u"Unable to create/update fields: %1. Please check the security settings of this field "
                               "and verify that it is read/write for your profile or permission set."_s.arg(rel->name),
                               {rel->name});
                }
                out->values.insert(rel->name, ids.first());
                out->explicitFields.append(rel->name);
                continue;
            }
            return err(u"INVALID_FIELD"_s, u"No such column '%1' on sobject of type %2"_s.arg(key, type.name));
        }
        if (f->name == u"Id" && !creating)
            continue; // collections carry the id in the body; it is not a change
        if ((creating && !f->createable) || (!creating && !f->updateable)) {
            return err(u"INVALID_FIELD_FOR_INSERT_UPDATE"_s,
                       u"Unable to create/update fields: %1. Please check the security settings of this field and "
                       "verify that it is read/write for your profile or permission set."_s.arg(f->name),
                       {f->name});
        }
        QJsonValue value;
        if (auto e = normalizeValue(type, *f, it.value(), &value))
            return e;
        out->values.insert(f->name, value);
        out->explicitFields.append(f->name);
    }
    return std::nullopt;
}

std::optional<SfError> SfDataService::checkUnique(const SfObjectType &type, const QJsonObject &values,
                                                  const QString &selfId) const
{
    for (const auto &f : type.fields) {
        if (!f.unique || f.type == u"id")
            continue;
        const QJsonValue v = values.value(f.name);
        if (!v.isString() || v.toString().isEmpty())
            continue;
        for (const auto &other : m_store.lookup(type.name, f.name, v)) {
            if (other != selfId) {
                return err(u"DUPLICATE_VALUE"_s,
                           u"duplicate value found: %1 duplicates value on record with id: %2"_s.arg(f.name, other),
                           {f.name});
            }
        }
    }
    return std::nullopt;
}

// The org's duplicate rules (--duplicate-rules): one active rule per object with the Alert action on create
// and edit, over a custom matching rule with one exact, case-insensitive field. Without allowSave=true in the
// Duplicate Rule Header an Alert blocks the save through the API; with it the record is saved.
std::optional<SfError> SfDataService::checkDuplicates(const SfObjectType &type, const QJsonObject &fields,
                                                      const QString &selfId) const
{
    if (!m_duplicateRules || m_allowDuplicateSave)
        return std::nullopt;
    QString field;
    if (type.name == u"Contact")
        field = u"Email"_s;
    else if (type.name == u"Account")
        field = u"Name"_s;
    const QString value = field.isEmpty() ? QString() : fields.value(field).toString().trimmed();
    if (value.isEmpty())
        return std::nullopt;
    QJsonArray matches;
    for (const QString &id : m_store.idsOf(type.name)) {
        const SfRecord *r = live(id);
        if (!r || id == selfId || r->fields.value(field).toString().trimmed().compare(value, Qt::CaseInsensitive) != 0)
            continue;
        matches.append(QJsonObject{{u"additionalInformation"_s, QJsonArray()},
                                   {u"fieldDiffs"_s, QJsonArray()},
                                   {u"matchConfidence"_s, 100.0},
                                   {u"record"_s, QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, type.name}}},
                                                             {u"Id"_s, id}}}});
    }
    if (matches.isEmpty())
        return std::nullopt;
    const QString message = u"Use one of these records?"_s;
    SfError e = err(u"DUPLICATES_DETECTED"_s, message);
    const QJsonObject match{{u"entityType"_s, type.name},
                            {u"errors"_s, QJsonArray()},
                            {u"matchEngine"_s, u"ExactMatchEngine"_s},
                            {u"matchRecords"_s, matches},
                            {u"rule"_s, QString(type.name + u"_"_s + field + u"_Match"_s)},
                            {u"size"_s, int(matches.size())},
                            {u"success"_s, true}};
    e.extra.insert(u"duplicateResult"_s,
                   QJsonObject{{u"allowSave"_s, true},
                               {u"duplicateRule"_s, QString(u"Sandbox_"_s + type.name + u"_Duplicate_Rule"_s)},
                               {u"duplicateRuleEntityType"_s, type.name},
                               {u"errorMessage"_s, message},
                               {u"matchResults"_s, QJsonArray{match}}});
    return e;
}

QString SfDataService::nextAutoNumber(const QString &type, int width)
{
    const qsizetype n = qsizetype(m_store.idsOf(type).size()) + 100;
    return QString::number(n).rightJustified(width, u'0');
}

SfSaveResult SfDataService::create(const QString &typeName, const QJsonObject &body)
{
    const SfObjectType *type = m_store.schema().object(typeName);
    if (!type)
        return SfSaveResult::failure(404, err(u"NOT_FOUND"_s, u"The requested resource does not exist"_s));
    if (!type->createable) {
        return SfSaveResult::failure(
            400, err(u"INVALID_TYPE_FOR_OPERATION"_s, u"entity type %1 does not support insert"_s.arg(type->name)));
    }
    if (body.contains(u"Id"_s) || body.contains(u"id"_s)) {
        return SfSaveResult::failure(400, err(u"INVALID_FIELD"_s, u"cannot specify Id in an insert call"_s, {u"Id"_s}));
    }
    Prepared prepared;
    if (auto e = prepare(*type, body, true, &prepared))
        return SfSaveResult::failure(400, *e);

    QJsonObject fields;
    for (const auto &f : type->fields) {
        if (f.defaultValue.isNull() || f.defaultValue.isUndefined())
            fields.insert(f.name, QJsonValue::Null);
        else
            fields.insert(f.name, f.defaultValue);
    }
    for (auto it = prepared.values.begin(); it != prepared.values.end(); ++it)
        fields.insert(it.key(), it.value());
    if (auto e = m_personAccounts.checkInsert(type->name, prepared.explicitFields, fields))
        return SfSaveResult::failure(400, *e);

    QStringList missing;
    for (const auto &f : type->fields) {
        const bool businessRequired = type->name == u"Order" && f.name == u"AccountId";
        if ((f.requiredOnCreate() || businessRequired) && fields.value(f.name).isNull())
            missing.append(f.name);
    }
    if (!missing.isEmpty()) {
        return SfSaveResult::failure(
            400, err(u"REQUIRED_FIELD_MISSING"_s, u"Required fields are missing: [%1]"_s.arg(missing.join(u", "_s)),
                     missing));
    }
    if (auto e = checkUnique(*type, fields, {}))
        return SfSaveResult::failure(400, *e);
    if (auto e = SfAddressPicklists::apply(*type, prepared.values, fields))
        return SfSaveResult::failure(400, *e);
    if (auto e = SfCurrencies::apply(m_store, *type, prepared.values, fields, nullptr))
        return SfSaveResult::failure(400, *e);
    if (auto e = checkDuplicates(*type, fields, {}))
        return SfSaveResult::failure(400, *e);

    const QString now = nowText();
    const QString id = m_store.newId(*type);
    fields.insert(u"Id"_s, id);
    for (const auto &name : {u"CreatedDate"_s, u"LastModifiedDate"_s, u"SystemModstamp"_s}) {
        if (type->field(name))
            fields.insert(name, now);
    }
    for (const auto &name : {u"CreatedById"_s, u"LastModifiedById"_s}) {
        if (type->field(name))
            fields.insert(name, m_userId);
    }
    if (type->field(u"OwnerId"_s) && fields.value(u"OwnerId"_s).isNull())
        fields.insert(u"OwnerId"_s, m_userId);
    if (type->field(u"IsDeleted"_s))
        fields.insert(u"IsDeleted"_s, false);

    if (auto e = beforeInsert(*type, fields)) {
        return SfSaveResult::failure(400, *e);
    }
    SfRecord record;
    record.type = type->name;
    record.fields = fields;
    m_store.insert(record);
    afterChange(type->name, fields);
    if (type->name == u"Account")
        m_personAccounts.afterAccountWrite(id);

    SfSaveResult ok;
    ok.httpStatus = 201;
    ok.success = true;
    ok.created = true;
    ok.id = id;
    return ok;
}

std::optional<SfError> SfDataService::beforeInsert(const SfObjectType &type, QJsonObject &fields)
{
    if (m_insertCheck) {
        if (auto e = m_insertCheck(type.name, fields))
            return e;
    }
    const QString &name = type.name;
    if (name == u"Order") {
        const QString status = fields.value(u"Status"_s).toString();
        if (statusCategory(status) != u"Draft") {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"You can't create an order with a status in the Activated category. Create the order as Draft, "
                       "add its products, then activate it.: Status"_s,
                       {u"Status"_s});
        }
        fields.insert(u"StatusCode"_s, statusCategory(status));
        fields.insert(u"OrderNumber"_s, nextAutoNumber(name, 8));
        fields.insert(u"TotalAmount"_s, 0.0);
    } else if (name == u"OrderItem") {
        const SfRecord *order = live(fields.value(u"OrderId"_s).toString());
        const SfRecord *entry = live(fields.value(u"PricebookEntryId"_s).toString());
        if (!order || !entry)
            return err(u"INVALID_CROSS_REFERENCE_KEY"_s, u"invalid cross reference id"_s);
        if (!isDraft(order->fields))
            return activatedProductsLocked();
        const QString book = order->fields.value(u"Pricebook2Id"_s).toString();
        if (book.isEmpty() || entry->fields.value(u"Pricebook2Id"_s).toString() != book) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"Order Products must have a Price Book Entry that belongs to the Price Book related to the "
                       "parent Order.: Price Book Entry ID"_s,
                       {u"PricebookEntryId"_s});
        }
        if (!entry->fields.value(u"IsActive"_s).toBool()) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"field integrity exception: PricebookEntryId (pricebook entry is inactive)"_s,
                       {u"PricebookEntryId"_s});
        }
        const QString product = entry->fields.value(u"Product2Id"_s).toString();
        if (!fields.value(u"Product2Id"_s).isNull() && fields.value(u"Product2Id"_s).toString() != product) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"field integrity exception: Product2Id (the product must match the price book entry's product)"_s,
                       {u"Product2Id"_s});
        }
        fields.insert(u"Product2Id"_s, product);
        fields.insert(u"ListPrice"_s, entry->fields.value(u"UnitPrice"_s));
        fields.insert(u"TotalPrice"_s,
                      std::round(fields.value(u"Quantity"_s).toDouble() * fields.value(u"UnitPrice"_s).toDouble() * 100) / 100);
        fields.insert(u"OrderItemNumber"_s, nextAutoNumber(name, 10));
    } else if (name == u"PricebookEntry") {
        const SfRecord *book = live(fields.value(u"Pricebook2Id"_s).toString());
        const SfRecord *product = live(fields.value(u"Product2Id"_s).toString());
        if (!book || !product)
            return err(u"INVALID_CROSS_REFERENCE_KEY"_s, u"invalid cross reference id"_s);
        const QString productId = product->fields.value(u"Id"_s).toString();
        for (const auto &other : m_store.children(u"PricebookEntry"_s, u"Product2Id"_s, productId)) {
            const SfRecord *o = live(other);
            if (o && o->fields.value(u"Pricebook2Id"_s) == book->fields.value(u"Id"_s) && sameCurrency(o->fields, fields)) {
                return err(u"DUPLICATE_VALUE"_s, u"This price definition already exists in this price book"_s);
            }
        }
        if (!book->fields.value(u"IsStandard"_s).toBool()) {
            const SfRecord *standard = nullptr;
            for (const auto &other : m_store.children(u"PricebookEntry"_s, u"Product2Id"_s, productId)) {
                const SfRecord *o = live(other);
                const SfRecord *ob = o ? live(o->fields.value(u"Pricebook2Id"_s).toString()) : nullptr;
                if (ob && ob->fields.value(u"IsStandard"_s).toBool() && sameCurrency(o->fields, fields))
                    standard = o;
            }
            if (!standard) {
                return err(u"STANDARD_PRICE_NOT_DEFINED"_s,
                           u"No standard price defined for this product"_s);
            }
            if (fields.value(u"UseStandardPrice"_s).toBool())
                fields.insert(u"UnitPrice"_s, standard->fields.value(u"UnitPrice"_s));
        } else if (fields.value(u"UseStandardPrice"_s).toBool()) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"You can't use the standard price in the standard price book.: Use Standard Price"_s,
                       {u"UseStandardPrice"_s});
        }
        fields.insert(u"Name"_s, product->fields.value(u"Name"_s));
        fields.insert(u"ProductCode"_s, product->fields.value(u"ProductCode"_s));
    } else if (name == u"Contact") {
        const QString first = fields.value(u"FirstName"_s).toString();
        fields.insert(u"Name"_s, first.isEmpty() ? fields.value(u"LastName"_s).toString()
                                                 : first + u' ' + fields.value(u"LastName"_s).toString());
    } else if (name == u"Opportunity") {
        const QString stage = fields.value(u"StageName"_s).toString();
        fields.insert(u"IsClosed"_s, stage.startsWith(u"Closed"_s));
        fields.insert(u"IsWon"_s, stage == u"Closed Won");
    } else if (name == u"OpportunityLineItem") {
        const SfRecord *opp = live(fields.value(u"OpportunityId"_s).toString());
        const SfRecord *entry = live(fields.value(u"PricebookEntryId"_s).toString());
        if (!entry) {
            return err(u"REQUIRED_FIELD_MISSING"_s, u"Required fields are missing: [PricebookEntryId]"_s,
                       {u"PricebookEntryId"_s});
        }
        const QString book = opp ? opp->fields.value(u"Pricebook2Id"_s).toString() : QString();
        if (!book.isEmpty() && entry->fields.value(u"Pricebook2Id"_s).toString() != book) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"field integrity exception: PricebookEntryId (pricebook entry is in a different pricebook than "
                       "the one assigned to the opportunity)"_s,
                       {u"PricebookEntryId"_s});
        }
        if (fields.value(u"UnitPrice"_s).isNull() && fields.value(u"TotalPrice"_s).isNull()) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"field integrity exception: unknown (must specify either "
                                                       "UnitPrice or TotalPrice)"_s);
        }
        const double qty = fields.value(u"Quantity"_s).toDouble();
        if (fields.value(u"UnitPrice"_s).isNull())
            fields.insert(u"UnitPrice"_s, qty != 0 ? fields.value(u"TotalPrice"_s).toDouble() / qty : 0.0);
        else
            fields.insert(u"TotalPrice"_s, qty * fields.value(u"UnitPrice"_s).toDouble());
        fields.insert(u"Product2Id"_s, entry->fields.value(u"Product2Id"_s));
        fields.insert(u"ListPrice"_s, entry->fields.value(u"UnitPrice"_s));
        fields.insert(u"Name"_s, entry->fields.value(u"Name"_s));
    } else if (name == u"ContentNote") {
        const QByteArray content = QByteArray::fromBase64(fields.value(u"Content"_s).toString().toLatin1());
        fields.insert(u"FileType"_s, u"SNOTE"_s);
        fields.insert(u"FileExtension"_s, u"snote"_s);
        fields.insert(u"ContentSize"_s, double(content.size()));
        fields.insert(u"TextPreview"_s, plainPreview(content));
    } else if (name == u"ContentDocumentLink") {
        const QString doc = fields.value(u"ContentDocumentId"_s).toString();
        const QString entity = fields.value(u"LinkedEntityId"_s).toString();
        for (const auto &other : m_store.children(u"ContentDocumentLink"_s, u"ContentDocumentId"_s, doc)) {
            const SfRecord *o = live(other);
            if (o && o->fields.value(u"LinkedEntityId"_s).toString() == entity) {
                return err(u"DUPLICATE_VALUE"_s,
                           u"Document with ID: %1 is already linked with the entity with ID: %2"_s.arg(doc, entity),
                           {u"LinkedEntityId"_s});
            }
        }
    }
    return std::nullopt;
}

SfSaveResult SfDataService::update(const QString &typeName, const QString &idText, const QJsonObject &body)
{
    SfSaveResult found = resolve(typeName, idText);
    if (!found.success)
        return found;
    const SfObjectType *type = m_store.schema().object(typeName);
    if (!type->updateable) {
        return SfSaveResult::failure(
            400, err(u"INVALID_TYPE_FOR_OPERATION"_s, u"entity type %1 does not support update"_s.arg(type->name)));
    }
    const SfRecord old = *m_store.find(found.id);
    Prepared prepared;
    if (auto e = prepare(*type, body, false, &prepared)) {
        auto r = SfSaveResult::failure(400, *e);
        r.id = found.id;
        return r;
    }
    QJsonObject fields = old.fields;
    QStringList missing;
    for (auto it = prepared.values.begin(); it != prepared.values.end(); ++it) {
        const SfField *f = type->field(it.key());
        const bool businessRequired = type->name == u"Order" && f->name == u"AccountId";
        if (it.value().isNull() && ((!f->nillable && f->type != u"boolean") || businessRequired))
            missing.append(f->name);
        fields.insert(it.key(), it.value());
    }
    if (!missing.isEmpty()) {
        auto r = SfSaveResult::failure(
            400, err(u"REQUIRED_FIELD_MISSING"_s, u"Required fields are missing: [%1]"_s.arg(missing.join(u", "_s)),
                     missing));
        r.id = found.id;
        return r;
    }
    std::optional<SfError> e = m_personAccounts.checkUpdate(type->name, old, prepared.explicitFields, fields);
    if (!e)
        e = checkUnique(*type, fields, found.id);
    if (!e)
        e = SfAddressPicklists::apply(*type, prepared.values, fields);
    if (!e)
        e = SfCurrencies::apply(m_store, *type, prepared.values, fields, &old);
    if (!e)
        e = checkDuplicates(*type, fields, found.id);
    if (!e)
        e = beforeUpdate(*type, old, prepared, fields);
    if (e) {
        auto r = SfSaveResult::failure(400, *e);
        r.id = found.id;
        return r;
    }
    if (type->field(u"LastModifiedDate"_s)) {
        const QString now = nowText();
        fields.insert(u"LastModifiedDate"_s, now);
        fields.insert(u"SystemModstamp"_s, now);
        fields.insert(u"LastModifiedById"_s, m_userId);
    } else if (type->field(u"SystemModstamp"_s)) {
        fields.insert(u"SystemModstamp"_s, nowText());
    }
    m_store.replaceFields(found.id, fields);
    afterChange(type->name, fields);
    if (type->name == u"Account")
        m_personAccounts.afterAccountWrite(found.id);
    SfSaveResult ok;
    ok.httpStatus = 204;
    ok.success = true;
    ok.id = found.id;
    return ok;
}

std::optional<SfError> SfDataService::beforeUpdate(const SfObjectType &type, const SfRecord &old,
                                                   const Prepared &change, QJsonObject &fields)
{
    const QString &name = type.name;
    if (name == u"Order") {
        const QString oldCategory = old.fields.value(u"StatusCode"_s).toString();
        const QString newCategory = statusCategory(fields.value(u"Status"_s).toString());
        const bool activating = oldCategory != u"Activated" && newCategory == u"Activated";
        if (activating) {
            if (!userHas(u"PermissionsActivateOrder"_s))
                return activationNotPermitted();
            for (const auto &f : change.explicitFields) {
                if (f != u"Status" && old.fields.value(f) != change.values.value(f)) {
                    return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                               u"You can't change other fields when you activate an order. Update the Status field "
                               "alone.: %1"_s.arg(f),
                               {f});
                }
            }
            bool hasProducts = false;
            for (const auto &item : m_store.children(u"OrderItem"_s, u"OrderId"_s, old.id()))
                hasProducts = hasProducts || live(item);
            if (!hasProducts) {
                return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                           u"You can't activate an order that has no order products. Add products first.: Status"_s,
                           {u"Status"_s});
            }
            fields.insert(u"ActivatedDate"_s, nowText());
            fields.insert(u"ActivatedById"_s, m_userId);
        }
        if (oldCategory == u"Activated") {
            for (const auto &f : change.explicitFields) {
                if (!userHas(u"PermissionsEditActivatedOrders"_s) && old.fields.value(f) != fields.value(f))
                    return activatedOrderReadOnly(f);
            }
            if (change.explicitFields.contains(u"AccountId"_s)
                && old.fields.value(u"AccountId"_s) != fields.value(u"AccountId"_s)) {
                return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                           u"You can't change Account ID on an activated order. Set the order's status to Draft "
                           "first.: Account ID"_s,
                           {u"AccountId"_s});
            }
        }
        // Once an order has a price book it keeps it, Draft or not, products or not.
        const QString oldBook = old.fields.value(u"Pricebook2Id"_s).toString();
        if (change.explicitFields.contains(u"Pricebook2Id"_s) && !oldBook.isEmpty()
            && oldBook != fields.value(u"Pricebook2Id"_s).toString()) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"You can't change or remove the price book of an order once it is set.: Price Book ID"_s,
                       {u"Pricebook2Id"_s});
        }
        fields.insert(u"StatusCode"_s, newCategory);
    } else if (name == u"OrderItem") {
        const SfRecord *order = live(old.fields.value(u"OrderId"_s).toString());
        if (order && !isDraft(order->fields) && !userHas(u"PermissionsEditActivatedOrders"_s)) {
            for (const auto &f : change.explicitFields) {
                if (old.fields.value(f) != fields.value(f))
                    return activatedOrderReadOnly(f);
            }
        }
        fields.insert(u"TotalPrice"_s,
                      std::round(fields.value(u"Quantity"_s).toDouble() * fields.value(u"UnitPrice"_s).toDouble() * 100) / 100);
    } else if (name == u"Contact") {
        const QString first = fields.value(u"FirstName"_s).toString();
        fields.insert(u"Name"_s, first.isEmpty() ? fields.value(u"LastName"_s).toString()
                                                 : first + u' ' + fields.value(u"LastName"_s).toString());
    } else if (name == u"Opportunity") {
        const QString stage = fields.value(u"StageName"_s).toString();
        fields.insert(u"IsClosed"_s, stage.startsWith(u"Closed"_s));
        fields.insert(u"IsWon"_s, stage == u"Closed Won");
    } else if (name == u"OpportunityLineItem") {
        fields.insert(u"TotalPrice"_s, fields.value(u"Quantity"_s).toDouble() * fields.value(u"UnitPrice"_s).toDouble());
    } else if (name == u"ContentNote") {
        const QByteArray content = QByteArray::fromBase64(fields.value(u"Content"_s).toString().toLatin1());
        fields.insert(u"ContentSize"_s, double(content.size()));
        fields.insert(u"TextPreview"_s, plainPreview(content));
    } else if (name == u"Product2") {
        // Entries show their product's name and code.
        for (const auto &entryId : m_store.children(u"PricebookEntry"_s, u"Product2Id"_s, old.id())) {
            const SfRecord *entry = live(entryId);
            if (!entry)
                continue;
            QJsonObject ef = entry->fields;
            ef.insert(u"Name"_s, fields.value(u"Name"_s));
            ef.insert(u"ProductCode"_s, fields.value(u"ProductCode"_s));
            m_store.replaceFields(entryId, ef);
        }
    }
    return std::nullopt;
}

void SfDataService::afterChange(const QString &type, const QJsonObject &fields)
{
    if (type == u"OrderItem")
        recomputeOrderTotal(fields.value(u"OrderId"_s).toString());
}

void SfDataService::recomputeOrderTotal(const QString &orderId)
{
    const SfRecord *order = live(orderId);
    if (!order)
        return;
    double total = 0;
    for (const auto &item : m_store.children(u"OrderItem"_s, u"OrderId"_s, orderId)) {
        if (const SfRecord *r = live(item))
            total += r->fields.value(u"TotalPrice"_s).toDouble();
    }
    QJsonObject f = order->fields;
    f.insert(u"TotalAmount"_s, std::round(total * 100) / 100);
    m_store.replaceFields(orderId, f);
}

SfSaveResult SfDataService::upsert(const QString &typeName, const QString &fieldName, const QString &value,
                                   const QJsonObject &body, bool updateOnly)
{
    const SfObjectType *type = m_store.schema().object(typeName);
    const SfField *field = type ? type->field(fieldName) : nullptr;
    if (!type || !field || !(field->externalId || field->idLookup))
        return SfSaveResult::failure(404, err(u"NOT_FOUND"_s, u"The requested resource does not exist"_s));

    QStringList ids;
    if (field->type == u"id") {
        const auto id = SfId::normalize(value);
        if (id && live(*id) && m_store.find(*id)->type == type->name)
            ids.append(*id);
    } else {
        ids = m_store.lookup(type->name, field->name, value);
    }
    if (ids.size() > 1) {
        SfSaveResult r;
        r.httpStatus = 300;
        r.matches = ids;
        return r;
    }
    QJsonObject effective = body;
    // The value in the URL wins; a body repeating it is fine, a different one is not.
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key().compare(field->name, Qt::CaseInsensitive) == 0) {
            const QString inBody = it.value().isString() ? it.value().toString()
                                                         : QString::number(it.value().toDouble(), 'g', 15);
            if (inBody.compare(value, Qt::CaseInsensitive) != 0) {
                return SfSaveResult::failure(
                    400, err(u"INVALID_FIELD"_s,
                             u"The field %1 in the request body doesn't match the external ID value in the URL"_s.arg(field->name),
                             {field->name}));
            }
            effective.remove(it.key());
            break;
        }
    }
    if (ids.isEmpty()) {
        if (updateOnly || field->type == u"id")
            return SfSaveResult::failure(404, err(u"NOT_FOUND"_s, u"The requested resource does not exist"_s));
        effective.insert(field->name, value);
        return create(type->name, effective);
    }
    SfSaveResult r = update(type->name, ids.first(), effective);
    if (r.success) {
        r.httpStatus = 200;
        r.created = false;
    }
    return r;
}

std::optional<SfError> SfDataService::beforeDelete(const SfRecord &record)
{
    if (record.type == u"Order" && !isDraft(record.fields)) {
        return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                   u"You can't delete an activated order. Set the order's status to Draft first."_s);
    }
    if (record.type == u"OrderItem") {
        const SfRecord *order = live(record.fields.value(u"OrderId"_s).toString());
        if (order && !isDraft(order->fields))
            return activatedProductsLocked();
    }
    if (record.type == u"PricebookEntry") {
        const SfRecord *book = live(record.fields.value(u"Pricebook2Id"_s).toString());
        if (book && book->fields.value(u"IsStandard"_s).toBool()) {
            for (const auto &other : m_store.children(u"PricebookEntry"_s, u"Product2Id"_s,
                                                      record.fields.value(u"Product2Id"_s).toString())) {
                if (other != record.id() && live(other)) {
                    return err(u"STANDARD_PRICE_NOT_DEFINED"_s,
                               u"Before you delete this standard price, delete the product's custom prices."_s);
                }
            }
        }
    }
    return std::nullopt;
}

SfSaveResult SfDataService::remove(const QString &typeName, const QString &idText)
{
    SfSaveResult found = resolve(typeName, idText);
    if (!found.success)
        return found;
    const SfObjectType *type = m_store.schema().object(typeName);
    if (!type->deletable) {
        return SfSaveResult::failure(
            400, err(u"INVALID_TYPE_FOR_OPERATION"_s, u"entity type %1 does not support delete"_s.arg(type->name)));
    }
    const SfRecord record = *m_store.find(found.id);
    if (auto e = beforeDelete(record)) {
        auto r = SfSaveResult::failure(400, *e);
        r.id = found.id;
        return r;
    }
    const QString now = nowText();
    // Master-detail children go with their parent (Order -> OrderItems, Opportunity -> line items); notes and
    // document links of the record too.
    for (const auto &c : type->children) {
        if (!c.cascadeDelete && c.childSObject != u"Note" && c.childSObject != u"ContentDocumentLink")
            continue;
        for (const auto &child : m_store.children(c.childSObject, c.field, found.id))
            m_store.markDeleted(child, now);
    }
    m_store.markDeleted(found.id, now);
    if (record.type == u"OrderItem")
        recomputeOrderTotal(record.fields.value(u"OrderId"_s).toString());
    SfSaveResult ok;
    ok.httpStatus = 204;
    ok.success = true;
    ok.id = found.id;
    return ok;
}

std::optional<SfError> SfDataService::checkFieldList(const SfObjectType &type, const QStringList &fields) const
{
    for (const auto &name : fields) {
        if (!type.field(name.trimmed())) {
            return err(u"INVALID_FIELD"_s,
                       u"No such column '%1' on entity '%2'. If you are attempting to use a custom field, be sure to "
                       "append the '__c' after the custom field name. Please reference your WSDL or the describe call "
                       "for the appropriate names."_s.arg(name.trimmed(), type.name));
        }
    }
    return std::nullopt;
}

SfJson::Members SfDataService::restMembers(const SfRecord &record, const QString &version,
                                           const QStringList &fields) const
{
    const SfObjectType *type = m_store.schema().object(record.type);
    const QString url = u"/services/data/v"_s + version + u"/sobjects/"_s + record.type + u'/' + record.id();
    SfJson::Members out;
    out.reserve(type->fields.size() + 1);
    out.append({u"attributes"_s, QJsonObject{{u"type"_s, record.type}, {u"url"_s, url}}});
    auto put = [&](const SfField &f) {
        if (f.type == u"base64") {
            // Blob fields are not inlined: the record gives the URL to fetch them from.
            out.append({f.name, record.fields.value(f.name).isNull() ? QJsonValue(QJsonValue::Null)
                                                                     : QJsonValue(url + u'/' + f.name)});
            return;
        }
        const QJsonValue v = record.fields.value(f.name);
        out.append({f.name, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v});
    };
    if (fields.isEmpty()) {
        for (const auto &f : type->fields)
            put(f);
    } else {
        for (const auto &name : fields) {
            if (const SfField *f = type->field(name.trimmed()))
                put(*f);
        }
    }
    return out;
}

QJsonObject SfDataService::toRest(const SfRecord &record, const QString &version, const QStringList &fields) const
{
    QJsonObject out;
    for (const auto &[key, value] : restMembers(record, version, fields))
        out.insert(key, value);
    return out;
}

QByteArray SfDataService::toRestJson(const SfRecord &record, const QString &version, const QStringList &fields) const
{
    return SfJson::object(restMembers(record, version, fields));
}

} // namespace Sandbox
