#include "mapping/mappinglabels.h"

#include <QCoreApplication>

using namespace OrderBridge;

namespace MappingLabels {

QString whenMode(WhenMode mode)
{
    switch (mode) {
    case WhenMode::Upsert:
        return QCoreApplication::translate("MappingLabels", "Upsert");
    case WhenMode::InsertOnly:
        return QCoreApplication::translate("MappingLabels", "Insert Only");
    case WhenMode::UpdateOnly:
        return QCoreApplication::translate("MappingLabels", "Update Only");
    }
    return whenModeLabel(mode);
}

QString entity(MappingEntity entity)
{
    switch (entity) {
    case MappingEntity::Order:
        return QCoreApplication::translate("MappingLabels", "Order");
    case MappingEntity::OrderItem:
        return QCoreApplication::translate("MappingLabels", "Order Product");
    case MappingEntity::OrderStatus:
        return QCoreApplication::translate("MappingLabels", "Order Status");
    }
    return mappingEntityLabel(entity);
}

std::optional<WhenMode> whenModeFromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    for (WhenMode mode : allWhenModes()) {
        if (trimmed.compare(whenMode(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return whenModeFromUserName(trimmed);
}

} // namespace MappingLabels
