#include "sfschema.h"

#include "sfid.h"
#include "sfaddresspicklists.h"
#include "sfcurrencies.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

bool SfField::isString() const
{
    return type == u"string" || type == u"textarea" || type == u"picklist" || type == u"email" || type == u"phone"
        || type == u"url" || type == u"combobox" || type == u"multipicklist" || type == u"base64";
}

bool SfField::isNumber() const
{
    return type == u"double" || type == u"currency" || type == u"percent" || type == u"int" || type == u"long";
}

bool SfField::hasPicklistValue(const QString &value) const
{
    for (const auto &v : picklistValues) {
        if (v.value == value)
            return true;
    }
    return false;
}

const SfField *SfObjectType::field(const QString &name) const
{
    const auto it = fieldIndex.constFind(name.toLower());
    return it == fieldIndex.cend() ? nullptr : &fields.at(*it);
}

const SfField *SfObjectType::relationshipField(const QString &relationship) const
{
    const auto it = relationshipIndex.constFind(relationship.toLower());
    return it == relationshipIndex.cend() ? nullptr : &fields.at(*it);
}

const SfChildRelationship *SfObjectType::child(const QString &relationship) const
{
    for (const auto &c : children) {
        if (c.relationshipName.compare(relationship, Qt::CaseInsensitive) == 0)
            return &c;
    }
    return nullptr;
}

QList<const SfField *> SfObjectType::externalIdFields() const
{
    QList<const SfField *> out;
    for (const auto &f : fields) {
        if (f.externalId || (f.idLookup && f.type != u"id"))
            out.append(&f);
    }
    return out;
}

namespace {

/// Small builder so the object definitions below read like a field list.
class ObjectBuilder
{
public:
    ObjectBuilder(const QString &name, const QString &label, const QString &plural, const QString &prefix)
    {
        m_o.name = name;
        m_o.label = label;
        m_o.labelPlural = plural;
        m_o.keyPrefix = prefix;
        SfField id = make(u"Id"_s, label + u" ID"_s, u"id"_s);
        id.length = 18;
        id.createable = false;
        id.updateable = false;
        id.nillable = false;
        id.defaultedOnCreate = true;
        id.idLookup = true;
        id.caseSensitive = false;
        m_o.fields.append(id);
    }

    static SfField make(const QString &name, const QString &label, const QString &type)
    {
        SfField f;
        f.name = name;
        f.label = label;
        f.type = type;
        f.custom = name.endsWith(u"__c"_s);
        return f;
    }

    SfField &add(SfField f)
    {
        m_o.fields.append(std::move(f));
        return m_o.fields.last();
    }
    SfField &str(const QString &name, const QString &label, int length, const QString &type = u"string"_s)
    {
        SfField f = make(name, label, type);
        f.length = length;
        return add(f);
    }
    SfField &required(const QString &name, const QString &label, int length)
    {
        SfField &f = str(name, label, length);
        f.nillable = false;
        return f;
    }
    SfField &num(const QString &name, const QString &label, const QString &type, int precision, int scale)
    {
        SfField f = make(name, label, type);
        f.precision = precision;
        f.scale = scale;
        return add(f);
    }
    SfField &boolean(const QString &name, const QString &label, bool def)
    {
        SfField f = make(name, label, u"boolean"_s);
        f.nillable = false;
        f.defaultedOnCreate = true;
        f.defaultValue = def;
        return add(f);
    }
    SfField &date(const QString &name, const QString &label, const QString &type = u"date"_s)
    {
        return add(make(name, label, type));
    }
    SfField &ref(const QString &name, const QString &label, const QStringList &to, const QString &relationship)
    {
        SfField f = make(name, label, u"reference"_s);
        f.length = 18;
        f.referenceTo = to;
        f.relationshipName = relationship;
        return add(f);
    }
    SfField &picklist(const QString &name, const QString &label, const QStringList &values, bool restricted = false,
                      const QString &defaultValue = {})
    {
        SfField f = make(name, label, u"picklist"_s);
        f.length = 255;
        f.restrictedPicklist = restricted;
        for (const auto &v : values)
            f.picklistValues.append({v, v, v == defaultValue, {}});
        if (!defaultValue.isEmpty()) {
            f.defaultedOnCreate = true;
            f.defaultValue = defaultValue;
        }
        return add(f);
    }
    SfField &readOnly(SfField &f)
    {
        f.createable = false;
        f.updateable = false;
        return f;
    }
    void owner()
    {
        SfField &f = ref(u"OwnerId"_s, u"Owner ID"_s, {u"User"_s}, u"Owner"_s);
        f.nillable = false;
        f.defaultedOnCreate = true;
    }
    void audit()
    {
        readOnly(boolean(u"IsDeleted"_s, u"Deleted"_s, false));
        for (const auto &[name, label] : {std::pair{u"CreatedDate"_s, u"Created Date"_s},
                                          std::pair{u"LastModifiedDate"_s, u"Last Modified Date"_s},
                                          std::pair{u"SystemModstamp"_s, u"System Modstamp"_s}}) {
            SfField &f = readOnly(date(name, label, u"datetime"_s));
            f.nillable = false;
            f.defaultedOnCreate = true;
        }
        for (const auto &[name, label, rel] : {std::tuple{u"CreatedById"_s, u"Created By ID"_s, u"CreatedBy"_s},
                                               std::tuple{u"LastModifiedById"_s, u"Last Modified By ID"_s,
                                                          u"LastModifiedBy"_s}}) {
            SfField &f = readOnly(ref(name, label, {u"User"_s}, rel));
            f.nillable = false;
            f.defaultedOnCreate = true;
        }
    }
    void address(const QString &prefix, const QString &labelPrefix)
    {
        str(prefix + u"Street"_s, labelPrefix + u" Street"_s, 255, u"textarea"_s);
        str(prefix + u"City"_s, labelPrefix + u" City"_s, 40);
        str(prefix + u"State"_s, labelPrefix + u" State/Province"_s, 80);
        str(prefix + u"PostalCode"_s, labelPrefix + u" Zip/Postal Code"_s, 20);
        str(prefix + u"Country"_s, labelPrefix + u" Country"_s, 80);
    }
    void magentoId(const QString &name = u"Magento_ID__c"_s, const QString &label = u"Magento ID"_s)
    {
        SfField &f = str(name, label, 255);
        f.externalId = true;
        f.unique = true;
        f.idLookup = true;
    }
    SfField &currency(const QString &name, const QString &label, int precision = 18)
    {
        return num(name, label, u"currency"_s, precision, 2);
    }

