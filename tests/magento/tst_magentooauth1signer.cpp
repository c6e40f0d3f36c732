#include "magento/magentooauth1signer.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestMagentoOAuth1Signer : public QObject
{
    Q_OBJECT

private slots:
    void percentEncode_data();
    void percentEncode();
    void baseStringUri_data();
    void baseStringUri();
    void rfc5849ParameterNormalization();
    void twitterHmacSha1Vector();
    void rfc5849PhotosHmacSha1Vector();
    void selfComputedHmacSha256Vector();
    void authorizationHeaderSignsQuery();
    void nonceIsFresh();
};

void TestMagentoOAuth1Signer::percentEncode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unreserved") << u"AZaz09-._~"_s << QByteArray("AZaz09-._~");
    QTest::newRow("space is %20 not +") << u"a b"_s << QByteArray("a%20b");
    QTest::newRow("plus") << u"a+b"_s << QByteArray("a%2Bb");
    QTest::newRow("reserved") << u"!*'();:@&=$,/?#[]"_s << QByteArray("%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%2F%3F%23%5B%5D");
    QTest::newRow("utf-8 upper hex") << u"é☃"_s << QByteArray("%C3%A9%E2%98%83");
}

void TestMagentoOAuth1Signer::percentEncode()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(MagentoOAuth1Signer::percentEncode(input), expected);
}

void TestMagentoOAuth1Signer::baseStringUri_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("expected");
    // RFC 5849 3.4.1.2 examples
    QTest::newRow("rfc default port") << u"HTTP://EXAMPLE.COM:80/r%20v/X?id=123"_s << QByteArray("http://example.com/r%20v/X");
    QTest::newRow("rfc other port") << u"https://www.example.net:8080/?q=1"_s << QByteArray("https://www.example.net:8080/");
    QTest::newRow("https 443 dropped") << u"https://shop.example.com:443/rest/V1/orders"_s
                                      << QByteArray("https://shop.example.com/rest/V1/orders");
    QTest::newRow("loopback port kept") << u"http://127.0.0.1:8080/rest/V1/orders?x=1#f"_s
                                        << QByteArray("http://127.0.0.1:8080/rest/V1/orders");
}

void TestMagentoOAuth1Signer::baseStringUri()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, expected);
    QCOMPARE(MagentoOAuth1Signer::baseStringUri(QUrl(url)), expected);
}

