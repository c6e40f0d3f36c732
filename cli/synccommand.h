#pragma once

#include "clicontext.h"
#include "sync/syncengine.h"
#include "sync/syncworker.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;
class QTimer;

namespace OrderBridge {

class CredentialStore;
class LiveSchemaReader;
class StopSignal;

/// The commands that talk to Magento and Salesforce: `connect`, `sync`, `retry`, `test-connection`,
/// `mapping add` (which checks the field against the org), and `status` (which only reads the store). Asynchronous: the result comes through `done` with the exit status.
class SyncCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncCommand)

public:
    explicit SyncCommand(const CliContext &context, QObject *parent = nullptr);
    ~SyncCommand() override;

    /// Runs `connect …`, `sync …`, `retry …`, `test-connection`, `mapping add …` or `status …`;
    /// `done` gets the exit status once.
    void start(const QString &command, const QStringList &args, std::function<void(int)> done);

    static QString usageText();

private:
    void connectCommand(const QStringList &args);
    /// `mapping add`: the field is checked against the connected org's live describe (one call);
    /// with no connection set up, or the org unreachable, against the built-in catalogue.
    void mappingAddCommand(const QStringList &args);
    /// sync --watch: stops at the next safe point (between batches) on SIGTERM or SIGINT.
    void stopWatching();
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
    LiveSchemaReader *m_schemaReader = nullptr;
    StopSignal *m_stopSignal = nullptr;
    QTimer *m_pollTimer = nullptr;
    bool m_polling = false;
    bool m_stopping = false;
};

} // namespace OrderBridge
