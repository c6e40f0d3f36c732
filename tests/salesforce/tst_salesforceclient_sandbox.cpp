// Integration tests of SalesforceClient and SalesforceAuthenticator over real HTTP against the
// org emulator of orderbridge-sandbox.

#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "sandboxbrowser.h"
#include "sandboxprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

template<typename T>
struct Capture
{
    std::optional<SalesforceResult<T>> result;
    std::function<void(SalesforceResult<T>)> callback()
    {
        return [this](SalesforceResult<T> r) { result = std::move(r); };
    }
    bool wait(int ms = 15000) { return QTest::qWaitFor([this] { return result.has_value(); }, ms); }
    [[nodiscard]] QString why() const
    {
        return result && !result->has_value() ? result->error().errorCode + u": "_s + result->error().message : QString();
    }
};

SalesforceAuthConfig configFor(const QJsonObject &sf, SalesforceAuthConfig::Flow flow)
{
    SalesforceAuthConfig c;
    c.flow = flow;
    c.loginUrl = QUrl(sf.value(u"login_url"_s).toString());
    c.clientId = sf.value(u"client_id"_s).toString();
    c.clientSecret = sf.value(u"client_secret"_s).toString();
    c.username = sf.value(u"username"_s).toString();
    c.password = sf.value(u"password"_s).toString() + sf.value(u"security_token"_s).toString();
    c.redirectPort = 0;
    c.browserTimeoutSeconds = 30;
    return c;
}

} // namespace

class TestSalesforceClientSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void passwordFlow();
    void passwordFlowWrongPassword();
    void jwtFlow();
    void apiVersionFromTheOrg_data();
    void apiVersionFromTheOrg();
    void blockedPasswordFlowIsExplained();
    void browserFlowWithPkceThenRefresh();
    void expiredSessionIsRenewedOnce();
    void describeWithStatusCategories();
    void hostileNamesRoundTrip();
    void collectionsAndQueryPaging();
    void batchedLookupInOneCall();
    void collectionUpsertAllOrNoneRollback();
    void orderUpsertByExternalId();
    void graphRoundTripAndRollback();
    void requestLimitExceeded();
    void convergesUnderInjectedFaults();

private:
    std::unique_ptr<SalesforceClient> connectedClient(const QJsonObject &sf, SalesforceAuthenticator **authOut = nullptr);

    SandboxProcess m_sandbox;
    QJsonObject m_sf;
    QNetworkAccessManager *m_network = nullptr;
    QList<QObject *> m_owned;
};

void TestSalesforceClientSandbox::initTestCase()
{
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"0"_s}), qPrintable(m_sandbox.errorString()));
    m_sf = m_sandbox.salesforce();
    QVERIFY(!m_sf.value(u"login_url"_s).toString().isEmpty());
    m_network = new QNetworkAccessManager(this);
}

void TestSalesforceClientSandbox::cleanupTestCase()
{
    qDeleteAll(m_owned);
    m_owned.clear();
    m_sandbox.stop();
}

std::unique_ptr<SalesforceClient> TestSalesforceClientSandbox::connectedClient(const QJsonObject &sf,
                                                                               SalesforceAuthenticator **authOut)
{
    auto *auth = new SalesforceAuthenticator(m_network, configFor(sf, SalesforceAuthConfig::Flow::Password));
    m_owned.append(auth);
    auto client = std::make_unique<SalesforceClient>(m_network, auth);
    client->setApiVersion(sf.value(u"api_version"_s).toString());
    client->setRetryPolicy(RetryPolicy(3, 10, 50));
    Capture<SalesforceSession> c;
    client->connectToOrg(c.callback());
    if (!c.wait() || !c.result->has_value())
        return nullptr;
    if (authOut)
        *authOut = auth;
    return client;
}

void TestSalesforceClientSandbox::passwordFlow()
{
    SalesforceAuthenticator auth(m_network, configFor(m_sf, SalesforceAuthConfig::Flow::Password));
    Capture<SalesforceSession> c;
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why())); // includes the signature check with the client secret
    const SalesforceSession &s = **c.result;
    QCOMPARE(s.instanceUrl.toString(), m_sf.value(u"base_url"_s).toString());
    QCOMPARE(s.orgId, m_sf.value(u"org_id"_s).toString());
    QCOMPARE(s.userId, m_sf.value(u"user_id"_s).toString());
    QVERIFY(s.accessToken.startsWith(s.orgId.left(15)));
    QVERIFY(qAbs(s.issuedAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);
}

