#include "credentials/filecredentialstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::CredentialResult;
using OrderBridge::FileCredentialStore;
using OrderBridge::SecretsFile;

class TestFileCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAsynchronously();
    void missingSecretNamesWhereToAddIt();
    void changesAreRefused_data();
    void changesAreRefused();
    void callbackReceivesTheResult();

private:
    static SecretsFile secrets();
};

SecretsFile TestFileCredentialStore::secrets()
{
    const OrderBridge::Result<SecretsFile> parsed = SecretsFile::parse(
        R"({"profiles": {"prod": {"salesforce.refresh_token": "rt-ü-1"}}})", u"/etc/orderbridge/secrets.json"_s);
    return parsed.value_or(SecretsFile{});
}

void TestFileCredentialStore::readsAsynchronously()
{
    FileCredentialStore store(secrets());
    QCOMPARE(store.backendName(), u"/etc/orderbridge/secrets.json"_s);
    QSignalSpy spy(&store, &OrderBridge::CredentialStore::finished);
    const quint64 id = store.read(u"prod"_s, u"salesforce.refresh_token"_s);
    QCOMPARE(spy.size(), 0); // never inside the call
    QVERIFY(spy.wait(5000));
    const auto result = spy.takeFirst().at(0).value<CredentialResult>();
    QCOMPARE(result.requestId, id);
    QVERIFY(result.ok());
    QCOMPARE(result.secret, u"rt-ü-1"_s);
}

void TestFileCredentialStore::missingSecretNamesWhereToAddIt()
{
    FileCredentialStore store(secrets());
    QSignalSpy spy(&store, &OrderBridge::CredentialStore::finished);
    store.read(u"staging"_s, u"salesforce.refresh_token"_s);
    QVERIFY(spy.wait(5000));
    const auto result = spy.takeFirst().at(0).value<CredentialResult>();
    QVERIFY(!result.ok());
    QCOMPARE(result.error->code, u"credentials.not_found"_s);
    QVERIFY(result.error->message.contains(u"/etc/orderbridge/secrets.json"_s));
    QVERIFY(result.error->hint.contains(u"profiles.staging"_s));
}

void TestFileCredentialStore::changesAreRefused_data()
{
    QTest::addColumn<bool>("write");
    QTest::newRow("write") << true;
    QTest::newRow("remove") << false;
}

void TestFileCredentialStore::changesAreRefused()
{
    QFETCH(bool, write);
    FileCredentialStore store(secrets());
    QSignalSpy spy(&store, &OrderBridge::CredentialStore::finished);
    if (write)
        store.write(u"prod"_s, u"salesforce.refresh_token"_s, u"new-value"_s);
    else
        store.remove(u"prod"_s, u"salesforce.refresh_token"_s);
    QVERIFY(spy.wait(5000));
    const auto result = spy.takeFirst().at(0).value<CredentialResult>();
    QCOMPARE(result.error.value_or(OrderBridge::Error{}).code, u"credentials.read_only"_s);
    QVERIFY(!result.error->toString().contains(u"new-value"_s));

    // The secret is unchanged.
    store.read(u"prod"_s, u"salesforce.refresh_token"_s);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.takeFirst().at(0).value<CredentialResult>().secret, u"rt-ü-1"_s);
}

void TestFileCredentialStore::callbackReceivesTheResult()
{
    FileCredentialStore store(secrets());
    CredentialResult received;
    bool called = false;
    const quint64 id = store.read(u"prod"_s, u"salesforce.refresh_token"_s, this,
                                  [&](const CredentialResult &result) {
                                      received = result;
                                      called = true;
                                  });
    QVERIFY(!called);
    QTRY_VERIFY(called);
    QCOMPARE(received.requestId, id);
    QCOMPARE(received.secret, u"rt-ü-1"_s);
}

QTEST_GUILESS_MAIN(TestFileCredentialStore)
#include "tst_filecredentialstore.moc"
