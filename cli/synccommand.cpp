#include "synccommand.h"

#include "liveschemareader.h"
#include "mappingcommand.h"
#include "stopsignal.h"
#include "credentials/credentialkey.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/recordgraphbuilder.h"
#include "salesforce/salesforceclient.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncstore.h"
#include "sync/workerconfigloader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString kDefaultProfile = u"default"_s;

// Secret names of the connect JSON (what the user types) and of the credential store.
const QList<std::pair<QString, QString>> kMagentoSecrets{
    {u"token"_s, u"magento.token"_s},
    {u"admin_username"_s, u"magento.admin_username"_s},
    {u"admin_password"_s, u"magento.admin_password"_s},
    {u"consumer_key"_s, u"magento.oauth.consumer_key"_s},
    {u"consumer_secret"_s, u"magento.oauth.consumer_secret"_s},
    {u"access_token"_s, u"magento.oauth.access_token"_s},
    {u"access_token_secret"_s, u"magento.oauth.access_token_secret"_s},
};
const QList<std::pair<QString, QString>> kSalesforceSecrets{
    {u"client_secret"_s, u"salesforce.client_secret"_s},
    {u"password"_s, u"salesforce.password"_s},
    {u"private_key"_s, u"salesforce.private_key"_s},
    {u"refresh_token"_s, u"salesforce.refresh_token"_s},
};

/// Reads the value of `--name VALUE` or `--name=VALUE`; removes it from args.
std::optional<QString> takeOption(QStringList &args, const QString &name)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == name && i + 1 < args.size()) {
            const QString v = args.at(i + 1);
            args.remove(i, 2);
            return v;
        }
        if (args.at(i).startsWith(name + u'=')) {
            const QString v = args.at(i).mid(name.size() + 1);
            args.remove(i);
            return v;
        }
    }
    return std::nullopt;
}

bool takeFlag(QStringList &args, const QString &name)
{
    return args.removeAll(name) > 0;
}

QString magentoModeForProfile(const QString &cli)
{
    if (cli == u"token"_s)
        return u"integration_bearer"_s;
    if (cli == u"admin"_s)
        return u"admin_token"_s;
    return u"oauth1"_s;
}

QString salesforceFlowForProfile(const QString &cli)
{
    if (cli == u"password"_s)
        return u"username_password"_s;
    if (cli == u"jwt"_s)
        return u"jwt_bearer"_s;
    return u"web_server"_s;
}

} // namespace

