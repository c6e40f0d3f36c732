#pragma once

#include "common/error.h"
#include "magento/magentoconnection.h"
#include "magento/magentosecrets.h"
#include "mapping/fieldmapping.h"
#include "salesforce/apiusage.h"
#include "salesforce/salesforcefieldinfo.h"
#include "salesforce/salesforceauthconfig.h"
#include "store/connectionprofile.h"
#include "sync/consoletypes.h"
#include "sync/syncengine.h"

#include <QObject>
#include <QHash>
#include <QStringList>
#include <QUrl>

#include <functional>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace OrderBridge {

class Database;
class MagentoClient;
class MagentoChangeFeed;
class SalesforceAuthenticator;
class SalesforceClient;
class SyncStore;

/// Where the worker connects; secrets were read from the keychain or the secrets file by the caller.
struct SyncWorkerConfig
{
    std::shared_ptr<Database> database;
    MagentoConnection magento;
    MagentoSecrets magentoSecrets;
    SalesforceAuthConfig salesforce;

    /// True when both connections are set up; an unconfigured worker answers network requests with
    /// SyncWorker::notConfiguredError().
    [[nodiscard]] bool isConfigured() const;
};

/// One line of a connection test: what was checked, whether it worked, and the detail or the fix.
struct ConnectionCheck
{
    QString name;
    bool ok = false;
    QString detail;
};

/// What one run of the worker did.
struct SyncRunSummary
{
    int queued = 0;
    int inSync = 0;
    int outOfSync = 0;
    int skipped = 0;
    int errors = 0;
    int apiCalls = 0;
    QString stoppedBecause; ///< empty when the queue was drained
};

/// The sync engine's home: a QObject moved to its own named QThread that owns the network access
/// manager, both clients and its own database connection. Calls come in as queued invocations of
/// its slots; results leave as signals carrying value structs, one per batch (never one per order).
class SyncWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    /// `config` may be empty (no connection set up yet): the worker then serves the database
    /// requests and answers every network request with notConfiguredError() until reconfigure().
    explicit SyncWorker(SyncWorkerConfig config, QObject *parent = nullptr);
    ~SyncWorker() override;

    /// The error an unconfigured worker answers network requests with.
    [[nodiscard]] static Error notConfiguredError();
    /// The error of a request cut short because reconfigure() dropped the connection it used.
    [[nodiscard]] static Error reconfiguredError();

public Q_SLOTS:
    /// Reads Magento's changes since the last poll, queues them and drains the queue.
    void pollOnce();
    /// Fetches the named orders, queues them as an operator's request and drains the queue.
    void syncOrders(const QStringList &incrementIds);
    /// Drains what is queued and due.
    void drain();
    /// Plans the named orders without writing (the records are in the outcomes' plannedWrites).
    void dryRun(const QStringList &incrementIds);
    /// Stops after the batch in flight.
    void cancel();
    /// Checks reachability, sign-in, permissions, and the custom fields and price book the
    /// mappings need; answers with connectionTested().
    void testConnection();
    /// Drops the clients and the Salesforce session and keeps `config` for the next request, which
    /// connects anew. While a run is in flight, the run stops after its current batch first.
    void reconfigure(OrderBridge::SyncWorkerConfig config);
    /// Validates the profile (name, URLs, Magento auth mode, Salesforce flow and what it needs),
    /// stores it and makes it the active one; answers connectionProfileSaved() with its id, or
    /// connectionProfileRejected() naming the field and the fix (nothing stored).
    void saveConnectionProfile(const OrderBridge::ConnectionProfile &profile);
    /// Reads the live describe of Order and OrderItem (custom fields included; cached for the
    /// session) and the Order Status values with their categories; answers orgSchemaLoaded() or
    /// orgSchemaFailed().
    void loadOrgSchema();
    /// Forgets the cached describe (e.g. after a custom field was added in Salesforce) and reads
    /// the org schema again; answers like loadOrgSchema().
    void refreshOrgSchema();
    /// Fetches the order from Magento and plans its sync without writing; answers orderPreviewed()
    /// with the records the next sync would send beside what Salesforce holds now (errors and
    /// ineligibility in the preview's error, reason and status).
    void previewOrder(const QString &incrementId);
    /// Applies the settings (dotted key -> text as the command line takes it) to the stored ones,
    /// validates the result whole and stores it; answers settingsSaved() or settingsRejected()
    /// (nothing stored). When an eligibility rule changed, Out of Sync and Skipped orders are queued
    /// again so the next run judges them by the new rules.
    void saveSettings(const QHash<QString, QString> &values);
    /// Replaces the mappings of `entity` with `mappings` (the editor's whole list, in order): custom
    /// rows added, changed or removed; system rows only enabled/default changed (essential ones stay
    /// enabled). Validated against the live schema when loaded (else the built-in catalogue); all or
    /// nothing in one transaction. Answers mappingsSaved() or mappingsRejected().
    void saveMappings(OrderBridge::MappingEntity entity, const OrderBridge::FieldMappingList &mappings);