    SfObjectType take() { return std::move(m_o); }
    SfObjectType &object() { return m_o; }

private:
    SfObjectType m_o;
};

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const auto &s : list)
        a.append(s);
    return a;
}

QString soapType(const SfField &f)
{
    static const QHash<QString, QString> map{
        {u"id"_s, u"tns:ID"_s},           {u"reference"_s, u"tns:ID"_s},    {u"boolean"_s, u"xsd:boolean"_s},
        {u"currency"_s, u"xsd:double"_s}, {u"double"_s, u"xsd:double"_s},   {u"percent"_s, u"xsd:double"_s},
        {u"int"_s, u"xsd:int"_s},         {u"date"_s, u"xsd:date"_s},       {u"datetime"_s, u"xsd:dateTime"_s},
        {u"base64"_s, u"xsd:base64Binary"_s},
    };
    return map.value(f.type, u"xsd:string"_s);
}

QJsonObject describeField(const SfField &f)
{
    QJsonArray picklist;
    for (const auto &v : f.picklistValues) {
        picklist.append(QJsonObject{{u"active"_s, true}, {u"defaultValue"_s, v.defaultValue}, {u"label"_s, v.label},
                                    {u"validFor"_s, v.validFor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.validFor)},
                                    {u"value"_s, v.value}});
    }
    const bool text = f.isString() || f.type == u"id" || f.type == u"reference";
    const bool textarea = f.type == u"textarea" || f.type == u"base64";
    return QJsonObject{
        {u"aggregatable"_s, !textarea && f.type != u"boolean"},
        {u"aiPredictionField"_s, false},
        {u"autoNumber"_s, f.autoNumber},
        {u"byteLength"_s, text ? f.length * 3 : 0},
        {u"calculated"_s, f.calculated},
        {u"calculatedFormula"_s, QJsonValue::Null},
        {u"cascadeDelete"_s, f.cascadeDelete},
        {u"caseSensitive"_s, f.caseSensitive},
        {u"compoundFieldName"_s, QJsonValue::Null},
        {u"controllerName"_s, f.controllerName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.controllerName)},
        {u"createable"_s, f.createable},
        {u"custom"_s, f.custom},
        {u"defaultValue"_s, f.defaultValue},
        {u"defaultValueFormula"_s, QJsonValue::Null},
        {u"defaultedOnCreate"_s, f.defaultedOnCreate},
        {u"dependentPicklist"_s, !f.controllerName.isEmpty()},
        {u"deprecatedAndHidden"_s, false},
        {u"digits"_s, f.digits},
        {u"displayLocationInDecimal"_s, false},
        {u"encrypted"_s, false},
        {u"externalId"_s, f.externalId},
        {u"extraTypeInfo"_s, f.type == u"textarea" ? QJsonValue(f.length > 255 ? u"plaintextarea"_s : u"plaintextarea"_s)
                                                   : QJsonValue(QJsonValue::Null)},
        {u"filterable"_s, f.filterable && !textarea},
        {u"filteredLookupInfo"_s, QJsonValue::Null},
        {u"formulaTreatNullNumberAsZero"_s, false},
        {u"groupable"_s, !textarea && !f.isNumber() && f.type != u"datetime"},
        {u"highScaleNumber"_s, false},
        {u"htmlFormatted"_s, false},
        {u"idLookup"_s, f.idLookup},
        {u"inlineHelpText"_s, QJsonValue::Null},
        {u"label"_s, f.label},
        {u"length"_s, text ? f.length : 0},
        {u"mask"_s, QJsonValue::Null},
        {u"maskType"_s, QJsonValue::Null},
        {u"name"_s, f.name},
        {u"nameField"_s, f.nameField},
        {u"namePointing"_s, f.referenceTo.size() > 1},
        {u"nillable"_s, f.nillable},
        {u"permissionable"_s, f.nillable && !f.calculated && f.createable},
        {u"picklistValues"_s, picklist},
        {u"polymorphicForeignKey"_s, f.referenceTo.size() > 1},
        {u"precision"_s, f.precision},
        {u"queryByDistance"_s, false},
        {u"referenceTargetField"_s, QJsonValue::Null},
        {u"referenceTo"_s, toArray(f.referenceTo)},
        {u"relationshipName"_s, f.relationshipName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.relationshipName)},
        {u"relationshipOrder"_s, QJsonValue::Null},
        {u"restrictedDelete"_s, false},
        {u"restrictedPicklist"_s, f.restrictedPicklist},
        {u"scale"_s, f.scale},
        {u"searchPrefilterable"_s, false},
        {u"soapType"_s, soapType(f)},
        {u"sortable"_s, !textarea},
        {u"type"_s, f.type},
        {u"unique"_s, f.unique},
        {u"updateable"_s, f.updateable},
        {u"writeRequiresMasterRead"_s, false},
    };
}

} // namespace

SfSchema::SfSchema()
{
    build();
    buildSetupObjects();
    index();
    registerShippedCustomFields();
}