void TestSalesforceClientSandbox::passwordFlowWrongPassword()
{
    SalesforceAuthConfig config = configFor(m_sf, SalesforceAuthConfig::Flow::Password);
    config.password = u"wrong-password"_s;
    SalesforceAuthenticator auth(m_network, config);
    Capture<SalesforceSession> c;
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"invalid_grant"_s);
    QCOMPARE(c.result->error().httpStatus, 400);
    QVERIFY(c.result->error().hint.contains(u"security token"_s));

    config = configFor(m_sf, SalesforceAuthConfig::Flow::Password);
    config.clientId = u"unknown"_s;
    SalesforceAuthenticator unknown(m_network, config);
    Capture<SalesforceSession> d;
    unknown.signIn(d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"invalid_client_id"_s);
}

void TestSalesforceClientSandbox::jwtFlow()
{
    const QString keyPath = m_sf.value(u"jwt_private_key_file"_s).toString();
    if (keyPath.isEmpty())
        QSKIP("the sandbox does not offer a JWT key");
    QFile keyFile(keyPath);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    SalesforceAuthConfig config = configFor(m_sf, SalesforceAuthConfig::Flow::Jwt);
    config.privateKeyPem = keyFile.readAll();
    config.password.clear();
    SalesforceAuthenticator auth(m_network, config);
    auto client = std::make_unique<SalesforceClient>(m_network, &auth);
    client->setApiVersion(m_sf.value(u"api_version"_s).toString());
    Capture<SalesforceSession> c;
    client->connectToOrg(c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    QVERIFY((*c.result)->refreshToken.isEmpty()); // the JWT flow issues none
    Capture<QJsonObject> limits;
    client->limits(limits.callback());
    QVERIFY(limits.wait());
    QVERIFY2(limits.result->has_value(), qPrintable(limits.why()));

    // Another key: the org refuses the assertion.
    config.privateKeyPem = QByteArray();
    SalesforceAuthenticator noKey(m_network, config);
    Capture<SalesforceSession> d;
    noKey.signIn(d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"PRIVATE_KEY_INVALID"_s);
}

void TestSalesforceClientSandbox::browserFlowWithPkceThenRefresh()
{
    SalesforceAuthenticator auth(m_network, configFor(m_sf, SalesforceAuthConfig::Flow::Browser));
    QSignalSpy urlSpy(&auth, &SalesforceAuthenticator::authorizeUrlReady);
    Capture<SalesforceSession> c;
    auth.signIn(c.callback());
    QCOMPARE(urlSpy.size(), 1);
    const QUrl authorize = urlSpy.first().first().toUrl();
    QVERIFY(QUrlQuery(authorize).hasQueryItem(u"code_challenge"_s));

    // The "browser": plain HTTP, redirects followed by hand.
    SandboxBrowser browser(m_sf);
    const SandboxBrowser::Consent consent = browser.consent(authorize);
    QVERIFY2(consent.error.isEmpty(), qPrintable(consent.error));
    QVERIFY(consent.formBody.contains("code_challenge="));
    QVERIFY2(consent.redirect.toString().startsWith(auth.redirectUri()), qPrintable(consent.redirect.toString()));
    QNetworkReply *landing = browser.open(consent.redirect);
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    int status = 0;
    const QByteArray landingPage = SandboxBrowser::finish(landing, &status);
    QCOMPARE(status, 200);
    QVERIFY(landingPage.contains("connected to Salesforce"));
    const QString refreshToken = (*c.result)->refreshToken;
    QVERIFY(!refreshToken.isEmpty());

    // The refresh-token flow with the token the browser flow gave.
    SalesforceAuthConfig refreshConfig = configFor(m_sf, SalesforceAuthConfig::Flow::RefreshToken);
    refreshConfig.refreshToken = refreshToken;
    SalesforceAuthenticator refresher(m_network, refreshConfig);
    Capture<SalesforceSession> r;
    refresher.signIn(r.callback());
    QVERIFY(r.wait());
    QVERIFY2(r.result->has_value(), qPrintable(r.why()));
    QVERIFY((*r.result)->accessToken != (*c.result)->accessToken);

    refreshConfig.refreshToken = u"not-a-refresh-token"_s;
    SalesforceAuthenticator bad(m_network, refreshConfig);
    Capture<SalesforceSession> b;
    bad.signIn(b.callback());
    QVERIFY(b.wait());
    QCOMPARE(b.result->error().errorCode, u"invalid_grant"_s);
    // A revoked token says what to do: connect again, which drops it.
    QVERIFY2(b.result->error().hint.contains(u"orderbridge-cli connect salesforce"_s), qPrintable(b.result->error().hint));
}

void TestSalesforceClientSandbox::apiVersionFromTheOrg_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("expected"); // empty: refused
    // The sandbox lists 31.0 to 68.0, as a current org does.
    QTest::newRow("not configured: newest tested") << QString() << u"62.0"_s;
    QTest::newRow("configured older") << u"55.0"_s << u"55.0"_s;
    QTest::newRow("configured newer than tested") << u"66.0"_s << u"66.0"_s;
    QTest::newRow("configured, not offered") << u"70.0"_s << QString();
    QTest::newRow("configured, retired") << u"20.0"_s << QString();
}

