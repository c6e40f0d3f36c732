#include "fieldmapping.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

bool FieldMapping::hasSpecialSource() const
{
    return entity != MappingEntity::OrderStatus && magentoAttribute.startsWith(u'@');
}

bool FieldMapping::isEssential() const
{
    if (!system)
        return false;
    if (hasSpecialSource())
        return true;
    if (entity == MappingEntity::Order)
        return salesforceField == u"Magento_ID__c" || salesforceField == u"EffectiveDate";
    if (entity == MappingEntity::OrderItem)
        return salesforceField == u"Magento_Item_ID__c" || salesforceField == u"Quantity"
            || salesforceField == u"UnitPrice";
    // Every Magento status needs a Salesforce status, or orders in it cannot sync.
    return true;
}

bool FieldMapping::sameContent(const FieldMapping &other) const
{
    return entity == other.entity && magentoAttribute == other.magentoAttribute
        && salesforceField == other.salesforceField && enabled == other.enabled && when == other.when
        && defaultValue == other.defaultValue && system == other.system;
}

QString FieldMapping::identityKey() const
{
    const QString kind = QString::number(int(entity));
    if (entity == MappingEntity::OrderStatus)
        return kind + u'\x1f' + magentoAttribute;
    return kind + u'\x1f' + magentoAttribute + u'\x1f' + salesforceField;
}

QString FieldMapping::describe() const
{
    return mappingEntityLabel(entity) + u": "_s + magentoAttribute + u" -> "_s + salesforceField;
}

} // namespace OrderBridge
