#include "magento/magentoerrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestMagentoErrors : public QObject
{
    Q_OBJECT

private slots:
    void substitute_data();
    void substitute();
    void envelope_data();
    void envelope();
    void hintDependsOnAuthMode();
    void twoFactorHintNamesTheAlternatives();
    void classify_data();
    void classify();
    void transport();
};

void TestMagentoErrors::substitute_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("parameters");
    QTest::addColumn<QString>("expected");
    QTest::newRow("array") << u"%1 and %2"_s << QByteArray(R"(["a","b"])") << u"a and b"_s;
    QTest::newRow("array %10 not %1+0") << u"%10/%1"_s << QByteArray(R"(["1","2","3","4","5","6","7","8","9","ten"])")
                                        << u"ten/1"_s;
    QTest::newRow("array missing index kept") << u"%1 %3"_s << QByteArray(R"(["x"])") << u"x %3"_s;
    QTest::newRow("number parameter") << u"Order %1"_s << QByteArray("[42]") << u"Order 42"_s;
    QTest::newRow("object") << u"\"%fieldName\" is required. Enter and try again."_s
                            << QByteArray(R"({"fieldName":"searchCriteria"})")
                            << u"\"searchCriteria\" is required. Enter and try again."_s;
    QTest::newRow("object longest name") << u"%field and %fieldName"_s
                                         << QByteArray(R"({"field":"F","fieldName":"FN"})") << u"F and FN"_s;
    QTest::newRow("object array value") << u"Use %active_providers."_s
                                        << QByteArray(R"({"active_providers":["google","duo"]})")
                                        << u"Use google, duo."_s;
    QTest::newRow("no parameters") << u"100% done %1"_s << QByteArray("null") << u"100% done %1"_s;
}

void TestMagentoErrors::substitute()
{
    QFETCH(QString, message);
    QFETCH(QByteArray, parameters);
    QFETCH(QString, expected);
    const QJsonValue params = QJsonDocument::fromJson("[" + parameters + "]").array().at(0);
    QCOMPARE(MagentoErrors::substitute(message, params), expected);
}

void TestMagentoErrors::envelope_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("fields");

    QTest::newRow("401 acl, object parameters")
        << 401 << QByteArray(R"({"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}})")
        << u"magento.unauthorized"_s << u"The consumer isn't authorized to access Magento_Sales::actions_view. (HTTP 401)"_s
        << QStringList();
    QTest::newRow("400 required field")
        << 400 << QByteArray(R"({"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"searchCriteria"}})")
        << u"magento.validation"_s << u"\"searchCriteria\" is required. Enter and try again. (HTTP 400)"_s << QStringList{u"searchCriteria"_s};
    QTest::newRow("400 array parameters + errors")
        << 400
        << QByteArray(R"({"message":"One or more input exceptions have occurred.","errors":[{"message":"\"%1\" is required. Enter and try again.","parameters":["qty"]},{"message":"%fieldName is invalid.","parameters":{"fieldName":"sku"}}]})")
        << u"magento.validation"_s
        << u"One or more input exceptions have occurred. (\"qty\" is required. Enter and try again.; sku is invalid.) (HTTP 400)"_s
        << QStringList{u"sku"_s};
    QTest::newRow("404 entity")
        << 404 << QByteArray(R"({"message":"The entity that was requested doesn't exist. Verify the entity and try again."})")
        << u"magento.not_found"_s << u"The entity that was requested doesn't exist. Verify the entity and try again. (HTTP 404)"_s
        << QStringList();
    QTest::newRow("404 route") << 404 << QByteArray(R"({"message":"Request does not match any route."})")
                               << u"magento.no_route"_s << u"Request does not match any route. (HTTP 404)"_s << QStringList();
    QTest::newRow("401 two factor")
        << 401 << QByteArray(R"({"message":"Please use the 2fa provider-specific endpoints to obtain a token.","parameters":{"active_providers":["google"]}})")
        << u"magento.two_factor_required"_s << u"Please use the 2fa provider-specific endpoints to obtain a token. (HTTP 401)"_s
        << QStringList();
    // Stock 2.4 (Magento_TwoFactorAuth's AdminAccessTokenService throws a plain LocalizedException: HTTP 400).
    QTest::newRow("400 two factor")
        << 400 << QByteArray(R"({"message":"Please use the 2fa provider-specific endpoints to obtain a token.","parameters":{"active_providers":["google"]}})")
        << u"magento.two_factor_required"_s << u"Please use the 2fa provider-specific endpoints to obtain a token. (HTTP 400)"_s
        << QStringList();
    QTest::newRow("500 masked, trace not copied")
        << 500 << QByteArray(R"({"message":"Internal Error. Details are available in Magento log file. Report ID: webapi-5d3551e5eb951","trace":"#0 /var/www/secret/path.php"})")
        << u"magento.server_error"_s
        << u"Internal Error. Details are available in Magento log file. Report ID: webapi-5d3551e5eb951 (HTTP 500)"_s << QStringList();
    QTest::newRow("503 html") << 503 << QByteArray("<html><body>Service Unavailable</body></html>")
                              << u"magento.unavailable"_s
                              << u"Magento replied with an unexpected body: <html><body>Service Unavailable</body></html> (HTTP 503)"_s
                              << QStringList();
    QTest::newRow("truncated json") << 500 << QByteArray(R"({"message":"Internal Err)") << u"magento.server_error"_s
                                    << u"Magento replied with an unexpected body: {\"message\":\"Internal Err (HTTP 500)"_s
                                    << QStringList();
    QTest::newRow("empty body 502") << 502 << QByteArray() << u"magento.server_error"_s
                                    << u"Magento replied with an empty body (HTTP 502)"_s << QStringList();
    QTest::newRow("oauth problem form")
        << 401 << QByteArray("oauth_problem=signature_invalid") << u"magento.unauthorized"_s
        << u"OAuth problem: signature_invalid (HTTP 401)"_s << QStringList();
    QTest::newRow("message not a string") << 400 << QByteArray(R"({"message":42})") << u"magento.validation"_s
                                          << u"Magento replied with an unexpected body: {\"message\":42} (HTTP 400)"_s
                                          << QStringList();
    QTest::newRow("403") << 403 << QByteArray(R"({"message":"permission_denied"})") << u"magento.forbidden"_s
                         << u"permission_denied (HTTP 403)"_s << QStringList();
    QTest::newRow("429") << 429 << QByteArray(R"({"message":"Too many requests"})") << u"magento.rate_limited"_s
                         << u"Too many requests (HTTP 429)"_s << QStringList();
}

void TestMagentoErrors::envelope()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QStringList, fields);
    const Error e = MagentoErrors::fromHttpReply(status, body, MagentoAuthMode::OAuth1);
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
    QCOMPARE(e.fields, fields);
    QVERIFY2(!e.hint.isEmpty(), qPrintable(code));
    QVERIFY(!e.message.contains(u"secret/path"_s));
}