void TestSalesforceClientSandbox::apiVersionFromTheOrg()
{
    QFETCH(QString, configured);
    QFETCH(QString, expected);
    SalesforceAuthConfig config = configFor(m_sf, SalesforceAuthConfig::Flow::Password);
    config.apiVersion = configured;
    SalesforceAuthenticator auth(m_network, config);
    SalesforceClient client(m_network, &auth);
    client.setApiVersion(u"1.0"_s); // whatever was set before, the sign-in decides
    Capture<SalesforceSession> c;
    client.connectToOrg(c.callback());
    QVERIFY(c.wait());
    if (expected.isEmpty()) {
        QVERIFY(!c.result->has_value());
        QCOMPARE(c.result->error().errorCode, u"API_VERSION_UNSUPPORTED"_s);
        QVERIFY2(c.result->error().message.contains(configured) && c.result->error().message.contains(u"31.0 to 68.0"_s),
                 qPrintable(c.result->error().message));
        QVERIFY(c.result->error().hint.contains(u"Salesforce \u203a Connection"_s));
        return;
    }
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    QCOMPARE(client.apiVersion(), expected);
    QCOMPARE(client.dataPath(), u"/services/data/v"_s + expected + u"/"_s);
    // Requests go out in that version, and the org answers them.
    Capture<QList<QJsonObject>> q;
    client.queryText(u"SELECT Id FROM Organization"_s, q.callback());
    QVERIFY(q.wait());
    QVERIFY2(q.result->has_value(), qPrintable(q.why()));
    QCOMPARE((*q.result)->size(), 1);
}

void TestSalesforceClientSandbox::blockedPasswordFlowIsExplained()
{
    // Without the switch the same credentials sign in (passwordFlow); with it, the refusal names the
    // blocked flow and both ways out.
    SandboxProcess blocked;
    QVERIFY2(blocked.start({u"--orders"_s, u"0"_s, u"--block-password-flow"_s}), qPrintable(blocked.errorString()));
    const QJsonObject sf = blocked.salesforce();
    SalesforceAuthenticator auth(m_network, configFor(sf, SalesforceAuthConfig::Flow::Password));
    Capture<SalesforceSession> c;
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"invalid_grant"_s);
    QCOMPARE(c.result->error().httpStatus, 400);
    const QString hint = c.result->error().hint;
    QVERIFY2(hint.contains(u"Allow OAuth Username-Password Flows"_s), qPrintable(hint));
    QVERIFY(hint.contains(u"OAuth and OpenID Connect Settings"_s));
    QVERIFY(hint.contains(u"browser or JWT"_s));
    QVERIFY(hint.contains(u"security token"_s));

    // The JWT flow still works on that org.
    QFile keyFile(sf.value(u"jwt_private_key_file"_s).toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    SalesforceAuthConfig jwt = configFor(sf, SalesforceAuthConfig::Flow::Jwt);
    jwt.privateKeyPem = keyFile.readAll();
    SalesforceAuthenticator jwtAuth(m_network, jwt);
    Capture<SalesforceSession> j;
    jwtAuth.signIn(j.callback());
    QVERIFY(j.wait());
    QVERIFY2(j.result->has_value(), qPrintable(j.why()));
}

