#include "salesforceschema.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

const SalesforceFieldMap &SalesforceSchema::fieldsFor(MappingEntity entity) const
{
    return entity == MappingEntity::OrderItem ? orderItem : order;
}

QStringList SalesforceSchema::orderStatusValues() const
{
    const auto it = order.constFind(u"Status"_s);
    return it == order.cend() ? QStringList{} : it->picklistValues;
}

} // namespace OrderBridge
