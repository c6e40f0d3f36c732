#include "sfpersonaccounts.h"

#include "sfschema.h"

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

const QString kAccount = u"Account"_s;
const QString kContact = u"Contact"_s;

SfError readOnlyField(const QString &field)
{
    // What Salesforce answers for Name on a person account (e.g. forcedotcom/SFDX-Data-Move-Utility#6).
    return SfError(u"INVALID_FIELD_FOR_INSERT_UPDATE"_s,
                   u"Unable to create/update fields: %1. Please check the security settings of this field and verify "
                   "that it is read/write for your profile or permission set."_s.arg(field),
                   {field});
}

SfError personContactError()
{
    return SfError(u"INVALID_PERSON_ACCOUNT_OPERATION"_s, u"cannot reference person contact"_s);
}

/// Person account field -> the person contact's field it is stored in.
const QList<QPair<QString, QString>> &mirroredFields()
{
    static const QList<QPair<QString, QString>> fields{
        {u"FirstName"_s, u"FirstName"_s},
        {u"LastName"_s, u"LastName"_s},
        {u"Salutation"_s, u"Salutation"_s},
        {u"PersonEmail"_s, u"Email"_s},
        {u"PersonMailingStreet"_s, u"MailingStreet"_s},
        {u"PersonMailingCity"_s, u"MailingCity"_s},
        {u"PersonMailingState"_s, u"MailingState"_s},
        {u"PersonMailingPostalCode"_s, u"MailingPostalCode"_s},
        {u"PersonMailingCountry"_s, u"MailingCountry"_s},
        {u"PersonMailingStateCode"_s, u"MailingStateCode"_s},
        {u"PersonMailingCountryCode"_s, u"MailingCountryCode"_s},
        {u"PersonMobilePhone"_s, u"MobilePhone"_s},
        {u"OwnerId"_s, u"OwnerId"_s},
        {u"LastModifiedDate"_s, u"LastModifiedDate"_s},
        {u"SystemModstamp"_s, u"SystemModstamp"_s},
        {u"LastModifiedById"_s, u"LastModifiedById"_s},
    };
    return fields;
}

QString fullName(const QJsonObject &fields)
{
    const QString first = fields.value(u"FirstName"_s).toString();
    return QString(first + u' ' + fields.value(u"LastName"_s).toString()).trimmed();
}

} // namespace

SfPersonAccounts::SfPersonAccounts(SfRecordStore &store)
    : m_store(store)
{
}

bool SfPersonAccounts::enabled() const
{
    const SfObjectType *account = m_store.schema().object(kAccount);
    return account && account->field(u"IsPersonAccount"_s);
}

QString SfPersonAccounts::recordTypeId(bool person) const
{
    for (const QString &id : m_store.idsOf(u"RecordType"_s)) {
        const SfRecord *r = m_store.find(id);
        if (r && !r->deleted && r->fields.value(u"SobjectType"_s).toString() == kAccount
            && r->fields.value(u"IsActive"_s).toBool() && r->fields.value(u"IsPersonType"_s).toBool() == person)
            return id;
    }
    return {};
}

bool SfPersonAccounts::isPersonAccount(const QString &accountId) const
{
    const SfRecord *r = accountId.isEmpty() ? nullptr : m_store.find(accountId);
    return r && r->type == kAccount && r->fields.value(u"IsPersonAccount"_s).toBool();
}

std::optional<SfError> SfPersonAccounts::checkInsert(const QString &type, const QStringList &explicitFields,
                                                     QJsonObject &fields) const
{
    if (!enabled())
        return std::nullopt;
    if (type == kAccount)
        return checkAccount(explicitFields, fields, true);
    if (type == kContact)
        return checkContact(fields, nullptr);
    return std::nullopt;
}

