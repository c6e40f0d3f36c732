#pragma once

#include "common/error.h"

#include <QMetaType>
#include <QString>

namespace OrderBridge {

/// What one run of the worker did.
struct SyncRunSummary
{
    int queued = 0;
    int inSync = 0;
    int outOfSync = 0;
    int skipped = 0;
    int errors = 0;
    int apiCalls = 0;
    QString stoppedBecause; ///< empty when the queue was drained
    /// The stop was the planned one at the API allowance share: the rest waits for the allowance, nothing failed.
    bool waitingForAllowance = false;
    /// Why Magento could not be read this run (unreachable, refused credentials); the queue still drained.
    QString sourceErrorCode;
    QString sourceError;
    /// Changed orders the feed left alone because they were created before orders.sync_since.
    int beforeSyncSince = 0;
    /// orders.sync_since (ISO) when this run left orders alone for it or was the data folder's first poll.
    QString syncSince;
    /// Orders the late-commit re-scan found that the change feed had passed.
    int rescanned = 0;
    /// Magento products searches made to read bundle products' SKUs (one a batch with bundles not read before).
    int bundleSkuReads = 0;
    /// A backfill preview: the orders it would queue (-1: no preview) and about how many Salesforce calls.
    qint64 backfillOrders = -1;
    int backfillApiCalls = 0;

    [[nodiscard]] bool failedToRead() const { return !sourceError.isEmpty(); }

    friend bool operator==(const SyncRunSummary &, const SyncRunSummary &) = default;
};

/// The answer to a run request: the summary of the run, or why it failed or never started
/// (ErrorKind::Busy: another run was under way and nothing was started).
using RunResult = Result<SyncRunSummary>;

/// True when the run request was refused and nothing began (another run was under way, or another
/// process holds the data folder): no runStarted or runFinished notice follows, only this answer.
[[nodiscard]] inline bool wasRefused(const RunResult &result)
{
    return !result && (result.error().kind == ErrorKind::Busy || result.error().kind == ErrorKind::Locked);
}

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::SyncRunSummary)
Q_DECLARE_METATYPE(OrderBridge::RunResult)