void TestSalesforceClientSandbox::expiredSessionIsRenewedOnce()
{
    SandboxProcess shortLived;
    QVERIFY2(shortLived.start({u"--orders"_s, u"0"_s, u"--session-ttl"_s, u"1"_s}), qPrintable(shortLived.errorString()));
    auto client = connectedClient(shortLived.salesforce());
    QVERIFY(client);
    QSignalSpy renewed(client.get(), &SalesforceClient::sessionChanged);
    const QString firstToken = client->session().accessToken;
    Capture<QJsonObject> a;
    client->limits(a.callback());
    QVERIFY(a.wait());
    QVERIFY2(a.result->has_value(), qPrintable(a.why()));
    QTest::qWait(1600); // the session lifetime passes
    Capture<QJsonObject> b;
    client->limits(b.callback());
    QVERIFY(b.wait());
    QVERIFY2(b.result->has_value(), qPrintable(b.why()));
    QCOMPARE(renewed.size(), 1);
    QVERIFY(client->session().accessToken != firstToken);
}

void TestSalesforceClientSandbox::describeWithStatusCategories()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    Capture<SObjectDescribe> c;
    client->describe(u"Order"_s, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    const SObjectDescribe &order = **c.result;
    QCOMPARE(order.keyPrefix, u"801"_s);
    const SalesforceFieldInfo *status = order.field(u"Status"_s);
    QVERIFY(status);
    QCOMPARE(status->type, u"picklist"_s);
    QVERIFY(!status->nillable);
    bool draft = false;
    bool activated = false;
    for (const PicklistValue &v : status->picklistValues) {
        QVERIFY2(!v.statusCategory.isEmpty(), qPrintable(v.value));
        draft = draft || (v.value == u"Draft"_s && v.statusCategory == u"Draft"_s);
        activated = activated || v.statusCategory == u"Activated"_s;
    }
    QVERIFY(draft);
    QVERIFY(activated);
    const SalesforceFieldInfo *ext = order.field(u"Magento_ID__c"_s);
    QVERIFY(ext);
    QVERIFY(ext->externalId);
    QVERIFY(ext->unique);
    QVERIFY(order.field(u"AccountId"_s)->nillable); // the documented trap: required by rule, nillable by describe
    const qint64 sent = client->requestsSent();
    Capture<SObjectDescribe> again;
    client->describe(u"Order"_s, again.callback());
    QVERIFY(again.wait());
    QVERIFY(again.result->has_value());
    QCOMPARE(client->requestsSent(), sent); // from the cache

    Capture<SObjectDescribe> missing;
    client->describe(u"NoSuchObject__c"_s, missing.callback());
    QVERIFY(missing.wait());
    QVERIFY(!missing.result->has_value());
    QCOMPARE(missing.result->error().httpStatus, 404);
}

void TestSalesforceClientSandbox::hostileNamesRoundTrip()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    const QStringList names{u"O'Brien"_s,
                            u"x' OR Name != '"_s,
                            u"back\\slash \\' end"_s,
                            u"say \"hi\" 100%_done"_s,
                            u"line\nbreak\ttab"_s,
                            u"Zoë Ørsted 山田 😀"_s};
    QList<QJsonObject> records;
    for (const QString &n : names)
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}},
                                   {u"LastName"_s, n},
                                   {u"Email"_s, u"hostile@example.com"_s}});
    Capture<QList<SaveResult>> created;
    client->createRecords(records, true, created.callback());
    QVERIFY(created.wait());
    QVERIFY2(created.result->has_value(), qPrintable(created.why()));
    for (const SaveResult &r : **created.result)
        QVERIFY2(r.success, qPrintable(r.errors.value(0).message));

    for (const QString &n : names) {
        Capture<QList<QJsonObject>> q;
        client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s, u"LastName"_s}).whereEquals(u"LastName"_s, n), q.callback());
        QVERIFY(q.wait());
        QVERIFY2(q.result->has_value(), qPrintable(n + u" -> "_s + q.why()));
        QCOMPARE((*q.result)->size(), 1);
        QCOMPARE((*q.result)->first().value(u"LastName"_s).toString(), n);
    }
    // LIKE with % and _ taken literally.
    Capture<QList<QJsonObject>> like;
    client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereLike(u"LastName"_s, u"100%_d"_s, Soql::LikeMatch::Contains),
                  like.callback());
    QVERIFY(like.wait());
    QVERIFY2(like.result->has_value(), qPrintable(like.why()));
    QCOMPARE((*like.result)->size(), 1);
    Capture<QList<QJsonObject>> likeNone;
    client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereLike(u"LastName"_s, u"100_"_s, Soql::LikeMatch::Contains),
                  likeNone.callback());
    QVERIFY(likeNone.wait());
    QVERIFY2(likeNone.result->has_value(), qPrintable(likeNone.why()));
    QCOMPARE((*likeNone.result)->size(), 0); // "_" is not a wildcard here
}