void SfSchema::buildSetupObjects()
{
    // Setup objects the integration's first-run setup uses: permission sets, their field permissions and
    // their assignments to users. Every profile owns a permission set (IsOwnedByProfile), assigned too.
    {
        ObjectBuilder b(u"PermissionSet"_s, u"Permission Set"_s, u"Permission Sets"_s, u"0PS"_s);
        SfField &name = b.required(u"Name"_s, u"Name"_s, 80);
        name.idLookup = true;
        name.unique = true;
        b.required(u"Label"_s, u"Label"_s, 80).nameField = true;
        b.str(u"Description"_s, u"Description"_s, 255);
        b.readOnly(b.boolean(u"IsOwnedByProfile"_s, u"Is Owned By Profile"_s, false));
        b.boolean(u"PermissionsCustomizeApplication"_s, u"Customize Application"_s, false);
        b.boolean(u"PermissionsViewSetup"_s, u"View Setup and Configuration"_s, false);
        // The Order permissions: activating needs Activate Orders; editing (or deactivating) an Activated
        // order needs Edit Activated Orders (see the README, Activated orders).
        b.boolean(u"PermissionsActivateOrder"_s, u"Activate Orders"_s, false);
        b.boolean(u"PermissionsEditActivatedOrders"_s, u"Edit Activated Orders"_s, false);
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"FieldPermissions"_s, u"Field Permissions"_s, u"Field Permissions"_s, u"01k"_s);
        SfField &parent = b.ref(u"ParentId"_s, u"Parent ID"_s, {u"PermissionSet"_s}, u"Parent"_s);
        parent.nillable = false;
        parent.updateable = false;
        b.required(u"SobjectType"_s, u"SObject Type Name"_s, 40).updateable = false;
        b.required(u"Field"_s, u"Field Name"_s, 80).updateable = false;
        b.boolean(u"PermissionsRead"_s, u"Read Field"_s, false);
        b.boolean(u"PermissionsEdit"_s, u"Edit Field"_s, false);
        SfField &stamp = b.readOnly(b.date(u"SystemModstamp"_s, u"System Modstamp"_s, u"datetime"_s));
        stamp.nillable = false;
        stamp.defaultedOnCreate = true;
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"PermissionSetAssignment"_s, u"Permission Set Assignment"_s, u"Permission Set Assignments"_s,
                        u"0Pa"_s);
        b.object().updateable = false;
        SfField &user = b.ref(u"AssigneeId"_s, u"Assignee ID"_s, {u"User"_s}, u"Assignee"_s);
        user.nillable = false;
        user.updateable = false;
        SfField &set = b.ref(u"PermissionSetId"_s, u"Permission Set ID"_s, {u"PermissionSet"_s}, u"PermissionSet"_s);
        set.nillable = false;
        set.updateable = false;
        SfField &stamp = b.readOnly(b.date(u"SystemModstamp"_s, u"Date Assigned"_s, u"datetime"_s));
        stamp.nillable = false;
        stamp.defaultedOnCreate = true;
        m_objects.append(b.take());
    }
}

void SfSchema::registerShippedCustomFields()
{
    int n = 0;
    for (const auto &o : std::as_const(m_objects)) {
        for (const auto &f : o.fields) {
            if (!f.custom)
                continue;
            SfCustomField c;
            c.id = SfId::to18(u"00N5e0000%1"_s.arg(++n, 6, 10, QLatin1Char('0')));
            c.object = o.name;
            c.field = f;
            c.builtin = true;
            c.read = true;
            c.edit = true;
            m_customFields.append(c);
        }
    }
}

void SfSchema::removeCustomFields()
{
    for (auto &o : m_objects) {
        o.fields.removeIf([](const SfField &f) { return f.custom; });
        reindex(o);
    }
    m_customFields.clear();
}

void SfSchema::createCustomField(const QString &object, const SfField &field, const QString &id)
{
    SfCustomField c;
    c.id = id;
    c.object = this->object(object)->name;
    c.field = field;
    m_customFields.append(c);
}

void SfSchema::setFieldAccess(int customFieldIndex, bool read, bool edit)
{
    SfCustomField &c = m_customFields[customFieldIndex];
    if (c.builtin || (c.read == read && c.edit == edit))
        return;
    c.read = read;
    c.edit = read && edit;
    SfObjectType &o = m_objects[m_byName.value(c.object.toLower())];
    o.fields.removeIf([&c](const SfField &f) { return f.name.compare(c.field.name, Qt::CaseInsensitive) == 0; });
    if (read) {
        SfField f = c.field;
        f.createable = c.edit;
        f.updateable = c.edit;
        o.fields.append(f);
    }
    reindex(o);
}

void SfSchema::reindex(SfObjectType &o)
{
    o.fieldIndex.clear();
    o.relationshipIndex.clear();
    for (int f = 0; f < o.fields.size(); ++f) {
        o.fieldIndex.insert(o.fields.at(f).name.toLower(), f);
        if (!o.fields.at(f).relationshipName.isEmpty())
            o.relationshipIndex.insert(o.fields.at(f).relationshipName.toLower(), f);
    }
}

