#include "sync/syncworker.h"

#include "common/logging.h"
#include "magento/magentochangefeed.h"
#include "magento/magentoclient.h"
#include "mapping/mappingrepository.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "store/database.h"
#include "salesforce/soqlquery.h"
#include "store/settingsrepository.h"
#include "sync/syncstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString feedStatePath(const Database &db)
{
    return QFileInfo(db.filePath()).absolutePath() + u"/magento-feed.json"_s;
}

MagentoChangeFeedState loadFeedState(const Database &db)
{
    QFile f(feedStatePath(db));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return MagentoChangeFeedState::fromJson(QJsonDocument::fromJson(f.readAll()).object());
}

void saveFeedState(const Database &db, const MagentoChangeFeedState &state)
{
    QSaveFile f(feedStatePath(db));
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact));
    if (!f.commit())
        qCWarning(lcSync) << "could not save the Magento change feed position:" << f.errorString();
}

bool isLimitError(const Error &e)
{
    return e.code == u"REQUEST_LIMIT_EXCEEDED"_s;
}

} // namespace

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
}

SyncWorker::~SyncWorker() = default;

bool SyncWorker::ensureStarted()
{
    if (m_network)
        return true;
    // Created here, in the worker's thread, so their affinity is the worker's.
    m_network = new QNetworkAccessManager(this);
    m_magento = new MagentoClient(m_network, m_config.magento, m_config.magentoSecrets, {}, this);
    m_feed = new MagentoChangeFeed(m_magento, {}, loadFeedState(*m_config.database), this);
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
    if (auto r = m_store->recoverInterrupted(); !r) {
        Q_EMIT failed(r.error());
        return false;
    }
    return true;
}

Result<SyncEngine::Config> SyncWorker::loadConfig(SyncTrigger trigger) const
{
    SyncEngine::Config config;
    auto settings = SettingsRepository(m_config.database).load();
    if (!settings)
        return std::unexpected(settings.error());
    config.settings = *settings;
    MappingRepository mappings(m_config.database);
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
        Q_EMIT failed(Error{u"sync.busy"_s, u"A sync is already running."_s, u"Wait for it to finish."_s, {}});
        return;
    }
    if (!ensureStarted())
        return;
    m_busy = true;
    m_cancelled = false;
    m_summary = {};
    m_total = 0;
    m_done = 0;
    if (m_connected) {
        run();
        return;
    }
    m_salesforce->connectToOrg([this, run = std::move(run)](SalesforceResult<SalesforceSession> session) {
        if (!session) {
            m_busy = false;
            Q_EMIT failed(session.error().toError());
            return;
        }
        m_connected = true;
        Q_EMIT signedIn(session->instanceUrl);
        // The live describe costs two API calls: only asked for when a mapping writes a field the
        // built-in catalogue does not know (typically the org's own custom fields).
        const SalesforceSchema catalogue = SalesforceFieldCatalogue::schema();
        bool needDescribe = false;
        if (auto mappings = MappingRepository(m_config.database).list(); mappings) {
            for (const FieldMapping &m : *mappings) {
                if (!m.enabled || m.entity == MappingEntity::OrderStatus)
                    continue;
                if (!findSalesforceField(catalogue.fieldsFor(m.entity), m.salesforceField))
                    needDescribe = true;
            }
        }
        if (needDescribe)
            describeThen(run);
        else
            run();
    });
}

void SyncWorker::describeThen(std::function<void()> next)
{
    auto schema = std::make_shared<SalesforceSchema>(SalesforceFieldCatalogue::schema());
    auto remaining = std::make_shared<int>(2);
    for (const QString &object : {u"Order"_s, u"OrderItem"_s}) {
        m_salesforce->describe(object, [this, object, schema, remaining, next](SalesforceResult<SObjectDescribe> d) {
            if (d) {
                SalesforceFieldMap &fields = object == u"Order"_s ? schema->order : schema->orderItem;
                for (const FieldInfo &f : d->fields) {
                    SalesforceFieldInfo info;
                    info.name = f.name;
                    info.type = f.type;
                    info.length = f.length;
                    info.precision = f.precision;
                    info.scale = f.scale;
                    info.createable = f.createable;
                    info.updateable = f.updateable;
                    info.nillable = f.nillable;
                    info.externalId = f.externalId;
                    info.restrictedPicklist = f.restrictedPicklist;
                    for (const PicklistValue &v : f.picklistValues) {
                        if (v.active)
                            info.picklistValues << v.value;
                    }
                    fields.insert(f.name, info);
                }
            } else {
                // The built-in catalogue stands in; the sync still works for the standard fields.
                qCWarning(lcSync) << "describe of" << object << "failed:" << d.error().message;
            }
            if (--*remaining == 0) {
                m_liveSchema = *schema;
                next();
            }
        });
    }
}

void SyncWorker::pollOnce()
{
    connectThenRun([this] {
        auto config = loadConfig(SyncTrigger::Automatic);
        if (!config) {
            m_busy = false;
            Q_EMIT failed(config.error());
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
                saveFeedState(*m_config.database, m_feed->state());
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
                m_busy = false;
                Q_EMIT failed(page.error());
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
                m_busy = false;
                Q_EMIT failed(page.error());
                return;
            }
            auto config = loadConfig(SyncTrigger::OnDemand);
            if (!config) {
                m_busy = false;
                Q_EMIT failed(config.error());
                return;
            }
            config->dryRun = true;
            QList<QJsonObject> json;
            for (const MagentoOrder &o : page->orders)
                json << o.json;
            m_engine->syncBatch(json.mid(0, 200), *config, [this](Result<BatchOutcome> outcome) {
                if (!outcome) {
                    m_busy = false;
                    Q_EMIT failed(outcome.error());
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
    if (!ensureStarted())
        return;
    auto checks = std::make_shared<QList<ConnectionCheck>>();
    auto report = [this, checks] { Q_EMIT connectionTested(*checks); };
    m_magento->testConnection(this, [this, checks, report](Result<qint64> orders) {
        if (orders)
            *checks << ConnectionCheck{tr("Magento"), true, tr("Signed in; %n order(s) visible.", nullptr, int(*orders))};
        else
            *checks << ConnectionCheck{tr("Magento"), false, orders.error().toString()};
        m_salesforce->connectToOrg([this, checks, report](SalesforceResult<SalesforceSession> session) {
            if (!session) {
                *checks << ConnectionCheck{tr("Salesforce"), false, session.error().toError().toString()};
                report();
                return;
            }
            m_connected = true;
            Q_EMIT signedIn(session->instanceUrl);
            *checks << ConnectionCheck{tr("Salesforce"), true, tr("Signed in to %1.").arg(session->instanceUrl.toString())};
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
                        const FieldInfo *f = d->field(need.field);
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

void SyncWorker::enqueueAndDrain(const QList<QJsonObject> &orders, SyncTrigger trigger)
{
    auto queued = m_store->enqueue(orders, trigger);
    if (!queued) {
        m_busy = false;
        Q_EMIT failed(queued.error());
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
        m_busy = false;
        Q_EMIT failed(config.error());
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
        m_busy = false;
        Q_EMIT failed(items.error());
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
            m_busy = false;
            Q_EMIT failed(r.error());
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
    m_busy = false;
    m_summary.stoppedBecause = stoppedBecause;
    Q_EMIT finished(m_summary);
}

} // namespace OrderBridge
