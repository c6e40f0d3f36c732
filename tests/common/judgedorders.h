#pragma once

// Orders as earlier runs left them, for the tests of the settings update: each judged In Sync, Out of
// Sync, Skipped or Error, with the Magento order it was judged on kept in the queue, written through
// the store's own sync bookkeeping (as a run writes them).

#include "common/error.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/syncstatus.h"
#include "sync/syncstore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <memory>

namespace JudgedOrders {

/// Magento entity ID and the status a run left the order in.
using Seed = QList<QPair<qint64, OrderBridge::SyncStatus>>;

inline QString incrementId(qint64 entityId)
{
    return QStringLiteral("1000%1").arg(entityId, 5, 10, QLatin1Char('0'));
}

/// The default seed: two orders in each state.
inline Seed defaultSeed()
{
    using OrderBridge::SyncStatus;
    return {{1, SyncStatus::InSync},    {2, SyncStatus::OutOfSync}, {3, SyncStatus::Skipped}, {4, SyncStatus::Error},
            {5, SyncStatus::OutOfSync}, {6, SyncStatus::Skipped},   {7, SyncStatus::InSync},  {8, SyncStatus::Error}};
}

/// A Magento order as the REST API gives it, with what the store mirrors.
inline QJsonObject magentoOrder(qint64 entity)
{
    return {{QStringLiteral("entity_id"), entity},
            {QStringLiteral("increment_id"), incrementId(entity)},
            {QStringLiteral("status"), QStringLiteral("pending")},
            {QStringLiteral("state"), QStringLiteral("new")},
            {QStringLiteral("created_at"), QStringLiteral("2026-11-20 10:00:00")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-11-20 10:00:00")},
            {QStringLiteral("customer_email"), QStringLiteral("judged%1@example.ie").arg(entity)},
            {QStringLiteral("customer_firstname"), QStringLiteral("Judy")},
            {QStringLiteral("customer_lastname"), QStringLiteral("Ged")},
            {QStringLiteral("order_currency_code"), QStringLiteral("EUR")},
            {QStringLiteral("grand_total"), 10.0 * double(entity)}};
}

/// Writes the orders as a run would; the error text, or empty.
inline QString seed(const std::shared_ptr<OrderBridge::Database> &db, const Seed &orders = defaultSeed())
{
    using namespace OrderBridge;
    const SyncStore store(db);
    QList<QJsonObject> json;
    BatchOutcome outcome;
    for (const auto &[entity, status] : orders) {
        json << magentoOrder(entity);
        OrderOutcome o;
        o.entityId = entity;
        o.incrementId = incrementId(entity);
        o.status = status;
        if (status == SyncStatus::OutOfSync || status == SyncStatus::Skipped)
            o.reason = QStringLiteral("not eligible by the rules of the test");
        if (status == SyncStatus::Error)
            o.error = Error{QStringLiteral("test.failed"), QStringLiteral("The test said no."), {}, {}};
        outcome.orders << o;
    }
    if (auto queued = store.enqueue(json, SyncTrigger::Automatic); !queued)
        return queued.error().toString();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto items = store.takeReady(int(orders.size()), now);
    if (!items)
        return items.error().toString();
    // maxAttempts 1: an order in Error stays in Error, not queued for a retry.
    if (auto recorded = store.record(*items, outcome, 1, now); !recorded)
        return recorded.error().toString();
    return {};
}

/// Queues the orders and takes them as a run takes a batch, leaving them running (as a process
/// still at work, or cut off by a crash, leaves them); the error text, or empty.
inline QString startBatch(const std::shared_ptr<OrderBridge::Database> &db, const QList<qint64> &entities)
{
    using namespace OrderBridge;
    const SyncStore store(db);
    QList<QJsonObject> json;
    for (qint64 entity : entities)
        json << magentoOrder(entity);
    if (auto queued = store.enqueue(json, SyncTrigger::Automatic); !queued)
        return queued.error().toString();
    if (auto items = store.takeReady(int(entities.size()), QDateTime::currentDateTimeUtc()); !items)
        return items.error().toString();
    return {};
}

/// Each seeded order's sync status now, by increment ID.
inline QMap<QString, QString> statuses(const std::shared_ptr<OrderBridge::Database> &db, const Seed &orders = defaultSeed())
{
    QMap<QString, QString> result;
    const OrderBridge::OrdersRepository repository(db);
    for (const auto &entry : orders) {
        auto record = repository.findByEntityId(entry.first);
        result.insert(incrementId(entry.first),
                      record && record->has_value() ? OrderBridge::syncStatusDbName((*record)->syncStatus) : QStringLiteral("?"));
    }
    return result;
}

} // namespace JudgedOrders