void SfSchema::build()
{
    const QStringList states{u"Draft"_s, u"Activated"_s};
    {
        ObjectBuilder b(u"Account"_s, u"Account"_s, u"Accounts"_s, u"001"_s);
        SfField &name = b.required(u"Name"_s, u"Account Name"_s, 255);
        name.nameField = true;
        name.idLookup = true;
        b.picklist(u"Type"_s, u"Account Type"_s,
                   {u"Prospect"_s, u"Customer - Direct"_s, u"Customer - Channel"_s, u"Channel Partner / Reseller"_s,
                    u"Installation Partner"_s, u"Technology Partner"_s, u"Other"_s});
        b.ref(u"ParentId"_s, u"Parent Account ID"_s, {u"Account"_s}, u"Parent"_s);
        b.address(u"Billing"_s, u"Billing"_s);
        b.address(u"Shipping"_s, u"Shipping"_s);
        b.str(u"Phone"_s, u"Account Phone"_s, 40, u"phone"_s);
        b.str(u"Website"_s, u"Website"_s, 255, u"url"_s);
        b.str(u"AccountNumber"_s, u"Account Number"_s, 40);
        b.picklist(u"Industry"_s, u"Industry"_s, {u"Apparel"_s, u"Retail"_s, u"Technology"_s, u"Other"_s});
        b.str(u"Description"_s, u"Account Description"_s, 32000, u"textarea"_s);
        b.owner();
        b.audit();
        b.magentoId();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Contact"_s, u"Contact"_s, u"Contacts"_s, u"003"_s);
        b.ref(u"AccountId"_s, u"Account ID"_s, {u"Account"_s}, u"Account"_s);
        b.required(u"LastName"_s, u"Last Name"_s, 80);
        b.str(u"FirstName"_s, u"First Name"_s, 40);
        b.picklist(u"Salutation"_s, u"Salutation"_s, {u"Mr."_s, u"Ms."_s, u"Mrs."_s, u"Dr."_s, u"Prof."_s});
        SfField &name = b.readOnly(b.str(u"Name"_s, u"Full Name"_s, 121));
        name.nameField = true;
        name.nillable = false;
        name.calculated = false;
        b.address(u"Mailing"_s, u"Mailing"_s);
        b.str(u"Phone"_s, u"Business Phone"_s, 40, u"phone"_s);
        b.str(u"MobilePhone"_s, u"Mobile Phone"_s, 40, u"phone"_s);
        b.str(u"Email"_s, u"Email"_s, 80, u"email"_s).idLookup = true;
        b.str(u"Title"_s, u"Title"_s, 128);
        b.str(u"Description"_s, u"Contact Description"_s, 32000, u"textarea"_s);
        b.owner();
        b.audit();
        b.magentoId();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"User"_s, u"User"_s, u"Users"_s, u"005"_s);
        b.object().createable = false;
        b.object().deletable = false;
        SfField &username = b.required(u"Username"_s, u"Username"_s, 80);
        username.unique = true;
        username.idLookup = true;
        b.str(u"FirstName"_s, u"First Name"_s, 40);
        b.required(u"LastName"_s, u"Last Name"_s, 80);
        SfField &name = b.readOnly(b.str(u"Name"_s, u"Full Name"_s, 121));
        name.nameField = true;
        b.str(u"Email"_s, u"Email"_s, 128, u"email"_s).nillable = false;
        b.required(u"Alias"_s, u"Alias"_s, 8);
        b.boolean(u"IsActive"_s, u"Active"_s, true);
        b.picklist(u"TimeZoneSidKey"_s, u"Time Zone"_s, {u"GMT"_s, u"Europe/London"_s, u"America/Los_Angeles"_s}, true);
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Product2"_s, u"Product"_s, u"Products"_s, u"01t"_s);
        SfField &name = b.required(u"Name"_s, u"Product Name"_s, 255);
        name.nameField = true;
        name.idLookup = true;
        b.str(u"ProductCode"_s, u"Product Code"_s, 255);
        b.str(u"StockKeepingUnit"_s, u"Product SKU"_s, 180);
        b.str(u"Description"_s, u"Product Description"_s, 4000, u"textarea"_s);
        b.boolean(u"IsActive"_s, u"Active"_s, false);
        b.picklist(u"Family"_s, u"Product Family"_s, {u"Simple"_s, u"Configurable"_s, u"Bundle"_s, u"Virtual"_s});
        b.str(u"QuantityUnitOfMeasure"_s, u"Quantity Unit Of Measure"_s, 255);
        b.audit();
        b.magentoId();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Pricebook2"_s, u"Price Book"_s, u"Price Books"_s, u"01s"_s);
        SfField &name = b.required(u"Name"_s, u"Price Book Name"_s, 255);
        name.nameField = true;
        name.idLookup = true;
        b.boolean(u"IsActive"_s, u"Active"_s, false);
        b.readOnly(b.boolean(u"IsArchived"_s, u"Is Archived"_s, false));
        b.readOnly(b.boolean(u"IsStandard"_s, u"Is Standard Price Book"_s, false));
        b.str(u"Description"_s, u"Description"_s, 255);
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"PricebookEntry"_s, u"Price Book Entry"_s, u"Price Book Entries"_s, u"01u"_s);
        SfField &name = b.readOnly(b.str(u"Name"_s, u"Product Name"_s, 255));
        name.nameField = true;
        SfField &pb = b.ref(u"Pricebook2Id"_s, u"Price Book ID"_s, {u"Pricebook2"_s}, u"Pricebook2"_s);
        pb.nillable = false;
        pb.updateable = false;
        SfField &p = b.ref(u"Product2Id"_s, u"Product ID"_s, {u"Product2"_s}, u"Product2"_s);
        p.nillable = false;
        p.updateable = false;
        b.currency(u"UnitPrice"_s, u"List Price"_s).nillable = false;
        b.boolean(u"IsActive"_s, u"Active"_s, false);
        b.boolean(u"UseStandardPrice"_s, u"Use Standard Price"_s, false);
        b.readOnly(b.str(u"ProductCode"_s, u"Product Code"_s, 255));
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Opportunity"_s, u"Opportunity"_s, u"Opportunities"_s, u"006"_s);
        b.ref(u"AccountId"_s, u"Account ID"_s, {u"Account"_s}, u"Account"_s);
        SfField &name = b.required(u"Name"_s, u"Name"_s, 120);
        name.nameField = true;
        b.str(u"Description"_s, u"Description"_s, 32000, u"textarea"_s);
        SfField &stage = b.picklist(u"StageName"_s, u"Stage"_s,
                                    {u"Prospecting"_s, u"Qualification"_s, u"Needs Analysis"_s, u"Value Proposition"_s,
                                     u"Id. Decision Makers"_s, u"Perception Analysis"_s, u"Proposal/Price Quote"_s,
                                     u"Negotiation/Review"_s, u"Closed Won"_s, u"Closed Lost"_s});
        stage.nillable = false;
        b.currency(u"Amount"_s, u"Amount"_s);
        b.num(u"Probability"_s, u"Probability (%)"_s, u"percent"_s, 3, 0);
        SfField &close = b.date(u"CloseDate"_s, u"Close Date"_s);
        close.nillable = false;
        b.picklist(u"Type"_s, u"Opportunity Type"_s, {u"New Customer"_s, u"Existing Customer - Upgrade"_s});
        b.picklist(u"LeadSource"_s, u"Lead Source"_s, {u"Web"_s, u"Phone Inquiry"_s, u"Other"_s});
        b.readOnly(b.boolean(u"IsClosed"_s, u"Closed"_s, false));
        b.readOnly(b.boolean(u"IsWon"_s, u"Won"_s, false));
        b.ref(u"Pricebook2Id"_s, u"Price Book ID"_s, {u"Pricebook2"_s}, u"Pricebook2"_s);
        b.owner();
        b.audit();
        b.magentoId();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"OpportunityLineItem"_s, u"Opportunity Product"_s, u"Opportunity Product"_s, u"00k"_s);
        SfField &opp = b.ref(u"OpportunityId"_s, u"Opportunity ID"_s, {u"Opportunity"_s}, u"Opportunity"_s);
        opp.nillable = false;
        opp.updateable = false;
        opp.cascadeDelete = true;
        b.ref(u"PricebookEntryId"_s, u"Price Book Entry ID"_s, {u"PricebookEntry"_s}, u"PricebookEntry"_s).updateable = false;
        b.ref(u"Product2Id"_s, u"Product ID"_s, {u"Product2"_s}, u"Product2"_s).updateable = false;
        SfField &name = b.readOnly(b.str(u"Name"_s, u"Opportunity Product Name"_s, 376));
        name.nameField = true;
        b.num(u"Quantity"_s, u"Quantity"_s, u"double"_s, 12, 2).nillable = false;
        b.currency(u"UnitPrice"_s, u"Sales Price"_s);
        b.currency(u"TotalPrice"_s, u"Total Price"_s);
        b.readOnly(b.currency(u"ListPrice"_s, u"List Price"_s));
        b.date(u"ServiceDate"_s, u"Date"_s);
        b.str(u"Description"_s, u"Line Description"_s, 255);
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Order"_s, u"Order"_s, u"Orders"_s, u"801"_s);
        // Documented "Required" but described as nillable: the rule lives in the business logic.
        b.ref(u"AccountId"_s, u"Account ID"_s, {u"Account"_s}, u"Account"_s);
        SfField &pb = b.ref(u"Pricebook2Id"_s, u"Price Book ID"_s, {u"Pricebook2"_s}, u"Pricebook2"_s);
        pb.defaultedOnCreate = true;
        b.ref(u"OpportunityId"_s, u"Opportunity ID"_s, {u"Opportunity"_s}, u"Opportunity"_s);
        SfField &eff = b.date(u"EffectiveDate"_s, u"Order Start Date"_s);
        eff.nillable = false;
        b.date(u"EndDate"_s, u"Order End Date"_s);
        b.boolean(u"IsReductionOrder"_s, u"Reduction Order"_s, false).updateable = false;
        SfField &status = b.picklist(u"Status"_s, u"Status"_s, states, true, u"Draft"_s);
        status.nillable = false;
        // Draft is the picklist's default for people; an API insert still has to name the status.
        status.defaultedOnCreate = false;
        status.defaultValue = QJsonValue::Null;
        b.str(u"Description"_s, u"Description"_s, 32000, u"textarea"_s);
        b.ref(u"CustomerAuthorizedById"_s, u"Customer Authorized By ID"_s, {u"Contact"_s}, u"CustomerAuthorizedBy"_s);
        b.date(u"CustomerAuthorizedDate"_s, u"Customer Authorized Date"_s);
        b.ref(u"ShipToContactId"_s, u"Ship To Contact ID"_s, {u"Contact"_s}, u"ShipToContact"_s);
        b.ref(u"BillToContactId"_s, u"Bill To Contact ID"_s, {u"Contact"_s}, u"BillToContact"_s);
        b.str(u"Name"_s, u"Order Name"_s, 80).nameField = false;
        b.str(u"PoNumber"_s, u"PO Number"_s, 80);
        b.date(u"PoDate"_s, u"PO Date"_s);
        b.str(u"OrderReferenceNumber"_s, u"Order Reference Number"_s, 80);
        b.picklist(u"Type"_s, u"Order Type"_s, {u"Web"_s, u"Phone"_s, u"Retail"_s});
        b.address(u"Billing"_s, u"Billing"_s);
        b.address(u"Shipping"_s, u"Shipping"_s);
        SfField &code = b.readOnly(b.picklist(u"StatusCode"_s, u"Status Category"_s, states));
        code.nillable = false;
        code.defaultedOnCreate = true;
        SfField &number = b.readOnly(b.str(u"OrderNumber"_s, u"Order Number"_s, 30));
        number.autoNumber = true;
        number.nameField = true;
        number.nillable = false;
        number.defaultedOnCreate = true;
        number.idLookup = true;
        SfField &total = b.readOnly(b.currency(u"TotalAmount"_s, u"Order Amount"_s));
        total.nillable = false;
        total.defaultedOnCreate = true;
        b.readOnly(b.date(u"ActivatedDate"_s, u"Activated Date"_s, u"datetime"_s));
        b.readOnly(b.ref(u"ActivatedById"_s, u"Activated By ID"_s, {u"User"_s}, u"ActivatedBy"_s));
        b.owner();
        b.audit();
        b.magentoId();
        b.str(u"Magento_Website__c"_s, u"Magento Website"_s, 255);
        b.currency(u"Subtotal__c"_s, u"Subtotal"_s, 16);
        b.currency(u"Shipping_Amount__c"_s, u"Shipping Amount"_s, 16);
        b.currency(u"Tax_Amount__c"_s, u"Tax Amount"_s, 16);
        b.currency(u"Discount_Amount__c"_s, u"Discount Amount"_s, 16);
        b.currency(u"Grand_Total__c"_s, u"Grand Total"_s, 16);
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"OrderItem"_s, u"Order Product"_s, u"Order Products"_s, u"802"_s);
        SfField &order = b.ref(u"OrderId"_s, u"Order ID"_s, {u"Order"_s}, u"Order"_s);
        order.nillable = false;
        order.updateable = false;
        order.cascadeDelete = true;
        SfField &pbe = b.ref(u"PricebookEntryId"_s, u"Price Book Entry ID"_s, {u"PricebookEntry"_s}, u"PricebookEntry"_s);
        pbe.nillable = false;
        pbe.updateable = false;
        b.ref(u"Product2Id"_s, u"Product ID"_s, {u"Product2"_s}, u"Product2"_s).updateable = false;
        b.num(u"Quantity"_s, u"Quantity"_s, u"double"_s, 18, 2).nillable = false;
        b.currency(u"UnitPrice"_s, u"Unit Price"_s).nillable = false;
        b.readOnly(b.currency(u"ListPrice"_s, u"List Price"_s));
        SfField &total = b.readOnly(b.currency(u"TotalPrice"_s, u"Total Price"_s));
        total.calculated = true;
        b.date(u"ServiceDate"_s, u"Start Date"_s);
        b.date(u"EndDate"_s, u"End Date"_s);
        b.str(u"Description"_s, u"Line Description"_s, 255);
        SfField &number = b.readOnly(b.str(u"OrderItemNumber"_s, u"Order Product Number"_s, 10));
        number.autoNumber = true;
        number.nameField = true;
        number.nillable = false;
        number.defaultedOnCreate = true;
        b.audit();
        b.magentoId(u"Magento_Item_ID__c"_s, u"Magento Item ID"_s);
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"Note"_s, u"Note"_s, u"Notes"_s, u"002"_s);
        SfField &parent = b.ref(u"ParentId"_s, u"Parent ID"_s,
                                {u"Account"_s, u"Contact"_s, u"Opportunity"_s, u"Order"_s, u"Product2"_s}, u"Parent"_s);
        parent.nillable = false;
        parent.updateable = false;
        SfField &title = b.required(u"Title"_s, u"Title"_s, 80);
        title.nameField = true;
        b.boolean(u"IsPrivate"_s, u"Private"_s, false);
        b.str(u"Body"_s, u"Body"_s, 32000, u"textarea"_s);
        b.owner();
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"ContentNote"_s, u"Note"_s, u"Notes"_s, u"069"_s);
        SfField &title = b.required(u"Title"_s, u"Title"_s, 255);
        title.nameField = true;
        SfField &content = b.str(u"Content"_s, u"Content"_s, 0, u"base64"_s);
        content.filterable = false;
        b.readOnly(b.str(u"TextPreview"_s, u"Text Preview"_s, 300));
        b.readOnly(b.str(u"FileType"_s, u"File Type"_s, 20));
        b.readOnly(b.str(u"FileExtension"_s, u"File Extension"_s, 40));
        b.readOnly(b.num(u"ContentSize"_s, u"Size"_s, u"int"_s, 0, 0)).digits = 9;
        b.readOnly(b.boolean(u"IsReadOnly"_s, u"Is Read Only"_s, false));
        b.owner();
        b.audit();
        m_objects.append(b.take());
    }
    {
        ObjectBuilder b(u"ContentDocumentLink"_s, u"Content Document Link"_s, u"Content Document Link"_s, u"06A"_s);
        b.object().updateable = true;
        SfField &doc = b.ref(u"ContentDocumentId"_s, u"ContentDocument ID"_s, {u"ContentDocument"_s}, u"ContentDocument"_s);
        doc.nillable = false;
        doc.updateable = false;
        SfField &linked = b.ref(u"LinkedEntityId"_s, u"Linked Entity ID"_s,
                                {u"Account"_s, u"Contact"_s, u"Opportunity"_s, u"Order"_s, u"Product2"_s, u"User"_s},
                                u"LinkedEntity"_s);
        linked.nillable = false;
        linked.updateable = false;
        SfField &share = b.picklist(u"ShareType"_s, u"Share Type"_s, {u"V"_s, u"C"_s, u"I"_s}, true);
        share.nillable = false;
        b.picklist(u"Visibility"_s, u"Visibility"_s, {u"AllUsers"_s, u"InternalUsers"_s, u"SharedUsers"_s}, true,
                   u"InternalUsers"_s);
        b.readOnly(b.boolean(u"IsDeleted"_s, u"Deleted"_s, false));
        SfField &stamp = b.readOnly(b.date(u"SystemModstamp"_s, u"System Modstamp"_s, u"datetime"_s));
        stamp.nillable = false;
        stamp.defaultedOnCreate = true;
        m_objects.append(b.take());
    }
    {
        // The org itself: read-only, one record. Tools query it right after signing in.
        ObjectBuilder b(u"Organization"_s, u"Organization"_s, u"Organizations"_s, u"00D"_s);
        b.object().createable = false;
        b.object().deletable = false;
        b.object().updateable = false;
        b.readOnly(b.str(u"Name"_s, u"Name"_s, 80)).nameField = true;
        b.readOnly(b.str(u"Division"_s, u"Division"_s, 80));
        b.readOnly(b.picklist(u"OrganizationType"_s, u"Edition"_s,
                              {u"Developer Edition"_s, u"Enterprise Edition"_s, u"Unlimited Edition"_s}));
        b.readOnly(b.str(u"InstanceName"_s, u"Instance Name"_s, 5));
        b.readOnly(b.boolean(u"IsSandbox"_s, u"Is Sandbox"_s, false));
        b.readOnly(b.str(u"NamespacePrefix"_s, u"Namespace Prefix"_s, 15));
        b.readOnly(b.picklist(u"DefaultLocaleSidKey"_s, u"Locale"_s, {u"en_US"_s, u"en_GB"_s, u"de_DE"_s}));
        b.readOnly(b.picklist(u"LanguageLocaleKey"_s, u"Language"_s, {u"en_US"_s, u"de"_s}));
        b.readOnly(b.picklist(u"TimeZoneSidKey"_s, u"Time Zone"_s, {u"GMT"_s, u"Europe/London"_s}));
        // The org's currency (single-currency orgs), or the corporate currency (multiple currencies).
        b.readOnly(b.picklist(u"DefaultCurrencyIsoCode"_s, u"Locale Currency"_s, {u"USD"_s, u"EUR"_s, u"GBP"_s}));
        b.readOnly(b.date(u"TrialExpirationDate"_s, u"Trial Expiration Date"_s, u"datetime"_s));
        b.readOnly(b.boolean(u"IsReadOnly"_s, u"Is Read Only"_s, false));
        b.audit();
        m_objects.append(b.take());
    }
    {
        // Setup object: read-only over the API, one record per Order Status picklist value.
        ObjectBuilder b(u"OrderStatus"_s, u"Order Status Value"_s, u"Order Status Values"_s, u"0Ow"_s);
        b.object().createable = false;
        b.object().updateable = false;
        b.object().deletable = false;
        b.readOnly(b.str(u"MasterLabel"_s, u"Master Label"_s, 255)).nameField = true;
        b.readOnly(b.str(u"ApiName"_s, u"Api Name"_s, 255));
        b.readOnly(b.picklist(u"StatusCode"_s, u"Status Code"_s, states));
        b.readOnly(b.boolean(u"IsDefault"_s, u"Is Default"_s, false));
        b.readOnly(b.num(u"SortOrder"_s, u"Sort Order"_s, u"int"_s, 0, 0)).digits = 9;
        b.audit();
        m_objects.append(b.take());
    }
}

