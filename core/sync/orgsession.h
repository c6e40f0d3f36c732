#pragma once

#include "common/error.h"
#include "mapping/salesforceschema.h"
#include "salesforce/apiusage.h"
#include "salesforce/salesforcefieldinfo.h"
#include "sync/bundleskuresolver.h"
#include "sync/consoletypes.h"
#include "sync/syncengine.h"
#include "sync/syncworkerconfig.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace OrderBridge {

class Database;
class MagentoChangeFeed;
class MagentoClient;
class SalesforceAuthenticator;
class SalesforceClient;

/// One connection to the Magento store and the Salesforce org: the network access manager and both
/// clients (created on first use, in the thread that uses them), the Salesforce sign-in every request
/// shares, and what the session learnt of the org (its live describe, Order Status values, instance
/// URL). reconfigure() drops all of it; callbacks of the old connection see isCurrent() turn false.
class OrgSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgSession)

public:
    using Done = std::function<void(std::optional<Error>)>;
    /// Makes the network access manager of a connection (parented to the session); tests pass a fake.
    using NetworkFactory = std::function<QNetworkAccessManager *(QObject *parent)>;

    /// `config` may be empty: network requests are then answered with notConfiguredError().
    explicit OrgSession(SyncWorkerConfig config, NetworkFactory makeNetwork = {}, QObject *parent = nullptr);
    ~OrgSession() override;

    /// The error an unconfigured session answers network requests with.
    [[nodiscard]] static Error notConfiguredError();
    /// The error of a request cut short because reconfigure() dropped the connection it used.
    [[nodiscard]] static Error reconfiguredError();
    /// The error of a request made without a database.
    [[nodiscard]] static Error noDatabaseError();

    [[nodiscard]] const SyncWorkerConfig &config() const { return m_config; }
    [[nodiscard]] const std::shared_ptr<Database> &database() const { return m_config.database; }
    [[nodiscard]] bool isConfigured() const { return m_config.isConfigured(); }

    /// Drops the clients, the sign-in and what was learnt of the org, and keeps `config` (with the
    /// current database when it names none) for the next request, which connects anew. Callers
    /// waiting for a sign-in get reconfiguredError().
    void reconfigure(SyncWorkerConfig config);

    /// Creates the clients for a configured session; the error otherwise (nothing created).
    [[nodiscard]] std::optional<Error> start();
    /// The operator changed the request budget: later Magento calls and sign-ins take it, without a new session.
    void setRequestTimeout(int ms);
    /// Signs in to the org once per connection; concurrent callers wait for the same sign-in.
    /// start() is called first; `then` gets its error or the sign-in's.
    void signIn(Done then);
    /// Reads the live describe of Order and OrderItem once per connection, so mappings to the org's
    /// own fields convert with their real types and lengths. `then` gets the error of a failed
    /// describe (schema() then stays the built-in catalogue).
    void readLiveSchema(Done then);
    /// Reads the live describe only when an enabled mapping writes a field the built-in catalogue
    /// does not know (the describe costs two API calls); its failure is logged, not returned.
    void readLiveSchemaIfNeeded(std::function<void()> then);
    /// Reads the Magento store views (time zones, which view's orders keep their increment_id as key) once per
    /// connection, then calls `then`; a failed read is logged, retried on the next call, and the sync plans with
    /// UTC dates and increment_id keys meanwhile.
    void readStoreViews(std::function<void()> then);
    /// Forgets the live describe and the org schema, so the next read asks Salesforce again.
    void forgetSchema();

    /// The schema mappings are checked against: the live describe when read, else the catalogue.
    [[nodiscard]] SalesforceSchema schema() const;
    /// What the engine plans with: the stored settings and mappings (defaults created when there are
    /// none) and schema().
    [[nodiscard]] Result<SyncEngine::Config> engineConfig(SyncTrigger trigger) const;
    [[nodiscard]] bool hasLiveSchema() const { return m_liveSchema.has_value(); }
    /// Order.Status values of the live describe (empty until read).
    [[nodiscard]] const QList<PicklistValue> &statusPicklist() const { return m_statusPicklist; }
    /// The org schema last read by OrgSchemaReader, if any (Default Status is checked against it).
    [[nodiscard]] const std::optional<OrgSchema> &orgSchema() const { return m_orgSchema; }
    void setOrgSchema(const OrgSchema &schema) { m_orgSchema = schema; }
    [[nodiscard]] QUrl instanceUrl() const { return m_instanceUrl; }

    /// Bumped by reconfigure(): a callback that captured an older value belongs to a dropped connection.
    [[nodiscard]] quint64 generation() const { return m_generation; }
    [[nodiscard]] bool isCurrent(quint64 generation) const { return generation == m_generation; }

    /// The clients of the connection (after a successful start()).
    [[nodiscard]] MagentoClient *magento() const { return m_magento; }
    [[nodiscard]] MagentoChangeFeed *feed() const { return m_feed; }
    [[nodiscard]] SalesforceClient *salesforce() const { return m_salesforce; }
    [[nodiscard]] SyncEngine *engine() const { return m_engine; }
    /// The bundle products' catalog SKUs read from this connection's store so far (dropped with the clients).
    [[nodiscard]] BundleSkuResolver &bundleSkus() { return m_bundleSkus; }
    /// Keeps the change feed's position for the next session (and the next process).
    void saveFeedState() const;

Q_SIGNALS:
    /// Signed in to the org whose records live under this address (for links to Salesforce pages).
    void signedIn(const QUrl &instanceUrl);
    /// The browser sign-in wants this URL opened (the GUI opens it, the CLI prints it).
    void authorizeUrlReady(const QUrl &url);
    /// Salesforce issued a refresh token (browser sign-in, or rotation): store it in the keychain.
    void refreshTokenIssued(const QString &refreshToken);
    /// Salesforce refused the stored refresh token: drop it from the keychain.
    void refreshTokenRefused();
    void apiUsageChanged(const OrderBridge::ApiUsage &usage);

private:
    void dropClients();
    void finishSignIn(Result<QUrl> instanceUrl);
    /// Needs the describe of both objects: the live schema, or the first error.
    void describeObjects(Done then);
    void readLowestStoreWithOrders(const QList<MagentoStoreConfig> &configs, std::function<void()> then);
    [[nodiscard]] bool needsLiveSchema() const;

    SyncWorkerConfig m_config;
    NetworkFactory m_makeNetwork;
    QNetworkAccessManager *m_network = nullptr;
    MagentoClient *m_magento = nullptr;
    MagentoChangeFeed *m_feed = nullptr;
    SalesforceAuthenticator *m_auth = nullptr;
    SalesforceClient *m_salesforce = nullptr;
    SyncEngine *m_engine = nullptr;
    BundleSkuResolver m_bundleSkus;
    bool m_signedIn = false;
    QList<Done> m_signInWaiters;
    quint64 m_generation = 0;
    QUrl m_instanceUrl;
    std::optional<SalesforceSchema> m_liveSchema;
    std::optional<StoreViews> m_storeViews;
    QList<PicklistValue> m_statusPicklist;
    std::optional<OrgSchema> m_orgSchema;
};

} // namespace OrderBridge
