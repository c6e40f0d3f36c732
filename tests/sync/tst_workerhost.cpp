// WorkerHost as the console uses it, against orderbridge-sandbox with the secrets in a secrets file:
// start without a connection (the worker exists, unconfigured, and the problem is reported), apply
// the connection, sync an order, and stop cleanly; and a second host on a data folder in use, which
// may read but neither run nor save.

#include "asyncresult.h"
#include "crossthreadspy.h"
#include "credentials/filecredentialstore.h"
#include "credentials/secretsfile.h"
#include "magento/magentoclient.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "spyerror.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

/// A writable credential store in memory, answering later as the keychain does.
class MemoryStore : public CredentialStore
{
public:
    explicit MemoryStore(QHash<QString, QString> secrets)
        : m_secrets(std::move(secrets))
    {
    }
    [[nodiscard]] QString backendName() const override { return u"memory"_s; }
    [[nodiscard]] bool holds(const QString &storageKey) const { return m_secrets.contains(storageKey); }

protected:
    void startRead(quint64 requestId, const CredentialKey &key) override
    {
        CredentialResult r{requestId, CredentialResult::Operation::Read, key, {}, {}};
        if (m_secrets.contains(key.storageKey()))
            r.secret = m_secrets.value(key.storageKey());
        else
            r.error = Error{u"credentials.not_found"_s, u"not stored"_s, {}, {}, ErrorKind::NotFound};
        deliverLater(r);
    }
    void startWrite(quint64 requestId, const CredentialKey &key, const QString &secret) override
    {
        m_secrets.insert(key.storageKey(), secret);
        deliverLater(CredentialResult{requestId, CredentialResult::Operation::Write, key, {}, {}});
    }
    void startRemove(quint64 requestId, const CredentialKey &key) override
    {
        m_secrets.remove(key.storageKey());
        deliverLater(CredentialResult{requestId, CredentialResult::Operation::Remove, key, {}, {}});
    }

private:
    QHash<QString, QString> m_secrets;
};

} // namespace

class TestWorkerHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startWithoutConnectionThenApplyAndSync();
    void startWithAnActiveConnection();
    void refusedProfileStoresNothing();
    void secondHostOnAFolderInUseIsReadOnly();
    void refusedRefreshTokenIsDropped();
    void testConnectionExplainsStockAuthRefusals_data();
    void testConnectionExplainsStockAuthRefusals();

private:
    std::unique_ptr<CredentialStore> fileStore(const QString &profile);
    ConnectionProfile sandboxProfile(const QString &name) const;
    std::shared_ptr<Database> openDatabase(const QString &name);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
};

void TestWorkerHost::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"11"_s}), qPrintable(m_sandbox.errorString()));
}

