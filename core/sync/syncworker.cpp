#include "sync/syncworker.h"

#include "common/logging.h"
#include "magento/magentochangefeed.h"
#include "magento/magentoclient.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/feedpositionrepository.h"
#include "store/mappingrepository.h"
#include "salesforce/soqlquery.h"
#include "settings/settingscatalog.h"
#include "settings/settingoption.h"
#include "store/settingsrepository.h"
#include "store/syncqueuerepository.h"
#include "sync/orderpreviewbuilder.h"
#include "sync/syncstore.h"
#include "settings/connectionprofilevalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <algorithm>

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

void saveFeedState(const std::shared_ptr<Database> &db, const MagentoChangeFeedState &state)
{
    if (auto saved = FeedPositionRepository(db).save(state.toJson()); !saved)
        qCWarning(lcSync) << "could not save the Magento change feed position:" << saved.error().message;
}

bool isLimitError(const Error &e)
{
    return e.code == u"REQUEST_LIMIT_EXCEEDED"_s;
}

} // namespace

bool SyncWorkerConfig::isConfigured() const
{
    return magento.baseUrl.isValid() && !magento.baseUrl.host().isEmpty() && salesforce.loginUrl.isValid()
        && !salesforce.loginUrl.host().isEmpty();
}

SyncWorker::SyncWorker(SyncWorkerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    qRegisterMetaType<OrderBridge::SyncRunSummary>();
    qRegisterMetaType<OrderBridge::OrderOutcome>();
    qRegisterMetaType<QList<OrderBridge::OrderOutcome>>();
    qRegisterMetaType<OrderBridge::Error>();
    qRegisterMetaType<OrderBridge::ApiUsage>();
    qRegisterMetaType<OrderBridge::ConnectionCheck>();
    qRegisterMetaType<QList<OrderBridge::ConnectionCheck>>();
    qRegisterMetaType<OrderBridge::SyncWorkerConfig>();
    qRegisterMetaType<OrderBridge::ConnectionProfile>();
    qRegisterMetaType<OrderBridge::OrgSchema>();
    qRegisterMetaType<OrderBridge::OrderPreview>();
    qRegisterMetaType<OrderBridge::MappingEntity>();
    qRegisterMetaType<OrderBridge::FieldMapping>();
    qRegisterMetaType<OrderBridge::FieldMappingList>("OrderBridge::FieldMappingList");
    qRegisterMetaType<QHash<QString, QString>>();
}

SyncWorker::~SyncWorker() = default;

Error SyncWorker::reconfiguredError()
{
    return Error{u"sync.reconfigured"_s, tr("The connection settings changed while the request was under way."),
                 tr("Try again: the next request uses the new settings."), {}};
}

Error SyncWorker::notConfiguredError()
{
    return Error{u"sync.not_configured"_s,
                 tr("No connection is configured: OrderBridge does not know the Magento store and the Salesforce org "
                    "to sync."),
                 tr("Open Salesforce \u203a Connection and set up both connections (or run `orderbridge-cli connect "
                    "magento \u2026` and `orderbridge-cli connect salesforce \u2026`)."),
                 {}};
}

std::optional<Error> SyncWorker::ensureStarted()
{
    if (m_network)
        return std::nullopt;
    if (!m_config.database) {
        return Error{u"store.unavailable"_s, tr("The local database is not open."),
                     tr("Check that the data folder is writable, then restart OrderBridge."), {}};
    }
    if (!m_config.isConfigured())
        return notConfiguredError();
    // Created here, in the worker's thread, so their affinity is the worker's.
    m_network = new QNetworkAccessManager(this);
    m_magento = new MagentoClient(m_network, m_config.magento, m_config.magentoSecrets, {}, this);
    m_feed = new MagentoChangeFeed(m_magento, {}, loadFeedState(m_config.database), this);
    m_auth = new SalesforceAuthenticator(m_network, m_config.salesforce, this);
    m_salesforce = new SalesforceClient(m_network, m_auth, this);
    connect(m_auth, &SalesforceAuthenticator::authorizeUrlReady, this, &SyncWorker::authorizeUrlReady);
    connect(m_auth, &SalesforceAuthenticator::sessionChanged, this, [this](const SalesforceSession &session) {
        if (!session.refreshToken.isEmpty())
            Q_EMIT refreshTokenIssued(session.refreshToken);
    });
    connect(m_salesforce, &SalesforceClient::apiUsageChanged, this, &SyncWorker::apiUsageChanged);
    m_engine = new SyncEngine(m_salesforce, this);
    m_store = std::make_unique<SyncStore>(m_config.database);
    if (auto r = m_store->recoverInterrupted(); !r)
        return r.error();
    return std::nullopt;
}

