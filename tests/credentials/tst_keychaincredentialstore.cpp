// Runs against a real Secret Service: gnome-keyring in a private D-Bus session started by
// with-keyring.sh (ORDERBRIDGE_TEST_KEYRING=present), or a private bus without one (=absent).
#include "credentials/keychaincredentialstore.h"

#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QScopedPointer>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::CredentialResult;
using OrderBridge::KeychainCredentialStore;

// QSKIP must run in the test function itself to end it.
#define REQUIRE_KEYRING()                                                                                    \
    if (!keyringPresent())                                                                                   \
    QSKIP("Needs the Secret Service; covered by the run with gnome-keyring.")

namespace {

struct SecretToolLookup
{
    int exitCode = -1;
    QString secret;
};

// Asks gnome-keyring directly, past QtKeychain, whether the entry really is there.
SecretToolLookup secretToolLookup(const QString &storageKey)
{
    QProcess process;
    process.start(u"secret-tool"_s, {u"lookup"_s, u"user"_s, storageKey, u"server"_s, u"OrderBridge"_s});
    if (!process.waitForFinished(10000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput())};
}

} // namespace

class TestKeychainCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void writeReadOverwriteDelete();
    void profilesAreSeparate();
    void readingMissingKeyNamesTheFix();
    void deletingMissingKeySucceeds();
    void nonAsciiSecrets_data();
    void nonAsciiSecrets();
    void concurrentJobs();
    void callbackSkippedWhenContextDestroyed();
    void storeDestroyedWhileJobRuns();
    void secretsNeverReachTheLog();
    void lockedKeyringIsReported(); // locks the keyring for good: keep it the last keyring test
    void invalidKeysNeverReachTheKeychain_data();
    void invalidKeysNeverReachTheKeychain();
    void noBackendNamesTheProblemAndTheFix_data();
    void noBackendNamesTheProblemAndTheFix();

private:
    bool keyringPresent() const { return m_mode == "present"; }
    /// Waits for the result of request `id` (results are matched by id, not by order).
    CredentialResult waitFor(quint64 id);
    CredentialResult writeAndWait(const QString &profile, const QString &name, const QString &secret);
    CredentialResult readAndWait(const QString &profile, const QString &name);
    CredentialResult removeAndWait(const QString &profile, const QString &name);

    QByteArray m_mode;
    QScopedPointer<KeychainCredentialStore> m_store;
    QHash<quint64, CredentialResult> m_results;
};

namespace {

QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    capturedLog.append(message);
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

void TestKeychainCredentialStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Every log line of the credentials category is captured, to prove no secret reaches it.
    QLoggingCategory::setFilterRules(u"orderbridge.credentials.debug=true"_s);
    previousHandler = qInstallMessageHandler(captureMessage);
    m_mode = qgetenv("ORDERBRIDGE_TEST_KEYRING");
    if (m_mode != "present" && m_mode != "absent")
        QFAIL("Run this test through tests/credentials/with-keyring.sh (ctest does), which starts a private "
              "D-Bus session with or without gnome-keyring.");
}

void TestKeychainCredentialStore::init()
{
    m_results.clear();
    m_store.reset(new KeychainCredentialStore());
    connect(m_store.data(), &OrderBridge::CredentialStore::finished, this,
            [this](const CredentialResult &result) { m_results.insert(result.requestId, result); });
}

void TestKeychainCredentialStore::cleanup()
{
    m_store.reset();
}

CredentialResult TestKeychainCredentialStore::waitFor(quint64 id)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(m_results.contains(id), 15000); }();
    if (!m_results.contains(id)) {
        // A default result would look successful; a timeout must not.
        CredentialResult timedOut;
        timedOut.requestId = id;
        timedOut.error = OrderBridge::Error{u"test.timeout"_s, u"no result within 15 s"_s, {}, {}};
        return timedOut;
    }
    return m_results.value(id);
}

CredentialResult TestKeychainCredentialStore::writeAndWait(const QString &profile, const QString &name,
                                                          const QString &secret)
{
    return waitFor(m_store->write(profile, name, secret));
}

CredentialResult TestKeychainCredentialStore::readAndWait(const QString &profile, const QString &name)
{
    return waitFor(m_store->read(profile, name));
}

CredentialResult TestKeychainCredentialStore::removeAndWait(const QString &profile, const QString &name)
{
    return waitFor(m_store->remove(profile, name));
}

