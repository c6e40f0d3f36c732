#pragma once

#include "magento/magentotypes.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace OrderBridge {

/// What the sync needs of the Magento store views: each view's time zone (order dates are UTC in REST,
/// but an order's date is the store's day) and the Salesforce key of an order. Magento numbers orders per
/// store view (one sequence_order_<store_id> each), so two views can both have an order 000000001: an
/// order of the primary view — the lowest store id with orders — keeps its increment_id as key, as before
/// there was a second view; an order of any other view is keyed "<increment_id>@<store_id>".
/// Default-constructed (nothing read): UTC dates and increment_id keys, as for a single store view.
class StoreViews
{
public:
    StoreViews() = default;
    /// From the store configurations and the lowest store_id that has orders (none: the lowest view id).
    StoreViews(const QList<MagentoStoreConfig> &configs, std::optional<qint64> lowestStoreWithOrders);

    /// The Magento_ID__c of an Order (and its Opportunity).
    [[nodiscard]] QString orderKey(const QJsonObject &order) const;
    /// The time zone of the order's store view; UTC when unknown.
    [[nodiscard]] QTimeZone timeZone(const QJsonObject &order) const;
    /// The date ("yyyy-MM-dd") of a Magento UTC timestamp in `zone`, plus `addDays`; a date-only text is taken
    /// as it is; empty when the text is neither.
    [[nodiscard]] static QString localDate(const QString &magentoTimestamp, const QTimeZone &zone, int addDays = 0);
    [[nodiscard]] qint64 primaryStoreId() const { return m_primary; }
    [[nodiscard]] int count() const { return int(m_timeZones.size()); }

private:
    QHash<qint64, QTimeZone> m_timeZones;
    qint64 m_primary = 0; ///< 0 (nothing read): every order is keyed by increment_id alone
};

} // namespace OrderBridge
