#include "salesforce/salesforcesession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSalesforceSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signatureVector();
    void parsesSuccessAndChecksSignature();
    void signatureMismatch();
    void noSecretSkipsCheck();
    void jwtReplyWithoutSignature();
    void oauthErrors_data();
    void oauthErrors();
    void malformedReplies_data();
    void malformedReplies();
    void instanceUrlMustBeHttpsUnlessLoopback_data();
    void instanceUrlMustBeHttpsUnlessLoopback();
};

namespace {
const QString Id = u"https://login.salesforce.com/id/00Dx0000000BV7zEAG/005x00000012Q9PAAU"_s;
const QString IssuedAt = u"1278448832702"_s;
const QString Secret = u"3970489155361524375"_s;
// printf '%s' "$id$issued_at" | openssl dgst -sha256 -hmac "$secret" -binary | base64
const QString Signature = u"Blz1PAcx/iIXLa4/z0YSfyKxdBFc5qZSWJKQKyq94lU="_s;

QByteArray reply(const QString &signature)
{
    return QJsonDocument(QJsonObject{{u"access_token"_s, u"00Dx0000000BV7z!AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcg"_s},
                                     {u"instance_url"_s, u"https://acme.my.salesforce.com"_s},
                                     {u"id"_s, Id},
                                     {u"token_type"_s, u"Bearer"_s},
                                     {u"issued_at"_s, IssuedAt},
                                     {u"signature"_s, signature}})
        .toJson();
}
} // namespace

void TestSalesforceSession::signatureVector()
{
    QVERIFY(SalesforceSession::verifySignature(Id, IssuedAt, Signature, Secret));
    QVERIFY(!SalesforceSession::verifySignature(Id, IssuedAt, Signature, u"wrong"_s));
    QVERIFY(!SalesforceSession::verifySignature(Id, u"1278448832703"_s, Signature, Secret));
}

void TestSalesforceSession::parsesSuccessAndChecksSignature()
{
    const auto s = SalesforceSession::fromTokenReply(200, reply(Signature), Secret);
    QVERIFY2(s.has_value(), qPrintable(s.has_value() ? QString() : s.error().message));
    QCOMPARE(s->instanceUrl, QUrl(u"https://acme.my.salesforce.com"_s));
    QCOMPARE(s->orgId, u"00Dx0000000BV7zEAG"_s);
    QCOMPARE(s->userId, u"005x00000012Q9PAAU"_s);
    QCOMPARE(s->issuedAt.toMSecsSinceEpoch(), 1278448832702LL);
    QVERIFY(s->refreshToken.isEmpty());
}

void TestSalesforceSession::signatureMismatch()
{
    const auto s = SalesforceSession::fromTokenReply(200, reply(u"AAAA"_s + Signature.mid(4)), Secret);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().errorCode, u"SIGNATURE_MISMATCH"_s);
}

void TestSalesforceSession::noSecretSkipsCheck()
{
    QVERIFY(SalesforceSession::fromTokenReply(200, reply(u"whatever"_s), QString()).has_value());
}

void TestSalesforceSession::jwtReplyWithoutSignature()
{
    const QByteArray body = R"({"access_token":"00D!x","scope":"api","instance_url":"https://acme.my.salesforce.com","id":"https://login.salesforce.com/id/00D/005","token_type":"Bearer"})";
    QVERIFY(SalesforceSession::fromTokenReply(200, body, Secret).has_value());
}

void TestSalesforceSession::oauthErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("hintNeedle");
    QTest::newRow("auth failure") << QByteArray(R"({"error":"invalid_grant","error_description":"authentication failure"})")
                                  << u"invalid_grant"_s << u"security token"_s;
    QTest::newRow("client id") << QByteArray(R"({"error":"invalid_client_id","error_description":"client identifier invalid"})")
                               << u"invalid_client_id"_s << u"consumer key"_s;
    QTest::newRow("not approved") << QByteArray(R"({"error":"invalid_grant","error_description":"user hasn't approved this consumer"})")
                                  << u"invalid_grant"_s << u"Pre-authorize"_s;
    QTest::newRow("expired refresh") << QByteArray(R"({"error":"invalid_grant","error_description":"expired access/refresh token"})")
                                     << u"invalid_grant"_s << u"connect to Salesforce again"_s;
    QTest::newRow("audience") << QByteArray(R"({"error":"invalid_grant","error_description":"audience is invalid"})")
                              << u"invalid_grant"_s << u"audience"_s;
    QTest::newRow("app access") << QByteArray(R"({"error":"invalid_app_access","error_description":"user is not admin approved to access this app"})")
                                << u"invalid_app_access"_s << u"pre-authorize"_s;
    QTest::newRow("array shape") << QByteArray(R"([{"message":"nope","errorCode":"INVALID_SESSION_ID"}])")
                                 << u"INVALID_SESSION_ID"_s << u"connect"_s;
}

void TestSalesforceSession::oauthErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, hintNeedle);
    const auto s = SalesforceSession::fromTokenReply(400, body, Secret);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().errorCode, code);
    QCOMPARE(s.error().httpStatus, 400);
    QVERIFY2(s.error().hint.contains(hintNeedle, Qt::CaseInsensitive), qPrintable(s.error().hint));
}

void TestSalesforceSession::malformedReplies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << 200 << QByteArray("<html>");
    QTest::newRow("truncated") << 200 << QByteArray(R"({"access_token":"00D!x","instance_)");
    QTest::newRow("no token") << 200 << QByteArray(R"({"instance_url":"https://a.my.salesforce.com"})");
    QTest::newRow("no instance") << 200 << QByteArray(R"({"access_token":"00D!x"})");
    QTest::newRow("bad instance") << 200 << QByteArray(R"x({"access_token":"00D!x","instance_url":"javascript:alert(1)"})x");
    QTest::newRow("error not json") << 500 << QByteArray("Internal Server Error");
}

void TestSalesforceSession::malformedReplies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const auto s = SalesforceSession::fromTokenReply(status, body, QString());
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().errorCode, u"MALFORMED_RESPONSE"_s);
}

void TestSalesforceSession::instanceUrlMustBeHttpsUnlessLoopback_data()
{
    QTest::addColumn<QString>("instance");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("https") << u"https://acme.my.salesforce.com"_s << true;
    QTest::newRow("http remote") << u"http://acme.my.salesforce.com"_s << false;
    QTest::newRow("http remote IP") << u"http://10.0.0.5:8080"_s << false;
    QTest::newRow("http loopback") << u"http://127.0.0.1:9000"_s << true;
    QTest::newRow("http localhost") << u"http://localhost:9000"_s << true;
    QTest::newRow("http ::1") << u"http://[::1]:9000"_s << true;
}

void TestSalesforceSession::instanceUrlMustBeHttpsUnlessLoopback()
{
    QFETCH(QString, instance);
    QFETCH(bool, accepted);
    const QByteArray body = QJsonDocument(QJsonObject{{u"access_token"_s, u"00D!x"_s}, {u"instance_url"_s, instance}})
                                .toJson(QJsonDocument::Compact);
    const auto s = SalesforceSession::fromTokenReply(200, body, QString());
    QCOMPARE(s.has_value(), accepted);
    if (!accepted) {
        QCOMPARE(s.error().errorCode, u"INSECURE_INSTANCE_URL"_s);
        QVERIFY(s.error().message.contains(instance));
    }
}

QTEST_APPLESS_MAIN(TestSalesforceSession)
#include "tst_salesforcesession.moc"