void TestSalesforceClientSandbox::collectionsAndQueryPaging()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    QList<QJsonObject> records;
    for (int i = 0; i < 450; ++i)
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, u"Bulk %1"_s.arg(i)}});
    qint64 sent = client->requestsSent();
    Capture<QList<SaveResult>> created;
    client->createRecords(records, false, created.callback());
    QVERIFY(created.wait());
    QVERIFY2(created.result->has_value(), qPrintable(created.why()));
    QCOMPARE((*created.result)->size(), 450);
    for (const SaveResult &r : **created.result) {
        QVERIFY(r.success);
        QVERIFY(r.id.startsWith(u"001"_s));
    }
    QCOMPARE(client->requestsSent() - sent, qint64(3));

    client->setQueryBatchSize(200);
    sent = client->requestsSent();
    Capture<QList<QJsonObject>> q;
    client->query(SoqlQuery(u"Account"_s).select({u"Id"_s, u"Name"_s}).whereLike(u"Name"_s, u"Bulk "_s, Soql::LikeMatch::Prefix),
                  q.callback());
    QVERIFY(q.wait());
    QVERIFY2(q.result->has_value(), qPrintable(q.why()));
    QCOMPARE((*q.result)->size(), 450);
    QCOMPARE(client->requestsSent() - sent, qint64(3)); // 200 + 200 + 50
    QVERIFY(client->apiUsage().isValid());

    // Update through collections, then read one back.
    QList<QJsonObject> updates;
    for (int i = 0; i < 3; ++i)
        updates.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}},
                                   {u"Id"_s, (*created.result)->at(i).id},
                                   {u"Description"_s, u"updated %1"_s.arg(i)}});
    Capture<QList<SaveResult>> updated;
    client->updateRecords(updates, true, updated.callback());
    QVERIFY(updated.wait());
    QVERIFY2(updated.result->has_value(), qPrintable(updated.why()));
    QVERIFY((*updated.result)->at(2).success);
    Capture<QList<QJsonObject>> check;
    client->query(SoqlQuery(u"Account"_s).select({u"Description"_s}).whereEquals(u"Id"_s, (*created.result)->at(2).id),
                  check.callback());
    QVERIFY(check.wait());
    QVERIFY2(check.result->has_value(), qPrintable(check.why()));
    QCOMPARE((*check.result)->first().value(u"Description"_s).toString(), u"updated 2"_s);
}

