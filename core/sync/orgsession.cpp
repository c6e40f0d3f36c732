#include "sync/orgsession.h"

#include "common/logging.h"
#include "magento/magentochangefeed.h"
#include "magento/magentoclient.h"
#include "magento/magentosearchcriteria.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "store/database.h"
#include "store/feedpositionrepository.h"
#include "store/settingsrepository.h"

#include <QNetworkAccessManager>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

MagentoChangeFeedState loadFeedState(const std::shared_ptr<Database> &db)
{
    auto position = FeedPositionRepository(db).load();
    if (!position)
        qCWarning(lcSync) << "could not read the Magento change feed position:" << position.error().message;
    return MagentoChangeFeedState::fromJson(position.value_or(QJsonObject()));
}

} // namespace

OrgSession::OrgSession(SyncWorkerConfig config, NetworkFactory makeNetwork, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_makeNetwork(std::move(makeNetwork))
{
    if (!m_makeNetwork)
        m_makeNetwork = [](QObject *owner) { return new QNetworkAccessManager(owner); };
}

OrgSession::~OrgSession() = default;

Error OrgSession::reconfiguredError()
{
    return Error{u"sync.reconfigured"_s, tr("The connection settings changed while the request was under way."),
                 tr("Try again: the next request uses the new settings."), {}, ErrorKind::Reconfigured};
}

Error OrgSession::notConfiguredError()
{
    return Error{u"sync.not_configured"_s,
                 tr("No connection is configured: OrderBridge does not know the Magento store and the Salesforce org "
                    "to sync."),
                 tr("Open Salesforce \u203a Connection and set up both connections (or run `orderbridge-cli connect "
                    "magento \u2026` and `orderbridge-cli connect salesforce \u2026`)."),
                 {},
                 ErrorKind::NotConfigured};
}

Error OrgSession::noDatabaseError()
{
    return Error{u"store.unavailable"_s, tr("The local database is not open."),
                 tr("Check that the data folder is writable, then restart OrderBridge."), {}};
}

void OrgSession::reconfigure(SyncWorkerConfig config)
{
    dropClients();
    if (!config.database)
        config.database = m_config.database;
    m_config = std::move(config);
}

std::optional<Error> OrgSession::start()
{
    if (m_network)
        return std::nullopt;
    if (!m_config.database)
        return noDatabaseError();
    if (!m_config.isConfigured())
        return notConfiguredError();
    // The operator's budget per request (Orders configuration › Advanced), read when the clients are made: every
    // Magento request and the Salesforce sign-in. Salesforce data calls keep the client's own per-attempt limit.
    if (const auto settings = SettingsRepository(m_config.database).load()) {
        m_config.magento.timeoutMs = settings->requestTimeoutMs();
        m_config.salesforce.requestTimeoutMs = settings->requestTimeoutMs();
    }
    // Created here, in the thread that uses them, so their affinity is that thread's.
    m_network = m_makeNetwork(this);
    m_magento = new MagentoClient(m_network, m_config.magento, m_config.magentoSecrets, {}, this);
    m_feed = new MagentoChangeFeed(m_magento, {}, loadFeedState(m_config.database), this);
    m_auth = new SalesforceAuthenticator(m_network, m_config.salesforce, this);
    m_salesforce = new SalesforceClient(m_network, m_auth, this);
    connect(m_auth, &SalesforceAuthenticator::authorizeUrlReady, this, &OrgSession::authorizeUrlReady);
    connect(m_auth, &SalesforceAuthenticator::sessionChanged, this, [this](const SalesforceSession &session) {
        if (!session.refreshToken.isEmpty())
            Q_EMIT refreshTokenIssued(session.refreshToken);
    });
    connect(m_auth, &SalesforceAuthenticator::refreshTokenRefused, this, &OrgSession::refreshTokenRefused);
    connect(m_salesforce, &SalesforceClient::apiUsageChanged, this, &OrgSession::apiUsageChanged);
    m_engine = new SyncEngine(m_salesforce, this);
    return std::nullopt;
}

void OrgSession::setRequestTimeout(int ms)
{
    m_config.magento.timeoutMs = ms;
    m_config.salesforce.requestTimeoutMs = ms;
    if (m_magento)
        m_magento->setTimeout(ms);
    if (m_auth)
        m_auth->setRequestTimeout(ms);
}

void OrgSession::dropClients()
{
    ++m_generation;
    const QList<Done> waiters = std::exchange(m_signInWaiters, {});
    for (const Done &waiter : waiters)
        waiter(reconfiguredError());
    // deleteLater: a client may be inside one of its own callbacks right now.
    for (QObject *object : std::initializer_list<QObject *>{m_engine, m_feed, m_magento, m_salesforce, m_auth, m_network}) {
        if (object)
            object->deleteLater();
    }
    m_engine = nullptr;
    m_feed = nullptr;
    m_magento = nullptr;
    m_bundleSkus = {}; // product ids are the store's: another connection may be another store
    m_salesforce = nullptr;
    m_auth = nullptr;
    m_network = nullptr;
    m_signedIn = false;
    m_instanceUrl = QUrl();
    m_liveSchema.reset();
    m_storeViews.reset();
    m_statusPicklist.clear();
    m_orgSchema.reset(); // another org may answer next
}

void OrgSession::signIn(Done then)
{
    if (auto problem = start()) {
        then(*problem);
        return;
    }
    if (m_signedIn) {
        then(std::nullopt);
        return;
    }
    m_signInWaiters << std::move(then);
    if (m_signInWaiters.size() > 1)
        return; // a sign-in is under way; it answers every waiter
    m_salesforce->connectToOrg([this, generation = m_generation](SalesforceResult<SalesforceSession> session) {
        if (!isCurrent(generation))
            return; // the configuration changed meanwhile; dropClients() answered the waiters
        if (!session)
            finishSignIn(std::unexpected(session.error().toError()));
        else
            finishSignIn(session->instanceUrl);
    });
}

void OrgSession::finishSignIn(Result<QUrl> instanceUrl)
{
    const QList<Done> waiters = std::exchange(m_signInWaiters, {});
    if (instanceUrl) {
        m_signedIn = true;
        m_instanceUrl = *instanceUrl;
        Q_EMIT signedIn(m_instanceUrl);
    }
    const std::optional<Error> error = instanceUrl ? std::nullopt : std::optional(instanceUrl.error());
    for (const Done &waiter : waiters)
        waiter(error);
}

void OrgSession::readLiveSchema(Done then)
{
    if (m_liveSchema) {
        then(std::nullopt);
        return;
    }
    signIn([this, then = std::move(then)](std::optional<Error> error) {
        if (error)
            then(error);
        else
            describeObjects(then);
    });
}

void OrgSession::describeObjects(Done then)
{
    auto schema = std::make_shared<SalesforceSchema>(SalesforceFieldCatalogue::schema());
    auto remaining = std::make_shared<int>(2);
    auto failure = std::make_shared<std::optional<Error>>();
    for (const QString &object : {u"Order"_s, u"OrderItem"_s}) {
        m_salesforce->describe(object, [this, object, schema, remaining, failure, then,
                                        generation = m_generation](SalesforceResult<SObjectDescribe> d) {
            if (!isCurrent(generation)) {
                // The clients were dropped meanwhile: this describe belongs to the old connection.
                if (!failure->has_value())
                    *failure = reconfiguredError();
            } else if (d) {
                schema->overlay(*d);
                if (const SalesforceFieldInfo *status = d->field(u"Status"_s); status && object == u"Order"_s)
                    m_statusPicklist = status->picklistValues;
            } else {
                // The built-in catalogue stands in; the sync still works for the standard fields.
                qCWarning(lcSync) << "describe of" << object << "failed:" << d.error().message;
                if (!failure->has_value())
                    *failure = d.error().toError();
            }
            if (--*remaining > 0)
                return;
            if (!failure->has_value())
                m_liveSchema = *schema;
            then(*failure);
        });
    }
}

bool OrgSession::needsLiveSchema() const
{
    const SalesforceSchema catalogue = SalesforceFieldCatalogue::schema();
    auto mappings = MappingEditor(m_config.database).list();
    if (!mappings)
        return false;
    for (const FieldMapping &m : *mappings) {
        if (!m.enabled || m.entity == MappingEntity::OrderStatus)
            continue;
        if (!findSalesforceField(catalogue.fieldsFor(m.entity), m.salesforceField))
            return true;
    }
    return false;
}

void OrgSession::readLiveSchemaIfNeeded(std::function<void()> then)
{
    if (m_liveSchema || !needsLiveSchema()) {
        then();
        return;
    }
    readLiveSchema([then = std::move(then)](const std::optional<Error> &) { then(); });
}

void OrgSession::readStoreViews(std::function<void()> then)
{
    if (m_storeViews || !m_magento) {
        then();
        return;
    }
    m_magento->fetchStoreConfigs(this, [this, then = std::move(then),
                                        generation = m_generation](Result<QList<MagentoStoreConfig>> configs) {
        if (!isCurrent(generation)) {
            then();
        } else if (!configs) {
            qCWarning(lcSync) << "could not read the Magento store views (order dates are taken as UTC days):"
                              << configs.error().message;
            then();
        } else if (configs->size() < 2) {
            m_storeViews = StoreViews(*configs, std::nullopt);
            then();
        } else {
            readLowestStoreWithOrders(*configs, then);
        }
    });
}

// The orders of the lowest store view that has any keep their increment_id as key: an install that had one
// view with orders before a second one came keeps its keys.
void OrgSession::readLowestStoreWithOrders(const QList<MagentoStoreConfig> &configs, std::function<void()> then)
{
    MagentoSearchCriteria lowest;
    lowest.where(u"store_id"_s, MagentoSearchCriteria::Condition::Notnull, {})
        .orderBy(u"store_id"_s, MagentoSearchCriteria::Direction::Ascending)
        .setPageSize(1);
    m_magento->fetchOrders(lowest, this, [this, configs, then = std::move(then),
                                          generation = m_generation](Result<MagentoOrderPage> page) {
        if (!isCurrent(generation)) {
            then();
            return;
        }
        std::optional<qint64> storeId;
        if (!page) {
            // The views' orders must not merge: the lowest view id stands in (the default store view).
            qCWarning(lcSync) << "could not read which Magento store view has orders:" << page.error().message;
        } else if (!page->orders.isEmpty() && page->orders.first().json.value(u"store_id"_s).isDouble()) {
            storeId = page->orders.first().json.value(u"store_id"_s).toInteger();
        }
        m_storeViews = StoreViews(configs, storeId);
        then();
    });
}

void OrgSession::forgetSchema()
{
    m_liveSchema.reset();
    m_orgSchema.reset();
    m_statusPicklist.clear();
    if (m_salesforce)
        m_salesforce->clearDescribeCache();
}

SalesforceSchema OrgSession::schema() const
{
    return m_liveSchema.value_or(SalesforceFieldCatalogue::schema());
}

Result<SyncEngine::Config> OrgSession::engineConfig(SyncTrigger trigger) const
{
    SyncEngine::Config config;
    auto settings = SettingsRepository(m_config.database).load();
    if (!settings)
        return std::unexpected(settings.error());
    config.settings = *settings;
    MappingEditor mappings(m_config.database);
    if (auto r = mappings.ensureDefaults(); !r)
        return std::unexpected(r.error());
    auto list = mappings.list();
    if (!list)
        return std::unexpected(list.error());
    config.mappings = *list;
    config.schema = schema();
    config.trigger = trigger;
    config.stores = m_storeViews.value_or(StoreViews());
    return config;
}

void OrgSession::saveFeedState() const
{
    if (!m_feed || !m_config.database)
        return;
    if (auto saved = FeedPositionRepository(m_config.database).save(m_feed->state().toJson()); !saved)
        qCWarning(lcSync) << "could not save the Magento change feed position:" << saved.error().message;
}

} // namespace OrderBridge