void SyncWorker::withSession(SessionCallback then)
{
    if (auto problem = ensureStarted()) {
        then(*problem);
        return;
    }
    if (m_connected) {
        then(std::nullopt);
        return;
    }
    m_sessionWaiters << std::move(then);
    if (m_sessionWaiters.size() > 1)
        return; // a sign-in is under way; it answers every waiter
    m_salesforce->connectToOrg([this, generation = m_generation](SalesforceResult<SalesforceSession> session) {
        if (generation != m_generation)
            return; // the configuration changed meanwhile; dropClients() answered the waiters
        const QList<SessionCallback> waiters = std::exchange(m_sessionWaiters, {});
        if (!session) {
            const Error error = session.error().toError();
            for (const SessionCallback &waiter : waiters)
                waiter(error);
            return;
        }
        m_connected = true;
        m_instanceUrl = session->instanceUrl;
        Q_EMIT signedIn(session->instanceUrl);
        for (const SessionCallback &waiter : waiters)
            waiter(std::nullopt);
    });
}

void SyncWorker::reconfigure(SyncWorkerConfig config)
{
    if (m_busy) {
        // The batch in flight finishes (its writes cannot be called back); the run stops after it.
        m_pendingConfig = std::move(config);
        m_cancelled = true;
        qCInfo(lcSync) << "new connection settings: applied when the batch in flight is done";
        return;
    }
    applyConfig(std::move(config));
}

void SyncWorker::applyConfig(SyncWorkerConfig config)
{
    dropClients();
    if (!config.database)
        config.database = m_config.database;
    m_config = std::move(config);
    qCInfo(lcSync) << (m_config.isConfigured() ? "connection settings changed: the next request connects anew"
                                               : "no connection is configured");
    Q_EMIT configurationChanged(m_config.isConfigured());
}

void SyncWorker::dropClients()
{
    ++m_generation;
    const QList<SessionCallback> waiters = std::exchange(m_sessionWaiters, {});
    for (const SessionCallback &waiter : waiters)
        waiter(reconfiguredError());
    // deleteLater: a client may be inside one of its own callbacks right now.
    for (QObject *object : std::initializer_list<QObject *>{m_engine, m_feed, m_magento, m_salesforce, m_auth, m_network}) {
        if (object)
            object->deleteLater();
    }
    m_engine = nullptr;
    m_feed = nullptr;
    m_magento = nullptr;
    m_salesforce = nullptr;
    m_auth = nullptr;
    m_network = nullptr;
    m_store.reset();
    m_connected = false;
    m_instanceUrl = QUrl();
    m_liveSchema.reset();
    m_statusPicklist.clear();
    m_orgSchema.reset(); // another org may answer next
}

void SyncWorker::endRun()
{
    m_busy = false;
    if (m_pendingConfig)
        applyConfig(*std::exchange(m_pendingConfig, std::nullopt));
}

void SyncWorker::failRun(const Error &error)
{
    // The run's answer goes out before a configuration that waited for it takes effect.
    m_busy = false;
    Q_EMIT failed(error);
    endRun();
}

Result<SyncEngine::Config> SyncWorker::loadConfig(SyncTrigger trigger) const
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
    config.schema = m_liveSchema.value_or(SalesforceFieldCatalogue::schema());
    config.trigger = trigger;
    return config;
}

void SyncWorker::connectThenRun(std::function<void()> run)
{
    if (m_busy) {
        Q_EMIT failed(Error{u"sync.busy"_s, tr("A sync is already running."), tr("Wait for it to finish."), {}});
        return;
    }
    if (auto problem = ensureStarted()) {
        Q_EMIT failed(*problem);
        return;
    }
    m_busy = true;
    m_cancelled = false;
    m_summary = {};
    m_total = 0;
    m_done = 0;
    withSession([this, run = std::move(run)](std::optional<Error> error) {
        if (error) {
            failRun(*error);
            return;
        }
        // The live describe costs two API calls: only asked for when a mapping writes a field the
        // built-in catalogue does not know (typically the org's own custom fields).
        if (!m_liveSchema && needsLiveSchema())
            describeThen([run](const std::optional<Error> &) { run(); });
        else
            run();
    });
}

