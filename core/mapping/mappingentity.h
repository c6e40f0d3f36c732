#pragma once

#include "common/error.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace OrderBridge {

/// The Salesforce things a mapping writes: the Order, its Order Products, and the Order Status value.
enum class MappingEntity { Order, OrderItem, OrderStatus };

/// All entities, in display order.
[[nodiscard]] QList<MappingEntity> allMappingEntities();

/// Database / file form: "order", "order_item", "order_status".
[[nodiscard]] QString mappingEntityDbName(MappingEntity entity);
/// Command-line form: "order", "order-item", "order-status".
[[nodiscard]] QString mappingEntityCliName(MappingEntity entity);
/// Human label: "Order", "Order Product", "Order Status".
[[nodiscard]] QString mappingEntityLabel(MappingEntity entity);
/// The Salesforce object whose fields the entity's mappings write ("Order" for Order and OrderStatus, "OrderItem").
[[nodiscard]] QString mappingEntitySalesforceObject(MappingEntity entity);

[[nodiscard]] std::optional<MappingEntity> mappingEntityFromDbName(QStringView text);
/// Accepts the CLI form and, for convenience, the database form.
[[nodiscard]] std::optional<MappingEntity> mappingEntityFromCliName(QStringView text);
/// Like mappingEntityFromCliName, with an error that lists the allowed values.
[[nodiscard]] Result<MappingEntity> parseMappingEntity(QStringView text);

} // namespace OrderBridge
