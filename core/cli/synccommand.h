#pragma once

#include "cli/clicontext.h"
#include "sync/syncengine.h"
#include "sync/syncworker.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;

namespace OrderBridge {

class CredentialStore;

/// The commands that talk to Magento and Salesforce: `connect`, `sync`, `retry`, and `status`
/// (which only reads the store). Asynchronous: the result comes through `done` with the exit status.
class SyncCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncCommand)

public:
    explicit SyncCommand(const CliContext &context, QObject *parent = nullptr);
    ~SyncCommand() override;

    /// Runs `connect …`, `sync …`, `retry …` or `status …`; `done` gets the exit status once.
    void start(const QString &command, const QStringList &args, std::function<void(int)> done);

    static QString usageText();

private:
    void connectCommand(const QStringList &args);
    void syncCommand(const QStringList &args, bool retryErrors);
    ExitCode statusCommand(const QStringList &args);
    void withWorkerConfig(std::function<void(SyncWorkerConfig)> next);
    void startWorker(const SyncWorkerConfig &config);
    void runWorker(const SyncWorkerConfig &config, const QStringList &orders, bool dryRun, bool json, int watchSeconds);
    void testConnectionCommand(const QStringList &args);
    void printOutcome(const OrderOutcome &o, bool json, bool dryRun);
    void finish(int code);

    const CliContext &m_context;
    std::function<void(int)> m_done;
    QString m_secretsFile;
    QString m_profileName;
    std::unique_ptr<CredentialStore> m_credentials;
    QThread *m_thread = nullptr;
    SyncWorker *m_worker = nullptr;
    int m_errors = 0;
};

} // namespace OrderBridge
