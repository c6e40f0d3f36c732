#include "salesforcefieldcatalogue.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

enum Access { ReadWrite, CreateOnly, ReadOnly };

SalesforceFieldInfo field(const QString &name, const QString &type, int length = 0, Access access = ReadWrite,
                          bool nillable = true)
{
    SalesforceFieldInfo info;
    info.name = name;
    info.type = type;
    info.length = length;
    info.createable = access != ReadOnly;
    info.updateable = access == ReadWrite;
    info.nillable = nillable;
    return info;
}

SalesforceFieldInfo money(const QString &name, Access access = ReadWrite)
{
    SalesforceFieldInfo info = field(name, u"currency"_s, 0, access);
    info.precision = 18;
    info.scale = 2;
    return info;
}

SalesforceFieldInfo externalIdField(const QString &name, int length)
{
    SalesforceFieldInfo info = field(name, u"string"_s, length);
    info.externalId = true;
    return info;
}

void insert(SalesforceFieldMap &map, SalesforceFieldInfo info)
{
    info.custom = info.name.endsWith(u"__c"_s);
    map.insert(info.name, info);
}

void addAddress(SalesforceFieldMap &map, const QString &prefix)
{
    // Lengths from the object reference: Street textarea 255, City 40, State 80, PostalCode 20, Country 80.
    insert(map, field(prefix + u"Street"_s, u"textarea"_s, 255));
    insert(map, field(prefix + u"City"_s, u"string"_s, 40));
    insert(map, field(prefix + u"State"_s, u"string"_s, 80));
    insert(map, field(prefix + u"PostalCode"_s, u"string"_s, 20));
    insert(map, field(prefix + u"Country"_s, u"string"_s, 80));
}

} // namespace

SalesforceFieldMap SalesforceFieldCatalogue::order()
{
    SalesforceFieldMap map;
    insert(map, field(u"Id"_s, u"id"_s, 18, ReadOnly, false));
    insert(map, field(u"AccountId"_s, u"reference"_s, 18));
    insert(map, field(u"EffectiveDate"_s, u"date"_s, 0, ReadWrite, false));
    SalesforceFieldInfo status = field(u"Status"_s, u"picklist"_s, 40, ReadWrite, false);
    status.picklistValues = PicklistValue::listOf({u"Draft"_s, u"Activated"_s});
    status.restrictedPicklist = true;
    insert(map, status);
    SalesforceFieldInfo statusCode = field(u"StatusCode"_s, u"picklist"_s, 40, ReadOnly, false);
    statusCode.picklistValues = PicklistValue::listOf({u"Draft"_s, u"Activated"_s});
    insert(map, statusCode);
    insert(map, field(u"Pricebook2Id"_s, u"reference"_s, 18));
    insert(map, field(u"ContractId"_s, u"reference"_s, 18));
    insert(map, field(u"OpportunityId"_s, u"reference"_s, 18));
    insert(map, field(u"OwnerId"_s, u"reference"_s, 18, ReadWrite, false));
    insert(map, field(u"BillToContactId"_s, u"reference"_s, 18));
    insert(map, field(u"ShipToContactId"_s, u"reference"_s, 18));
    insert(map, field(u"CustomerAuthorizedById"_s, u"reference"_s, 18));
    insert(map, field(u"CustomerAuthorizedDate"_s, u"date"_s));
    insert(map, field(u"OriginalOrderId"_s, u"reference"_s, 18, CreateOnly));
    insert(map, field(u"IsReductionOrder"_s, u"boolean"_s, 0, CreateOnly, false));
    insert(map, field(u"Name"_s, u"string"_s, 80));
    insert(map, field(u"Description"_s, u"textarea"_s, 32000));
    insert(map, field(u"OrderReferenceNumber"_s, u"string"_s, 80));
    insert(map, field(u"PoNumber"_s, u"string"_s, 80));
    insert(map, field(u"PoDate"_s, u"date"_s));
    insert(map, field(u"EndDate"_s, u"date"_s));
    insert(map, field(u"Type"_s, u"picklist"_s, 40));
    insert(map, field(u"OrderNumber"_s, u"string"_s, 30, ReadOnly, false));
    insert(map, money(u"TotalAmount"_s, ReadOnly));
    insert(map, field(u"ActivatedDate"_s, u"datetime"_s, 0, ReadOnly));
    insert(map, field(u"CreatedDate"_s, u"datetime"_s, 0, ReadOnly, false));
    insert(map, field(u"LastModifiedDate"_s, u"datetime"_s, 0, ReadOnly, false));
    addAddress(map, u"Billing"_s);
    addAddress(map, u"Shipping"_s);

    // The integration's custom fields.
    insert(map, externalIdField(u"Magento_ID__c"_s, 50)); // Magento increment_id is varchar(50)
    insert(map, field(u"Magento_Website__c"_s, u"string"_s, 255));
    insert(map, money(u"Subtotal__c"_s));
    insert(map, money(u"Shipping_Amount__c"_s));
    insert(map, money(u"Tax_Amount__c"_s));
    insert(map, money(u"Discount_Amount__c"_s));
    insert(map, money(u"Grand_Total__c"_s));
    return map;
}