SyncCommand::SyncCommand(const CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

SyncCommand::~SyncCommand()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

QString SyncCommand::usageText()
{
    return u"  connect magento --url URL --auth token|admin|oauth1 [--store-code CODE] [--profile NAME]\n"
           u"  connect salesforce --login-url URL --client-id ID --flow browser|password|jwt [--username NAME]\n"
           u"                              secrets come as one JSON object on standard input or from\n"
           u"                              --secrets-file FILE (mode 0600), and go to the keychain\n"
           u"  sync [--once] [--orders INCREMENT_ID,...] [--dry-run] [--json] [--secrets-file FILE]\n"
           u"  sync --watch [--json]       poll Magento every engine.polling_interval_seconds until stopped\n"
           u"  retry [--errors] [--json] [--secrets-file FILE]   queue failed orders again and sync them\n"
           u"  test-connection [--secrets-file FILE]   check both connections, the fields and the price book\n"
           u"  status [--order INCREMENT_ID] [--json]\n"_s;
}

void SyncCommand::finish(int code)
{
    m_context.out.flush();
    m_context.err.flush();
    if (auto done = std::exchange(m_done, nullptr))
        done(code);
}

void SyncCommand::start(const QString &command, const QStringList &args, std::function<void(int)> done)
{
    m_done = std::move(done);
    QStringList rest = args;
    m_secretsFile = takeOption(rest, u"--secrets-file"_s).value_or(QString());
    if (command == u"connect"_s)
        connectCommand(rest);
    else if (command == u"sync"_s)
        syncCommand(rest, false);
    else if (command == u"retry"_s)
        syncCommand(rest, true);
    else if (command == u"test-connection"_s)
        testConnectionCommand(rest);
    else if (command == u"mapping"_s)
        mappingAddCommand(rest.mid(1));
    else
        finish(int(statusCommand(rest)));
}

void SyncCommand::connectCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    const QString target = args.isEmpty() ? QString() : args.takeFirst();
    const QString profileName = takeOption(args, u"--profile"_s).value_or(kDefaultProfile);
    auto db = m_context.openDatabase();
    if (!db) {
        finish(int(m_context.report(db.error())));
        return;
    }
    ConnectionProfileRepository profiles(*db);
    auto existing = profiles.findByName(profileName);
    if (!existing) {
        finish(int(m_context.report(existing.error())));
        return;
    }
    ConnectionProfile profile = existing->value_or(ConnectionProfile{});
    profile.name = profileName;
    profile.active = true;

    QList<std::pair<QString, QString>> secretNames;
    if (target == u"magento"_s) {
        const auto url = takeOption(args, u"--url"_s);
        const auto auth = takeOption(args, u"--auth"_s).value_or(u"token"_s);
        if (!url || !QUrl(*url).isValid() || QUrl(*url).scheme().isEmpty()) {
            finish(int(m_context.usage(u"connect magento needs --url with the store's base URL."_s, usageText())));
            return;
        }
        if (auth != u"token"_s && auth != u"admin"_s && auth != u"oauth1"_s) {
            finish(int(m_context.usage(u"--auth takes token, admin or oauth1, not \"%1\"."_s.arg(auth), usageText())));
            return;
        }
        profile.magentoBaseUrl = *url;
        profile.magentoAuthMode = magentoModeForProfile(auth);
        profile.magentoStoreCode = takeOption(args, u"--store-code"_s).value_or(profile.magentoStoreCode);
        secretNames = kMagentoSecrets;
    } else if (target == u"salesforce"_s) {
        const auto login = takeOption(args, u"--login-url"_s);
        const auto client = takeOption(args, u"--client-id"_s);
        const auto flow = takeOption(args, u"--flow"_s).value_or(u"browser"_s);
        if (!login || !client || client->isEmpty()) {
            finish(int(m_context.usage(u"connect salesforce needs --login-url and --client-id."_s, usageText())));
            return;
        }
        if (flow != u"browser"_s && flow != u"password"_s && flow != u"jwt"_s) {
            finish(int(m_context.usage(u"--flow takes browser, password or jwt, not \"%1\"."_s.arg(flow), usageText())));
            return;
        }
        profile.salesforceLoginUrl = *login;
        profile.salesforceClientId = *client;
        profile.salesforceFlow = salesforceFlowForProfile(flow);
        profile.salesforceUsername = takeOption(args, u"--username"_s).value_or(profile.salesforceUsername);
        secretNames = kSalesforceSecrets;
    } else {
        finish(int(m_context.usage(u"connect takes magento or salesforce."_s, usageText())));
        return;
    }
    if (!args.isEmpty()) {
        finish(int(m_context.usage(u"Unexpected argument \"%1\"."_s.arg(args.first()), usageText())));
        return;
    }

    // Secrets: one JSON object from the named file (mode 0600) or from standard input.
    QByteArray json;
    if (!m_secretsFile.isEmpty()) {
        QFile f(m_secretsFile);
        if (!f.open(QIODevice::ReadOnly)) {
            finish(int(m_context.report(Error{u"cli.secrets_unreadable"_s,
                                              u"Cannot read %1: %2."_s.arg(m_secretsFile, f.errorString()),
                                              u"Check the path."_s, {}})));
            return;
        }
        if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                               | QFileDevice::WriteOther)) {
            finish(int(m_context.report(Error{u"cli.secrets_file_mode"_s,
                                              u"%1 can be read by other users."_s.arg(m_secretsFile),
                                              u"Run: chmod 600 %1"_s.arg(m_secretsFile), {}})));
            return;
        }
        json = f.readAll();
    } else {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            json = in.readAll();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        finish(int(m_context.usage(u"The secrets must be one JSON object (from standard input or --secrets-file): %1."_s.arg(
                                       parseError.errorString()),
                                   usageText())));
        return;
    }
    QJsonObject secrets = doc.object();
    if (const QString keyFile = secrets.value(u"private_key_file"_s).toString(); !keyFile.isEmpty()) {
        QFile key(keyFile);
        if (!key.open(QIODevice::ReadOnly)) {
            finish(int(m_context.report(Error{u"cli.private_key_unreadable"_s,
                                              u"Cannot read the private key %1: %2."_s.arg(keyFile, key.errorString()),
                                              u"Give the path of the PEM key of the connected app's certificate."_s, {}})));
            return;
        }
        secrets.insert(u"private_key"_s, QString::fromUtf8(key.readAll()));
    }

    auto saved = profiles.save(profile);
    if (!saved) {
        finish(int(m_context.report(saved.error())));
        return;
    }
    auto store = createCredentialStore(QString(), this);
    if (!store) {
        finish(int(m_context.report(store.error())));
        return;
    }
    m_credentials = std::move(*store);
    auto remaining = std::make_shared<int>(0);
    auto failed = std::make_shared<bool>(false);
    for (const auto &[jsonName, secretName] : secretNames) {
        const QString value = secrets.value(jsonName).toString();
        if (value.isEmpty())
            continue;
        ++*remaining;
        m_credentials->write(profileName, secretName, value, this,
                             [this, remaining, failed](const CredentialResult &r) {
                                 if (!r.ok() && !*failed) {
                                     *failed = true;
                                     m_context.report(*r.error);
                                 }
                                 if (--*remaining == 0)
                                     finish(*failed ? int(ExitCode::Failure) : int(ExitCode::Success));
                             });
    }
    if (*remaining == 0) {
        m_context.out << u"Saved the connection; no secrets were given.\n"_s;
        finish(int(ExitCode::Success));
    }
}