void TestSalesforceClientSandbox::batchedLookupInOneCall()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    QList<QJsonObject> records;
    QStringList keys;
    for (int i = 0; i < 250; ++i) {
        keys.append(u"lookup-%1"_s.arg(i));
        records.append(QJsonObject{{u"Magento_ID__c"_s, keys.last()}, {u"Name"_s, u"Lookup %1"_s.arg(i)}});
    }
    Capture<QList<SaveResult>> created;
    client->upsertRecords(u"Account"_s, u"Magento_ID__c"_s, records, true, created.callback());
    QVERIFY(created.wait());
    QVERIFY2(created.result->has_value(), qPrintable(created.why()));

    QList<QPair<QString, SoqlQuery>> named;
    const QList<SoqlQuery> chunks = SoqlQuery::inChunks(u"Account"_s, {u"Id"_s, u"Magento_ID__c"_s}, u"Magento_ID__c"_s,
                                                        keys + QStringList{u"missing-key"_s});
    QCOMPARE(chunks.size(), 2);
    for (qsizetype i = 0; i < chunks.size(); ++i)
        named.append({u"accounts%1"_s.arg(i), chunks[i]});
    named.append({u"statuses"_s, SoqlQuery(u"OrderStatus"_s).select({u"ApiName"_s, u"StatusCode"_s})});
    named.append({u"nobody"_s, SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, u"nobody' OR Email != '"_s)});
    const qint64 sent = client->requestsSent();
    Capture<QHash<QString, QList<QJsonObject>>> c;
    client->queries(named, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    QCOMPARE(client->requestsSent() - sent, qint64(1)); // one /composite call for four queries
    QCOMPARE((*c.result)->value(u"accounts0"_s).size() + (*c.result)->value(u"accounts1"_s).size(), 250);
    QVERIFY(!(*c.result)->value(u"statuses"_s).isEmpty());
    QVERIFY((*c.result)->contains(u"nobody"_s));
    QCOMPARE((*c.result)->value(u"nobody"_s).size(), 0);
}

void TestSalesforceClientSandbox::collectionUpsertAllOrNoneRollback()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    Capture<QList<SaveResult>> c;
    client->upsertRecords(u"Account"_s, u"Magento_ID__c"_s,
                          {QJsonObject{{u"Magento_ID__c"_s, u"cust-rollback-1"_s}, {u"Name"_s, u"Kept?"_s}},
                           QJsonObject{{u"Magento_ID__c"_s, u"cust-rollback-2"_s}}}, // no Name
                          true, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    QCOMPARE((*c.result)->size(), 2);
    QVERIFY(!(*c.result)->at(0).success);
    QVERIFY(!(*c.result)->at(1).success);
    QCOMPARE((*c.result)->at(1).errors.first().errorCode, u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE((*c.result)->at(0).errors.first().errorCode, u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_s);
    Capture<QList<QJsonObject>> q;
    client->query(SoqlQuery(u"Account"_s).select({u"Id"_s}).whereEquals(u"Magento_ID__c"_s, u"cust-rollback-1"_s), q.callback());
    QVERIFY(q.wait());
    QVERIFY2(q.result->has_value(), qPrintable(q.why()));
    QCOMPARE((*q.result)->size(), 0);

    // The same upsert without the bad record: created, then matched.
    for (bool expectCreated : {true, false}) {
        Capture<QList<SaveResult>> u;
        client->upsertRecords(u"Account"_s, u"Magento_ID__c"_s,
                              {QJsonObject{{u"Magento_ID__c"_s, u"cust-rollback-1"_s}, {u"Name"_s, u"Kept"_s}}}, true,
                              u.callback());
        QVERIFY(u.wait());
        QVERIFY2(u.result->has_value(), qPrintable(u.why()));
        QVERIFY((*u.result)->first().success);
        QCOMPARE((*u.result)->first().created, expectCreated);
    }
}

void TestSalesforceClientSandbox::orderUpsertByExternalId()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    Capture<SaveResult> account;
    client->upsert(u"Account"_s, u"Magento_ID__c"_s, u"cust/42 ?#"_s, QJsonObject{{u"Name"_s, u"Order Holder"_s}},
                   account.callback());
    QVERIFY(account.wait());
    QVERIFY2(account.result->has_value(), qPrintable(account.why()));
    QVERIFY((*account.result)->created);
    const QJsonObject order{{u"AccountId"_s, (*account.result)->id},
                            {u"EffectiveDate"_s, u"2024-01-31"_s},
                            {u"Status"_s, u"Draft"_s},
                            {u"Pricebook2Id"_s, m_sf.value(u"magento_pricebook_id"_s).toString()}};
    QString firstId;
    for (bool expectCreated : {true, false}) {
        Capture<SaveResult> c;
        client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"100000042"_s, order, c.callback());
        QVERIFY(c.wait());
        QVERIFY2(c.result->has_value(), qPrintable(c.why()));
        QCOMPARE((*c.result)->created, expectCreated);
        QVERIFY((*c.result)->id.startsWith(u"801"_s));
        if (firstId.isEmpty())
            firstId = (*c.result)->id;
        QCOMPARE((*c.result)->id, firstId);
    }
    // The external ID with '/', ' ', '?' and '#' reached the org intact.
    Capture<QList<QJsonObject>> q;
    client->query(SoqlQuery(u"Account"_s).select({u"Magento_ID__c"_s}).whereEquals(u"Id"_s, (*account.result)->id), q.callback());
    QVERIFY(q.wait());
    QVERIFY2(q.result->has_value(), qPrintable(q.why()));
    QCOMPARE((*q.result)->first().value(u"Magento_ID__c"_s).toString(), u"cust/42 ?#"_s);

    // A restricted picklist value the org does not have: a typed error with the field.
    QJsonObject bad = order;
    bad.insert(u"Status"_s, u"No Such Status"_s);
    Capture<SaveResult> e;
    client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"100000043"_s, bad, e.callback());
    QVERIFY(e.wait());
    QVERIFY(!e.result->has_value());
    QCOMPARE(e.result->error().errorCode, u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
    QCOMPARE(e.result->error().fields, QStringList{u"Status"_s});
    QVERIFY(e.result->error().hint.contains(u"Order Status mapping"_s));

    Capture<void> upd;
    client->update(u"Order"_s, firstId, QJsonObject{{u"Description"_s, u"patched"_s}}, upd.callback());
    QVERIFY(upd.wait());
    QVERIFY2(upd.result->has_value(), qPrintable(upd.why()));
}

