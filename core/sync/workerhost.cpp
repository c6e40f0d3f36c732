#include "sync/workerhost.h"

#include "common/logging.h"
#include "common/tsanhandoff.h"
#include "credentials/credentialstore.h"
#include "store/database.h"
#include "store/datafolderlock.h"
#include "sync/syncworker.h"
#include "sync/workerconfigloader.h"

#include <QFileInfo>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

WorkerHost::WorkerHost(std::shared_ptr<Database> database, std::unique_ptr<CredentialStore> credentials, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_credentials(std::move(credentials))
    , m_thread(new QThread(this))
{
    m_thread->setObjectName(u"sync-worker"_s);
    // The worker exists from the start, configured or not, so every request can be queued at once;
    // requests made before start() run when its thread starts.
    SyncWorkerConfig empty;
    empty.database = m_database;
    m_worker = new SyncWorker(empty);
    m_requests = new CallInbox(m_worker); // moves with the worker, is deleted with it
    m_replies = new CallInbox(this);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // On the worker's thread, after its loop stopped and before the worker is deleted: see ~WorkerHost().
    connect(
        m_thread, &QThread::finished, m_thread, [thread = m_thread] { tsanAcquire(thread); }, Qt::DirectConnection);
    connect(m_worker, &SyncWorker::refreshTokenIssued, this, &WorkerHost::storeRefreshToken);
    connect(m_worker, &SyncWorker::refreshTokenRefused, this, &WorkerHost::dropRefreshToken);
}

WorkerHost::~WorkerHost()
{
    if (m_thread->isRunning()) {
        // What this thread did with the worker (disconnecting from its signals reads it) comes before
        // the worker's deletion on its own thread; quit() orders that inside Qt, unseen by TSan.
        tsanRelease(m_thread);
        m_thread->quit();
        m_thread->wait();
    } else {
        delete m_worker; // never started: it has no thread to be deleted on
    }
}

SyncWorker *WorkerHost::worker() const
{
    return m_worker;
}

std::optional<Error> WorkerHost::lockDataFolder()
{
    if (m_lock || !m_database)
        return std::nullopt;
    auto lock = DataFolderLock::acquire(QFileInfo(m_database->filePath()).absolutePath());
    if (!lock)
        return lock.error();
    m_lock = std::move(*lock);
    return std::nullopt;
}

void WorkerHost::start(Connection connection)
{
    if (m_thread->isRunning())
        return;
    if (auto locked = lockDataFolder()) {
        // Another process syncs this folder: this one may look, not write. The worker learns it
        // before its thread runs, so no request slips through.
        m_readOnly = *locked;
        m_worker->setReadOnly(*locked);
        qCWarning(lcSync).noquote() << "read-only:" << locked->toString();
    }
    m_thread->start();
    if (connection == Connection::None)
        return;
    // From the event loop, so configured() and configProblem() always come after start() returned.
    QMetaObject::invokeMethod(
        this,
        [this] {
            reload();
        },
        Qt::QueuedConnection);
}

void WorkerHost::reload()
{
    loadConfig([this](std::optional<Error> error) {
        if (error)
            Q_EMIT configProblem(*error);
    });
}

void WorkerHost::post(std::function<void(SyncWorker *)> call)
{
    SyncWorker *worker = m_worker;
    if (!worker)
        return;
    // Through the worker's inbox, not invokeMethod: see CallInbox.
    m_requests->post([worker, call = std::move(call)] { call(worker); });
}

void WorkerHost::run(const RunRequest &request, QObject *context, Done<RunResult> done)
{
    post([request, reply = replyTo(context, std::move(done))](SyncWorker *worker) { worker->run(request, reply); });
}

void WorkerHost::cancel()
{
    post([](SyncWorker *worker) { worker->cancel(); });
}

void WorkerHost::testConnection(QObject *context, Done<QList<ConnectionCheck>> done)
{
    post([reply = replyTo(context, std::move(done))](SyncWorker *worker) { worker->testConnection(reply); });
}

void WorkerHost::setupSalesforce(bool dryRun, QObject *context, Done<Result<OrgSetupReport>> done)
{
    post([dryRun, reply = replyTo(context, std::move(done))](SyncWorker *worker) {
        worker->setupSalesforce(dryRun, reply);
    });
}

void WorkerHost::readOrgSchema(QObject *context, Done<Result<OrgSchema>> done)
{
    post([reply = replyTo(context, std::move(done))](SyncWorker *worker) { worker->readOrgSchema(reply); });
}

void WorkerHost::refreshOrgSchema(QObject *context, Done<Result<OrgSchema>> done)
{
    post([reply = replyTo(context, std::move(done))](SyncWorker *worker) { worker->refreshOrgSchema(reply); });
}

void WorkerHost::previewOrder(const QString &incrementId, QObject *context, Done<OrderPreview> done)
{
    post([incrementId, reply = replyTo(context, std::move(done))](SyncWorker *worker) {
        worker->previewOrder(incrementId, reply);
    });
}

void WorkerHost::saveSettings(const QHash<QString, QString> &values, QObject *context,
                              Done<Result<SettingsUpdate::Outcome>> done)
{
    post([values, reply = replyTo(context, std::move(done))](SyncWorker *worker) { worker->saveSettings(values, reply); });
}

void WorkerHost::saveMappings(MappingEntity entity, const FieldMappingList &mappings, QObject *context, Done<Result<void>> done)
{
    post([entity, mappings, reply = replyTo(context, std::move(done))](SyncWorker *worker) {
        worker->saveMappings(entity, mappings, reply);
    });
}

void WorkerHost::saveConnectionProfile(const ConnectionProfile &profile, QObject *context,
                                       Done<Result<ConnectionProfile>> done)
{
    post([profile, reply = replyTo(context, std::move(done))](SyncWorker *worker) {
        worker->saveConnectionProfile(profile, reply);
    });
}

void WorkerHost::reconfigure(const SyncWorkerConfig &config)
{
    post([config](SyncWorker *worker) { worker->reconfigure(config); });
}

void WorkerHost::loadConfig(std::function<void(std::optional<Error>)> done)
{
    if (!m_credentials) {
        done(Error{u"credentials.unavailable"_s, tr("No credential store is available for the connection secrets."),
                   tr("Unlock or install the system keychain (Secret Service), or start OrderBridge with "
                      "ORDERBRIDGE_SECRETS set."),
                   {}});
        return;
    }
    auto *loader = new WorkerConfigLoader(m_database, m_credentials.get(), this);
    loader->load([this, loader, done = std::move(done)](Result<SyncWorkerConfig> config, const QString &profile) {
        loader->deleteLater();
        if (!config) {
            qCWarning(lcSync) << "no worker configuration:" << config.error().message;
            // The console's own words for "nothing set up yet": where in the console to set it up.
            done(config.error().kind == ErrorKind::NotConfigured ? OrgSession::notConfiguredError() : config.error());
            return;
        }
        if (!config->isConfigured()) {
            done(Error{u"sync.not_configured"_s,
                       tr("The connection \"%1\" lacks the Magento or Salesforce address.").arg(profile),
                       OrgSession::notConfiguredError().hint, {}, ErrorKind::NotConfigured});
            return;
        }
        m_profileName = profile;
        reconfigure(*config);
        Q_EMIT configured(profile);
        done(std::nullopt);
    });
}

void WorkerHost::applyConnection(const ConnectionProfile &profile, const QHash<QString, QString> &secrets)
{
    if (m_applying) {
        Q_EMIT connectionFailed(Error{u"sync.busy"_s, tr("A connection is being applied already."),
                                      tr("Wait for it to finish, then apply again."), {}, ErrorKind::Busy});
        return;
    }
    m_applying = true;
    // The profile is validated and stored first, so an invalid form never touches the keychain.
    saveConnectionProfile(profile, this, [this, secrets](const Result<ConnectionProfile> &saved) {
        if (!saved) {
            m_applying = false;
            Q_EMIT connectionFailed(saved.error());
            return;
        }
        writeSecrets(saved->name, secrets, [this, saved = *saved](std::optional<Error> error) {
            if (error) {
                m_applying = false;
                Q_EMIT connectionFailed(*error);
                return;
            }
            loadConfig([this, saved](std::optional<Error> error) {
                m_applying = false;
                if (error) {
                    Q_EMIT connectionFailed(*error);
                    return;
                }
                qCInfo(lcSync) << "connection" << saved.name << "applied";
                Q_EMIT connectionApplied(saved);
            });
        });
    });
}

void WorkerHost::writeSecrets(const QString &profile, const QHash<QString, QString> &secrets,
                              std::function<void(std::optional<Error>)> done)
{
    if (secrets.isEmpty()) {
        done(std::nullopt);
        return;
    }
    if (!m_credentials) {
        done(Error{u"credentials.unavailable"_s, tr("No credential store is available for the connection secrets."),
                   tr("Unlock or install the system keychain (Secret Service)."), {}});
        return;
    }
    const QStringList known = WorkerConfigLoader::secretNames();
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!known.contains(it.key())) {
            done(Error{u"credentials.unknown_secret"_s, tr("\"%1\" is not a secret OrderBridge uses.").arg(it.key()),
                       tr("Use one of: %1.").arg(known.join(u", "_s)), {}, ErrorKind::Invalid});
            return;
        }
    }
    auto remaining = std::make_shared<int>(int(secrets.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    auto collect = [remaining, failure, done](const CredentialResult &result) {
        // Removing a secret that is not there is what was asked for.
        if (!result.ok() && !failure->has_value()
            && !(result.operation == CredentialResult::Operation::Remove && result.error->kind == ErrorKind::NotFound))
            *failure = *result.error;
        if (--*remaining == 0)
            done(*failure);
    };
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (it.value().isEmpty())
            m_credentials->remove(profile, it.key(), this, collect);
        else
            m_credentials->write(profile, it.key(), it.value(), this, collect);
    }
}