bool SyncWorker::needsLiveSchema() const
{
    const SalesforceSchema catalogue = SalesforceFieldCatalogue::schema();
    auto mappings = MappingRepository(m_config.database).list();
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

void SyncWorker::describeThen(std::function<void(std::optional<Error>)> next)
{
    if (m_liveSchema) {
        next(std::nullopt);
        return;
    }
    auto schema = std::make_shared<SalesforceSchema>(SalesforceFieldCatalogue::schema());
    auto remaining = std::make_shared<int>(2);
    auto failure = std::make_shared<std::optional<Error>>();
    for (const QString &object : {u"Order"_s, u"OrderItem"_s}) {
        m_salesforce->describe(object, [this, object, schema, remaining, failure, next,
                                        generation = m_generation](SalesforceResult<SObjectDescribe> d) {
            if (generation != m_generation) {
                // The clients were dropped meanwhile: this describe belongs to the old connection.
                if (!failure->has_value())
                    *failure = reconfiguredError();
            } else if (d) {
                schema->overlay(*d);
                if (object == u"Order"_s) {
                    if (const SalesforceFieldInfo *status = d->field(u"Status"_s))
                        m_statusPicklist = status->picklistValues;
                }
            } else {
                // The built-in catalogue stands in; the sync still works for the standard fields.
                qCWarning(lcSync) << "describe of" << object << "failed:" << d.error().message;
                if (!failure->has_value())
                    *failure = d.error().toError();
            }
            if (--*remaining > 0)
                return;
            if (failure->has_value()) {
                next(**failure);
                return;
            }
            m_liveSchema = *schema;
            next(std::nullopt);
        });
    }
}

void SyncWorker::pollOnce()
{
    connectThenRun([this] {
        auto config = loadConfig(SyncTrigger::Automatic);
        if (!config) {
            failRun(config.error());
            return;
        }
        if (!config->settings.automatedSynchronization()) {
            // Nothing is picked up by polling; what is queued on demand still drains.
            drainStep();
            return;
        }
        m_feed->poll(
            this,
            [this](const QList<MagentoOrder> &orders) {
                QList<QJsonObject> json;
                QList<MagentoOrderKey> keys;
                for (const MagentoOrder &o : orders) {
                    json << o.json;
                    keys << o.key();
                }
                auto queued = m_store->enqueue(json, SyncTrigger::Automatic);
                if (!queued) {
                    qCWarning(lcSync) << "could not queue changed orders:" << queued.error().message;
                    return; // not confirmed: the next poll delivers them again
                }
                m_summary.queued += *queued;
                m_feed->confirm(keys);
                saveFeedState(m_config.database, m_feed->state());
            },
            [this](Result<MagentoChangeFeed::PollSummary> summary) {
                if (!summary)
                    qCWarning(lcSync) << "Magento poll failed:" << summary.error().toString();
                drainStep();
            });
    });
}

void SyncWorker::syncOrders(const QStringList &incrementIds)
{
    connectThenRun([this, incrementIds] {
        m_magento->fetchOrdersByIncrementIds(incrementIds, this, [this, incrementIds](Result<MagentoOrderPage> page) {
            if (!page) {
                failRun(page.error());
                return;
            }
            QList<QJsonObject> json;
            QStringList found;
            for (const MagentoOrder &o : page->orders) {
                json << o.json;
                found << o.incrementId;
            }
            for (const QString &id : incrementIds) {
                if (!found.contains(id)) {
                    OrderOutcome missing;
                    missing.incrementId = id;
                    missing.status = SyncStatus::Error;
                    missing.error = Error{u"magento.not_found"_s, u"Magento has no order %1."_s.arg(id),
                                          u"Check the order number."_s, {}};
                    ++m_summary.errors;
                    Q_EMIT batchFinished({missing});
                }
            }
            enqueueAndDrain(json, SyncTrigger::OnDemand);
        });
    });
}

void SyncWorker::dryRun(const QStringList &incrementIds)
{
    connectThenRun([this, incrementIds] {
        m_magento->fetchOrdersByIncrementIds(incrementIds, this, [this](Result<MagentoOrderPage> page) {
            if (!page) {
                failRun(page.error());
                return;
            }
            auto config = loadConfig(SyncTrigger::OnDemand);
            if (!config) {
                failRun(config.error());
                return;
            }
            config->dryRun = true;
            QList<QJsonObject> json;
            for (const MagentoOrder &o : page->orders)
                json << o.json;
            m_engine->syncBatch(json.mid(0, 200), *config, [this](Result<BatchOutcome> outcome) {
                if (!outcome) {
                    failRun(outcome.error());
                    return;
                }
                m_summary.apiCalls += outcome->apiCalls;
                Q_EMIT batchFinished(outcome->orders);
                finish();
            });
        });
    });
}

void SyncWorker::drain()
{
    connectThenRun([this] { drainStep(); });
}

void SyncWorker::cancel()
{
    m_cancelled = true;
}

void SyncWorker::testConnection()
{
    if (auto problem = ensureStarted()) {
        // The connection page waits for connectionTested(); failed() tells everyone else.
        Q_EMIT connectionTested({ConnectionCheck{tr("Connection"), false, problem->toString()}});
        Q_EMIT failed(*problem);
        return;
    }
    auto checks = std::make_shared<QList<ConnectionCheck>>();
    auto report = [this, checks] { Q_EMIT connectionTested(*checks); };
    m_magento->testConnection(this, [this, checks, report, generation = m_generation](Result<qint64> orders) {
        if (generation != m_generation) {
            *checks << ConnectionCheck{tr("Connection"), false, reconfiguredError().toString()};
            report();
            return;
        }
        if (orders)
            *checks << ConnectionCheck{tr("Magento"), true, tr("Signed in; %n order(s) visible.", nullptr, int(*orders))};
        else
            *checks << ConnectionCheck{tr("Magento"), false, orders.error().toString()};
        withSession([this, checks, report](std::optional<Error> error) {
            if (error) {
                *checks << ConnectionCheck{tr("Salesforce"), false, error->toString()};
                report();
                return;
            }
            *checks << ConnectionCheck{tr("Salesforce"), true, tr("Signed in to %1.").arg(m_instanceUrl.toString())};
            // The fields the system mappings write, and the price book the settings name.
            struct Need
            {
                QString object;
                QString field;
            };
            const QList<Need> needs{{u"Order"_s, u"Magento_ID__c"_s}, {u"OrderItem"_s, u"Magento_Item_ID__c"_s},
                                    {u"Account"_s, u"Magento_ID__c"_s}, {u"Contact"_s, u"Magento_ID__c"_s}};
            auto remaining = std::make_shared<int>(int(needs.size()));
            auto afterDescribes = [this, checks, report] {
                auto settings = SettingsRepository(m_config.database).load();
                const QString book = settings ? settings->priceBook() : Settings().priceBook();
                m_salesforce->query(SoqlQuery(u"Pricebook2"_s).select({u"Id"_s}).whereEquals(u"Name"_s, book).whereEquals(u"IsActive"_s, true),
                                    [checks, report, book](SalesforceResult<QList<QJsonObject>> rows) {
                                        const bool found = rows && !rows->isEmpty();
                                        *checks << ConnectionCheck{tr("Price book"), found,
                                                                   found ? tr("'%1' is active.").arg(book)
                                                                         : tr("No active price book named '%1': create it, or "
                                                                              "set advanced.price_book.").arg(book)};
                                        report();
                                    });
            };
            for (const Need &need : needs) {
                m_salesforce->describe(need.object, [checks, need, remaining, afterDescribes](SalesforceResult<SObjectDescribe> d) {
                    if (!d) {
                        *checks << ConnectionCheck{need.object, false, d.error().toError().toString()};
                    } else {
                        const SalesforceFieldInfo *f = d->field(need.field);
                        const bool ok = f && f->externalId;
                        *checks << ConnectionCheck{need.object + u'.' + need.field, ok,
                                                   ok ? tr("External ID field present.")
                                                      : tr("Missing or not an External ID: create %1 on %2 as Text, "
                                                           "External ID, Unique.").arg(need.field, need.object)};
                    }
                    if (--*remaining == 0)
                        afterDescribes();
                });
            }
        });
    });
}

void SyncWorker::saveConnectionProfile(const ConnectionProfile &profile)
{
    if (!m_config.database) {
        Q_EMIT connectionProfileRejected(*ensureStarted());
        return;
    }
    if (auto problem = ConnectionProfileValidator::validate(profile)) {
        Q_EMIT connectionProfileRejected(*problem);
        return;
    }
    ConnectionProfile stored = profile;
    stored.name = stored.name.trimmed();
    stored.magentoBaseUrl = stored.magentoBaseUrl.trimmed();
    stored.salesforceLoginUrl = stored.salesforceLoginUrl.trimmed();
    stored.salesforceClientId = stored.salesforceClientId.trimmed();
    stored.salesforceUsername = stored.salesforceUsername.trimmed();
    stored.active = true;
    const ConnectionProfileRepository profiles(m_config.database);
    auto existing = profiles.findByName(stored.name);
    if (!existing) {
        Q_EMIT connectionProfileRejected(existing.error());
        return;
    }
    stored.id = existing->has_value() ? (*existing)->id : 0;
    auto saved = profiles.save(stored);
    if (!saved) {
        Q_EMIT connectionProfileRejected(saved.error());
        return;
    }
    qCInfo(lcSync) << "connection profile" << saved->name << "saved and made active";
    Q_EMIT connectionProfileSaved(*saved);
}

void SyncWorker::enqueueAndDrain(const QList<QJsonObject> &orders, SyncTrigger trigger)
{
    auto queued = m_store->enqueue(orders, trigger);
    if (!queued) {
        failRun(queued.error());
        return;
    }
    m_summary.queued += *queued;
    drainStep();
}

void SyncWorker::drainStep()
{
    if (m_cancelled) {
        finish(u"cancelled"_s);
        return;
    }
    auto config = loadConfig(SyncTrigger::Automatic);
    if (!config) {
        failRun(config.error());
        return;
    }
    // Stop before the configured share of the daily allowance is used.
    const ApiUsage usage = m_salesforce->apiUsage();
    if (usage.isValid() && usage.share() * 100.0 >= config->settings.apiSharePercent()) {
        finish(u"the Salesforce API allowance share (engine.api_share_percent = %1%) is used: %2 of %3 calls today"_s
                   .arg(config->settings.apiSharePercent())
                   .arg(usage.used)
                   .arg(usage.max));
        return;
    }
    if (m_total == 0) {
        if (auto pending = m_store->pendingCount(); pending)
            m_total = *pending;
    }
    auto items = m_store->takeReady(config->settings.batchSize(), QDateTime::currentDateTimeUtc());
    if (!items) {
        failRun(items.error());
        return;
    }
    if (items->isEmpty()) {
        finish();
        return;
    }
    QList<QJsonObject> orders;
    bool onDemand = false;
    for (const SyncStore::Item &item : *items) {
        orders << item.order;
        onDemand = onDemand || item.trigger == SyncTrigger::OnDemand;
    }
    config->trigger = onDemand ? SyncTrigger::OnDemand : SyncTrigger::Automatic;
    const int maxAttempts = config->settings.maxAttempts();
    m_engine->syncBatch(orders, *config, [this, items = *items, maxAttempts](Result<BatchOutcome> outcome) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!outcome) {
            const bool limit = isLimitError(outcome.error());
            if (auto r = m_store->postpone(items, outcome.error(), maxAttempts, now, !limit); !r)
                qCWarning(lcSync) << "could not record a failed batch:" << r.error().message;
            m_summary.errors += int(items.size());
            finish(limit ? u"Salesforce refused more calls today (REQUEST_LIMIT_EXCEEDED)"_s
                         : u"the batch failed: "_s + outcome.error().toString());
            return;
        }
        if (auto r = m_store->record(items, *outcome, maxAttempts, now); !r) {
            failRun(r.error());
            return;
        }
        m_summary.apiCalls += outcome->apiCalls;
        bool limitHit = false;
        for (const OrderOutcome &o : outcome->orders) {
            switch (o.status) {
            case SyncStatus::InSync: ++m_summary.inSync; break;
            case SyncStatus::OutOfSync: ++m_summary.outOfSync; break;
            case SyncStatus::Skipped: ++m_summary.skipped; break;
            case SyncStatus::Error:
                ++m_summary.errors;
                limitHit = limitHit || isLimitError(o.error);
                break;
            case SyncStatus::Pending: break;
            }
        }
        m_done += int(outcome->orders.size());
        Q_EMIT batchFinished(outcome->orders);
        Q_EMIT progress(m_done, std::max(m_total, m_done));
        if (limitHit) {
            finish(u"Salesforce refused more calls today (REQUEST_LIMIT_EXCEEDED)"_s);
            return;
        }
        drainStep();
    });
}

