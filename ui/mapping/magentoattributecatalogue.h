#pragma once

#include "mapping/mappingentity.h"

#include <QJsonObject>
#include <QStringList>

/// The Magento attributes the Add new mapping dialog offers: the paths the built-in mappings read plus
/// every field of a Magento 2 REST order (or order item) as the sandbox serves it. Any other path that
/// MagentoPath accepts may still be typed in.
class MagentoAttributeCatalogue
{
public:
    /// Known paths for the entity's mappings (OrderItem paths are relative to one entry of `items`), sorted.
    /// Empty for OrderStatus (see statuses()).
    [[nodiscard]] static QStringList attributes(OrderBridge::MappingEntity entity);
    /// Magento's default order statuses.
    [[nodiscard]] static QStringList statuses();
    /// Every leaf path of `object`: objects are walked with '.', the first element of an array of objects
    /// with "[0]"; an array of scalars (street lines) is offered as a whole. Keys in `skip` are not descended.
    [[nodiscard]] static QStringList leafPaths(const QJsonObject &object, const QStringList &skip = {});
    /// The value `path` has in the sample order (or its item), as text: a hint of what the attribute holds.
    [[nodiscard]] static QString sampleValue(OrderBridge::MappingEntity entity, const QString &path);
    /// The sample Magento order (with one item) the known paths are taken from.
    [[nodiscard]] static QJsonObject sampleOrder();
};
