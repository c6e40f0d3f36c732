#include "oauthtestsigner.h"
#include "oauthverifier.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::HttpRequest;
using Sandbox::OAuthVerifier;

class tst_OAuthVerifier : public QObject
{
    Q_OBJECT

private:
    static HttpRequest request(const QByteArray &method, const QByteArray &host, const QByteArray &pathAndQuery,
                               const QByteArray &authorization)
    {
        HttpRequest r;
        r.method = method;
        r.rawPathAndQuery = pathAndQuery;
        r.headers = {{"Host", host}, {"Authorization", authorization}};
        return r;
    }

private slots:
    void testSignerMatchesPublishedVector()
    {
        // OAuth Core 1.0, Appendix A.5: the photos.example.net request signed with HMAC-SHA1.
        QByteArray base;
        const QByteArray header = OAuthTestSigner::authorization(
            "GET", QUrl(u"http://photos.example.net/photos?file=vacation.jpg&size=original"_s), "dpf43f3p2l4k3l03",
            "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "kllo9940pd9333jh", 1191242096, true, &base);
        QCOMPARE(base, QByteArray("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3D"
                                  "dpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26"
                                  "oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26"
                                  "size%3Doriginal"));
        QVERIFY2(header.contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\""), header.constData());
    }

    void verifiesThePublishedRequestWithSha256Only()
    {
        OAuthVerifier v({u"dpf43f3p2l4k3l03"_s, u"kd94hf93k423kf44"_s, u"nnch734d00sl2jdk"_s, u"pfkkdhi9sl3r4s00"_s, 1});
        // The published HMAC-SHA1 signature is right, and refused: current Magento supports HMAC-SHA256 alone.
        const QByteArray sha1 = OAuthTestSigner::authorization(
            "GET", QUrl(u"http://photos.example.net/photos?file=vacation.jpg&size=original"_s), "dpf43f3p2l4k3l03",
            "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "sha1-nonce", 1191242096, true);
        const auto refused = v.verify(request("GET", "photos.example.net", "/photos?file=vacation.jpg&size=original", sha1),
                                      1191242096);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().status, 400);
        QCOMPARE(refused.error().message, u"Signature method %1 is not supported"_s);
        QCOMPARE(refused.error().parameters.toArray().at(0).toString(), u"HMAC-SHA1"_s);

        const QByteArray header = OAuthTestSigner::authorization(
            "GET", QUrl(u"http://photos.example.net/photos?file=vacation.jpg&size=original"_s), "dpf43f3p2l4k3l03",
            "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00", "kllo9940pd9333jh", 1191242096, false);
        const auto r = request("GET", "photos.example.net", "/photos?file=vacation.jpg&size=original", header);
        const auto ok = v.verify(r, 1191242096);
        QVERIFY2(ok.has_value(), ok ? "" : qPrintable(ok.error().message));
        // The same nonce again is a replay.
        const auto replay = v.verify(r, 1191242096);
        QVERIFY(!replay.has_value());
        QCOMPARE(replay.error().status, 401);
        QCOMPARE(replay.error().message, u"The nonce is already being used by the consumer with ID %1"_s);
    }

    void rejectsTampering_data()
    {
        QTest::addColumn<QByteArray>("signedPath");
        QTest::addColumn<QByteArray>("sentPath");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("valid");
        QTest::newRow("same") << QByteArray("/rest/V1/orders?a=1&b=%20x") << QByteArray("/rest/V1/orders?a=1&b=%20x")
                              << QByteArray("GET") << true;
        QTest::newRow("plus is a space") << QByteArray("/rest/V1/orders?b=%20x") << QByteArray("/rest/V1/orders?b=+x")
                                         << QByteArray("GET") << true;
        QTest::newRow("query changed") << QByteArray("/rest/V1/orders?a=1") << QByteArray("/rest/V1/orders?a=2")
                                       << QByteArray("GET") << false;
        QTest::newRow("path changed") << QByteArray("/rest/V1/orders/1") << QByteArray("/rest/V1/orders/2")
                                      << QByteArray("GET") << false;
        QTest::newRow("method changed") << QByteArray("/rest/V1/orders/1") << QByteArray("/rest/V1/orders/1")
                                        << QByteArray("POST") << false;
    }
    void rejectsTampering()
    {
        QFETCH(QByteArray, signedPath);
        QFETCH(QByteArray, sentPath);
        QFETCH(QByteArray, method);
        QFETCH(bool, valid);
        OAuthVerifier v({u"ck"_s, u"cs"_s, u"at"_s, u"ts"_s, 1});
        const QByteArray header = OAuthTestSigner::authorization(
            "GET", QUrl::fromEncoded("http://127.0.0.1:8080" + signedPath), "ck", "cs", "at", "ts", "nonce", 1000, false);
        const auto result = v.verify(request(method, "127.0.0.1:8080", sentPath, header), 1000);
        QCOMPARE(result.has_value(), valid);
        if (!valid)
            QCOMPARE(result.error().message, u"The signature is invalid. Verify and try again."_s);
    }
};

QTEST_APPLESS_MAIN(tst_OAuthVerifier)
#include "tst_oauthverifier.moc"