std::unique_ptr<CredentialStore> TestWorkerHost::fileStore(const QString &profile)
{
    QJsonObject secrets = SandboxConnections::magentoKeychainSecrets(m_sandbox.magento());
    secrets.insert(u"salesforce.client_secret"_s, m_sandbox.salesforce().value(u"client_secret"_s));
    secrets.insert(u"salesforce.password"_s, m_sandbox.salesforce().value(u"password"_s));
    const QJsonObject root{{u"version"_s, 1}, {u"profiles"_s, QJsonObject{{profile, secrets}}}};
    const QString path = m_dir.filePath(profile + u"-secrets.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return nullptr;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson());
    file.close();
    auto loaded = SecretsFile::load(path);
    if (!loaded) {
        qWarning("secrets file refused: %s", qPrintable(errorText(loaded)));
        return nullptr;
    }
    return std::make_unique<FileCredentialStore>(*loaded);
}

ConnectionProfile TestWorkerHost::sandboxProfile(const QString &name) const
{
    return SandboxConnections::profile(m_sandbox, name);
}

std::shared_ptr<Database> TestWorkerHost::openDatabase(const QString &name)
{
    auto db = Database::open(m_dir.filePath(name));
    if (!db)
        return nullptr;
    Settings settings; // the walkthrough's options are the defaults; orders are created when paid
    if (!SettingsRepository(*db).save(settings))
        return nullptr;
    return *db;
}

void TestWorkerHost::startWithoutConnectionThenApplyAndSync()
{
    auto db = openDatabase(u"first.sqlite"_s);
    QVERIFY(db);
    auto store = fileStore(u"sandbox"_s);
    QVERIFY(store);
    auto host = std::make_unique<WorkerHost>(db, std::move(store));
    QSignalSpy problem(host.get(), &WorkerHost::configProblem);
    QSignalSpy configured(host.get(), &WorkerHost::configured);
    host->start();

    // The worker exists at once, on its named thread, before any configuration.
    QPointer<SyncWorker> worker = host->worker();
    QVERIFY(worker);
    QCOMPARE(host->workerThread()->objectName(), u"sync-worker"_s);
    QVERIFY(host->workerThread()->isRunning());
    QCOMPARE(worker->thread(), host->workerThread());
    QTRY_VERIFY_WITH_TIMEOUT(!problem.isEmpty(), 10000);
    QCOMPARE(problem.first().first().value<Error>().code, u"sync.not_configured"_s);
    QVERIFY(configured.isEmpty());
    QVERIFY(!host->isConfigured());

    std::optional<RunResult> refused;
    host->run(RunRequest::syncOrders({u"000000001"_s}), this, [&refused](const RunResult &r) { refused = r; });
    QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 10000);
    QVERIFY(!refused->has_value());
    QCOMPARE(refused->error().code, u"sync.not_configured"_s);

    // The file store is read-only: a secret to write is refused, and said so.
    QSignalSpy applied(host.get(), &WorkerHost::connectionApplied);
    QSignalSpy applyFailed(host.get(), &WorkerHost::connectionFailed);
    host->applyConnection(sandboxProfile(u"sandbox"_s), {{u"magento.oauth.access_token"_s, u"other"_s}});
    QTRY_VERIFY_WITH_TIMEOUT(!applyFailed.isEmpty(), 10000);
    QVERIFY(applied.isEmpty());
    QVERIFY(!host->isConfigured());

    // The secrets are in the file already: applying the profile alone configures the worker.
    applyFailed.clear();
    host->applyConnection(sandboxProfile(u"sandbox"_s), {});
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() || !applyFailed.isEmpty(), 10000);
    QVERIFY2(applyFailed.isEmpty(), qPrintable(spyError(applyFailed)));
    QCOMPARE(applied.first().first().value<ConnectionProfile>().name, u"sandbox"_s);
    QCOMPARE(configured.size(), 1);
    QCOMPARE(configured.first().first().toString(), u"sandbox"_s);
    QCOMPARE(host->profileName(), u"sandbox"_s);
    auto active = ConnectionProfileRepository(db).active();
    QVERIFY(active.has_value() && active->has_value());
    QCOMPARE((*active)->name, u"sandbox"_s);

    // A paid order placed in the sandbox store syncs through the hosted worker.
    QNetworkAccessManager network;
    const auto shop = SandboxConnections::magentoClient(&network, m_sandbox.magento());
    MagentoClient &magento = *shop;
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 2}},
        SandboxConnections::address(u"Nuala"_s, u"Kelly"_s, u"3 Quay Street"_s, u"Galway"_s, u"H91"_s, u"IE"_s,
                                    u"+353 91 555 0100"_s, u"host@example.ie"_s));
    const Result<qint64> placed = SandboxConnections::placeOrder(magento, this, checkout);
    QVERIFY2(placed.has_value(), qPrintable(errorText(placed)));
    const qint64 entity = *placed;
    const Result<MagentoOrder> order = SandboxConnections::invoiceOrder(magento, this, entity);
    QVERIFY2(order.has_value(), qPrintable(errorText(order)));

    CrossThreadSpy signedIn(worker.data(), &SyncWorker::signedIn);
    std::optional<RunResult> answer;
    host->run(RunRequest::syncOrders({order->incrementId}), this, [&answer](const RunResult &r) { answer = r; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 120000);
    QVERIFY2(answer->has_value(), qPrintable(errorText(*answer)));
    const SyncRunSummary summary = **answer;
    QCOMPARE(summary.errors, 0);
    QCOMPARE(summary.inSync, 1);
    QCOMPARE(signedIn.size(), 1);
    auto record = OrdersRepository(db).findByEntityId(entity);
    QVERIFY(record.has_value() && record->has_value());
    QCOMPARE((*record)->syncStatus, SyncStatus::InSync);
    QVERIFY((*record)->salesforceOrderId.startsWith(u"801"_s));

    // Clean shutdown: the thread stops and the worker is deleted on it.
    QThread *thread = host->workerThread();
    QSignalSpy threadFinished(thread, &QThread::finished);
    host.reset();
    QCOMPARE(threadFinished.size(), 1);
    QVERIFY(worker.isNull());
}

void TestWorkerHost::startWithAnActiveConnection()
{
    // The connection saved by the first run (as orderbridge-cli connect leaves it) configures at start.
    auto db = openDatabase(u"second.sqlite"_s);
    QVERIFY(db);
    ConnectionProfile profile = sandboxProfile(u"sandbox"_s);
    profile.active = true;
    QVERIFY(ConnectionProfileRepository(db).save(profile).has_value());
    WorkerHost host(db, fileStore(u"sandbox"_s));
    QSignalSpy problem(&host, &WorkerHost::configProblem);
    QSignalSpy configured(&host, &WorkerHost::configured);
    host.start();
    QTRY_VERIFY_WITH_TIMEOUT(!configured.isEmpty(), 10000);
    QVERIFY(problem.isEmpty());

    std::optional<QList<ConnectionCheck>> tested;
    host.testConnection(this, [&tested](const QList<ConnectionCheck> &checks) { tested = checks; });
    QTRY_VERIFY_WITH_TIMEOUT(tested.has_value(), 60000);
    QVERIFY(!tested->isEmpty());
    for (const ConnectionCheck &check : std::as_const(*tested))
        QVERIFY2(check.ok, qPrintable(check.name + u": "_s + check.detail));
}

