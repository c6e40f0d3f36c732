#include "sync/orgrequirements.h"

#include "mapping/mappingentity.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

OrgFieldNeed make(const QString &object, const QString &field, const QString &label, const QString &metadataType = {},
                  const QString &describeType = {}, int length = 0, int minLength = 0)
{
    OrgFieldNeed n;
    n.object = object;
    n.field = field;
    n.label = label;
    n.metadataType = metadataType;
    n.describeType = describeType;
    n.length = length;
    n.minLength = minLength;
    return n;
}

OrgFieldNeed externalId(const QString &object, const QString &field, const QString &label)
{
    // Magento's increment_id and item_id are varchar(50); 255 leaves room for prefixes.
    OrgFieldNeed n = make(object, field, label, u"Text"_s, u"string"_s, 255, 50);
    n.externalId = true;
    n.unique = true;
    return n;
}

OrgFieldNeed money(const QString &field, const QString &label)
{
    OrgFieldNeed n = make(u"Order"_s, field, label, u"Currency"_s, u"currency"_s);
    n.precision = 16;
    n.scale = 2;
    return n;
}

/// The integration's own custom fields, as the default mappings and the sync use them.
const QList<OrgFieldNeed> &integrationFields()
{
    static const QList<OrgFieldNeed> fields{
        externalId(u"Account"_s, u"Magento_ID__c"_s, u"Magento ID"_s),
        externalId(u"Contact"_s, u"Magento_ID__c"_s, u"Magento ID"_s),
        externalId(u"Order"_s, u"Magento_ID__c"_s, u"Magento ID"_s),
        externalId(u"OrderItem"_s, u"Magento_Item_ID__c"_s, u"Magento Item ID"_s),
        make(u"Order"_s, u"Magento_Website__c"_s, u"Magento Website"_s, u"Text"_s, u"string"_s, 255, 64),
        money(u"Subtotal__c"_s, u"Subtotal"_s),
        money(u"Shipping_Amount__c"_s, u"Shipping Amount"_s),
        money(u"Tax_Amount__c"_s, u"Tax Amount"_s),
        money(u"Discount_Amount__c"_s, u"Discount Amount"_s),
        money(u"Grand_Total__c"_s, u"Grand Total"_s),
    };
    return fields;
}

const OrgFieldNeed *known(const QString &object, const QString &field)
{
    for (const auto &n : integrationFields()) {
        if (n.object == object && n.field.compare(field, Qt::CaseInsensitive) == 0)
            return &n;
    }
    return nullptr;
}

void addOnce(QList<OrgFieldNeed> &needs, const OrgFieldNeed &need)
{
    for (const auto &n : std::as_const(needs)) {
        if (n.object == need.object && n.field.compare(need.field, Qt::CaseInsensitive) == 0)
            return;
    }
    needs.append(need);
}

} // namespace

QList<OrgFieldNeed> OrgRequirements::fieldsFor(const FieldMappingList &mappings)
{
    QList<OrgFieldNeed> needs;
    // The sync matches accounts, contacts, orders and order products by these, whatever the mappings say.
    for (const auto &n : integrationFields()) {
        if (n.externalId)
            addOnce(needs, n);
    }
    for (const FieldMapping &m : mappings) {
        if (!m.enabled || m.entity == MappingEntity::OrderStatus || m.salesforceField.isEmpty())
            continue;
        const QString object = mappingEntitySalesforceObject(m.entity);
        if (const OrgFieldNeed *n = known(object, m.salesforceField))
            addOnce(needs, *n);
        else
            addOnce(needs, make(object, m.salesforceField, m.salesforceField));
    }
    return needs;
}

QStringList OrgRequirements::statusValuesFor(const FieldMappingList &mappings)
{
    QStringList values;
    for (const FieldMapping &m : mappings) {
        if (m.enabled && m.entity == MappingEntity::OrderStatus && !values.contains(m.salesforceField))
            values.append(m.salesforceField);
    }
    return values;
}

