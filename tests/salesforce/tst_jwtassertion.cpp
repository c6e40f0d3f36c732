#include "salesforce/jwtassertion.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestJwtAssertion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void structure();
    void signatureVerifiesWithPublicKey();
    void tamperingBreaksSignature();
    void badKeys_data();
    void badKeys();
    void incompleteClaims();
    void audienceFollowsTheLoginHost_data();
    void audienceFollowsTheLoginHost();

private:
    QByteArray m_privatePem;
    QByteArray m_publicPem;
    QByteArray m_otherPublicPem;
};

namespace {

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, len);
}

bool makeKey(QByteArray *privatePem, QByteArray *publicPem)
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    if (!key)
        return false;
    BIO *priv = BIO_new(BIO_s_mem());
    BIO *pub = BIO_new(BIO_s_mem());
    const bool ok = PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr) == 1
        && PEM_write_bio_PUBKEY(pub, key) == 1;
    if (privatePem)
        *privatePem = bioToBytes(priv);
    *publicPem = bioToBytes(pub);
    BIO_free(priv);
    BIO_free(pub);
    EVP_PKEY_free(key);
    return ok;
}

QJsonObject decodePart(const QByteArray &part)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding)).object();
}

JwtAssertion::Claims claims()
{
    return {u"3MVG9consumerKey"_s, u"integration@example.com"_s, u"https://login.salesforce.com"_s,
            QDateTime::fromSecsSinceEpoch(1893456000, Qt::UTC)};
}

} // namespace

void TestJwtAssertion::initTestCase()
{
    QVERIFY(makeKey(&m_privatePem, &m_publicPem));
    QVERIFY(makeKey(nullptr, &m_otherPublicPem));
}

void TestJwtAssertion::structure()
{
    const Result<QByteArray> jwt = JwtAssertion::build(claims(), m_privatePem);
    QVERIFY2(jwt.has_value(), qPrintable(jwt.has_value() ? QString() : jwt.error().message));
    const QList<QByteArray> parts = jwt->split('.');
    QCOMPARE(parts.size(), 3);
    for (const QByteArray &p : parts) {
        QVERIFY(!p.contains('=')); // base64url without padding
        QVERIFY(!p.contains('+') && !p.contains('/'));
    }
    const QJsonObject header = decodePart(parts[0]);
    QCOMPARE(header.value(u"alg"_s).toString(), u"RS256"_s);
    const QJsonObject body = decodePart(parts[1]);
    QCOMPARE(body.value(u"iss"_s).toString(), u"3MVG9consumerKey"_s);
    QCOMPARE(body.value(u"sub"_s).toString(), u"integration@example.com"_s);
    QCOMPARE(body.value(u"aud"_s).toString(), u"https://login.salesforce.com"_s);
    QCOMPARE(body.value(u"exp"_s).toInteger(), 1893456000);
    // RS256 with a 2048-bit key: 256 signature bytes.
    QCOMPARE(QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding).size(), 256);
}

void TestJwtAssertion::signatureVerifiesWithPublicKey()
{
    const Result<QByteArray> jwt = JwtAssertion::build(claims(), m_privatePem);
    QVERIFY(jwt.has_value());
    QVERIFY(JwtAssertion::verify(*jwt, m_publicPem));
    QVERIFY(!JwtAssertion::verify(*jwt, m_otherPublicPem));
}

void TestJwtAssertion::tamperingBreaksSignature()
{
    const Result<QByteArray> jwt = JwtAssertion::build(claims(), m_privatePem);
    QVERIFY(jwt.has_value());
    QList<QByteArray> parts = jwt->split('.');
    QJsonObject body = decodePart(parts[1]);
    body.insert(u"sub"_s, u"admin@example.com"_s);
    parts[1] = QJsonDocument(body).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QVERIFY(!JwtAssertion::verify(parts.join('.'), m_publicPem));
}

void TestJwtAssertion::badKeys_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    QTest::newRow("public key") << m_publicPem;
}

void TestJwtAssertion::badKeys()
{
    QFETCH(QByteArray, pem);
    const Result<QByteArray> jwt = JwtAssertion::build(claims(), pem);
    QVERIFY(!jwt.has_value());
    QCOMPARE(jwt.error().code, u"PRIVATE_KEY_INVALID"_s);
    QVERIFY(!jwt.error().hint.isEmpty());
}

void TestJwtAssertion::incompleteClaims()
{
    JwtAssertion::Claims c = claims();
    c.subject.clear();
    QCOMPARE(JwtAssertion::build(c, m_privatePem).error().code, u"JWT_CLAIMS_INCOMPLETE"_s);
}

void TestJwtAssertion::audienceFollowsTheLoginHost_data()
{
    QTest::addColumn<QString>("loginUrl");
    QTest::addColumn<QString>("audience");
    const QString prod = QStringLiteral("https://login.salesforce.com");
    const QString test = QStringLiteral("https://test.salesforce.com");
    QTest::newRow("login") << QStringLiteral("https://login.salesforce.com/") << prod;
    QTest::newRow("test") << QStringLiteral("https://test.salesforce.com") << test;
    QTest::newRow("My Domain") << QStringLiteral("https://acme.my.salesforce.com") << prod;
    QTest::newRow("My Domain, upper case") << QStringLiteral("https://ACME.My.Salesforce.com/") << prod;
    QTest::newRow("Developer Edition") << QStringLiteral("https://acme-dev-ed.develop.my.salesforce.com") << prod;
    QTest::newRow("sandbox My Domain") << QStringLiteral("https://acme--uat.sandbox.my.salesforce.com") << test;
    QTest::newRow("legacy sandbox My Domain") << QStringLiteral("https://acme--uat.my.salesforce.com") << test;
    QTest::newRow("scratch org") << QStringLiteral("https://dream-1234.scratch.my.salesforce.com") << test;
    QTest::newRow("Experience Cloud site") << QStringLiteral("https://acme.my.site.com/customers/")
                                           << QStringLiteral("https://acme.my.site.com/customers");
    QTest::newRow("loopback sandbox") << QStringLiteral("http://127.0.0.1:40123")
                                      << QStringLiteral("http://127.0.0.1:40123");
}

void TestJwtAssertion::audienceFollowsTheLoginHost()
{
    QFETCH(QString, loginUrl);
    QFETCH(QString, audience);
    QCOMPARE(JwtAssertion::audienceFor(QUrl(loginUrl)), audience);
}

QTEST_APPLESS_MAIN(TestJwtAssertion)
#include "tst_jwtassertion.moc"