void SyncWorker::finish(const QString &stoppedBecause)
{
    m_summary.stoppedBecause = stoppedBecause;
    m_busy = false;
    Q_EMIT finished(m_summary);
    endRun();
}

SalesforceSchema SyncWorker::currentSchema() const
{
    return m_liveSchema.value_or(SalesforceFieldCatalogue::schema());
}

void SyncWorker::loadOrgSchema()
{
    if (auto problem = ensureStarted()) {
        Q_EMIT orgSchemaFailed(*problem);
        return;
    }
    withSession([this](std::optional<Error> error) {
        if (error) {
            Q_EMIT orgSchemaFailed(*error);
            return;
        }
        describeThen([this](std::optional<Error> error) {
            if (error) {
                Q_EMIT orgSchemaFailed(*error);
                return;
            }
            const SoqlQuery statuses = SoqlQuery(u"OrderStatus"_s)
                                           .select({u"ApiName"_s, u"MasterLabel"_s, u"StatusCode"_s, u"IsDefault"_s,
                                                    u"SortOrder"_s})
                                           .orderBy(u"SortOrder"_s);
            m_salesforce->query(statuses, [this, generation = m_generation](SalesforceResult<QList<QJsonObject>> rows) {
                if (generation != m_generation) {
                    Q_EMIT orgSchemaFailed(reconfiguredError());
                    return;
                }
                if (!rows) {
                    Q_EMIT orgSchemaFailed(rows.error().toError());
                    return;
                }
                // The picklist says which values are active; OrderStatus says their category.
                QHash<QString, const PicklistValue *> picklist;
                for (const PicklistValue &v : std::as_const(m_statusPicklist))
                    picklist.insert(v.value, &v);
                OrgSchema org;
                org.schema = *m_liveSchema;
                org.instanceUrl = m_instanceUrl;
                QStringList seen;
                for (const QJsonObject &row : std::as_const(*rows)) {
                    OrderStatusValue value;
                    value.value = row.value(u"ApiName"_s).toString();
                    value.label = row.value(u"MasterLabel"_s).toString();
                    if (value.value.isEmpty())
                        value.value = value.label;
                    value.category = row.value(u"StatusCode"_s).toString();
                    value.isDefault = row.value(u"IsDefault"_s).toBool();
                    const PicklistValue *listed = picklist.value(value.value);
                    if (!m_statusPicklist.isEmpty() && (!listed || !listed->active))
                        continue; // retired value: not offered
                    if (value.label.isEmpty() && listed)
                        value.label = listed->label;
                    org.orderStatuses << value;
                    seen << value.value;
                }
                for (const PicklistValue &v : std::as_const(m_statusPicklist)) {
                    if (!v.active || seen.contains(v.value))
                        continue;
                    org.orderStatuses << OrderStatusValue{v.value, v.label.isEmpty() ? v.value : v.label,
                                                          v.statusCategory, v.defaultValue};
                }
                m_orgSchema = org;
                qCInfo(lcSync) << "org schema read:" << org.schema.order.size() << "Order fields,"
                               << org.schema.orderItem.size() << "OrderItem fields," << org.orderStatuses.size()
                               << "Order Status values";
                Q_EMIT orgSchemaLoaded(org);
            });
        });
    });
}

