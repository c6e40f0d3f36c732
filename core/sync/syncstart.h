#pragma once

#include "common/error.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;
class MagentoSearchCriteria;

/// Where a data folder's synchronization starts (orders.sync_since), and backfills from a date.
///
/// On the first Magento connection of a data folder orders.sync_since becomes that moment, so the
/// first sync does not create every historical (and, with "For paid order", every invoiced) order in
/// Salesforce. Older orders come in only when the operator backfills (`sync --since DATE`, the
/// console's Backfill from date…), which also moves orders.sync_since back to that date so the
/// backfilled orders' later changes are followed.
class SyncStart
{
public:
    /// Orders read per backfill request (the Web API input limit).
    static constexpr int PageSize = 300;

    /// Sets orders.sync_since to `now` when this is the first Magento connection of the data folder:
    /// the profile had no Magento store before (`hadMagento` false) and the change feed never took an
    /// order. Returns the moment set, or nullopt when nothing changed.
    [[nodiscard]] static Result<std::optional<QDateTime>> onMagentoConnect(const std::shared_ptr<Database> &database,
                                                                          bool hadMagento, const QDateTime &now);
    /// What the CLI and the console say after setting it: the moment and how to backfill.
    [[nodiscard]] static QString notice(const QDateTime &since);

    /// Page `page` (1-based) of the orders created at or after `since`, oldest entity first.
    [[nodiscard]] static MagentoSearchCriteria backfillPage(const QDateTime &since, int page, int pageSize = PageSize);
    /// About how many Salesforce API calls syncing `orders` orders takes in batches of `batchSize`: per
    /// batch one lookup composite and one graph payload per 67 orders (the benchmark's 200-order batches
    /// of ~2 lines take 1 + 3 calls, README › Benchmarks).
    [[nodiscard]] static int estimatedApiCalls(qint64 orders, int batchSize);
    /// Lowers orders.sync_since to `since` when it is later (or keeps "all history"), so the backfilled
    /// orders' later changes are followed too.
    static Result<void> extendTo(const std::shared_ptr<Database> &database, const QDateTime &since);
};

} // namespace OrderBridge