void SyncCommand::mappingAddCommand(const QStringList &args)
{
    auto command = std::make_shared<MappingCommand>(m_context);
    ExitCode failure = ExitCode::Usage;
    const std::optional<FieldMapping> mapping = command->parseAdd(args, &failure);
    if (!mapping) {
        finish(int(failure));
        return;
    }
    auto db = m_context.openDatabase();
    if (!db) {
        finish(int(m_context.report(db.error())));
        return;
    }
    const auto catalogueOnly = [this, command, mapping](const QString &why) {
        if (!why.isEmpty()) {
            m_context.err << u"orderbridge-cli: notice: the fields of the Salesforce org could not be read (%1); "
                             u"%2 was checked against the built-in field catalogue only.\n"_s.arg(why, mapping->salesforceField)
                          << Qt::flush;
        }
        finish(int(command->addWith(*mapping, SalesforceFieldCatalogue::schema())));
    };
    auto store = createCredentialStore(m_secretsFile, this);
    if (!store) {
        catalogueOnly(store.error().message);
        return;
    }
    m_credentials = std::move(*store);
    auto *loader = new WorkerConfigLoader(*db, m_credentials.get(), this);
    loader->load([this, loader, command, mapping, catalogueOnly](Result<SyncWorkerConfig> config, const QString &) {
        loader->deleteLater();
        if (!config) {
            // No connection set up: the catalogue is all there is, nothing to tell.
            catalogueOnly(config.error().code == u"sync.not_connected"_s ? QString() : config.error().message);
            return;
        }
        if (config->salesforce.clientId.isEmpty()) {
            catalogueOnly(QString()); // only Magento is set up
            return;
        }
        if (config->salesforce.flow == SalesforceAuthConfig::Flow::Browser && config->salesforce.refreshToken.isEmpty()) {
            catalogueOnly(u"the browser sign-in has not been completed yet: run orderbridge-cli test-connection"_s);
            return;
        }
        m_schemaReader = new LiveSchemaReader(config->salesforce, this);
        m_schemaReader->read(mapping->entity, [this, command, mapping, catalogueOnly](Result<SalesforceSchema> schema) {
            if (!schema) {
                catalogueOnly(schema.error().message);
                return;
            }
            finish(int(command->addWith(*mapping, *schema)));
        });
    });
}