QString SfSchema::addCustomField(const QJsonObject &definition)
{
    const auto it = m_byName.constFind(definition.value(u"object"_s).toString().toLower());
    if (it == m_byName.cend())
        return u"No such object: %1."_s.arg(definition.value(u"object"_s).toString());
    SfObjectType &o = m_objects[*it];
    const QString name = definition.value(u"name"_s).toString();
    static const QRegularExpression apiName(u"^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c$"_s);
    if (!apiName.match(name).hasMatch())
        return u"A custom field's API name is letters, digits and single underscores, ending in __c: %1."_s.arg(name);
    if (o.field(name))
        return u"%1 already has a field %2."_s.arg(o.name, name);
    for (const auto &c : std::as_const(m_customFields)) {
        if (c.object == o.name && c.field.name.compare(name, Qt::CaseInsensitive) == 0)
            return u"%1 already has a field %2."_s.arg(o.name, name);
    }
    const QString type = definition.value(u"type"_s).toString(u"string"_s);
    static const QStringList types{u"string"_s, u"textarea"_s, u"double"_s, u"currency"_s, u"boolean"_s, u"date"_s};
    if (!types.contains(type))
        return u"Unsupported custom field type %1 (one of %2)."_s.arg(type, types.join(u", "_s));
    SfField f = ObjectBuilder::make(name, definition.value(u"label"_s).toString(name.chopped(3)), type);
    if (type == u"string"_s || type == u"textarea"_s)
        f.length = definition.value(u"length"_s).toInt(type == u"string"_s ? 255 : 32768);
    if (type == u"double"_s || type == u"currency"_s) {
        f.precision = definition.value(u"precision"_s).toInt(18);
        f.scale = definition.value(u"scale"_s).toInt(2);
    }
    if (type == u"boolean"_s) {
        f.nillable = false;
        f.defaultedOnCreate = true;
        f.defaultValue = false;
    }
    if (type == u"textarea"_s)
        f.filterable = false;
    o.fields.append(f);
    o.fieldIndex.insert(name.toLower(), int(o.fields.size() - 1));
    // Added in Setup with "Visible" ticked for the integration user's profile.
    SfCustomField c;
    c.id = SfId::to18(u"00N5e0001%1"_s.arg(m_customFields.size(), 6, 10, QLatin1Char('0')));
    c.object = o.name;
    c.field = f;
    c.builtin = true;
    c.read = c.edit = true;
    m_customFields.append(c);
    return {};
}