void WorkerHost::whenSecretsKept(QObject *context, std::function<void()> then)
{
    if (m_secretWrites == 0) {
        then();
        return;
    }
    m_secretWaiters.append({QPointer<QObject>(context), std::move(then)});
}

void WorkerHost::secretWriteDone()
{
    if (--m_secretWrites > 0)
        return;
    const auto waiters = std::exchange(m_secretWaiters, {});
    for (const auto &[context, then] : waiters) {
        if (context)
            then();
    }
}

void WorkerHost::storeRefreshToken(const QString &token)
{
    if (!m_credentials || m_profileName.isEmpty())
        return;
    ++m_secretWrites;
    m_credentials->write(m_profileName, u"salesforce.refresh_token"_s, token, this, [this](const CredentialResult &result) {
        if (!result.ok()) {
            qCWarning(lcSync) << "could not keep the Salesforce refresh token:" << result.error->message;
            Q_EMIT secretNotKept(Error{u"credentials.refresh_token_not_kept"_s,
                                       tr("Salesforce issued a new refresh token, but it could not be stored in %1: %2")
                                           .arg(m_credentials->backendName(), result.error->message),
                                       tr("This run goes on; the next sign-in may ask for the browser again. Unlock "
                                          "the keychain (or make the secrets file writable) and connect to Salesforce "
                                          "again."),
                                       {}, ErrorKind::Invalid});
        }
        secretWriteDone();
    });
}

void WorkerHost::dropRefreshToken()
{
    if (!m_credentials || m_profileName.isEmpty())
        return;
    ++m_secretWrites;
    // A refused token can only be refused again: without it the worker's next sign-in is the browser one.
    m_credentials->remove(m_profileName, u"salesforce.refresh_token"_s, this, [this](const CredentialResult &result) {
        if (!result.ok() && result.error->kind != ErrorKind::NotFound) {
            qCWarning(lcSync) << "could not drop the refused Salesforce refresh token:" << result.error->message;
        } else {
            qCInfo(lcSync) << "dropped the refused Salesforce refresh token";
            loadConfig([](const std::optional<Error> &error) {
                if (error)
                    qCWarning(lcSync) << "could not reload the connection:" << error->message;
            });
        }
        secretWriteDone();
    });
}

} // namespace OrderBridge