SalesforceFieldMap SalesforceFieldCatalogue::orderItem()
{
    SalesforceFieldMap map;
    insert(map, field(u"Id"_s, u"id"_s, 18, ReadOnly, false));
    insert(map, field(u"OrderId"_s, u"reference"_s, 18, CreateOnly, false));
    insert(map, field(u"PricebookEntryId"_s, u"reference"_s, 18, CreateOnly));
    insert(map, field(u"Product2Id"_s, u"reference"_s, 18, CreateOnly));
    insert(map, field(u"OriginalOrderItemId"_s, u"reference"_s, 18, CreateOnly));
    SalesforceFieldInfo quantity = field(u"Quantity"_s, u"double"_s, 0, ReadWrite, false);
    quantity.precision = 18;
    quantity.scale = 2;
    insert(map, quantity);
    SalesforceFieldInfo unitPrice = money(u"UnitPrice"_s);
    unitPrice.nillable = false;
    insert(map, unitPrice);
    insert(map, money(u"ListPrice"_s, ReadOnly));
    insert(map, money(u"TotalPrice"_s, ReadOnly));
    insert(map, field(u"Description"_s, u"string"_s, 255));
    insert(map, field(u"ServiceDate"_s, u"date"_s));
    insert(map, field(u"EndDate"_s, u"date"_s));
    insert(map, field(u"OrderItemNumber"_s, u"string"_s, 10, ReadOnly, false));
    insert(map, externalIdField(u"Magento_Item_ID__c"_s, 50));
    return map;
}

SalesforceFieldMap SalesforceFieldCatalogue::account()
{
    SalesforceFieldMap map;
    insert(map, field(u"Id"_s, u"id"_s, 18, ReadOnly, false));
    insert(map, field(u"Name"_s, u"string"_s, 255, ReadWrite, false));
    insert(map, field(u"AccountNumber"_s, u"string"_s, 40));
    insert(map, field(u"Phone"_s, u"phone"_s, 40));
    insert(map, field(u"Fax"_s, u"phone"_s, 40));
    insert(map, field(u"Website"_s, u"url"_s, 255));
    insert(map, field(u"Type"_s, u"picklist"_s, 255));
    insert(map, field(u"Industry"_s, u"picklist"_s, 255));
    insert(map, field(u"Description"_s, u"textarea"_s, 32000));
    insert(map, field(u"OwnerId"_s, u"reference"_s, 18, ReadWrite, false));
    addAddress(map, u"Billing"_s);
    addAddress(map, u"Shipping"_s);
    return map;
}

SalesforceFieldMap SalesforceFieldCatalogue::contact()
{
    SalesforceFieldMap map;
    insert(map, field(u"Id"_s, u"id"_s, 18, ReadOnly, false));
    insert(map, field(u"AccountId"_s, u"reference"_s, 18));
    insert(map, field(u"FirstName"_s, u"string"_s, 40));
    insert(map, field(u"LastName"_s, u"string"_s, 80, ReadWrite, false));
    insert(map, field(u"Salutation"_s, u"picklist"_s, 40));
    insert(map, field(u"Title"_s, u"string"_s, 128));
    insert(map, field(u"Email"_s, u"email"_s, 80));
    insert(map, field(u"Phone"_s, u"phone"_s, 40));
    insert(map, field(u"MobilePhone"_s, u"phone"_s, 40));
    insert(map, field(u"Description"_s, u"textarea"_s, 32000));
    insert(map, field(u"OwnerId"_s, u"reference"_s, 18, ReadWrite, false));
    addAddress(map, u"Mailing"_s);
    return map;
}

SalesforceSchema SalesforceFieldCatalogue::schema()
{
    return SalesforceSchema{order(), orderItem()};
}

} // namespace OrderBridge