void TestKeychainCredentialStore::writeReadOverwriteDelete()
{
    REQUIRE_KEYRING();
    const QString profile = u"shop-prod"_s;
    const QString name = u"magento.token"_s;

    CredentialResult written = writeAndWait(profile, name, u"first-token"_s);
    QVERIFY2(written.ok(), qPrintable(written.error ? written.error->toString() : QString()));
    QCOMPARE(written.operation, CredentialResult::Operation::Write);
    QCOMPARE(written.key.storageKey(), u"shop-prod/magento.token"_s);
    QVERIFY(written.secret.isEmpty()); // a write result never carries the secret back

    CredentialResult read = readAndWait(profile, name);
    QVERIFY(read.ok());
    QCOMPARE(read.operation, CredentialResult::Operation::Read);
    QCOMPARE(read.secret, u"first-token"_s);
    SecretToolLookup lookup = secretToolLookup(u"shop-prod/magento.token"_s);
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(lookup.secret, u"first-token"_s);

    written = writeAndWait(profile, name, u"second-token"_s);
    QVERIFY(written.ok());
    read = readAndWait(profile, name);
    QVERIFY(read.ok());
    QCOMPARE(read.secret, u"second-token"_s);
    QCOMPARE(secretToolLookup(u"shop-prod/magento.token"_s).secret, u"second-token"_s);

    const CredentialResult removed = removeAndWait(profile, name);
    QVERIFY(removed.ok());
    QCOMPARE(removed.operation, CredentialResult::Operation::Remove);
    lookup = secretToolLookup(u"shop-prod/magento.token"_s);
    QVERIFY(lookup.exitCode != 0);
    QVERIFY(lookup.secret.isEmpty());

    read = readAndWait(profile, name);
    QVERIFY(!read.ok());
    QCOMPARE(read.error->code, u"credentials.not_found"_s);
}

void TestKeychainCredentialStore::profilesAreSeparate()
{
    REQUIRE_KEYRING();
    const QString name = u"salesforce.client_secret"_s;
    QVERIFY(writeAndWait(u"eu"_s, name, u"secret-of-eu"_s).ok());
    QVERIFY(writeAndWait(u"us"_s, name, u"secret-of-us"_s).ok());

    QCOMPARE(readAndWait(u"eu"_s, name).secret, u"secret-of-eu"_s);
    QCOMPARE(readAndWait(u"us"_s, name).secret, u"secret-of-us"_s);
    QCOMPARE(secretToolLookup(u"eu/salesforce.client_secret"_s).secret, u"secret-of-eu"_s);
    QCOMPARE(secretToolLookup(u"us/salesforce.client_secret"_s).secret, u"secret-of-us"_s);

    QVERIFY(removeAndWait(u"eu"_s, name).ok());
    QCOMPARE(readAndWait(u"eu"_s, name).error.value_or(OrderBridge::Error{}).code, u"credentials.not_found"_s);
    const CredentialResult other = readAndWait(u"us"_s, name);
    QVERIFY(other.ok());
    QCOMPARE(other.secret, u"secret-of-us"_s);
    QVERIFY(removeAndWait(u"us"_s, name).ok());
}

void TestKeychainCredentialStore::readingMissingKeyNamesTheFix()
{
    REQUIRE_KEYRING();
    const CredentialResult read = readAndWait(u"never-configured"_s, u"salesforce.refresh_token"_s);
    QVERIFY(!read.ok());
    QCOMPARE(read.error->code, u"credentials.not_found"_s);
    QVERIFY2(read.error->message.contains(u"salesforce.refresh_token"_s), qPrintable(read.error->message));
    QVERIFY2(read.error->message.contains(u"never-configured"_s), qPrintable(read.error->message));
    QVERIFY2(read.error->hint.contains(u"connection settings"_s), qPrintable(read.error->hint));
    QVERIFY(read.secret.isEmpty());
}

void TestKeychainCredentialStore::deletingMissingKeySucceeds()
{
    REQUIRE_KEYRING();
    const CredentialResult removed = removeAndWait(u"never-configured"_s, u"magento.admin_password"_s);
    QVERIFY2(removed.ok(), qPrintable(removed.error ? removed.error->toString() : QString()));
}

void TestKeychainCredentialStore::nonAsciiSecrets_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("german") << u"Pässwörter-Größe-ßÄÖÜ"_s;
    QTest::newRow("cjk") << u"秘密の鍵-비밀-密钥"_s;
    QTest::newRow("emoji") << u"🔑🚀 key with spaces"_s;
    QTest::newRow("quotes-backslashes-newlines") << u"\"quoted\" \\back\\slash\nline two\ttab"_s;
    QTest::newRow("long") << QString(8192, u'x') + u"é"_s;
}

