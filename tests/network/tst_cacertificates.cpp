#include "network/cacertificates.h"

#include "throwawayca.h"

#include <QSet>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// The connection's extra CA file: added to the system's CAs, never in place of them; which handshake failures it
// can fix; what Test Connection says. (File refusals: tst_connectionprofilevalidator; end to end: tst_clitls.)
class TestCaCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addsToTheSystemStore();
    void emptyPathTrustsTheSystemOnly();
    void untrustedErrors_data();
    void untrustedErrors();
    void handshakeErrorNamesTheFieldWhenTheCaFileCanHelp();
    void describesTheTrust();

private:
    QTemporaryDir m_dir;
};

void TestCaCertificates::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString problem = ThrowawayCa::make(m_dir.path());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCaCertificates::addsToTheSystemStore()
{
    const auto configuration = CaCertificates::load(m_dir.filePath(u"ca.pem"_s), CaCertificates::Side::Magento);
    QVERIFY2(configuration, configuration ? "" : qPrintable(configuration.error().toString()));
    // The system's roots stay trusted: Qt loads them on demand only while no CA list is set, so they must be listed.
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    QVERIFY2(!system.isEmpty(), "the system's CA store is empty (Debian package ca-certificates)");
    const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_dir.filePath(u"ca.pem"_s));
    QCOMPARE(ca.size(), 1);
    QVERIFY(!system.contains(ca.first()));
    const QList<QSslCertificate> trusted = configuration->caCertificates();
    QVERIFY(trusted.contains(ca.first()));
    for (const QSslCertificate &certificate : system)
        QVERIFY(trusted.contains(certificate));
    QCOMPARE(trusted.size(), QSet<QSslCertificate>(system.cbegin(), system.cend()).size() + 1);
}

void TestCaCertificates::emptyPathTrustsTheSystemOnly()
{
    const auto configuration = CaCertificates::load(QString(), CaCertificates::Side::Salesforce);
    QVERIFY(configuration);
    QCOMPARE(configuration->caCertificates(), QSslConfiguration::defaultConfiguration().caCertificates());
}

void TestCaCertificates::untrustedErrors_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("untrusted");
    QTest::newRow("local issuer unknown") << int(QSslError::UnableToGetLocalIssuerCertificate) << true;
    QTest::newRow("self-signed") << int(QSslError::SelfSignedCertificate) << true;
    QTest::newRow("self-signed in chain") << int(QSslError::SelfSignedCertificateInChain) << true;
    QTest::newRow("first not verifiable") << int(QSslError::UnableToVerifyFirstCertificate) << true;
    QTest::newRow("host name mismatch") << int(QSslError::HostNameMismatch) << false;
    QTest::newRow("expired") << int(QSslError::CertificateExpired) << false;
}

void TestCaCertificates::untrustedErrors()
{
    QFETCH(int, error);
    QFETCH(bool, untrusted);
    QCOMPARE(CaCertificates::isUntrusted({QSslError(QSslError::SslError(error))}), untrusted);
    QVERIFY(!CaCertificates::isUntrusted({}));
}

void TestCaCertificates::handshakeErrorNamesTheFieldWhenTheCaFileCanHelp()
{
    const Error untrusted = CaCertificates::handshakeError(u"magento.tls"_s, CaCertificates::Side::Magento, u"shop.example"_s,
                                                           {QSslError(QSslError::SelfSignedCertificate)}, u"detail"_s);
    QCOMPARE(untrusted.code, u"magento.tls"_s);
    QVERIFY2(untrusted.message.contains(u"shop.example (Magento) is not trusted"_s), qPrintable(untrusted.message));
    QCOMPARE(untrusted.fields, QStringList{u"magento_ca_file"_s});
    QVERIFY2(untrusted.hint.contains(u"connect magento --ca-file"_s), qPrintable(untrusted.hint));

    const Error mismatch = CaCertificates::handshakeError(u"TLS_ERROR"_s, CaCertificates::Side::Salesforce, u"org.example"_s,
                                                          {QSslError(QSslError::HostNameMismatch)}, u"detail"_s);
    QVERIFY2(!mismatch.message.contains(u"not trusted"_s), qPrintable(mismatch.message));
    QVERIFY(mismatch.fields.isEmpty());
    QVERIFY2(!mismatch.hint.contains(u"--ca-file"_s), qPrintable(mismatch.hint));
}

void TestCaCertificates::describesTheTrust()
{
    QCOMPARE(CaCertificates::describe(QString()), u"Trusted certificates: system certificates only."_s);
    QCOMPARE(CaCertificates::describe(u"/srv/pki/ca.pem"_s), u"Trusted certificates: the system's and /srv/pki/ca.pem."_s);
}

QTEST_GUILESS_MAIN(TestCaCertificates)
#include "tst_cacertificates.moc"
