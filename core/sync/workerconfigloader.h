#pragma once

#include "common/error.h"
#include "magento/magentoauthmode.h"
#include "salesforce/salesforceflow.h"
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
    /// The credential-store names of the secrets one Magento sign-in mode uses; the others of
    /// secretNames() starting with "magento." are another mode's (reconnecting removes them).
    static QStringList secretNamesOf(MagentoAuthMode mode);
    /// The credential-store names of the secrets one Salesforce sign-in flow uses; likewise for "salesforce.".
    static QStringList secretNamesOf(SalesforceFlow flow);

private:
    std::shared_ptr<Database> m_database;
    CredentialStore *m_credentials;
};

} // namespace OrderBridge