void SyncWorker::refreshOrgSchema()
{
    m_liveSchema.reset();
    m_orgSchema.reset();
    m_statusPicklist.clear();
    if (m_salesforce)
        m_salesforce->clearDescribeCache();
    loadOrgSchema();
}

void SyncWorker::previewOrder(const QString &incrementId)
{
    auto answer = [this, incrementId](const Error &error) {
        OrderPreview preview;
        preview.incrementId = incrementId;
        preview.status = SyncStatus::Error;
        preview.error = error;
        Q_EMIT orderPreviewed(preview);
    };
    if (auto problem = ensureStarted()) {
        answer(*problem);
        return;
    }
    withSession([this, incrementId, answer](std::optional<Error> error) {
        if (error) {
            answer(*error);
            return;
        }
        const quint64 generation = m_generation;
        auto plan = [this, incrementId, answer, generation] {
            if (generation != m_generation) {
                answer(reconfiguredError());
                return;
            }
            m_magento->fetchOrdersByIncrementIds({incrementId}, this, [this, incrementId, answer, generation](Result<MagentoOrderPage> page) {
                if (generation != m_generation) {
                    answer(reconfiguredError());
                    return;
                }
                if (!page) {
                    answer(page.error());
                    return;
                }
                const auto found = std::find_if(page->orders.cbegin(), page->orders.cend(),
                                                [&](const MagentoOrder &o) { return o.incrementId == incrementId; });
                if (found == page->orders.cend()) {
                    answer(Error{u"magento.not_found"_s, tr("Magento has no order %1.").arg(incrementId),
                                 tr("Check the order number."), {}});
                    return;
                }
                auto config = loadConfig(SyncTrigger::OnDemand);
                if (!config) {
                    answer(config.error());
                    return;
                }
                config->dryRun = true;
                m_engine->syncBatch({found->json}, *config, [this, incrementId, answer](Result<BatchOutcome> outcome) {
                    if (!outcome) {
                        answer(outcome.error());
                        return;
                    }
                    if (outcome->orders.isEmpty()) {
                        answer(Error{u"sync.no_outcome"_s, tr("The planner gave no result for order %1.").arg(incrementId),
                                     tr("Run `orderbridge-cli sync --orders %1 --dry-run` to see why.").arg(incrementId), {}});
                        return;
                    }
                    const OrderOutcome &o = outcome->orders.first();
                    OrderPreview preview;
                    preview.incrementId = incrementId;
                    preview.status = o.status;
                    preview.reason = o.reason;
                    preview.error = o.error;
                    preview.records = buildPreviewRecords(o);
                    Q_EMIT orderPreviewed(preview);
                });
            });
        };
        if (!m_liveSchema && needsLiveSchema())
            describeThen([plan](const std::optional<Error> &) { plan(); });
        else
            plan();
    });
}

