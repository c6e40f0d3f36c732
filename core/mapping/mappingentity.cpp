#include "mappingentity.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<MappingEntity> allMappingEntities()
{
    return {MappingEntity::Order, MappingEntity::OrderItem, MappingEntity::OrderStatus};
}

QString mappingEntityDbName(MappingEntity entity)
{
    switch (entity) {
    case MappingEntity::Order:
        return u"order"_s;
    case MappingEntity::OrderItem:
        return u"order_item"_s;
    case MappingEntity::OrderStatus:
        return u"order_status"_s;
    }
    return {};
}

QString mappingEntityCliName(MappingEntity entity)
{
    switch (entity) {
    case MappingEntity::Order:
        return u"order"_s;
    case MappingEntity::OrderItem:
        return u"order-item"_s;
    case MappingEntity::OrderStatus:
        return u"order-status"_s;
    }
    return {};
}

QString mappingEntityLabel(MappingEntity entity)
{
    switch (entity) {
    case MappingEntity::Order:
        return u"Order"_s;
    case MappingEntity::OrderItem:
        return u"Order Product"_s;
    case MappingEntity::OrderStatus:
        return u"Order Status"_s;
    }
    return {};
}

QString mappingEntitySalesforceObject(MappingEntity entity)
{
    return entity == MappingEntity::OrderItem ? u"OrderItem"_s : u"Order"_s;
}

std::optional<MappingEntity> mappingEntityFromDbName(QStringView text)
{
    for (MappingEntity entity : allMappingEntities()) {
        if (text == mappingEntityDbName(entity))
            return entity;
    }
    return std::nullopt;
}

std::optional<MappingEntity> mappingEntityFromCliName(QStringView text)
{
    const QString lower = text.trimmed().toString().toLower();
    for (MappingEntity entity : allMappingEntities()) {
        if (lower == mappingEntityCliName(entity) || lower == mappingEntityDbName(entity))
            return entity;
    }
    return std::nullopt;
}

Result<MappingEntity> parseMappingEntity(QStringView text)
{
    if (const auto entity = mappingEntityFromCliName(text))
        return *entity;
    QStringList allowed;
    for (MappingEntity entity : allMappingEntities())
        allowed << mappingEntityCliName(entity);
    return fail(ErrorKind::Invalid, u"mapping.bad_entity"_s, u"Unknown mapping entity \"%1\"."_s.arg(text),
                u"Use one of: %1."_s.arg(allowed.join(u", "_s)));
}

} // namespace OrderBridge