void SyncCommand::syncCommand(const QStringList &argsIn, bool retryErrors)
{
    QStringList args = argsIn;
    const bool json = takeFlag(args, u"--json"_s);
    const bool dryRun = takeFlag(args, u"--dry-run"_s);
    takeFlag(args, u"--once"_s);
    takeFlag(args, u"--errors"_s);
    const bool watch = takeFlag(args, u"--watch"_s);
    QStringList orders;
    if (auto list = takeOption(args, u"--orders"_s))
        orders = list->split(u',', Qt::SkipEmptyParts);
    if (!args.isEmpty()) {
        finish(int(m_context.usage(u"Unexpected argument \"%1\"."_s.arg(args.first()), usageText())));
        return;
    }
    if (watch && (dryRun || !orders.isEmpty())) {
        finish(int(m_context.usage(u"--watch polls for changes; it does not take --orders or --dry-run."_s, usageText())));
        return;
    }
    if (dryRun && orders.isEmpty()) {
        finish(int(m_context.usage(u"--dry-run needs --orders."_s, usageText())));
        return;
    }
    auto db = m_context.openDatabase();
    if (!db) {
        finish(int(m_context.report(db.error())));
        return;
    }
    if (retryErrors) {
        auto n = SyncStore(*db).requeueErrors(QDateTime::currentDateTimeUtc());
        if (!n) {
            finish(int(m_context.report(n.error())));
            return;
        }
        if (!json)
            m_context.out << u"Queued %1 order(s) in Error again.\n"_s.arg(*n);
    }
    int watchSeconds = 0;
    if (watch) {
        auto settings = SettingsRepository(*db).load();
        watchSeconds = settings ? settings->pollingIntervalSeconds() : 60;
    }
    withWorkerConfig([this, orders, dryRun, json, watchSeconds](SyncWorkerConfig config) {
        runWorker(config, orders, dryRun, json, watchSeconds);
    });
}

void SyncCommand::withWorkerConfig(std::function<void(SyncWorkerConfig)> next)
{
    auto db = m_context.openDatabase();
    if (!db) {
        finish(int(m_context.report(db.error())));
        return;
    }
    auto store = createCredentialStore(m_secretsFile, this);
    if (!store) {
        finish(int(m_context.report(store.error())));
        return;
    }
    m_credentials = std::move(*store);
    auto *loader = new WorkerConfigLoader(*db, m_credentials.get(), this);
    loader->load([this, loader, next](Result<SyncWorkerConfig> config, const QString &profile) {
        loader->deleteLater();
        if (!config) {
            finish(int(m_context.report(config.error())));
            return;
        }
        m_profileName = profile;
        next(*config);
    });
}

void SyncCommand::startWorker(const SyncWorkerConfig &config)
{
    m_thread = new QThread(this);
    m_thread->setObjectName(u"sync-worker"_s);
    m_worker = new SyncWorker(config);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncWorker::failed, this, [this](const Error &e) { finish(int(m_context.report(e))); });
    connect(m_worker, &SyncWorker::authorizeUrlReady, this, [this](const QUrl &url) {
        m_context.err << u"Open this address in a browser to sign in to Salesforce:\n  "_s
                      << url.toString(QUrl::FullyEncoded) << u'\n' << Qt::flush;
    });
    const QString profile = m_profileName;
    connect(m_worker, &SyncWorker::refreshTokenIssued, this, [this, profile](const QString &token) {
        if (m_credentials)
            m_credentials->write(profile, u"salesforce.refresh_token"_s, token);
    });
    m_thread->start();
}

void SyncCommand::testConnectionCommand(const QStringList &args)
{
    if (!args.isEmpty()) {
        finish(int(m_context.usage(u"Unexpected argument \"%1\"."_s.arg(args.first()), usageText())));
        return;
    }
    withWorkerConfig([this](SyncWorkerConfig config) {
        startWorker(config);
        connect(m_worker, &SyncWorker::connectionTested, this, [this](const QList<ConnectionCheck> &checks) {
            bool all = true;
            for (const ConnectionCheck &c : checks) {
                m_context.out << (c.ok ? u"ok    "_s : u"FAIL  "_s) << c.name << u": "_s << c.detail << u'\n';
                all = all && c.ok;
            }
            finish(all ? int(ExitCode::Success) : int(ExitCode::Failure));
        });
        QMetaObject::invokeMethod(m_worker, "testConnection", Qt::QueuedConnection);
    });
}