void TestSalesforceClientSandbox::graphRoundTripAndRollback()
{
    auto client = connectedClient(m_sf);
    QVERIFY(client);
    CompositeGraph good(u"good1"_s);
    QVERIFY(good.addCreate(u"Account"_s, QJsonObject{{u"Name"_s, u"Graph Account"_s}}, u"acc"_s));
    QVERIFY(good.addCreate(u"Contact"_s,
                           QJsonObject{{u"LastName"_s, u"Graph Contact"_s}, {u"AccountId"_s, CompositeGraph::reference(u"acc"_s)}},
                           u"con"_s));
    CompositeGraph bad(u"bad1"_s);
    QVERIFY(bad.addCreate(u"Account"_s, QJsonObject{{u"Name"_s, u"Rolled Back Account"_s}}, u"acc"_s));
    QVERIFY(bad.addCreate(u"Contact"_s, QJsonObject{{u"AccountId"_s, CompositeGraph::reference(u"acc"_s)}}, u"con"_s));
    const qint64 sent = client->requestsSent();
    Capture<QList<GraphResult>> c;
    client->graphs({good, bad}, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.why()));
    QCOMPARE(client->requestsSent() - sent, qint64(1));
    QCOMPARE((*c.result)->size(), 2);
    const GraphResult &g = (*c.result)->at(0);
    QVERIFY(g.isSuccessful);
    const QString accountId = g.node(u"acc"_s)->id;
    QVERIFY(accountId.startsWith(u"001"_s));
    QVERIFY(g.node(u"con"_s)->id.startsWith(u"003"_s));
    const GraphResult &b = (*c.result)->at(1);
    QVERIFY(!b.isSuccessful);
    QCOMPARE(b.rootErrors().first().errorCode, u"REQUIRED_FIELD_MISSING"_s);

    Capture<QList<QJsonObject>> linked;
    client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s, u"Account.Name"_s}).whereEquals(u"AccountId"_s, accountId),
                  linked.callback());
    QVERIFY(linked.wait());
    QVERIFY2(linked.result->has_value(), qPrintable(linked.why()));
    QCOMPARE((*linked.result)->size(), 1);
    Capture<QList<QJsonObject>> rolledBack;
    client->query(SoqlQuery(u"Account"_s).select({u"Id"_s}).whereEquals(u"Name"_s, u"Rolled Back Account"_s), rolledBack.callback());
    QVERIFY(rolledBack.wait());
    QVERIFY2(rolledBack.result->has_value(), qPrintable(rolledBack.why()));
    QCOMPARE((*rolledBack.result)->size(), 0);
}