void SfSchema::enableStateCountryPicklists()
{
    for (SfObjectType &o : m_objects) {
        if (o.name == u"Account" || o.name == u"Contact" || o.name == u"Order")
            SfAddressPicklists::addFields(o);
    }
}

void SfSchema::enableMultiCurrency(const QStringList &codes)
{
    const QStringList objects = SfCurrencies::currencyObjects();
    for (SfObjectType &o : m_objects) {
        if (!objects.contains(o.name))
            continue;
        o.fields.append(SfCurrencies::isoCodeField(codes));
        if (o.name == u"User") {
            SfField def = SfCurrencies::isoCodeField(codes);
            def.name = u"DefaultCurrencyIsoCode"_s;
            def.label = u"User Currency"_s;
            o.fields.append(def);
        }
        reindex(o);
    }
    SfObjectType currencyType = SfCurrencies::currencyTypeObject(codes);
    reindex(currencyType);
    m_byName.insert(currencyType.name.toLower(), int(m_objects.size()));
    m_byPrefix.insert(currencyType.keyPrefix, int(m_objects.size()));
    m_objects.append(currencyType);
}

void SfSchema::enablePersonAccounts()
{
    {
        // Record types are setup data: the API reads them, an admin makes them in Setup.
        ObjectBuilder b(u"RecordType"_s, u"Record Type"_s, u"Record Types"_s, u"012"_s);
        b.object().createable = false;
        b.object().updateable = false;
        b.object().deletable = false;
        b.required(u"Name"_s, u"Record Type Name"_s, 80).nameField = true;
        b.required(u"DeveloperName"_s, u"Record Type Name"_s, 80);
        b.required(u"SobjectType"_s, u"SObject Type Name"_s, 40);
        b.str(u"Description"_s, u"Description"_s, 255);
        b.boolean(u"IsActive"_s, u"Active"_s, true);
        b.boolean(u"IsPersonType"_s, u"Is Person Type"_s, false);
        b.audit();
        SfObjectType recordType = b.take();
        for (SfField &f : recordType.fields) {
            f.createable = false;
            f.updateable = false;
        }
        m_objects.append(recordType);
        reindex(m_objects.last());
        m_byName.insert(u"recordtype"_s, int(m_objects.size() - 1));
        m_byPrefix.insert(u"012"_s, int(m_objects.size() - 1));
    }
    for (SfObjectType &o : m_objects) {
        if (o.name == u"Account") {
            ObjectBuilder b(o.name, o.label, o.labelPlural, o.keyPrefix);
            b.ref(u"RecordTypeId"_s, u"Account Record Type"_s, {u"RecordType"_s}, u"RecordType"_s);
            b.readOnly(b.boolean(u"IsPersonAccount"_s, u"Is Person Account"_s, false));
            b.readOnly(b.ref(u"PersonContactId"_s, u"Person Contact ID"_s, {u"Contact"_s}, u"PersonContact"_s));
            b.str(u"FirstName"_s, u"First Name"_s, 40);
            b.str(u"LastName"_s, u"Last Name"_s, 80);
            b.picklist(u"Salutation"_s, u"Salutation"_s, {u"Mr."_s, u"Ms."_s, u"Mrs."_s, u"Dr."_s, u"Prof."_s});
            b.str(u"PersonEmail"_s, u"Email"_s, 80, u"email"_s);
            b.address(u"PersonMailing"_s, u"Mailing"_s);
            b.str(u"PersonMobilePhone"_s, u"Mobile"_s, 40, u"phone"_s);
            SfObjectType extra = b.take();
            o.fields.append(extra.fields.mid(1)); // without the builder's Id
            reindex(o);
        } else if (o.name == u"Contact") {
            ObjectBuilder b(o.name, o.label, o.labelPlural, o.keyPrefix);
            b.readOnly(b.boolean(u"IsPersonAccount"_s, u"Is Person Account"_s, false));
            o.fields.append(b.take().fields.mid(1));
            reindex(o);
        }
    }
}