void SyncCommand::runWorker(const SyncWorkerConfig &config, const QStringList &orders, bool dryRun, bool json,
                            int watchSeconds)
{
    startWorker(config);
    connect(m_worker, &SyncWorker::batchFinished, this, [this, json, dryRun](const QList<OrderOutcome> &outcomes) {
        for (const OrderOutcome &o : outcomes)
            printOutcome(o, json, dryRun);
    });
    connect(m_worker, &SyncWorker::progress, this, [this, json](int done, int total) {
        if (!json)
            m_context.err << u"synced %1 of %2\n"_s.arg(done).arg(total) << Qt::flush;
    });
    connect(m_worker, &SyncWorker::finished, this, [this, json, watchSeconds](const SyncRunSummary &s) {
        if (json) {
            m_context.out << QString::fromUtf8(QJsonDocument(QJsonObject{{u"summary"_s,
                                                                          QJsonObject{{u"in_sync"_s, s.inSync},
                                                                                      {u"out_of_sync"_s, s.outOfSync},
                                                                                      {u"skipped"_s, s.skipped},
                                                                                      {u"errors"_s, s.errors},
                                                                                      {u"api_calls"_s, s.apiCalls},
                                                                                      {u"stopped"_s, s.stoppedBecause}}}})
                                                   .toJson(QJsonDocument::Compact))
                          << u'\n' << Qt::flush;
        } else {
            m_context.out << u"In Sync %1, Out of Sync %2, Skipped %3, Error %4; %5 Salesforce API call(s).\n"_s.arg(s.inSync)
                                 .arg(s.outOfSync)
                                 .arg(s.skipped)
                                 .arg(s.errors)
                                 .arg(s.apiCalls);
            if (!s.stoppedBecause.isEmpty())
                m_context.out << u"Stopped: %1.\n"_s.arg(s.stoppedBecause);
            m_context.out << Qt::flush;
        }
        m_polling = false;
        if (m_stopping) {
            // Stopped by SIGTERM/SIGINT: the batch in flight was finished and recorded.
            finish(int(ExitCode::Success));
            return;
        }
        if (watchSeconds > 0) {
            // Watching: the next poll after the interval.
            m_pollTimer->start(std::chrono::seconds(watchSeconds));
            return;
        }
        finish(m_errors > 0 || s.errors > 0 || !s.stoppedBecause.isEmpty() ? int(ExitCode::Failure) : int(ExitCode::Success));
    });
    if (watchSeconds > 0) {
        m_pollTimer = new QTimer(this);
        m_pollTimer->setSingleShot(true);
        connect(m_pollTimer, &QTimer::timeout, this, [this] {
            m_polling = true;
            QMetaObject::invokeMethod(m_worker, "pollOnce", Qt::QueuedConnection);
        });
        m_stopSignal = new StopSignal(this);
        connect(m_stopSignal, &StopSignal::stopRequested, this, &SyncCommand::stopWatching);
    }
    m_polling = true;
    if (dryRun)
        QMetaObject::invokeMethod(m_worker, "dryRun", Qt::QueuedConnection, Q_ARG(QStringList, orders));
    else if (!orders.isEmpty())
        QMetaObject::invokeMethod(m_worker, "syncOrders", Qt::QueuedConnection, Q_ARG(QStringList, orders));
    else
        QMetaObject::invokeMethod(m_worker, "pollOnce", Qt::QueuedConnection);
}

void SyncCommand::stopWatching()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (!m_polling) {
        // Between polls: nothing is in flight.
        m_pollTimer->stop();
        finish(int(ExitCode::Success));
        return;
    }
    // A poll is running: let it finish the batch in flight (its graph and its record), then stop.
    QMetaObject::invokeMethod(m_worker, "cancel", Qt::QueuedConnection);
}