void TestSalesforceClientSandbox::requestLimitExceeded()
{
    SandboxProcess limited;
    QVERIFY2(limited.start({u"--orders"_s, u"0"_s, u"--api-limit"_s, u"3"_s}), qPrintable(limited.errorString()));
    auto client = connectedClient(limited.salesforce());
    QVERIFY(client);
    QSignalSpy usage(client.get(), &SalesforceClient::apiUsageChanged);
    int succeeded = 0;
    std::optional<SalesforceError> error;
    for (int i = 0; i < 6 && !error; ++i) {
        Capture<QJsonObject> c;
        client->limits(c.callback());
        QVERIFY(c.wait());
        if (c.result->has_value())
            ++succeeded;
        else
            error = c.result->error();
    }
    QVERIFY(error.has_value());
    QCOMPARE(error->errorCode, u"REQUEST_LIMIT_EXCEEDED"_s);
    QCOMPARE(error->httpStatus, 403);
    QVERIFY(succeeded <= 3);
    QVERIFY(usage.size() >= 1);
    QCOMPARE(client->apiUsage().max, 3);
    QVERIFY(client->apiUsage().used >= 3);
}

void TestSalesforceClientSandbox::convergesUnderInjectedFaults()
{
    // 40% of replies fail: 500/503, dropped before or after processing, stalls, cut-off bodies and
    // UNABLE_TO_LOCK_ROW. Idempotent operations converge through retries and never duplicate.
    SandboxProcess faulty;
    QVERIFY2(faulty.start({u"--orders"_s, u"0"_s, u"--fault-rate"_s, u"0.4"_s, u"--seed"_s, u"3"_s}),
             qPrintable(faulty.errorString()));
    const QJsonObject sf = faulty.salesforce();
    SalesforceAuthenticator auth(m_network, configFor(sf, SalesforceAuthConfig::Flow::Password));
    auth.setRetryPolicy(RetryPolicy(8, 10, 100));
    SalesforceClient client(m_network, &auth);
    client.setApiVersion(sf.value(u"api_version"_s).toString());
    client.setRetryPolicy(RetryPolicy(8, 10, 100));
    client.setRequestTimeout(1500); // a stalled reply counts as dropped after 1.5 s
    client.setQueryBatchSize(200);
    Capture<SalesforceSession> connected;
    client.connectToOrg(connected.callback());
    QVERIFY(connected.wait(60000));
    QVERIFY2(connected.result->has_value(), qPrintable(connected.why()));

    for (int round = 0; round < 6; ++round) {
        QList<QJsonObject> records;
        for (int i = 0; i < 120; ++i)
            records.append(QJsonObject{{u"Magento_ID__c"_s, u"fault-%1-%2"_s.arg(round).arg(i)}, {u"Name"_s, u"Fault %1"_s.arg(i)}});
        Capture<QList<SaveResult>> up;
        client.upsertRecords(u"Account"_s, u"Magento_ID__c"_s, records, true, up.callback());
        QVERIFY(up.wait(60000));
        QVERIFY2(up.result->has_value(), qPrintable(up.why()));
        for (const SaveResult &r : **up.result)
            QVERIFY2(r.success, qPrintable(r.errors.value(0).errorCode));
    }
    Capture<QList<QJsonObject>> q;
    client.query(SoqlQuery(u"Account"_s).select({u"Id"_s, u"Magento_ID__c"_s}).whereLike(u"Magento_ID__c"_s, u"fault-"_s, Soql::LikeMatch::Prefix),
                 q.callback());
    QVERIFY(q.wait(60000));
    QVERIFY2(q.result->has_value(), qPrintable(q.why()));
    QCOMPARE((*q.result)->size(), 720); // exactly once each
    QSet<QString> distinct;
    for (const QJsonObject &r : **q.result)
        distinct.insert(r.value(u"Magento_ID__c"_s).toString());
    QCOMPARE(distinct.size(), 720);
    // Without faults this is 6 upserts + 4 query pages; more means failed attempts were retried.
    qInfo() << "requests sent under faults:" << client.requestsSent();
    QVERIFY(client.requestsSent() > 10);
}

QTEST_GUILESS_MAIN(TestSalesforceClientSandbox)
#include "tst_salesforceclient_sandbox.moc"
