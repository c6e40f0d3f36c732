#include "sync/storeviews.h"

#include "magento/magentotime.h"

#include <QDate>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

StoreViews::StoreViews(const QList<MagentoStoreConfig> &configs, std::optional<qint64> lowestStoreWithOrders)
{
    qint64 lowest = 0;
    for (const MagentoStoreConfig &config : configs) {
        const QTimeZone zone(config.timeZone.toUtf8());
        m_timeZones.insert(config.id, zone.isValid() ? zone : QTimeZone::utc());
        lowest = lowest == 0 ? config.id : std::min(lowest, config.id);
    }
    // One view: its orders keep their keys, and orders of a view added later get the store in theirs.
    m_primary = configs.size() > 1 ? lowestStoreWithOrders.value_or(lowest) : lowest;
}

QString StoreViews::orderKey(const QJsonObject &order) const
{
    const QString incrementId = order.value(u"increment_id"_s).toString();
    const QJsonValue store = order.value(u"store_id"_s);
    if (m_primary == 0 || !store.isDouble() || store.toInteger() == m_primary)
        return incrementId;
    return incrementId + u'@' + QString::number(store.toInteger());
}

QTimeZone StoreViews::timeZone(const QJsonObject &order) const
{
    return m_timeZones.value(order.value(u"store_id"_s).toInteger(), QTimeZone::utc());
}

QString StoreViews::localDate(const QString &magentoTimestamp, const QTimeZone &zone, int addDays)
{
    const QDateTime utc = MagentoTime::parse(magentoTimestamp);
    // A date without a time ("2026-11-27") is a day already.
    const QDate date = utc.isValid() ? utc.toTimeZone(zone.isValid() ? zone : QTimeZone::utc()).date()
                                     : QDate::fromString(magentoTimestamp.left(10), Qt::ISODate);
    return date.isValid() ? date.addDays(addDays).toString(Qt::ISODate) : QString();
}

} // namespace OrderBridge