void SyncWorker::saveSettings(const QHash<QString, QString> &values)
{
    if (!m_config.database) {
        Q_EMIT settingsRejected(*ensureStarted());
        return;
    }
    const SettingsRepository repository(m_config.database);
    auto before = repository.load();
    if (!before) {
        Q_EMIT settingsRejected(before.error());
        return;
    }
    // Each value is parsed as its option requires, then the whole result is validated at once, so the
    // order of the keys never matters (e.g. statuses listed while sync_all_orders is switched off).
    QHash<QString, QVariant> candidate = before->values();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const SettingOption *option = SettingsCatalog::find(it.key());
        if (!option) {
            Q_EMIT settingsRejected(Settings::unknownKeyError(it.key()));
            return;
        }
        auto parsed = option->parse(it.value());
        if (!parsed) {
            Error error = parsed.error();
            if (!error.fields.contains(it.key()))
                error.fields.prepend(it.key());
            Q_EMIT settingsRejected(error);
            return;
        }
        auto valid = option->validate(*parsed);
        if (!valid) {
            Error error = valid.error();
            if (!error.fields.contains(it.key()))
                error.fields.prepend(it.key());
            Q_EMIT settingsRejected(error);
            return;
        }
        candidate.insert(it.key(), *valid);
    }
    auto after = Settings::fromValues(candidate);
    if (!after) {
        Q_EMIT settingsRejected(after.error());
        return;
    }
    // Default Status must be a Draft value of the org's picklist, when the org was read.
    if (m_orgSchema && !m_orgSchema->orderStatuses.isEmpty()) {
        const QList<OrderStatusValue> draft = m_orgSchema->draftStatuses();
        const bool known = std::any_of(draft.cbegin(), draft.cend(), [&](const OrderStatusValue &v) {
            return v.value == after->defaultStatus();
        });
        if (!known) {
            QStringList names;
            for (const OrderStatusValue &v : draft)
                names << v.value;
            Q_EMIT settingsRejected(Error{u"settings.invalid_value"_s,
                                          tr("Default Status \"%1\" is not a Draft value of the org's Order Status "
                                             "picklist.").arg(after->defaultStatus()),
                                          tr("Choose one of: %1.").arg(names.join(u", "_s)),
                                          {u"orders.default_status"_s}});
            return;
        }
    }
    if (auto saved = repository.save(*after); !saved) {
        Q_EMIT settingsRejected(saved.error());
        return;
    }
    static const QStringList eligibilityKeys{u"advanced.create_order"_s, u"orders.zero_grand_total"_s,
                                             u"orders.sync_all_orders"_s, u"orders.order_statuses"_s,
                                             u"orders.automated_synchronization"_s};
    QStringList changed;
    for (const QString &key : eligibilityKeys) {
        if (before->value(key) != after->value(key))
            changed << key;
    }
    qCInfo(lcSettings) << "settings saved from the console";
    if (!changed.isEmpty()) {
        auto requeued = requeueForNewRules(changed);
        if (!requeued) {
            qCWarning(lcSync) << "could not queue Out of Sync and Skipped orders again:" << requeued.error().message;
        }
    }
    Q_EMIT settingsSaved();
}