Q_SIGNALS:
    void batchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    void progress(int done, int total);
    void apiUsageChanged(const OrderBridge::ApiUsage &usage);
    void finished(const OrderBridge::SyncRunSummary &summary);
    void failed(const OrderBridge::Error &error);
    void connectionTested(const QList<OrderBridge::ConnectionCheck> &checks);
    /// Signed in to the org whose records live under this address (for links to Salesforce pages).
    void signedIn(const QUrl &instanceUrl);
    /// The browser sign-in wants this URL opened (the GUI opens it, the CLI prints it).
    void authorizeUrlReady(const QUrl &url);
    /// Salesforce issued a refresh token (browser sign-in, or rotation): store it in the keychain.
    void refreshTokenIssued(const QString &refreshToken);
    /// reconfigure() took effect: the worker now has a connection (true) or none (false).
    void configurationChanged(bool configured);
    void connectionProfileSaved(const OrderBridge::ConnectionProfile &profile);
    void connectionProfileRejected(const OrderBridge::Error &error);
    void orgSchemaLoaded(const OrderBridge::OrgSchema &schema);
    void orgSchemaFailed(const OrderBridge::Error &error);
    void orderPreviewed(const OrderBridge::OrderPreview &preview);
    void settingsSaved();
    void settingsRejected(const OrderBridge::Error &error);
    void mappingsSaved(OrderBridge::MappingEntity entity);
    void mappingsRejected(OrderBridge::MappingEntity entity, const OrderBridge::Error &error);

private:
    using SessionCallback = std::function<void(std::optional<Error>)>;

    /// Creates the clients (in the worker's thread) for a configured worker; the error otherwise.
    [[nodiscard]] std::optional<Error> ensureStarted();
    /// Signs in once per session; concurrent callers wait for the same sign-in.
    void withSession(SessionCallback then);
    /// Ends a run (m_busy) and applies a configuration that arrived during it.
    void endRun();
    /// Ends a run with failed(error), then like endRun().
    void failRun(const Error &error);
    void applyConfig(SyncWorkerConfig config);
    void dropClients();
    void connectThenRun(std::function<void()> run);
    void enqueueAndDrain(const QList<QJsonObject> &orders, SyncTrigger trigger);
    void drainStep();
    void finish(const QString &stoppedBecause = {});
    [[nodiscard]] Result<SyncEngine::Config> loadConfig(SyncTrigger trigger) const;
    /// Reads the live describe of Order and OrderItem once per session, so mappings to the org's
    /// own custom fields convert with their real types and lengths. `next` gets the error of a failed
    /// describe (the built-in catalogue then stands in).
    void describeThen(std::function<void(std::optional<Error>)> next);
    /// True when an enabled mapping writes a field the built-in catalogue does not know.
    [[nodiscard]] bool needsLiveSchema() const;
    /// The schema mappings are checked against: the live describe when read, else the catalogue.
    [[nodiscard]] SalesforceSchema currentSchema() const;
    /// Queues Out of Sync and Skipped orders again (their last known Magento state), says so in the
    /// sync log naming the changed keys; returns how many.
    [[nodiscard]] Result<int> requeueForNewRules(const QStringList &changedKeys) const;

    SyncWorkerConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    MagentoClient *m_magento = nullptr;
    MagentoChangeFeed *m_feed = nullptr;
    SalesforceAuthenticator *m_auth = nullptr;
    SalesforceClient *m_salesforce = nullptr;
    SyncEngine *m_engine = nullptr;
    std::unique_ptr<SyncStore> m_store;
    bool m_connected = false;
    QList<SessionCallback> m_sessionWaiters;
    quint64 m_generation = 0; ///< bumped when the clients are dropped; stale callbacks are ignored
    std::optional<SyncWorkerConfig> m_pendingConfig;
    QUrl m_instanceUrl;
    std::optional<SalesforceSchema> m_liveSchema;
    QList<PicklistValue> m_statusPicklist; ///< Order.Status values of the live describe
    std::optional<OrgSchema> m_orgSchema;
    bool m_busy = false;
    bool m_cancelled = false;
    SyncRunSummary m_summary;
    int m_total = 0;
    int m_done = 0;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::SyncRunSummary)
Q_DECLARE_METATYPE(OrderBridge::OrderOutcome)
Q_DECLARE_METATYPE(OrderBridge::ConnectionCheck)
Q_DECLARE_METATYPE(OrderBridge::SyncWorkerConfig)
