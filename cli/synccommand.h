#pragma once

#include "syncoutput.h"
#include "workercommand.h"

#include <QStringList>

#include <memory>
#include <optional>

class QTimer;

namespace OrderBridge {

class Database;
class StopSignal;
class SyncWorker;
struct OrderOutcome;
struct SyncRunSummary;

/// `orderbridge-cli sync [--once] [--orders IDS] [--dry-run] [--json]`: one run of the sync worker
/// (Magento's changes, or the named orders), printed by SyncOutput; exit 1 when an order failed or
/// the run stopped early. `sync --watch` polls every engine.polling_interval_seconds until SIGTERM
/// or SIGINT, which it obeys between batches.
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
    /// Runs once the request is well-formed and the store is open, before the worker starts;
    /// false when it finished the command.
    virtual bool prepare(const std::shared_ptr<Database> &database, const SyncOutput &output);

private:
    struct Request
    {
        QStringList orders;
        bool dryRun = false;
        bool json = false;
        bool watch = false;
    };

    /// The request, or nullopt after a usage error.
    std::optional<Request> parse(ArgumentList args);
    void runWorker(SyncWorker *worker, const Request &request);
    void handleOutcomes(const QList<OrderOutcome> &outcomes);
    void handleRunFinished(const SyncRunSummary &summary);
    void startWatching();
    /// sync --watch: stops at the next safe point (between batches) on SIGTERM or SIGINT.
    void stopWatching();

    std::optional<SyncOutput> m_output;
    SyncWorker *m_worker = nullptr;
    int m_watchSeconds = 0;
    int m_errors = 0;
    StopSignal *m_stopSignal = nullptr;
    QTimer *m_pollTimer = nullptr;
    bool m_polling = false;
    bool m_stopping = false;
};

} // namespace OrderBridge