void TestKeychainCredentialStore::nonAsciiSecrets()
{
    REQUIRE_KEYRING();
    QFETCH(QString, secret);
    QVERIFY(writeAndWait(u"unicode"_s, u"magento.oauth.consumer_secret"_s, secret).ok());
    const CredentialResult read = readAndWait(u"unicode"_s, u"magento.oauth.consumer_secret"_s);
    QVERIFY(read.ok());
    QCOMPARE(read.secret, secret);
    const SecretToolLookup lookup = secretToolLookup(u"unicode/magento.oauth.consumer_secret"_s);
    QCOMPARE(lookup.exitCode, 0);
    QCOMPARE(lookup.secret, secret); // stored as UTF-8 text, readable by other Secret Service clients
    QVERIFY(removeAndWait(u"unicode"_s, u"magento.oauth.consumer_secret"_s).ok());
}

void TestKeychainCredentialStore::concurrentJobs()
{
    REQUIRE_KEYRING();
    constexpr int count = 16;
    const auto nameOf = [](int i) { return u"salesforce.extra_%1"_s.arg(i); };
    const auto secretOf = [](int i) { return u"secret-%1-ü"_s.arg(i); };

    // Everything is started before anything is awaited.
    QList<quint64> writes;
    for (int i = 0; i < count; ++i)
        writes.append(m_store->write(u"busy"_s, nameOf(i), secretOf(i)));
    QHash<quint64, QString> callbackSecrets;
    QList<quint64> reads;
    for (int i = 0; i < count; ++i) {
        reads.append(m_store->read(u"busy"_s, nameOf(i), this, [&callbackSecrets](const CredentialResult &result) {
            callbackSecrets.insert(result.requestId, result.secret);
        }));
    }
    QCOMPARE(QSet<quint64>(writes.begin(), writes.end()).size(), count); // ids are unique
    QVERIFY(m_results.isEmpty()); // nothing is delivered inside the calls

    for (int i = 0; i < count; ++i) {
        const CredentialResult written = waitFor(writes.at(i));
        QVERIFY2(written.ok(), qPrintable(written.error ? written.error->toString() : QString()));
        QCOMPARE(written.key.name, nameOf(i));
    }
    for (int i = 0; i < count; ++i) {
        const CredentialResult read = waitFor(reads.at(i));
        QVERIFY(read.ok());
        QCOMPARE(read.key.name, nameOf(i));
        QCOMPARE(read.secret, secretOf(i));
        QCOMPARE(callbackSecrets.value(reads.at(i)), secretOf(i));
    }
    QCOMPARE(callbackSecrets.size(), count);

    QList<quint64> removals;
    for (int i = 0; i < count; ++i)
        removals.append(m_store->remove(u"busy"_s, nameOf(i)));
    for (const quint64 id : std::as_const(removals))
        QVERIFY(waitFor(id).ok());
    QVERIFY(secretToolLookup(u"busy/salesforce.extra_0"_s).exitCode != 0);
}

void TestKeychainCredentialStore::callbackSkippedWhenContextDestroyed()
{
    REQUIRE_KEYRING();
    int calls = 0;
    auto *context = new QObject;
    const quint64 id = m_store->write(u"ctx"_s, u"magento.token"_s, u"t"_s, context,
                                      [&calls](const CredentialResult &) { ++calls; });
    delete context;
    QVERIFY(waitFor(id).ok()); // the signal still reports the result
    QCOMPARE(calls, 0);

    QObject alive;
    const quint64 second = m_store->remove(u"ctx"_s, u"magento.token"_s, &alive,
                                           [&calls](const CredentialResult &) { ++calls; });
    QVERIFY(waitFor(second).ok());
    QCOMPARE(calls, 1);
}

void TestKeychainCredentialStore::storeDestroyedWhileJobRuns()
{
    REQUIRE_KEYRING();
    {
        KeychainCredentialStore shortLived;
        shortLived.write(u"gone"_s, u"magento.token"_s, u"outlived"_s);
    } // destroyed before the job answers: must neither crash nor lose the write
    // QtKeychain runs jobs one after another, so this read comes after the orphaned write.
    const CredentialResult read = readAndWait(u"gone"_s, u"magento.token"_s);
    QVERIFY2(read.ok(), qPrintable(read.error ? read.error->toString() : QString()));
    QCOMPARE(read.secret, u"outlived"_s);
    QVERIFY(removeAndWait(u"gone"_s, u"magento.token"_s).ok());
}

void TestKeychainCredentialStore::secretsNeverReachTheLog()
{
    REQUIRE_KEYRING();
    capturedLog.clear();
    const QString secret = u"do-not-log-me-7f3a"_s;
    QVERIFY(writeAndWait(u"logcheck"_s, u"salesforce.password"_s, secret).ok());
    QCOMPARE(readAndWait(u"logcheck"_s, u"salesforce.password"_s).secret, secret);
    QVERIFY(removeAndWait(u"logcheck"_s, u"salesforce.password"_s).ok());
    QVERIFY(!readAndWait(u"logcheck"_s, u"salesforce.password"_s).ok());
    QVERIFY(capturedLog.size() >= 4); // the requests were logged...
    for (const QString &line : std::as_const(capturedLog))
        QVERIFY2(!line.contains(secret), qPrintable(line)); // ...without the secret
}