void TestMagentoErrors::hintDependsOnAuthMode()
{
    const QByteArray body = R"({"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}})";
    const Error token = MagentoErrors::fromHttpReply(401, body, MagentoAuthMode::IntegrationToken);
    QVERIFY(token.hint.contains(u"Magento_Sales::actions_view"_s));
    QVERIFY(token.hint.contains(u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s));
    QVERIFY(token.hint.contains(u"OAuth 1.0a"_s));
    QVERIFY(token.hint.contains(u"2.4.4"_s));
    const Error admin = MagentoErrors::fromHttpReply(401, body, MagentoAuthMode::AdminUser);
    QVERIFY(admin.hint.contains(u"password"_s));
    const Error oauth = MagentoErrors::fromHttpReply(401, body, MagentoAuthMode::OAuth1);
    QVERIFY(oauth.hint.contains(u"consumer key"_s));
    QVERIFY(oauth.hint.contains(u"clock"_s));
}

void TestMagentoErrors::twoFactorHintNamesTheAlternatives()
{
    const QByteArray body = R"({"message":"Please use the 2fa provider-specific endpoints to obtain a token.","parameters":{"active_providers":["google"]}})";
    const Error e = MagentoErrors::fromHttpReply(400, body, MagentoAuthMode::AdminUser);
    QCOMPARE(e.code, u"magento.two_factor_required"_s);
    // What 2FA is, and both ways that work without it.
    QVERIFY2(e.hint.contains(u"two-factor authentication (2FA)"_s) && e.hint.contains(u"one-time code"_s), qPrintable(e.hint));
    QVERIFY2(e.hint.contains(u"OAuth 1.0a"_s) && e.hint.contains(u"--auth oauth1"_s), qPrintable(e.hint));
    QVERIFY2(e.hint.contains(u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s), qPrintable(e.hint));
}

void TestMagentoErrors::classify_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<int>("kind");
    using K = MagentoFailureKind;
    QTest::newRow("200") << 200 << int(QNetworkReply::NoError) << false << int(K::None);
    QTest::newRow("200 cut") << 200 << int(QNetworkReply::RemoteHostClosedError) << false << int(K::Dropped);
    QTest::newRow("401") << 401 << int(QNetworkReply::AuthenticationRequiredError) << false << int(K::Unauthorized);
    QTest::newRow("404") << 404 << int(QNetworkReply::ContentNotFoundError) << false << int(K::ClientError);
    QTest::newRow("400") << 400 << int(QNetworkReply::ProtocolInvalidOperationError) << false << int(K::ClientError);
    QTest::newRow("429") << 429 << int(QNetworkReply::UnknownContentError) << false << int(K::Unavailable);
    QTest::newRow("500") << 500 << int(QNetworkReply::InternalServerError) << false << int(K::ServerError);
    QTest::newRow("502") << 502 << int(QNetworkReply::UnknownServerError) << false << int(K::ServerError);
    QTest::newRow("503") << 503 << int(QNetworkReply::ServiceUnavailableError) << false << int(K::Unavailable);
    QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << false << int(K::Dropped);
    QTest::newRow("closed") << 0 << int(QNetworkReply::RemoteHostClosedError) << false << int(K::Dropped);
    QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << true << int(K::Timeout);
}

void TestMagentoErrors::classify()
{
    QFETCH(int, status);
    QFETCH(int, networkError);
    QFETCH(bool, timedOut);
    QFETCH(int, kind);
    QCOMPARE(int(MagentoErrors::classify(status, QNetworkReply::NetworkError(networkError), timedOut)), kind);
}

void TestMagentoErrors::transport()
{
    QCOMPARE(MagentoErrors::fromTransport(MagentoFailureKind::Timeout, QNetworkReply::OperationCanceledError, u"x"_s).code,
             u"magento.timeout"_s);
    QCOMPARE(MagentoErrors::fromTransport(MagentoFailureKind::Dropped, QNetworkReply::ConnectionRefusedError, u"x"_s).code,
             u"magento.network"_s);
    QCOMPARE(MagentoErrors::fromTransport(MagentoFailureKind::Dropped, QNetworkReply::SslHandshakeFailedError, u"x"_s).code,
             u"magento.tls"_s);
    QCOMPARE(MagentoErrors::malformedReply(u"x"_s).code, u"magento.malformed_reply"_s);
}

QTEST_APPLESS_MAIN(TestMagentoErrors)
#include "tst_magentoerrors.moc"