void SyncCommand::printOutcome(const OrderOutcome &o, bool json, bool dryRun)
{
    if (o.status == SyncStatus::Error)
        ++m_errors;
    if (json) {
        QJsonObject line{{u"increment_id"_s, o.incrementId},
                         {u"sync_status"_s, syncStatusDbName(o.status)},
                         {u"salesforce_order_id"_s, o.orderId},
                         {u"reason"_s, o.status == SyncStatus::Error ? o.error.toString() : o.reason}};
        if (o.status == SyncStatus::Error)
            line.insert(u"error_code"_s, o.error.code);
        if (dryRun)
            line.insert(u"would_send"_s, RecordGraphBuilder::graphJson(o.plannedWrites, SalesforceClient::DefaultApiVersion.toString()));
        m_context.out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << u'\n' << Qt::flush;
        return;
    }
    QString text = u"%1  %2"_s.arg(o.incrementId, -12).arg(syncStatusDbName(o.status), -12);
    if (!o.orderId.isEmpty())
        text += u"  "_s + o.orderId;
    if (o.status == SyncStatus::Error)
        text += u"  "_s + o.error.code + u": "_s + o.error.toString();
    else if (!o.reason.isEmpty())
        text += u"  "_s + o.reason;
    m_context.out << text << u'\n';
    if (dryRun && !o.plannedWrites.isEmpty()) {
        const QJsonObject graph = RecordGraphBuilder::graphJson(o.plannedWrites, SalesforceClient::DefaultApiVersion.toString());
        m_context.out << QString::fromUtf8(QJsonDocument(graph).toJson(QJsonDocument::Indented));
    }
    m_context.out << Qt::flush;
}

ExitCode SyncCommand::statusCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    const bool json = takeFlag(args, u"--json"_s);
    const auto order = takeOption(args, u"--order"_s);
    if (!args.isEmpty())
        return m_context.usage(u"Unexpected argument \"%1\"."_s.arg(args.first()), usageText());
    auto db = m_context.openDatabase();
    if (!db)
        return m_context.report(db.error());
    OrdersRepository repo(*db);
    OrderQuery query;
    query.sortBy = OrderQuery::SortColumn::IncrementId;
    query.descending = false;
    query.limit = 1000000;
    if (order)
        query.search = *order;
    auto rows = repo.page(query);
    if (!rows)
        return m_context.report(rows.error());
    QJsonArray array;
    for (const OrderRecord &r : *rows) {
        if (order && r.incrementId != *order)
            continue;
        const QString reason = r.syncStatus == SyncStatus::Error ? r.lastErrorMessage + (r.reason.isEmpty() ? QString() : u" "_s + r.reason)
                                                                 : r.reason;
        if (json) {
            array.append(QJsonObject{{u"increment_id"_s, r.incrementId},
                                     {u"sync_status"_s, syncStatusDbName(r.syncStatus)},
                                     {u"salesforce_order_id"_s, r.salesforceOrderId.isEmpty() ? QJsonValue() : QJsonValue(r.salesforceOrderId)},
                                     {u"reason"_s, reason},
                                     {u"attempts"_s, r.attempts},
                                     {u"error_code"_s, r.lastErrorCode},
                                     {u"next_retry_at"_s, r.nextRetryAt.isValid() ? r.nextRetryAt.toString(Qt::ISODate) : QString()}});
        } else {
            m_context.out << u"%1  %2  %3  %4\n"_s.arg(r.incrementId, -12)
                                 .arg(syncStatusDbName(r.syncStatus), -12)
                                 .arg(r.salesforceOrderId, -18)
                                 .arg(reason);
        }
    }
    if (order && array.isEmpty() && json)
        return m_context.report(Error{u"cli.order_unknown"_s, u"Order %1 is not in the local store."_s.arg(*order),
                                      u"Run `orderbridge-cli sync --orders %1` first."_s.arg(*order), {}});
    if (json)
        m_context.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << u'\n';
    return ExitCode::Success;
}

} // namespace OrderBridge
