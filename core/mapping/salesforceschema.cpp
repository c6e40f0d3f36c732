#include "salesforceschema.h"

#include "salesforce/sobjectdescribe.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

const SalesforceFieldMap &SalesforceSchema::fieldsFor(MappingEntity entity) const
{
    return entity == MappingEntity::OrderItem ? orderItem : order;
}

QStringList SalesforceSchema::orderStatusValues() const
{
    const auto it = order.constFind(u"Status"_s);
    return it == order.cend() ? QStringList{} : it->activePicklistValues();
}

bool SalesforceSchema::overlay(const SObjectDescribe &describe)
{
    SalesforceFieldMap *fields = nullptr;
    if (describe.name.compare(u"Order"_s, Qt::CaseInsensitive) == 0)
        fields = &order;
    else if (describe.name.compare(u"OrderItem"_s, Qt::CaseInsensitive) == 0)
        fields = &orderItem;
    if (!fields)
        return false;
    for (const SalesforceFieldInfo &field : describe.fields)
        fields->insert(field.name, field);
    return true;
}

} // namespace OrderBridge
