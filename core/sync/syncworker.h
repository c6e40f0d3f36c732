#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "salesforce/apiusage.h"
#include "store/connectionprofile.h"
#include "sync/connectioncheck.h"
#include "sync/orgsetupreport.h"
#include "sync/consoletypes.h"
#include "sync/orgsession.h"
#include "sync/reply.h"
#include "sync/runrequest.h"
#include "sync/settingsupdate.h"
#include "sync/syncengine.h"
#include "sync/syncrunsummary.h"
#include "sync/syncworkerconfig.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace OrderBridge {

class ConnectionChecker;
class OrgSetup;
class OrderPreviewer;
class OrgSchemaReader;
class SyncRunner;

/// The sync engine's home on its thread: a thin facade over the org session, the run loop, the
/// connection checker, the order previewer, the org schema reader and the settings, mappings and
/// connection saves. WorkerHost moves it to its thread and queues every call there; each request
/// takes a Reply that is answered exactly once. The signals are notifications for whoever watches
/// (runs, progress, sign-in, configuration), never answers to a request.
class SyncWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    /// `config` may be empty (no connection set up yet): the worker then serves the database
    /// requests and answers every network request with OrgSession::notConfiguredError() until
    /// reconfigure(). `makeNetwork` makes the network access manager of each connection.
    explicit SyncWorker(SyncWorkerConfig config, OrgSession::NetworkFactory makeNetwork = {}, QObject *parent = nullptr);
    ~SyncWorker() override;

    /// From now on runs and saves are refused with `reason` (another process holds the data folder);
    /// reads (connection test, org schema, preview) still work.
    void setReadOnly(const Error &reason);

    /// Starts a run (see RunRequest); `reply` gets its summary or error (ErrorKind::Busy while
    /// another run is under way: nothing started).
    void run(const RunRequest &request, Reply<RunResult> reply = {});
    /// Stops the run in progress after the batch in flight.
    void cancel();
    /// Checks reachability, sign-in, the External ID fields and the price book.
    void testConnection(Reply<QList<ConnectionCheck>> reply);
    /// OrgSetup::run: compares the org with the mappings' needs and, unless `dryRun`, creates what is missing.
    void setupSalesforce(bool dryRun, Reply<Result<OrgSetupReport>> reply);
    /// Drops the connection and keeps `config` for the next request, which connects anew. While a
    /// run is under way, it stops after its current batch first.
    void reconfigure(const SyncWorkerConfig &config);
    /// Validates and stores the profile and makes it the active one (nothing stored when refused).
    void saveConnectionProfile(const ConnectionProfile &profile, Reply<Result<ConnectionProfile>> reply);
    /// The org's live describe (cached for the session) and Order Status values with their categories.
    void readOrgSchema(Reply<Result<OrgSchema>> reply);
    /// Forgets the cached describe (a field was added in Salesforce) and reads the org schema again.
    void refreshOrgSchema(Reply<Result<OrgSchema>> reply);
    /// Plans the order's next sync without writing (see OrderPreviewer).
    void previewOrder(const QString &incrementId, Reply<OrderPreview> reply);
    /// The settings update (see SettingsUpdate), Default Status checked against the org schema read.
    void saveSettings(const QHash<QString, QString> &values, Reply<Result<SettingsUpdate::Outcome>> reply);
    /// Stores the editor's mappings of `entity` (see MappingsSave), checked against the session's schema.
    void saveMappings(MappingEntity entity, const FieldMappingList &mappings, Reply<Result<void>> reply);

Q_SIGNALS:
    /// A run began, whoever asked for it.
    void runStarted();
    void progress(int done, int total);
    /// What one batch came to (one signal per batch, never one per order).
    void batchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    /// A run that began has ended (its asker got the same result as its answer).
    void runFinished(const OrderBridge::RunResult &result);
    void apiUsageChanged(const OrderBridge::ApiUsage &usage);
    /// Signed in to the org whose records live under this address (for links to Salesforce pages).
    void signedIn(const QUrl &instanceUrl);
    /// The browser sign-in wants this URL opened (the GUI opens it, the CLI prints it).
    void authorizeUrlReady(const QUrl &url);
    /// Salesforce issued a refresh token (browser sign-in, or rotation): store it in the keychain.
    void refreshTokenIssued(const QString &refreshToken);
    /// Salesforce refused the stored refresh token: drop it from the keychain.
    void refreshTokenRefused();
    /// reconfigure() took effect: the worker now has a connection (true) or none (false).
    void configurationChanged(bool configured);
    /// The data folder's first Magento connection set orders.sync_since to `since` (SyncStart).
    void syncStartSet(const QDateTime &since);

private:
    void applyConfig(const SyncWorkerConfig &config);
    void handleRunFinished(const RunResult &result);

    OrgSession *m_session;
    SyncRunner *m_runner;
    ConnectionChecker *m_checker;
    OrgSetup *m_setup;
    OrderPreviewer *m_previewer;
    OrgSchemaReader *m_schemaReader;
    std::optional<SyncWorkerConfig> m_pendingConfig;
    std::optional<Error> m_readOnly;
};

} // namespace OrderBridge