void TestWorkerHost::refusedProfileStoresNothing()
{
    auto db = openDatabase(u"third.sqlite"_s);
    QVERIFY(db);
    WorkerHost host(db, fileStore(u"sandbox"_s));
    QSignalSpy problem(&host, &WorkerHost::configProblem);
    host.start();
    QTRY_VERIFY_WITH_TIMEOUT(!problem.isEmpty(), 10000);

    // An invalid profile is refused before anything is stored or written to the credential store.
    QSignalSpy failed(&host, &WorkerHost::connectionFailed);
    ConnectionProfile bad = sandboxProfile(u"sandbox"_s);
    bad.salesforceLoginUrl = u"not a url"_s;
    host.applyConnection(bad, {});
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.fields, QStringList{u"salesforce_login_url"_s});
    QVERIFY(ConnectionProfileRepository(db).list()->isEmpty());
    QVERIFY(!host.isConfigured());
}

void TestWorkerHost::secondHostOnAFolderInUseIsReadOnly()
{
    // Two hosts on one data folder, as a console opened beside a running `sync --watch`.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"orderbridge.sqlite"_s);
    auto firstDb = Database::open(path);
    auto secondDb = Database::open(path);
    QVERIFY(firstDb && secondDb);
    WorkerHost first(*firstDb, nullptr);
    first.start();
    QVERIFY(!first.readOnlyReason().has_value());
    WorkerHost second(*secondDb, nullptr);
    CrossThreadSpy started(second.worker(), &SyncWorker::runStarted);
    second.start();
    QVERIFY(second.readOnlyReason().has_value());
    const Error reason = *second.readOnlyReason();
    QCOMPARE(reason.kind, ErrorKind::Locked);
    QVERIFY2(reason.message.contains(u"process %1"_s.arg(QCoreApplication::applicationPid())), qPrintable(reason.message));

    // It may look, not write: runs and saves are refused with the reason, and nothing starts.
    std::optional<RunResult> run;
    second.run(RunRequest::drain(), this, [&run](const RunResult &r) { run = r; });
    QTRY_VERIFY(run.has_value());
    QVERIFY(wasRefused(*run));
    QCOMPARE(run->error(), reason);
    const Settings before = *SettingsRepository(*firstDb).load();
    std::optional<Result<SettingsUpdate::Outcome>> saved;
    second.saveSettings({{u"engine.max_attempts"_s, u"9"_s}}, this, [&saved](const auto &r) { saved = r; });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(!saved->has_value());
    QCOMPARE(saved->error().kind, ErrorKind::Locked);
    QVERIFY(*SettingsRepository(*firstDb).load() == before);
    std::optional<Result<ConnectionProfile>> profile;
    second.saveConnectionProfile(sandboxProfile(u"sandbox"_s), this, [&profile](const auto &r) { profile = r; });
    QTRY_VERIFY(profile.has_value());
    QCOMPARE(profile->error().kind, ErrorKind::Locked);
    std::optional<QList<ConnectionCheck>> checks;
    second.testConnection(this, [&checks](const QList<ConnectionCheck> &c) { checks = c; });
    QTRY_VERIFY(checks.has_value()); // reading is allowed (here: no connection to check)
    QCOMPARE(started.count(), 0);

    // The first host's own requests are not affected.
    std::optional<Result<SettingsUpdate::Outcome>> own;
    first.saveSettings({{u"engine.max_attempts"_s, u"9"_s}}, this, [&own](const auto &r) { own = r; });
    QTRY_VERIFY(own.has_value());
    QVERIFY2(own->has_value(), qPrintable(errorText(*own)));
}

