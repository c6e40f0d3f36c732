#include "mapping/mappinglabels.h"

#include "mapping/fieldmapping.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

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

namespace {

struct ComputedSource
{
    QStringView source;
    const char *name;
    const char *origin;
};

// The sources the sync fills in itself rather than reading from the order.
constexpr ComputedSource kComputedSources[] = {
    {FieldMapping::kStatusSource, QT_TRANSLATE_NOOP("MappingLabels", "Order status"),
     QT_TRANSLATE_NOOP("MappingLabels", "The order's Magento status, turned into a Salesforce status by the Order Status "
                                        "mappings.")},
    {FieldMapping::kAccountIdSource, QT_TRANSLATE_NOOP("MappingLabels", "Customer's Account"),
     QT_TRANSLATE_NOOP("MappingLabels", "The Salesforce Account of the order's customer, found or created by the sync.")},
    {FieldMapping::kPricebookIdSource, QT_TRANSLATE_NOOP("MappingLabels", "Price book"),
     QT_TRANSLATE_NOOP("MappingLabels", "The price book chosen on Salesforce › Orders › Advanced.")},
    {FieldMapping::kOrderIdSource, QT_TRANSLATE_NOOP("MappingLabels", "Salesforce Order"),
     QT_TRANSLATE_NOOP("MappingLabels", "The Salesforce Order this product line belongs to.")},
    {FieldMapping::kPricebookEntryIdSource, QT_TRANSLATE_NOOP("MappingLabels", "Price book entry"),
     QT_TRANSLATE_NOOP("MappingLabels", "The product's entry in the price book, found or created by the sync.")},
};

const ComputedSource *computed(const QString &magentoAttribute)
{
    for (const ComputedSource &known : kComputedSources) {
        if (known.source == magentoAttribute)
            return &known;
    }
    return nullptr;
}

struct PathGroup
{
    QStringView prefix;
    const char *name;
};

// Long paths read better as "group › field"; the whole path stays in the tooltip and the editor.
constexpr PathGroup kPathGroups[] = {
    {u"extension_attributes.shipping_assignments[0].shipping.address.", QT_TRANSLATE_NOOP("MappingLabels", "Shipping address")},
    {u"extension_attributes.shipping_assignments[0].shipping.total.", QT_TRANSLATE_NOOP("MappingLabels", "Shipping total")},
    {u"extension_attributes.shipping_assignments[0].shipping.", QT_TRANSLATE_NOOP("MappingLabels", "Shipping")},
    {u"billing_address.", QT_TRANSLATE_NOOP("MappingLabels", "Billing address")},
    {u"payment.", QT_TRANSLATE_NOOP("MappingLabels", "Payment")},
};

} // namespace

QString source(const QString &magentoAttribute)
{
    if (const ComputedSource *known = computed(magentoAttribute))
        return QCoreApplication::translate("MappingLabels", known->name);
    for (const PathGroup &group : kPathGroups) {
        if (magentoAttribute.startsWith(group.prefix) && magentoAttribute.size() > group.prefix.size())
            return QCoreApplication::translate("MappingLabels", "%1 › %2")
                .arg(QCoreApplication::translate("MappingLabels", group.name),
                     magentoAttribute.mid(group.prefix.size()));
    }
    return magentoAttribute;
}

QString sourceToolTip(const QString &magentoAttribute)
{
    if (const ComputedSource *known = computed(magentoAttribute))
        return QCoreApplication::translate("MappingLabels", "%1 (%2): %3")
            .arg(QCoreApplication::translate("MappingLabels", known->name), magentoAttribute,
                 QCoreApplication::translate("MappingLabels", known->origin));
    return magentoAttribute;
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
