#pragma once

#include "mapping/mappingentity.h"
#include "mapping/whenmode.h"

#include <QString>

#include <optional>

/// The console's (translated) names of the When modes and mapping entities. Core keeps the English
/// labels, which the CLI prints and every parser accepts; the console shows these instead.
namespace MappingLabels {

[[nodiscard]] QString whenMode(OrderBridge::WhenMode mode);
[[nodiscard]] QString entity(OrderBridge::MappingEntity entity);
/// What the Magento Attribute column shows for a mapping's source: a readable name for the sources the
/// sync computes ("@status" → "Order status, through the Order Status mappings") and for the long address
/// paths ("Shipping address › city"); other paths as they are. The path itself goes in sourceToolTip().
[[nodiscard]] QString source(const QString &magentoAttribute);
/// The whole path (or the '@' source) and, for computed sources, where the value comes from.
[[nodiscard]] QString sourceToolTip(const QString &magentoAttribute);
/// The When mode a shown name (or any name core accepts) stands for.
[[nodiscard]] std::optional<OrderBridge::WhenMode> whenModeFromText(const QString &text);

} // namespace MappingLabels
