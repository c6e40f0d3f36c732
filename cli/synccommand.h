#pragma once

#include "syncoutput.h"
#include "workercommand.h"
#include "sync/syncrunsummary.h"

#include <QDateTime>
#include <QStringList>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;
class PollScheduler;
class StopSignal;
struct OrderOutcome;
struct SyncRunSummary;

/// `orderbridge-cli sync [--once] [--orders IDS] [--dry-run] [--json]`: one run of the sync worker
/// (Magento's changes, or the named orders), printed by SyncOutput; `sync --since DATE` backfills the
/// orders created since DATE (`--dry-run`: how many, and about how many Salesforce calls); exit 1 when an order failed or
/// the run stopped early. `sync --watch` polls every engine.polling_interval_seconds (PollScheduler,
/// as the console's timer) until SIGTERM or SIGINT, which it obeys between batches. The data folder
/// must be free: when another process holds it, the command exits 1 naming it and touches nothing.
class SyncCommand : public WorkerCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncCommand)

public:
    explicit SyncCommand(const CliContext &context, QObject *parent = nullptr);
    ~SyncCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    void run(ArgumentList args) override;
    /// Runs once the request is well-formed, the store is open and the data folder is this
    /// process's, before the worker starts; false when it finished the command.
    virtual bool prepare(const std::shared_ptr<Database> &database, const SyncOutput &output);

private:
    struct Request
    {
        QStringList orders;
        QDateTime since; ///< sync --since: backfill from this moment
        bool dryRun = false;
        bool json = false;
        bool watch = false;
    };

    /// The request, or nullopt after a usage error.
    std::optional<Request> parse(ArgumentList args);
    void runWorker(const Request &request);
    void handleOutcomes(const QList<OrderOutcome> &outcomes);
    /// The answer to a run request: the summary printed, then the next poll or the exit status.
    void handleRunAnswer(const RunResult &result);
    void startWatching();
    /// sync --watch: stops at the next safe point (between batches) on SIGTERM or SIGINT.
    void stopWatching();

    std::optional<SyncOutput> m_output;
    int m_errors = 0;
    StopSignal *m_stopSignal = nullptr;
    PollScheduler *m_scheduler = nullptr; ///< --watch only
    bool m_stopping = false;
};

} // namespace OrderBridge