void TestMagentoOAuth1Signer::rfc5849ParameterNormalization()
{
    // RFC 5849 3.4.1.1 / 3.4.1.3: query with encoded and duplicate names, form body, oauth parameters.
    const QUrl url(u"http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"_s);
    const MagentoOAuth1Signer::Params params{
        {u"c2"_s, QString()},
        {u"a3"_s, u"2 q"_s},
        {u"oauth_consumer_key"_s, u"9djdj82h48djs9d2"_s},
        {u"oauth_token"_s, u"kkk9d7dh3k39sjv7"_s},
        {u"oauth_signature_method"_s, u"HMAC-SHA1"_s},
        {u"oauth_timestamp"_s, u"137131201"_s},
        {u"oauth_nonce"_s, u"7d8f3e4a"_s},
    };
    QCOMPARE(MagentoOAuth1Signer::baseString("POST", url, params),
             QByteArray("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26"
                        "c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
                        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"));
}

void TestMagentoOAuth1Signer::twitterHmacSha1Vector()
{
    // Twitter developer docs, "Creating a signature".
    const QUrl url(u"https://api.twitter.com/1.1/statuses/update.json?include_entities=true"_s);
    const MagentoOAuth1Signer::Credentials credentials{
        u"xvz1evFS4wEEPTGEFPHBog"_s, u"kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"_s,
        u"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"_s, u"LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"_s};
    const MagentoOAuth1Signer::Params body{{u"status"_s, u"Hello Ladies + Gentlemen, a signed OAuth request!"_s}};
    const MagentoOAuth1Signer::Params oauth{
        {u"oauth_consumer_key"_s, credentials.consumerKey},
        {u"oauth_nonce"_s, u"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"_s},
        {u"oauth_signature_method"_s, u"HMAC-SHA1"_s},
        {u"oauth_timestamp"_s, u"1318622958"_s},
        {u"oauth_token"_s, credentials.token},
        {u"oauth_version"_s, u"1.0"_s},
    };
    const QByteArray base = MagentoOAuth1Signer::baseString("POST", url, oauth + body);
    QCOMPARE(base,
             QByteArray("POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26"
                        "oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26"
                        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26"
                        "oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26"
                        "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"));
    QCOMPARE(MagentoOAuth1Signer::signature(base, credentials.consumerSecret, credentials.tokenSecret,
                                            MagentoSignatureMethod::HmacSha1),
             QByteArray("hCtSmYh+iHYCEqBWrE7C7hYmtUk="));

    const QByteArray header = MagentoOAuth1Signer::authorizationHeader(
        "POST", url, credentials, MagentoSignatureMethod::HmacSha1, u"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"_s,
        1318622958, body);
    QVERIFY2(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""), header.constData());
    QVERIFY(header.startsWith("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\","));
}

void TestMagentoOAuth1Signer::rfc5849PhotosHmacSha1Vector()
{
    // RFC 5849 section 1.2 (no oauth_version in that example).
    const QUrl url(u"http://photos.example.net/photos?file=vacation.jpg&size=original"_s);
    const MagentoOAuth1Signer::Params oauth{
        {u"oauth_consumer_key"_s, u"dpf43f3p2l4k3l03"_s}, {u"oauth_token"_s, u"nnch734d00sl2jdk"_s},
        {u"oauth_signature_method"_s, u"HMAC-SHA1"_s},   {u"oauth_timestamp"_s, u"137131202"_s},
        {u"oauth_nonce"_s, u"chapoH"_s},
    };
    const QByteArray base = MagentoOAuth1Signer::baseString("GET", url, oauth);
    QCOMPARE(MagentoOAuth1Signer::signature(base, u"kd94hf93k423kf44"_s, u"pfkkdhi9sl3r4s00"_s,
                                            MagentoSignatureMethod::HmacSha1),
             QByteArray("MdpQcU8iPSUjWoN/UDMsK2sui9I="));
}

void TestMagentoOAuth1Signer::selfComputedHmacSha256Vector()
{
    // Expected values computed independently with:
    //   printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'cs%2Bsecret&ats%2Fsecret' -binary | base64
    const QUrl url(u"http://127.0.0.1:8080/rest/V1/orders?searchCriteria[pageSize]=5&"
                   "searchCriteria[filter_groups][0][filters][0][value]=2024-05-01%2010%3A00%3A00"_s);
    const MagentoOAuth1Signer::Credentials credentials{u"ck123"_s, u"cs+secret"_s, u"at456"_s, u"ats/secret"_s};
    const QByteArray expectedBase =
        "GET&http%3A%2F%2F127.0.0.1%3A8080%2Frest%2FV1%2Forders&oauth_consumer_key%3Dck123%26oauth_nonce%3Dnonce42%26"
        "oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dat456%26oauth_version%3D1.0%26"
        "searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D%255Bvalue%255D%3D"
        "2024-05-01%252010%253A00%253A00%26searchCriteria%255BpageSize%255D%3D5";
    const MagentoOAuth1Signer::Params oauth{
        {u"oauth_consumer_key"_s, u"ck123"_s}, {u"oauth_nonce"_s, u"nonce42"_s},
        {u"oauth_signature_method"_s, u"HMAC-SHA256"_s}, {u"oauth_timestamp"_s, u"1700000000"_s},
        {u"oauth_token"_s, u"at456"_s}, {u"oauth_version"_s, u"1.0"_s},
    };
    QCOMPARE(MagentoOAuth1Signer::baseString("GET", url, oauth), expectedBase);
    QCOMPARE(MagentoOAuth1Signer::signature(expectedBase, credentials.consumerSecret, credentials.tokenSecret,
                                            MagentoSignatureMethod::HmacSha256),
             QByteArray("YyK95Mwxnpm2Q03yyE0ciLznke2XwWQLQG+RiBWq+JU="));
    const QByteArray header = MagentoOAuth1Signer::authorizationHeader(
        "GET", url, credentials, MagentoSignatureMethod::HmacSha256, u"nonce42"_s, 1700000000);
    QCOMPARE(header, QByteArray("OAuth oauth_consumer_key=\"ck123\",oauth_nonce=\"nonce42\","
                                "oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\","
                                "oauth_token=\"at456\",oauth_version=\"1.0\","
                                "oauth_signature=\"YyK95Mwxnpm2Q03yyE0ciLznke2XwWQLQG%2BRiBWq%2BJU%3D\""));
}

void TestMagentoOAuth1Signer::authorizationHeaderSignsQuery()
{
    // A change to any query value must change the signature (the query is part of the base string).
    const MagentoOAuth1Signer::Credentials c{u"k"_s, u"s"_s, u"t"_s, u"ts"_s};
    const QByteArray a = MagentoOAuth1Signer::authorizationHeader(
        "GET", QUrl(u"http://h/rest/V1/orders?searchCriteria[pageSize]=5"_s), c, MagentoSignatureMethod::HmacSha256,
        u"n"_s, 1);
    const QByteArray b = MagentoOAuth1Signer::authorizationHeader(
        "GET", QUrl(u"http://h/rest/V1/orders?searchCriteria[pageSize]=6"_s), c, MagentoSignatureMethod::HmacSha256,
        u"n"_s, 1);
    QVERIFY(a != b);
}

void TestMagentoOAuth1Signer::nonceIsFresh()
{
    const QString a = MagentoOAuth1Signer::makeNonce();
    const QString b = MagentoOAuth1Signer::makeNonce();
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    QCOMPARE(QString::fromLatin1(MagentoOAuth1Signer::percentEncode(a)), a);
}

QTEST_APPLESS_MAIN(TestMagentoOAuth1Signer)
#include "tst_magentooauth1signer.moc"
