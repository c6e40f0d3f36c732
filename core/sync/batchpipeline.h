#pragma once

#include "common/error.h"
#include "sync/batchoverlap.h"
#include "sync/syncengine.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace OrderBridge {

/// Drives batches through a SyncEngine, one after another (Sequential) or overlapped (Overlapped): while batch N's
/// graphs are in flight, batch N+1 is taken from the source, looked up and planned, when BatchOverlap says N's
/// writes cannot make that lookup stale; otherwise N+1's lookup waits for N's results. Writes never overlap: N+1's
/// graphs go only after N's outcome was handed to the sink, so one batch's calls are in flight beside at most one
/// lookup. The source is asked for one batch at a time and is told how many orders are in flight, so a ceiling
/// (the API allowance share) can count the calls not answered yet.
///
/// Stopping: when the source has no batch or the sink says stop, no new batch is taken and no looked-up batch is
/// written; the batch in flight still reaches the sink (its results are recorded), and a batch taken but not
/// written goes back through `dropped`. `finished` is called once, when nothing is in flight any more.
class BatchPipeline
{
public:
    enum class Mode { Sequential, Overlapped };

    struct Batch
    {
        QList<QJsonObject> orders;
        SyncEngine::Config config;
        qint64 tag = 0; ///< the caller's handle on the batch (e.g. its queue rows)
    };

    /// Asked for the next batch; answers through `give` (at once or later) with a batch, or nullopt. While a batch is
    /// in flight (ordersInFlight > 0) nullopt means "not now" and the source is asked again after that batch;
    /// otherwise it stops the pipeline.
    using Source = std::function<void(int ordersInFlight, std::function<void(std::optional<Batch>)> give)>;
    /// A batch's outcome; returns whether to go on.
    using Sink = std::function<bool(const Batch &batch, Result<BatchOutcome> outcome)>;
    /// A batch that was taken but will not be written.
    using Dropped = std::function<void(const Batch &batch)>;

    BatchPipeline(SyncEngine *engine, Mode mode);
    ~BatchPipeline();
    Q_DISABLE_COPY_MOVE(BatchPipeline)

    /// Runs until the source or the sink stops it; `finished` is called once nothing is in flight.
    void run(Source source, Sink sink, Dropped dropped, std::function<void()> finished);

    /// Lookups that went out beside another batch's graphs (for the benchmark and tests).
    [[nodiscard]] int overlappedLookups() const;
    /// Lookups that waited for the batch in flight because BatchOverlap said its writes could make them stale.
    [[nodiscard]] int deferredLookups() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace OrderBridge