QStringList OrgRequirements::objectsOf(const QList<OrgFieldNeed> &needs)
{
    QStringList objects;
    for (const auto &n : needs) {
        if (!objects.contains(n.object))
            objects.append(n.object);
    }
    return objects;
}

QString OrgRequirements::problem(const OrgFieldNeed &need, const SalesforceFieldInfo *field)
{
    if (!field)
        return tr("missing, or not visible to the integration user");
    if (!need.describeType.isEmpty() && field->type != need.describeType)
        return tr("is of type %1, needs %2").arg(field->type, need.describeType);
    if (need.minLength > 0 && field->length < need.minLength)
        return tr("holds %1 characters, needs at least %2").arg(field->length).arg(need.minLength);
    if (need.externalId && !field->externalId)
        return tr("is not an External ID");
    if (need.unique && !field->unique)
        return tr("is not Unique (upserts by it need a unique index)");
    if (!field->createable && !field->updateable)
        return tr("is read-only for the integration user (field-level security)");
    return {};
}

QString OrgRequirements::fix(const OrgFieldNeed &need, const SalesforceFieldInfo *field)
{
    if (!field && need.creatable()) {
        return tr("run `orderbridge-cli setup salesforce` (or Prepare Salesforce… in the console), or create it in Setup "
                  "› Object Manager › %1 as %2 and grant Read and Edit to the integration user")
            .arg(need.object, need.metadataType);
    }
    if (!field)
        return tr("create it in Setup › Object Manager › %1, or correct the mapping").arg(need.object);
    if (field->createable || field->updateable)
        return tr("change the field in Setup › Object Manager › %1 › Fields & Relationships › %2").arg(need.object, need.field);
    return tr("run `orderbridge-cli setup salesforce`, or grant Edit on %1 in a permission set assigned to the "
              "integration user").arg(need.fullName());
}

QList<OrgPermissionNeed> OrgRequirements::orderPermissions()
{
    // API names: PermissionSet fields PermissionsActivateOrder and PermissionsEditActivatedOrders
    // (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_permissionset.htm,
    // one boolean field per permission). What each allows: "To activate orders: Activate Orders", "To
    // deactivate orders and reduction orders: Edit Activated Orders"
    // (https://help.salesforce.com/s/articleView?id=sales.order_activate.htm), "To edit an activated order:
    // Edit Activated Orders" (https://help.salesforce.com/s/articleView?id=sales.order_edit.htm).
    return {OrgPermissionNeed{u"PermissionsActivateOrder"_s, u"Activate Orders"_s},
            OrgPermissionNeed{u"PermissionsEditActivatedOrders"_s, u"Edit Activated Orders"_s}};
}

QString OrgRequirements::permissionFix(const OrgPermissionNeed &need)
{
    return tr("run `orderbridge-cli setup salesforce` (or Prepare Salesforce… in the console), or turn on \"%1\" "
              "under System Permissions in a permission set assigned to the integration user")
        .arg(need.label);
}

QJsonObject OrgRequirements::toolingBody(const OrgFieldNeed &need)
{
    QJsonObject metadata{{u"type"_s, need.metadataType}, {u"label"_s, need.label}};
    if (need.metadataType == u"Text")
        metadata.insert(u"length"_s, need.length);
    if (need.metadataType == u"Currency") {
        metadata.insert(u"precision"_s, need.precision);
        metadata.insert(u"scale"_s, need.scale);
    }
    if (need.externalId) {
        metadata.insert(u"externalId"_s, true);
        metadata.insert(u"unique"_s, need.unique);
        metadata.insert(u"caseSensitive"_s, false);
    }
    metadata.insert(u"description"_s, u"Written by OrderBridge (Magento 2 order sync)."_s);
    return QJsonObject{{u"FullName"_s, need.fullName()}, {u"Metadata"_s, metadata}};
}

} // namespace OrderBridge