bool SfSchema::isPersonField(const QString &field)
{
    static const QStringList names{u"FirstName"_s, u"LastName"_s, u"Salutation"_s};
    return names.contains(field, Qt::CaseInsensitive) || field.startsWith(u"Person"_s, Qt::CaseInsensitive);
}

void SfSchema::index()
{
    for (int i = 0; i < m_objects.size(); ++i) {
        SfObjectType &o = m_objects[i];
        for (int f = 0; f < o.fields.size(); ++f) {
            o.fieldIndex.insert(o.fields.at(f).name.toLower(), f);
            if (!o.fields.at(f).relationshipName.isEmpty())
                o.relationshipIndex.insert(o.fields.at(f).relationshipName.toLower(), f);
        }
        m_byName.insert(o.name.toLower(), i);
        m_byPrefix.insert(o.keyPrefix, i);
    }
    // Child relationships follow from the reference fields.
    static const QHash<QString, QString> plural{
        {u"Contact.AccountId"_s, u"Contacts"_s},
        {u"Opportunity.AccountId"_s, u"Opportunities"_s},
        {u"Order.AccountId"_s, u"Orders"_s},
        {u"OrderItem.OrderId"_s, u"OrderItems"_s},
        {u"OrderItem.PricebookEntryId"_s, u"OrderItems"_s},
        {u"OrderItem.Product2Id"_s, u"OrderItems"_s},
        {u"PricebookEntry.Product2Id"_s, u"PricebookEntries"_s},
        {u"PricebookEntry.Pricebook2Id"_s, u"PricebookEntries"_s},
        {u"OpportunityLineItem.OpportunityId"_s, u"OpportunityLineItems"_s},
        {u"Note.ParentId"_s, u"Notes"_s},
        {u"ContentDocumentLink.LinkedEntityId"_s, u"ContentDocumentLinks"_s},
        {u"Order.OpportunityId"_s, u"Orders"_s},
        {u"Account.ParentId"_s, u"ChildAccounts"_s},
    };
    for (const auto &child : std::as_const(m_objects)) {
        for (const auto &f : child.fields) {
            const QString rel = plural.value(child.name + u'.' + f.name);
            if (rel.isEmpty())
                continue;
            for (const auto &target : f.referenceTo) {
                const auto it = m_byName.constFind(target.toLower());
                if (it == m_byName.cend())
                    continue;
                m_objects[*it].children.append({child.name, f.name, rel, f.cascadeDelete});
            }
        }
    }
}

