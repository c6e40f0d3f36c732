#include "synccommand.h"

#include "stopsignal.h"
#include "settings/settingoption.h"
#include "store/database.h"
#include "sync/pollscheduler.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SyncCommand::SyncCommand(const CliContext &context, QObject *parent)
    : WorkerCommand(context, parent)
{
}

SyncCommand::~SyncCommand() = default;

QString SyncCommand::synopsis()
{
    return u"  sync [--once] [--orders INCREMENT_ID,...] [--dry-run] [--json] [--secrets-file FILE]\n"
           u"  sync --since DATE [--dry-run] [--json]\n"
           u"                              backfill: queue and sync the orders created since DATE (ISO 8601,\n"
           u"                              UTC unless an offset is given); --dry-run: how many, and about how\n"
           u"                              many Salesforce API calls it takes\n"
           u"  sync --watch [--json]       poll Magento every engine.polling_interval_seconds until stopped\n"_s;
}

std::optional<SyncCommand::Request> SyncCommand::parse(ArgumentList args)
{
    Request request;
    request.json = args.takeFlag(u"--json"_s);
    request.dryRun = args.takeFlag(u"--dry-run"_s);
    args.takeFlag(u"--once"_s);
    args.takeFlag(u"--errors"_s);
    request.watch = args.takeFlag(u"--watch"_s);
    if (auto list = args.takeOption(u"--orders"_s))
        request.orders = list->split(u',', Qt::SkipEmptyParts);
    const std::optional<QString> since = args.takeOption(u"--since"_s);
    if (rejectRemaining(args))
        return std::nullopt;
    if (since) {
        request.since = SettingOption::parseDateTime(*since);
        if (!request.since.isValid()) {
            failUsage(u"--since takes an ISO 8601 date or date-time such as 2026-01-31 or 2026-01-31T09:00:00Z, "
                      u"not \"%1\"."_s.arg(*since));
            return std::nullopt;
        }
        if (request.watch || !request.orders.isEmpty()) {
            failUsage(u"--since backfills from a date; it does not take --orders or --watch."_s);
            return std::nullopt;
        }
        return request;
    }
    if (request.watch && (request.dryRun || !request.orders.isEmpty())) {
        failUsage(u"--watch polls for changes; it does not take --orders or --dry-run."_s);
        return std::nullopt;
    }
    if (request.dryRun && request.orders.isEmpty()) {
        failUsage(u"--dry-run needs --orders."_s);
        return std::nullopt;
    }
    return request;
}

void SyncCommand::run(ArgumentList args)
{
    const std::optional<Request> request = parse(std::move(args));
    if (!request || !createHost() || !lockDataFolder())
        return;
    m_output.emplace(context().out, request->json, request->dryRun);
    if (!prepare(database(), *m_output))
        return;
    startHost([this, request = *request] { runWorker(request); });
}

bool SyncCommand::prepare(const std::shared_ptr<Database> &, const SyncOutput &)
{
    return true;
}

void SyncCommand::runWorker(const Request &request)
{
    SyncWorker *worker = host()->worker();
    connect(worker, &SyncWorker::batchFinished, this, &SyncCommand::handleOutcomes);
    connect(worker, &SyncWorker::progress, this, [this](int done, int total) {
        if (!m_output->isJson())
            context().err << u"synced %1 of %2\n"_s.arg(done).arg(total) << Qt::flush;
    });
    if (request.watch) {
        startWatching();
        return;
    }
    const auto answer = [this](const RunResult &result) { handleRunAnswer(result); };
    if (request.since.isValid())
        host()->run(request.dryRun ? RunRequest::backfillPreview(request.since) : RunRequest::backfill(request.since),
                    this, answer);
    else if (request.dryRun)
        host()->run(RunRequest::dryRun(request.orders), this, answer);
    else if (!request.orders.isEmpty())
        host()->run(RunRequest::syncOrders(request.orders), this, answer);
    else
        host()->run(RunRequest::poll(), this, answer);
}

void SyncCommand::handleOutcomes(const QList<OrderOutcome> &outcomes)
{
    for (const OrderOutcome &o : outcomes) {
        if (o.status == SyncStatus::Error)
            ++m_errors;
        m_output->printOutcome(o);
    }
}

void SyncCommand::handleRunAnswer(const RunResult &result)
{
    if (!result) {
        if (!wasRefused(result))
            m_output->printFailure(result.error());
        fail(result.error());
        return;
    }
    m_output->printSummary(*result);
    if (m_stopping) {
        // Stopped by SIGTERM/SIGINT: the batch in flight was finished and recorded.
        finish(ExitCode::Success);
        return;
    }
    if (m_scheduler) {
        // Watching: the next poll after the interval.
        m_scheduler->runFinished();
        return;
    }
    const SyncRunSummary &s = *result;
    // Waiting for the allowance is the planned end of a run (cron must not mail it), not a failure.
    const bool stoppedEarly = !s.stoppedBecause.isEmpty() && !s.waitingForAllowance;
    const bool failed = m_errors > 0 || s.errors > 0 || stoppedEarly || s.failedToRead();
    finish(failed ? ExitCode::Failure : ExitCode::Success);
}

void SyncCommand::startWatching()
{
    m_scheduler = new PollScheduler(database(), PollScheduler::Mode::Always, this);
    connect(m_scheduler, &PollScheduler::pollDue, this, [this] {
        host()->run(RunRequest::poll(), this, [this](const RunResult &result) { handleRunAnswer(result); });
    });
    m_stopSignal = new StopSignal(this);
    connect(m_stopSignal, &StopSignal::stopRequested, this, &SyncCommand::stopWatching);
    m_scheduler->pollNow();
}

void SyncCommand::stopWatching()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_scheduler->isRunning()) {
        // Between polls: nothing is in flight.
        m_scheduler->stop();
        finish(ExitCode::Success);
        return;
    }
    // A poll is running: let it finish the batch in flight (its graph and its record), then stop.
    m_scheduler->stop();
    host()->cancel();
}

} // namespace OrderBridge