std::optional<SfError> SfPersonAccounts::checkUpdate(const QString &type, const SfRecord &old,
                                                     const QStringList &explicitFields, QJsonObject &fields) const
{
    if (!enabled())
        return std::nullopt;
    if (type == kAccount) {
        if (explicitFields.contains(u"RecordTypeId"_s)
            && fields.value(u"RecordTypeId"_s) != old.fields.value(u"RecordTypeId"_s)) {
            // Converting between business and person accounts is not emulated.
            return SfError(u"INVALID_FIELD_FOR_INSERT_UPDATE"_s,
                           u"Cannot specify any additional fields when marrying or separating a Person-Account"_s);
        }
        return checkAccount(explicitFields, fields, false);
    }
    if (type == kContact)
        return checkContact(fields, &old);
    return std::nullopt;
}

std::optional<SfError> SfPersonAccounts::checkAccount(const QStringList &explicitFields, QJsonObject &fields,
                                                      bool creating) const
{
    if (creating && fields.value(u"RecordTypeId"_s).toString().isEmpty())
        fields.insert(u"RecordTypeId"_s, recordTypeId(true)); // the user's default record type
    const SfRecord *recordType = m_store.find(fields.value(u"RecordTypeId"_s).toString());
    const bool person = recordType && recordType->fields.value(u"IsPersonType"_s).toBool();
    for (const QString &field : explicitFields) {
        if (person ? field == u"Name" : SfSchema::isPersonField(field))
            return readOnlyField(field);
    }
    fields.insert(u"IsPersonAccount"_s, person);
    if (!person)
        return std::nullopt;
    if (fields.value(u"LastName"_s).toString().isEmpty())
        return SfError(u"REQUIRED_FIELD_MISSING"_s, u"Required fields are missing: [LastName]"_s, {u"LastName"_s});
    fields.insert(u"Name"_s, fullName(fields));
    return std::nullopt;
}

std::optional<SfError> SfPersonAccounts::checkContact(const QJsonObject &fields, const SfRecord *old) const
{
    // "This record is the only contact record that can be associated directly with the person account."
    if (old && old->fields.value(u"IsPersonAccount"_s).toBool())
        return personContactError();
    if (isPersonAccount(fields.value(u"AccountId"_s).toString()))
        return personContactError();
    return std::nullopt;
}

void SfPersonAccounts::afterAccountWrite(const QString &accountId)
{
    const SfRecord *account = m_store.find(accountId);
    if (!account || !account->fields.value(u"IsPersonAccount"_s).toBool())
        return;
    QJsonObject accountFields = account->fields;
    const SfObjectType *contactType = m_store.schema().object(kContact);
    const SfRecord *existing = m_store.find(accountFields.value(u"PersonContactId"_s).toString());
    QJsonObject contact;
    if (existing) {
        contact = existing->fields;
    } else {
        for (const SfField &f : contactType->fields)
            contact.insert(f.name, f.defaultValue.isUndefined() ? QJsonValue(QJsonValue::Null) : f.defaultValue);
        for (const QString &f : {u"CreatedDate"_s, u"CreatedById"_s})
            contact.insert(f, accountFields.value(f));
        contact.insert(u"Id"_s, m_store.newId(*contactType));
        contact.insert(u"AccountId"_s, accountId);
        contact.insert(u"IsPersonAccount"_s, true);
        contact.insert(u"IsDeleted"_s, false);
    }
    for (const auto &[from, to] : mirroredFields()) {
        if (contactType->field(to) && accountFields.contains(from))
            contact.insert(to, accountFields.value(from));
    }
    contact.insert(u"Name"_s, fullName(accountFields));
    if (existing) {
        m_store.replaceFields(existing->id(), contact);
        return;
    }
    SfRecord record;
    record.type = kContact;
    record.fields = contact;
    const QString contactId = contact.value(u"Id"_s).toString();
    m_store.insert(record);
    accountFields.insert(u"PersonContactId"_s, contactId);
    m_store.replaceFields(accountId, accountFields);
}

} // namespace Sandbox