void TestWorkerHost::refusedRefreshTokenIsDropped()
{
    // A browser sign-in left a refresh token that was revoked since: the sign-in says what to do,
    // and the token is dropped, so the next sign-in is a browser one instead of the same refusal.
    auto db = openDatabase(u"revoked.sqlite"_s);
    QVERIFY(db);
    ConnectionProfile profile = sandboxProfile(u"revoked"_s);
    profile.salesforceFlow = SalesforceFlow::WebServer;
    profile.active = true;
    QVERIFY(ConnectionProfileRepository(db).save(profile).has_value());
    const QString tokenKey = u"revoked/salesforce.refresh_token"_s;
    QHash<QString, QString> stored{{u"revoked/salesforce.client_secret"_s, m_sandbox.salesforce().value(u"client_secret"_s).toString()},
                                   {tokenKey, u"5Aep861revokedLongAgo"_s}};
    const QJsonObject magentoSecrets = SandboxConnections::magentoKeychainSecrets(m_sandbox.magento());
    for (auto it = magentoSecrets.begin(); it != magentoSecrets.end(); ++it)
        stored.insert(u"revoked/"_s + it.key(), it.value().toString());
    auto store = std::make_unique<MemoryStore>(stored);
    MemoryStore *memory = store.get();
    WorkerHost host(db, std::move(store));
    QSignalSpy configured(&host, &WorkerHost::configured);
    host.start();
    QTRY_VERIFY_WITH_TIMEOUT(!configured.isEmpty(), 10000);

    std::optional<QList<ConnectionCheck>> tested;
    host.testConnection(this, [&tested](const QList<ConnectionCheck> &checks) { tested = checks; });
    QTRY_VERIFY_WITH_TIMEOUT(tested.has_value(), 60000);
    bool refused = false;
    for (const ConnectionCheck &check : std::as_const(*tested)) {
        if (check.name != u"Salesforce"_s)
            continue;
        refused = !check.ok;
        QVERIFY2(check.detail.contains(u"expired access/refresh token"_s), qPrintable(check.detail));
        QVERIFY2(check.detail.contains(u"browser sign-in"_s), qPrintable(check.detail));
    }
    QVERIFY(refused);
    // Dropped from the store, and the worker reloaded without it.
    QTRY_VERIFY_WITH_TIMEOUT(!memory->holds(tokenKey), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(configured.size(), 2, 10000);
    QVERIFY(memory->holds(u"revoked/salesforce.client_secret"_s));
}

void TestWorkerHost::testConnectionExplainsStockAuthRefusals_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("explanation");
    QTest::newRow("admin token: 2FA") << u"admin2fa"_s << int(MagentoAuthMode::AdminUser)
                                      << u"two-factor authentication (2FA)"_s;
    QTest::newRow("integration token: Bearer off") << u"bearer"_s << int(MagentoAuthMode::IntegrationToken)
                                                   << u"Since Magento 2.4.4"_s;
}

void TestWorkerHost::testConnectionExplainsStockAuthRefusals()
{
    // The console's Test Connection on the stock store: the same explanation as orderbridge-cli connect
    // (MagentoErrors' hint), naming the alternatives.
    QFETCH(QString, name);
    QFETCH(int, mode);
    QFETCH(QString, explanation);
    auto db = openDatabase(name + u".sqlite"_s);
    QVERIFY(db);
    ConnectionProfile profile = sandboxProfile(name);
    profile.magentoAuthMode = MagentoAuthMode(mode);
    profile.active = true;
    QVERIFY(ConnectionProfileRepository(db).save(profile).has_value());
    const QJsonObject mg = m_sandbox.magento();
    auto store = std::make_unique<MemoryStore>(QHash<QString, QString>{
        {name + u"/magento.token"_s, mg.value(u"integration_token"_s).toString()},
        {name + u"/magento.admin_username"_s, mg.value(u"admin_username"_s).toString()},
        {name + u"/magento.admin_password"_s, mg.value(u"admin_password"_s).toString()},
        {name + u"/salesforce.client_secret"_s, m_sandbox.salesforce().value(u"client_secret"_s).toString()},
        {name + u"/salesforce.password"_s, m_sandbox.salesforce().value(u"password"_s).toString()}});
    WorkerHost host(db, std::move(store));
    QSignalSpy configured(&host, &WorkerHost::configured);
    host.start();
    QTRY_VERIFY_WITH_TIMEOUT(!configured.isEmpty(), 10000);

    std::optional<QList<ConnectionCheck>> tested;
    host.testConnection(this, [&tested](const QList<ConnectionCheck> &checks) { tested = checks; });
    QTRY_VERIFY_WITH_TIMEOUT(tested.has_value(), 60000);
    bool seen = false;
    for (const ConnectionCheck &check : std::as_const(*tested)) {
        if (check.name != u"Magento"_s)
            continue;
        seen = true;
        QVERIFY(!check.ok);
        QVERIFY2(check.detail.contains(explanation), qPrintable(check.detail));
        QVERIFY2(check.detail.contains(u"OAuth 1.0a"_s), qPrintable(check.detail));
        QVERIFY2(check.detail.contains(u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s),
                 qPrintable(check.detail));
    }
    QVERIFY(seen);
}

QTEST_GUILESS_MAIN(TestWorkerHost)
#include "tst_workerhost.moc"
