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
/// The When mode a shown name (or any name core accepts) stands for.
[[nodiscard]] std::optional<OrderBridge::WhenMode> whenModeFromText(const QString &text);

} // namespace MappingLabels
