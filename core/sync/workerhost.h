#pragma once

#include "common/error.h"
#include "credentials/credentialstore.h" // the host owns one; callers may pass nullptr
#include "mapping/fieldmapping.h"
#include "store/connectionprofile.h"
#include "sync/connectioncheck.h"
#include "sync/orgsetupreport.h"
#include "sync/callinbox.h"
#include "sync/consoletypes.h"
#include "sync/reply.h"
#include "sync/runrequest.h"
#include "sync/settingsupdate.h"
#include "sync/syncrunsummary.h"
#include "sync/syncworkerconfig.h"

#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QThread;

namespace OrderBridge {

class Database;
class DataFolderLock;
class SyncWorker;

/// The one home of the sync worker, for the console and orderbridge-cli alike: takes the data
/// folder's lock for this process, owns the named "sync-worker" thread with the SyncWorker on it,
/// loads the active connection and its secrets from the credential store, and offers the worker's
/// requests as typed calls. Each call is queued to the worker's thread and answered once, on the
/// host's thread, to `done` (not at all when `context` was destroyed meanwhile). The worker's
/// signals are notifications (runs, progress, sign-in): connect to worker() queued.
class WorkerHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerHost)

public:
    template<typename T>
    using Done = std::function<void(T)>;

    /// Whether start() hands the worker the stored connection.
    enum class Connection {
        Load, ///< the active connection and its secrets (from the credential store)
        None, ///< none: the requests need only the store (no secret is read)
    };

    /// `credentials` may be null when no store could be opened; start() then reports the problem.
    WorkerHost(std::shared_ptr<Database> database, std::unique_ptr<CredentialStore> credentials,
               QObject *parent = nullptr);
    /// Stops the thread (quit + wait); the worker is deleted on its own thread.
    ~WorkerHost() override;

    /// Takes the lock on the data folder (the database's folder) for this process, once; the error
    /// names the process that holds it. start() calls it; a front end that writes before starting
    /// the worker (the CLI's `sync --errors`) calls it first.
    [[nodiscard]] std::optional<Error> lockDataFolder();
    /// Takes the lock (when another process holds it, the worker runs read-only: runs and saves are
    /// refused with readOnlyReason()), starts the worker's thread, then (Connection::Load) loads the
    /// active connection and its secrets and hands them to the worker: configured() or configProblem().
    void start(Connection connection = Connection::Load);
    /// Reads the active connection and its secrets again (after the keyring was unlocked, say):
    /// configured() or configProblem().
    void reload();

    /// The worker, for its notifications; call it only through the host.
    [[nodiscard]] SyncWorker *worker() const;
    /// The worker's thread: move other network or database QObjects (e.g. the demo store client) here.
    [[nodiscard]] QThread *workerThread() const { return m_thread; }
    [[nodiscard]] CredentialStore *credentialStore() const { return m_credentials.get(); }
    /// The profile whose configuration the worker has, empty while unconfigured.
    [[nodiscard]] QString profileName() const { return m_profileName; }
    /// True once a configuration was handed to the worker.
    [[nodiscard]] bool isConfigured() const { return !m_profileName.isEmpty(); }
    /// Set when another process holds the data folder: this one may read but not sync or write.
    [[nodiscard]] const std::optional<Error> &readOnlyReason() const { return m_readOnly; }

    /// SyncWorker::run: the run's summary or error (ErrorKind::Busy: another run is under way).
    void run(const RunRequest &request, QObject *context = nullptr, Done<RunResult> done = {});
    /// SyncWorker::cancel: the run in progress stops after the batch in flight.
    void cancel();
    void testConnection(QObject *context, Done<QList<ConnectionCheck>> done);
    /// SyncWorker::setupSalesforce.
    void setupSalesforce(bool dryRun, QObject *context, Done<Result<OrgSetupReport>> done);
    void readOrgSchema(QObject *context, Done<Result<OrgSchema>> done);
    void refreshOrgSchema(QObject *context, Done<Result<OrgSchema>> done);
    void previewOrder(const QString &incrementId, QObject *context, Done<OrderPreview> done);
    /// The settings update (SettingsUpdate), as the console's Apply and `config set` make it.
    void saveSettings(const QHash<QString, QString> &values, QObject *context, Done<Result<SettingsUpdate::Outcome>> done);
    void saveMappings(MappingEntity entity, const FieldMappingList &mappings, QObject *context, Done<Result<void>> done);
    /// Stores the profile and makes it the active one (applyConnection() also writes its secrets
    /// and reconfigures the worker).
    void saveConnectionProfile(const ConnectionProfile &profile, QObject *context, Done<Result<ConnectionProfile>> done);
    /// Hands the worker a configuration made by the caller (tests, the demo) instead of the stored one.
    void reconfigure(const SyncWorkerConfig &config);
    /// Runs `then` (while `context` lives) once no secret the worker handed over (a rotated refresh token
    /// to store, a refused one to remove) is still being written: at once, or when the last one is done.
    /// A front end about to end its process (orderbridge-cli) waits for it, or the change would be lost.
    void whenSecretsKept(QObject *context, std::function<void()> then);

