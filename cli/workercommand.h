#pragma once

#include "command.h"

class QThread;

namespace OrderBridge {

class SyncWorker;
struct SyncWorkerConfig;

/// A command that runs the sync worker (sync, retry, test-connection): loads the active connection,
/// starts the worker on its own "sync-worker" thread, prints the browser sign-in address when
/// Salesforce wants one and stores the refresh tokens it issues. A failure the worker reports ends
/// the command with that error.
class WorkerCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerCommand)

public:
    explicit WorkerCommand(const CliContext &context, QObject *parent = nullptr);
    /// Stops the worker's thread (quit + wait); the worker is deleted on it.
    ~WorkerCommand() override;

protected:
    /// Calls `ready` with the started worker (talk to it by queued calls only), or fails the
    /// command when there is no usable connection.
    void withWorker(std::function<void(SyncWorker *)> ready);

private:
    SyncWorker *startWorker(const SyncWorkerConfig &config, const QString &profile);

    QThread *m_thread = nullptr;
};

} // namespace OrderBridge
