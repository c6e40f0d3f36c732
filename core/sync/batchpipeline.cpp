#include "sync/batchpipeline.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

struct BatchPipeline::State : std::enable_shared_from_this<BatchPipeline::State>
{
    /// A batch taken from the source and not written yet.
    struct Next
    {
        Batch batch;
        enum class Step { Waiting, LookingUp, Ready, Planning, Planned } step = Step::Waiting;
        std::optional<Result<PreparedBatch>> lookup;
        std::optional<Result<BatchOutcome>> outcome; ///< Planned: the batch ended in planning (nothing to send)
    };

    QPointer<SyncEngine> engine;
    Mode mode = Mode::Sequential;
    Source source;
    Sink sink;
    Dropped dropped;
    std::function<void()> finished;

    std::optional<Batch> writing;
    std::optional<BatchOverlap> written; ///< what the batch in flight writes, once its graphs went out
    std::optional<Next> next;
    bool asking = false;
    bool stopped = false;
    bool done = false;
    int overlapped = 0;
    int deferred = 0;

    void ask();
    void take(std::optional<Batch> batch);
    void lookUpNext();
    void planNext();
    void settleNext();
    void startWrite();
    void finishWrite(Result<BatchOutcome> outcome);
    void dropNext();
    void maybeFinish();
    [[nodiscard]] int ordersInFlight() const
    {
        return int((writing ? writing->orders.size() : 0) + (next ? next->batch.orders.size() : 0));
    }
};

void BatchPipeline::State::ask()
{
    if (stopped || asking || next || done)
        return;
    asking = true;
    auto self = shared_from_this();
    source(ordersInFlight(), [self](std::optional<Batch> batch) { self->take(std::move(batch)); });
}

void BatchPipeline::State::take(std::optional<Batch> batch)
{
    asking = false;
    if (!batch) {
        // Asked beside a batch in flight, "none" means "not now": the source is asked again once it is recorded.
        if (writing)
            return;
        stopped = true;
        maybeFinish();
        return;
    }
    if (stopped) {
        if (dropped)
            dropped(*batch);
        maybeFinish();
        return;
    }
    next = Next{std::move(*batch), Next::Step::Waiting, std::nullopt, std::nullopt};
    if (!writing) {
        lookUpNext();
        return;
    }
    // Asked while a batch writes (Overlapped only): its lookup goes now unless those writes could make it stale.
    const BatchOverlap read = BatchOverlap::readBy(next->batch.orders, next->batch.config.stores,
                                                   next->batch.config.bundleSkus);
    if (written && !written->invalidates(read)) {
        ++overlapped;
        lookUpNext();
        return;
    }
    ++deferred; // looked up once the batch in flight is recorded (finishWrite)
}

void BatchPipeline::State::lookUpNext()
{
    if (!engine) {
        next->step = Next::Step::Ready;
        next->lookup = Result<PreparedBatch>(
            std::unexpected(Error{u"sync.no_client"_s, u"The sync engine is gone."_s, {}, {}, ErrorKind::Failed}));
        if (!writing)
            startWrite();
        return;
    }
    next->step = Next::Step::LookingUp;
    auto self = shared_from_this();
    engine->lookUp(next->batch.orders, next->batch.config, [self](Result<PreparedBatch> prepared) {
        if (!self->next)
            return;
        self->next->step = Next::Step::Ready;
        self->next->lookup = std::move(prepared);
        self->settleNext();
    });
}

// Looked up while a batch's graphs are in flight: its planning (CPU) goes in that wait too; its graphs go once
// that batch is recorded.
void BatchPipeline::State::planNext()
{
    if (!engine || !next->lookup || !*next->lookup)
        return; // startWrite() reports it
    next->step = Next::Step::Planning;
    auto self = shared_from_this();
    engine->plan(**next->lookup, [self](std::optional<Result<BatchOutcome>> planned) {
        if (!self->next)
            return;
        self->next->step = Next::Step::Planned;
        self->next->outcome = std::move(planned);
        self->settleNext();
    });
}

// The next batch's lookup or plan came back: a stop drops it; with nothing in flight it is written now, and
// one looked up beside a batch in flight is planned in that wait too.
void BatchPipeline::State::settleNext()
{
    if (stopped) {
        dropNext();
        maybeFinish();
        return;
    }
    if (!writing)
        startWrite();
    else if (next->step == Next::Step::Ready)
        planNext();
}

void BatchPipeline::State::startWrite()
{
    Next taken = std::move(*next);
    next.reset();
    writing = std::move(taken.batch);
    written.reset();
    auto self = shared_from_this();
    if (!taken.lookup || !*taken.lookup) {
        finishWrite(std::unexpected(taken.lookup ? taken.lookup->error()
                                                 : Error{u"sync.lookup"_s, u"The batch was not looked up."_s, {}, {},
                                                         ErrorKind::Failed}));
        return;
    }
    if (!engine) {
        finishWrite(std::unexpected(Error{u"sync.no_client"_s, u"The sync engine is gone."_s, {}, {}, ErrorKind::Failed}));
        return;
    }
    if (taken.step == Next::Step::Planned && taken.outcome) {
        finishWrite(std::move(*taken.outcome)); // planning ended the batch: nothing was sent
        return;
    }
    SyncEngine::SentCallback sent;
    if (mode == Mode::Overlapped) {
        sent = [self](const BatchOverlap &keys) {
            self->written = keys;
            self->ask();
        };
    }
    auto done = [self](Result<BatchOutcome> outcome) { self->finishWrite(std::move(outcome)); };
    if (taken.step == Next::Step::Planned)
        engine->send(**taken.lookup, std::move(sent), std::move(done));
    else
        engine->write(**taken.lookup, std::move(sent), std::move(done));
}

void BatchPipeline::State::finishWrite(Result<BatchOutcome> outcome)
{
    const Batch batch = std::move(*writing);
    writing.reset();
    written.reset();
    if (!sink(batch, std::move(outcome)))
        stopped = true;
    if (stopped) {
        if (next && next->step != Next::Step::LookingUp && next->step != Next::Step::Planning)
            dropNext();
        maybeFinish();
        return;
    }
    if (!next) {
        ask();
        return;
    }
    switch (next->step) {
    case Next::Step::Waiting: lookUpNext(); return;
    case Next::Step::Ready:
    case Next::Step::Planned: startWrite(); return;
    case Next::Step::LookingUp:
    case Next::Step::Planning: return; // its answer starts the write
    }
}

void BatchPipeline::State::dropNext()
{
    const Batch batch = std::move(next->batch);
    next.reset();
    if (dropped)
        dropped(batch);
}

void BatchPipeline::State::maybeFinish()
{
    if (done || writing || next || asking || !stopped)
        return;
    done = true;
    if (finished)
        finished();
}

BatchPipeline::BatchPipeline(SyncEngine *engine, Mode mode)
    : m_state(std::make_shared<State>())
{
    m_state->engine = engine;
    m_state->mode = mode;
}

BatchPipeline::~BatchPipeline() = default;

void BatchPipeline::run(Source source, Sink sink, Dropped dropped, std::function<void()> finished)
{
    m_state->source = std::move(source);
    m_state->sink = std::move(sink);
    m_state->dropped = std::move(dropped);
    m_state->finished = std::move(finished);
    m_state->ask();
}

int BatchPipeline::overlappedLookups() const
{
    return m_state->overlapped;
}

int BatchPipeline::deferredLookups() const
{
    return m_state->deferred;
}

} // namespace OrderBridge