public Q_SLOTS:
    /// Validates and stores `profile` as the active connection (through the worker), writes `secrets`
    /// (WorkerConfigLoader::secretNames() keys; an empty value removes the secret) to the credential
    /// store, then reloads the configuration and reconfigures the worker.
    /// Answers connectionApplied() or connectionFailed().
    void applyConnection(const OrderBridge::ConnectionProfile &profile, const QHash<QString, QString> &secrets);

Q_SIGNALS:
    /// The worker now has the configuration of `profileName`.
    void configured(const QString &profileName);
    /// No usable configuration: no active connection, missing secrets, keychain error.
    void configProblem(const OrderBridge::Error &error);
    void connectionApplied(const OrderBridge::ConnectionProfile &profile);
    void connectionFailed(const OrderBridge::Error &error);
    /// A secret the worker was given during a run (a rotated refresh token) could not be stored: the next
    /// sign-in may need the user again. Front ends show it; it never ends the run.
    void secretNotKept(const OrderBridge::Error &error);

private:
    /// Runs `call` with the worker on the worker's thread.
    void post(std::function<void(SyncWorker *)> call);
    /// A Reply for the worker that carries the answer back to this thread, to `done` while `context`
    /// lives (always when `context` is null). The host outlives the worker's thread, so it carries it.
    template<typename T>
    Reply<T> replyTo(QObject *context, Done<T> done);
    void loadConfig(std::function<void(std::optional<Error>)> done);
    void writeSecrets(const QString &profile, const QHash<QString, QString> &secrets,
                      std::function<void(std::optional<Error>)> done);
    void storeRefreshToken(const QString &token);
    /// Removes the refused refresh token and reloads the configuration without it.
    void dropRefreshToken();
    /// One secret write of storeRefreshToken() / dropRefreshToken() is done: runs the waiters once none is left.
    void secretWriteDone();

    std::shared_ptr<Database> m_database;
    std::unique_ptr<CredentialStore> m_credentials;
    std::unique_ptr<DataFolderLock> m_lock; ///< released after the worker's thread has stopped
    QThread *m_thread = nullptr;
    QPointer<SyncWorker> m_worker;
    CallInbox *m_requests = nullptr; ///< on the worker's thread (a child of the worker): post() delivers here
    CallInbox *m_replies = nullptr;  ///< on the host's thread (a child of the host): replyTo() answers here
    QString m_profileName;
    std::optional<Error> m_readOnly;
    bool m_applying = false;
    int m_secretWrites = 0; ///< secret writes started for the worker and not answered yet
    QList<std::pair<QPointer<QObject>, std::function<void()>>> m_secretWaiters;
};

template<typename T>
Reply<T> WorkerHost::replyTo(QObject *context, Done<T> done)
{
    if (!done)
        return [](T) {};
    struct Asker
    {
        QPointer<QObject> context;
        bool guarded;
        Done<T> done;
    };
    // Made here, on the host's thread; the worker's thread only copies the shared pointer.
    auto asker = std::make_shared<const Asker>(Asker{context, context != nullptr, std::move(done)});
    // Through the host's inbox, not invokeMethod: see CallInbox.
    return [inbox = m_replies, asker](T answer) {
        inbox->post([asker, answer = std::move(answer)] {
            if (!asker->guarded || asker->context)
                asker->done(answer);
        });
    };
}

} // namespace OrderBridge