void TestKeychainCredentialStore::lockedKeyringIsReported()
{
    REQUIRE_KEYRING();
    QVERIFY(writeAndWait(u"locked"_s, u"magento.token"_s, u"behind-the-lock"_s).ok());

    // Lock the collection the way a screen lock or `seahorse` would, over the Secret Service API.
    QProcess lock;
    lock.start(u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.secrets"_s,
                                u"/org/freedesktop/secrets"_s, u"org.freedesktop.Secret.Service.Lock"_s,
                                u"array:objpath:/org/freedesktop/secrets/aliases/default"_s});
    QVERIFY(lock.waitForFinished(10000));
    QVERIFY2(lock.exitCode() == 0, lock.readAllStandardError().constData());

    const CredentialResult read = readAndWait(u"locked"_s, u"magento.token"_s);
    QVERIFY(!read.ok());
    QCOMPARE(read.error->code, u"credentials.locked"_s);
    QVERIFY2(read.error->message.startsWith(u"The keyring is locked"_s), qPrintable(read.error->message));
    QVERIFY2(read.error->hint.startsWith(u"Unlock it"_s), qPrintable(read.error->hint));
    QVERIFY(read.secret.isEmpty());

    const CredentialResult written = writeAndWait(u"locked"_s, u"magento.token"_s, u"new"_s);
    QVERIFY(!written.ok());
    QCOMPARE(written.error->code, u"credentials.locked"_s);
}

void TestKeychainCredentialStore::invalidKeysNeverReachTheKeychain_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("code");
    QTest::newRow("slash-in-profile") << u"a/b"_s << u"magento.token"_s << u"credentials.invalid_profile"_s;
    QTest::newRow("empty-profile") << QString() << u"magento.token"_s << u"credentials.invalid_profile"_s;
    QTest::newRow("empty-name") << u"p"_s << QString() << u"credentials.invalid_name"_s;
    QTest::newRow("name-with-slash") << u"p"_s << u"magento/token"_s << u"credentials.invalid_name"_s;
}

void TestKeychainCredentialStore::invalidKeysNeverReachTheKeychain()
{
    QFETCH(QString, profile);
    QFETCH(QString, name);
    QFETCH(QString, code);
    const quint64 id = m_store->write(profile, name, u"s"_s);
    QVERIFY(m_results.isEmpty());
    const CredentialResult result = waitFor(id);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->code, code);
    QVERIFY(!result.error->hint.isEmpty());
}

void TestKeychainCredentialStore::noBackendNamesTheProblemAndTheFix_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("read") << int(CredentialResult::Operation::Read);
    QTest::newRow("write") << int(CredentialResult::Operation::Write);
    QTest::newRow("remove") << int(CredentialResult::Operation::Remove);
}

void TestKeychainCredentialStore::noBackendNamesTheProblemAndTheFix()
{
    if (keyringPresent())
        QSKIP("Needs a session without Secret Service; covered by tst_keychaincredentialstore_nobackend.");
    QFETCH(int, operation);
    quint64 id = 0;
    switch (CredentialResult::Operation(operation)) {
    case CredentialResult::Operation::Read:
        id = m_store->read(u"server"_s, u"magento.token"_s);
        break;
    case CredentialResult::Operation::Write:
        id = m_store->write(u"server"_s, u"magento.token"_s, u"never-stored"_s);
        break;
    case CredentialResult::Operation::Remove:
        id = m_store->remove(u"server"_s, u"magento.token"_s);
        break;
    }
    const CredentialResult result = waitFor(id);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->code, u"credentials.no_backend"_s);
    QVERIFY2(result.error->message.startsWith(u"No Secret Service is running (gnome-keyring or KWallet)"_s),
             qPrintable(result.error->message));
    QVERIFY2(result.error->message.contains(u"\"magento.token\""_s), qPrintable(result.error->message));
    QVERIFY2(result.error->hint.startsWith(u"Start one"_s), qPrintable(result.error->hint));
    QVERIFY2(result.error->hint.contains(u"--secrets-file"_s), qPrintable(result.error->hint));
    QVERIFY(!result.error->toString().contains(u"never-stored"_s));
}

QTEST_GUILESS_MAIN(TestKeychainCredentialStore)
#include "tst_keychaincredentialstore.moc"