Result<int> SyncWorker::requeueForNewRules(const QStringList &changedKeys) const
{
    return SyncQueueRepository(m_config.database).requeueForNewRules(changedKeys);
}

void SyncWorker::saveMappings(MappingEntity entity, const FieldMappingList &mappings)
{
    const auto reject = [this, entity](const Error &error) { Q_EMIT mappingsRejected(entity, error); };
    if (!m_config.database) {
        reject(*ensureStarted());
        return;
    }
    MappingEditor repository(m_config.database);
    if (auto r = repository.ensureDefaults(); !r) {
        reject(r.error());
        return;
    }
    auto stored = repository.list();
    if (!stored) {
        reject(stored.error());
        return;
    }
    const QString where = mappingEntityLabel(entity);
    const auto rowError = [&](qsizetype row, const QString &code, const QString &message, const QString &hint) {
        const FieldMapping &m = mappings.at(row);
        return Error{code, tr("Row %1 (%2 → %3): %4").arg(row + 1).arg(m.magentoAttribute, m.salesforceField, message), hint,
                     {QString::number(row)}};
    };

    // The proposed whole set: the other entities as stored, this one as the editor holds it.
    FieldMappingList proposed;
    for (const FieldMapping &m : std::as_const(*stored)) {
        if (m.entity != entity)
            proposed << m;
    }
    const qsizetype first = proposed.size();
    QList<qint64> systemSeen;
    for (qsizetype row = 0; row < mappings.size(); ++row) {
        FieldMapping m = mappings.at(row);
        if (m.entity != entity) {
            reject(rowError(row, u"mapping.entity"_s, tr("the row belongs to %1, not %2.").arg(mappingEntityLabel(m.entity), where),
                            tr("Save it from its own tab.")));
            return;
        }
        m.magentoAttribute = m.magentoAttribute.trimmed();
        m.salesforceField = m.salesforceField.trimmed();
        m.position = int(row);
        // A row is a system mapping when it stands for a stored one; the flag is not the editor's to set.
        const auto before = std::find_if(stored->cbegin(), stored->cend(), [&](const FieldMapping &s) {
            if (!s.system || s.entity != entity)
                return false;
            if (m.id != 0)
                return s.id == m.id;
            return s.magentoAttribute == m.magentoAttribute
                && (entity == MappingEntity::OrderStatus || s.salesforceField == m.salesforceField);
        });
        if (before != stored->cend()) {
            m.id = before->id;
            m.system = true;
            if (auto issue = MappingValidator::checkSystemChange(*before, m)) {
                reject(rowError(row, issue->code, issue->message, tr("Only Enable and Default Value of a system mapping can change.")));
                return;
            }
            systemSeen << before->id;
        } else {
            if (m.system) {
                reject(rowError(row, u"mapping.system"_s, tr("OrderBridge has no such system mapping."),
                                tr("Add it as a custom mapping.")));
                return;
            }
            m.id = 0;
        }
        proposed << m;
    }
    for (const FieldMapping &s : std::as_const(*stored)) {
        if (s.system && s.entity == entity && !systemSeen.contains(s.id)) {
            reject(Error{u"mapping.system"_s, tr("%1 is a system mapping and cannot be removed.").arg(s.describe()),
                         s.isEssential() ? tr("The sync depends on it.") : tr("Disable it instead."), {}});
            return;
        }
    }
    for (qsizetype a = first; a < proposed.size(); ++a) {
        for (qsizetype b = first; b < a; ++b) {
            const FieldMapping &x = proposed.at(a);
            const FieldMapping &y = proposed.at(b);
            const bool sameRow = x.magentoAttribute == y.magentoAttribute
                && (entity == MappingEntity::OrderStatus || x.salesforceField == y.salesforceField);
            if (sameRow) {
                reject(rowError(a - first, u"mapping.duplicate"_s, tr("the same mapping as row %1.").arg(b - first + 1),
                                tr("Keep one of the two rows.")));
                return;
            }
        }
    }
    for (const MappingIssue &issue : MappingValidator::validate(proposed, currentSchema())) {
        if (!issue.isError())
            continue;
        if (issue.index >= first)
            reject(rowError(issue.index - first, issue.code, issue.message, tr("Fix the row, or remove it.")));
        else
            reject(Error{issue.code, issue.message, tr("Fix the mapping on its own tab first."), {}});
        return;
    }
    QList<MappingFile::Entry> entries;
    for (const FieldMapping &m : std::as_const(proposed))
        entries << MappingFile::Entry{m, 0, 0};
    auto replaced = repository.replaceAll(entries, currentSchema());
    if (!replaced) {
        reject(replaced.error());
        return;
    }
    qCInfo(lcMapping).noquote() << u"%1 mappings saved from the console: %2 rows"_s.arg(where).arg(mappings.size());
    Q_EMIT mappingsSaved(entity);
}

} // namespace OrderBridge
