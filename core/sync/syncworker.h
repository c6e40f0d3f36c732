#pragma once

#include "common/error.h"
#include "magento/magentoconnection.h"
#include "magento/magentosecrets.h"
#include "salesforce/apiusage.h"
#include "salesforce/salesforceauthconfig.h"
#include "sync/syncengine.h"

#include <QObject>
#include <QStringList>

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
    explicit SyncWorker(SyncWorkerConfig config, QObject *parent = nullptr);
    ~SyncWorker() override;

public Q_SLOTS:
    /// Reads Magento's changes since the last poll, queues them and drains the queue.
    void pollOnce();
    /// Fetches the named orders, queues them as an operator's request and drains the queue.
    void syncOrders(const QStringList &incrementIds);
    /// Drains what is queued and due.
    void drain();
    /// Plans the named orders without writing (the records are in the outcomes' plannedGraph).
    void dryRun(const QStringList &incrementIds);
    /// Stops after the batch in flight.
    void cancel();
    /// Checks reachability, sign-in, permissions, and the custom fields and price book the
    /// mappings need; answers with connectionTested().
    void testConnection();

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

private:
    bool ensureStarted();
    void connectThenRun(std::function<void()> run);
    void enqueueAndDrain(const QList<QJsonObject> &orders, SyncTrigger trigger);
    void drainStep();
    void finish(const QString &stoppedBecause = {});
    [[nodiscard]] Result<SyncEngine::Config> loadConfig(SyncTrigger trigger) const;
    /// Reads the live describe of Order and OrderItem once per session, so mappings to the org's
    /// own custom fields convert with their real types and lengths.
    void describeThen(std::function<void()> next);

    SyncWorkerConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    MagentoClient *m_magento = nullptr;
    MagentoChangeFeed *m_feed = nullptr;
    SalesforceAuthenticator *m_auth = nullptr;
    SalesforceClient *m_salesforce = nullptr;
    SyncEngine *m_engine = nullptr;
    std::unique_ptr<SyncStore> m_store;
    bool m_connected = false;
    std::optional<SalesforceSchema> m_liveSchema;
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
