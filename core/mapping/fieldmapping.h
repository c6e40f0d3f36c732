#pragma once

#include "mapping/mappingentity.h"
#include "mapping/whenmode.h"

#include <QList>
#include <QString>

namespace OrderBridge {

/// One row of the field-mapping table.
///
/// For Order and OrderItem, magentoAttribute is a path into the Magento REST order JSON (see MagentoPath;
/// OrderItem paths are relative to one entry of `items`) or a special source starting with '@'
/// (see the k*Source constants), and salesforceField is the API name of the field written.
/// For OrderStatus, magentoAttribute holds the Magento status code and salesforceField the
/// Salesforce Order Status value it becomes.
struct FieldMapping
{
    qint64 id = 0;
    MappingEntity entity = MappingEntity::Order;
    QString magentoAttribute;
    QString salesforceField;
    bool enabled = true;
    WhenMode when = WhenMode::Upsert;
    QString defaultValue;
    bool system = false;
    int position = 0;

    /// Special source: the order's Magento `status`, translated through the Order Status mappings.
    static constexpr QStringView kStatusSource = u"@status";
    /// Special sources resolved by the sync engine (passed in EvaluationContext), not read from the order JSON.
    static constexpr QStringView kAccountIdSource = u"@account_id";
    static constexpr QStringView kPricebookIdSource = u"@pricebook2_id";
    static constexpr QStringView kOrderIdSource = u"@order_id";
    static constexpr QStringView kPricebookEntryIdSource = u"@pricebook_entry_id";

    /// True when magentoAttribute is a special '@' source rather than a JSON path.
    [[nodiscard]] bool hasSpecialSource() const;
    /// A system mapping the integration cannot work without: it can never be disabled
    /// (external IDs, EffectiveDate, Status, engine-resolved IDs).
    [[nodiscard]] bool isEssential() const;
    /// Same entity, source, target, flags, When and default (ignores id and position).
    [[nodiscard]] bool sameContent(const FieldMapping &other) const;
    /// Short description for messages: "Order: billing_address.city -> BillingCity".
    [[nodiscard]] QString describe() const;
    /// What makes two mappings the same row (entity + source + target; entity + status for Order Status), as one
    /// hashable key: imports find repeats and stored rows without comparing every pair.
    [[nodiscard]] QString identityKey() const;

    friend bool operator==(const FieldMapping &, const FieldMapping &) = default;
};

using FieldMappingList = QList<FieldMapping>;

} // namespace OrderBridge
