#include "synccommand.h"

#include "stopsignal.h"
#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/syncworker.h"

#include <QTimer>

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
    if (rejectRemaining(args))
        return std::nullopt;
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
    if (!request)
        return;
    auto db = context().openDatabase();
    if (!db) {
        fail(db.error());
        return;
    }
    m_output.emplace(context().out, request->json, request->dryRun);
    if (!prepare(*db, *m_output))
        return;
    if (request->watch) {
        auto settings = SettingsRepository(*db).load();
        m_watchSeconds = settings ? settings->pollingIntervalSeconds() : 60;
    }
    withWorker([this, request = *request](SyncWorker *worker) { runWorker(worker, request); });
}

bool SyncCommand::prepare(const std::shared_ptr<Database> &, const SyncOutput &)
{
    return true;
}

void SyncCommand::runWorker(SyncWorker *worker, const Request &request)
{
    m_worker = worker;
    connect(worker, &SyncWorker::batchFinished, this, &SyncCommand::handleOutcomes);
    connect(worker, &SyncWorker::progress, this, [this](int done, int total) {
        if (!m_output->isJson())
            context().err << u"synced %1 of %2\n"_s.arg(done).arg(total) << Qt::flush;
    });
    connect(worker, &SyncWorker::finished, this, &SyncCommand::handleRunFinished);
    if (m_watchSeconds > 0)
        startWatching();
    m_polling = true;
    // Queued: the worker runs them on its own thread.
    const QStringList orders = request.orders;
    if (request.dryRun)
        QMetaObject::invokeMethod(worker, [worker, orders] { worker->dryRun(orders); }, Qt::QueuedConnection);
    else if (!orders.isEmpty())
        QMetaObject::invokeMethod(worker, [worker, orders] { worker->syncOrders(orders); }, Qt::QueuedConnection);
    else
        QMetaObject::invokeMethod(worker, &SyncWorker::pollOnce, Qt::QueuedConnection);
}

void SyncCommand::handleOutcomes(const QList<OrderOutcome> &outcomes)
{
    for (const OrderOutcome &o : outcomes) {
        if (o.status == SyncStatus::Error)
            ++m_errors;
        m_output->printOutcome(o);
    }
}

void SyncCommand::handleRunFinished(const SyncRunSummary &s)
{
    m_output->printSummary(s);
    m_polling = false;
    if (m_stopping) {
        // Stopped by SIGTERM/SIGINT: the batch in flight was finished and recorded.
        finish(ExitCode::Success);
        return;
    }
    if (m_watchSeconds > 0) {
        // Watching: the next poll after the interval.
        m_pollTimer->start(std::chrono::seconds(m_watchSeconds));
        return;
    }
    finish(m_errors > 0 || s.errors > 0 || !s.stoppedBecause.isEmpty() ? ExitCode::Failure : ExitCode::Success);
}

void SyncCommand::startWatching()
{
    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, [this] {
        m_polling = true;
        QMetaObject::invokeMethod(m_worker, &SyncWorker::pollOnce, Qt::QueuedConnection);
    });
    m_stopSignal = new StopSignal(this);
    connect(m_stopSignal, &StopSignal::stopRequested, this, &SyncCommand::stopWatching);
}

void SyncCommand::stopWatching()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_polling) {
        // Between polls: nothing is in flight.
        m_pollTimer->stop();
        finish(ExitCode::Success);
        return;
    }
    // A poll is running: let it finish the batch in flight (its graph and its record), then stop.
    QMetaObject::invokeMethod(m_worker, &SyncWorker::cancel, Qt::QueuedConnection);
}

} // namespace OrderBridge
