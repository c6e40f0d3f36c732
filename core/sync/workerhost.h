#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QThread;

namespace OrderBridge {

class CredentialStore;
class Database;
class SyncWorker;

/// The sync worker's home for the console: owns the named "sync-worker" thread, the SyncWorker
/// living on it and the credential store the connection secrets come from. The worker always
/// exists, configured or not, so every page can talk to it from the start; the configuration
/// follows asynchronously (the keychain answers later) through SyncWorker::reconfigure().
class WorkerHost : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerHost)

public:
    /// `credentials` may be null when no store could be opened; start() then reports the problem.
    WorkerHost(std::shared_ptr<Database> database, std::unique_ptr<CredentialStore> credentials,
               QObject *parent = nullptr);
    /// Stops the thread (quit + wait); the worker is deleted on its own thread.
    ~WorkerHost() override;

    /// Creates the worker (unconfigured) on its started thread, then loads the active connection
    /// and its secrets and hands them to the worker; configProblem() when there are none.
    void start();

    /// The worker (after start()); talk to it by queued signals and slots only.
    [[nodiscard]] SyncWorker *worker() const { return m_worker; }
    /// The worker's thread: move other network or database QObjects (e.g. the demo store client) here.
    [[nodiscard]] QThread *workerThread() const { return m_thread; }
    [[nodiscard]] CredentialStore *credentialStore() const { return m_credentials.get(); }
    /// The profile whose configuration the worker has, empty while unconfigured.
    [[nodiscard]] QString profileName() const { return m_profileName; }
    /// True once a configuration was handed to the worker.
    [[nodiscard]] bool isConfigured() const { return !m_profileName.isEmpty(); }

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

private:
    void loadConfig(std::function<void(std::optional<Error>)> done);
    void writeSecrets(const QString &profile, const QHash<QString, QString> &secrets,
                      std::function<void(std::optional<Error>)> done);
    void storeRefreshToken(const QString &token);

    std::shared_ptr<Database> m_database;
    std::unique_ptr<CredentialStore> m_credentials;
    QThread *m_thread = nullptr;
    QPointer<SyncWorker> m_worker;
    QString m_profileName;
    bool m_applying = false;
};

} // namespace OrderBridge