const SfObjectType *SfSchema::object(const QString &name) const
{
    const auto it = m_byName.constFind(name.toLower());
    return it == m_byName.cend() ? nullptr : &m_objects.at(*it);
}

const SfObjectType *SfSchema::objectForPrefix(const QString &keyPrefix) const
{
    const auto it = m_byPrefix.constFind(keyPrefix);
    return it == m_byPrefix.cend() ? nullptr : &m_objects.at(*it);
}

QJsonObject SfSchema::describeBasic(const SfObjectType &o, const QString &version) const
{
    const QString base = u"/services/data/v"_s + version + u"/sobjects/"_s + o.name;
    return QJsonObject{
        {u"activateable"_s, false},
        {u"associateEntityType"_s, QJsonValue::Null},
        {u"associateParentEntity"_s, QJsonValue::Null},
        {u"createable"_s, o.createable},
        {u"custom"_s, o.custom},
        {u"customSetting"_s, false},
        {u"deepCloneable"_s, false},
        {u"deletable"_s, o.deletable},
        {u"deprecatedAndHidden"_s, false},
        {u"feedEnabled"_s, false},
        {u"hasSubtypes"_s, false},
        {u"isInterface"_s, false},
        {u"isSubtype"_s, false},
        {u"keyPrefix"_s, o.keyPrefix},
        {u"label"_s, o.label},
        {u"labelPlural"_s, o.labelPlural},
        {u"layoutable"_s, true},
        {u"mergeable"_s, false},
        {u"mruEnabled"_s, true},
        {u"name"_s, o.name},
        {u"queryable"_s, o.queryable},
        {u"replicateable"_s, true},
        {u"retrieveable"_s, true},
        {u"searchable"_s, true},
        {u"triggerable"_s, true},
        {u"undeletable"_s, o.deletable},
        {u"updateable"_s, o.updateable},
        {u"urls"_s, QJsonObject{{u"rowTemplate"_s, QString(base + u"/{ID}"_s)},
                                {u"defaultValues"_s, QString(base + u"/defaultValues?recordTypeId&fields"_s)},
                                {u"describe"_s, QString(base + u"/describe"_s)},
                                {u"sobject"_s, base}}},
    };
}

QJsonObject SfSchema::describe(const SfObjectType &o, const QString &version) const
{
    QJsonObject d = describeBasic(o, version);
    QJsonArray fields;
    for (const auto &f : o.fields)
        fields.append(describeField(f));
    QJsonArray children;
    for (const auto &c : o.children) {
        children.append(QJsonObject{{u"cascadeDelete"_s, c.cascadeDelete}, {u"childSObject"_s, c.childSObject},
                                    {u"deprecatedAndHidden"_s, false}, {u"field"_s, c.field},
                                    {u"junctionIdListNames"_s, QJsonArray()}, {u"junctionReferenceTo"_s, QJsonArray()},
                                    {u"relationshipName"_s, c.relationshipName}, {u"restrictedDelete"_s, false}});
    }
    d.insert(u"fields"_s, fields);
    d.insert(u"childRelationships"_s, children);
    d.insert(u"recordTypeInfos"_s, QJsonArray{QJsonObject{
        {u"active"_s, true}, {u"available"_s, true}, {u"defaultRecordTypeMapping"_s, true},
        {u"developerName"_s, u"Master"_s}, {u"master"_s, true}, {u"name"_s, u"Master"_s},
        {u"recordTypeId"_s, u"012000000000000AAA"_s},
        {u"urls"_s, QJsonObject{{u"layout"_s, QString(u"/services/data/v"_s + version + u"/sobjects/"_s + o.name
                                                          + u"/describe/layouts/012000000000000AAA"_s)}}}}});
    d.insert(u"compactLayoutable"_s, true);
    d.insert(u"listviewable"_s, QJsonValue::Null);
    d.insert(u"lookupLayoutable"_s, QJsonValue::Null);
    d.insert(u"searchLayoutable"_s, true);
    d.insert(u"namedLayoutInfos"_s, QJsonArray());
    d.insert(u"networkScopeFieldName"_s, QJsonValue::Null);
    d.insert(u"supportedScopes"_s, QJsonArray{QJsonObject{{u"label"_s, QString(u"All "_s + o.labelPlural.toLower())},
                                                          {u"name"_s, u"everything"_s}}});
    d.insert(u"actionOverrides"_s, QJsonArray());
    d.insert(u"sobjectDescribeOption"_s, u"FULL"_s);
    return d;
}

QJsonObject SfSchema::describeGlobal(const QString &version) const
{
    QJsonArray list;
    for (const auto &o : m_objects)
        list.append(describeBasic(o, version));
    return QJsonObject{{u"encoding"_s, u"UTF-8"_s}, {u"maxBatchSize"_s, 200}, {u"sobjects"_s, list}};
}

} // namespace Sandbox
