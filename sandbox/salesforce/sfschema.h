#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Sandbox {

/// One picklist value as describe reports it.
struct SfPicklistValue
{
    QString value;
    QString label;
    bool defaultValue = false;
    QString validFor;              // dependent picklists: base64 bitmap over the controlling field's values
};

/// One field of an sObject, with the properties describe reports.
struct SfField
{
    QString name;
    QString label;
    QString type;                  // describe type: id, string, textarea, picklist, reference, boolean, currency, ...
    int length = 0;                // strings
    int precision = 0;             // numbers
    int scale = 0;
    int digits = 0;                // int
    bool createable = true;
    bool updateable = true;
    bool nillable = true;
    bool defaultedOnCreate = false;
    bool externalId = false;
    bool unique = false;
    bool idLookup = false;
    bool caseSensitive = false;
    bool nameField = false;
    bool calculated = false;
    bool autoNumber = false;
    bool custom = false;
    bool restrictedPicklist = false;
    bool cascadeDelete = false;
    bool filterable = true;
    QStringList referenceTo;
    QString relationshipName;
    QList<SfPicklistValue> picklistValues;
    QString controllerName;        // dependent picklists: the controlling field
    QJsonValue defaultValue = QJsonValue::Null;

    [[nodiscard]] bool isString() const;
    [[nodiscard]] bool isNumber() const;
    /// The rule clients use too: required on create when nothing else fills it.
    [[nodiscard]] bool requiredOnCreate() const { return createable && !nillable && !defaultedOnCreate && type != u"boolean"; }
    [[nodiscard]] bool hasPicklistValue(const QString &value) const;
};

/// A child relationship of an sObject (Order -> OrderItems).
struct SfChildRelationship
{
    QString childSObject;
    QString field;
    QString relationshipName;
    bool cascadeDelete = false;
};

/// An sObject type with its fields.
struct SfObjectType
{
    QString name;
    QString label;
    QString labelPlural;
    QString keyPrefix;
    bool createable = true;
    bool updateable = true;
    bool deletable = true;
    bool queryable = true;
    bool custom = false;
    QList<SfField> fields;
    QHash<QString, int> fieldIndex;          // lower-case name -> index in fields
    QHash<QString, int> relationshipIndex;   // lower-case relationship name -> index of the reference field
    QList<SfChildRelationship> children;

    /// Case-insensitive field lookup; nullptr when the object has no such field.
    [[nodiscard]] const SfField *field(const QString &name) const;
    /// The reference field whose relationshipName is `relationship` (case-insensitive).
    [[nodiscard]] const SfField *relationshipField(const QString &relationship) const;
    [[nodiscard]] const SfChildRelationship *child(const QString &relationship) const;
    [[nodiscard]] QList<const SfField *> externalIdFields() const;
};

/// A custom field as the Tooling API's CustomField object knows it. Fields the org ships are visible to
/// every user (their profile grants them); fields created through the Tooling API are visible only once a
/// permission set assigned to the user grants them (field-level security).
struct SfCustomField
{
    QString id;          // 00N...
    QString object;
    SfField field;
    bool builtin = false;
    bool read = false;   // field-level security of the integration user
    bool edit = false;
    bool editableByType = true; // false for kinds of field nobody can write (none of the supported types yet)
};

/// The org's data model: the standard objects the integration touches plus the admin's custom fields, and
/// the describe / describe-global documents built from them.
class SfSchema
{
public:
    SfSchema();

    [[nodiscard]] const SfObjectType *object(const QString &name) const;   // case-insensitive
    [[nodiscard]] const SfObjectType *objectForPrefix(const QString &keyPrefix) const;
    [[nodiscard]] const QList<SfObjectType> &objects() const { return m_objects; }

    [[nodiscard]] QJsonObject describe(const SfObjectType &object, const QString &version) const;
    [[nodiscard]] QJsonObject describeBasic(const SfObjectType &object, const QString &version) const;
    [[nodiscard]] QJsonObject describeGlobal(const QString &version) const;

    /// Adds an admin's custom field, as Setup › Object Manager would: `{"object":"Order",
    /// "name":"Gift_Message__c","label":"Gift Message","type":"string|textarea|double|currency|
    /// boolean|date","length":255,"precision":18,"scale":2}`. Returns the reason when refused.
    [[nodiscard]] QString addCustomField(const QJsonObject &definition);
    /// State and Country/Territory Picklists: the *CountryCode / *StateCode fields on the addresses of
    /// Account, Contact and Order.
    void enableStateCountryPicklists();
    /// Multiple currencies (--currencies): CurrencyIsoCode on the currency-enabled objects, User's
    /// DefaultCurrencyIsoCode and the CurrencyType object; `codes` are the active codes, the first corporate.
    void enableMultiCurrency(const QStringList &codes);

    /// Person Accounts are enabled: the RecordType object (with IsPersonType), and on Account the record
    /// type, IsPersonAccount, PersonContactId and the person fields (FirstName, LastName, Salutation,
    /// PersonEmail, PersonMailing*, PersonMobilePhone); Contact gets IsPersonAccount.
    void enablePersonAccounts();
    /// The fields only a person account may set (FirstName, LastName, Salutation and the Person* fields).
    [[nodiscard]] static bool isPersonField(const QString &field);

    /// A fresh org: none of the integration's custom fields.
    void removeCustomFields();
    /// Every custom field (shipped and created), as the Tooling API lists them.
    [[nodiscard]] const QList<SfCustomField> &customFields() const { return m_customFields; }
    /// Registers a field created through the Tooling API: it exists, but no one sees it until granted.
    void createCustomField(const QString &object, const SfField &field, const QString &id);
    /// Applies field-level security to a created field: absent from the object while not readable,
    /// read-only while readable but not editable.
    void setFieldAccess(int customFieldIndex, bool read, bool edit);

private:
    void build();
    void buildSetupObjects();
    void index();
    void registerShippedCustomFields();
    static void reindex(SfObjectType &object);

    QList<SfObjectType> m_objects;
    QHash<QString, int> m_byName;
    QHash<QString, int> m_byPrefix;
    QList<SfCustomField> m_customFields;
};

} // namespace Sandbox
