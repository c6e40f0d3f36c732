#pragma once

#include "common/error.h"
#include "sync/syncworkerconfig.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace OrderBridge {

class CredentialStore;
class Database;

/// Builds the sync worker's configuration from the active connection profile and its secrets
/// (read asynchronously from the credential store). Shared by the console and orderbridge-cli.
class WorkerConfigLoader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerConfigLoader)

public:
    using Callback = std::function<void(Result<SyncWorkerConfig>, const QString &profileName)>;

    WorkerConfigLoader(std::shared_ptr<Database> database, CredentialStore *credentials, QObject *parent = nullptr);
    ~WorkerConfigLoader() override;

    /// Calls `done` once: the configuration, or why there is none (no connection set up, keychain error).
    void load(Callback done);

    /// The credential-store names of every secret a connection may use.
    static QStringList secretNames();

private:
    std::shared_ptr<Database> m_database;
    CredentialStore *m_credentials;
};

} // namespace OrderBridge
