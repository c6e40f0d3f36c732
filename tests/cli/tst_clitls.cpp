// The connection's extra CA certificate file, end to end over HTTPS: orderbridge-sandbox serves both APIs with a
// certificate for 127.0.0.1 signed by a throwaway CA that `openssl` makes here (ThrowawayCa). Without the CA file the store and
// the org are refused as untrusted and test-connection names the field to set; with it test-connection and a sync
// work; a file that holds no PEM certificate (or only expired ones) is refused when connecting, naming the field.

#include "clirunner.h"
#include "sandboxprocess.h"
#include "throwawayca.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCliTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void untrustedWithoutTheCaFile();
    void badCaFileIsRefusedNamingTheField_data();
    void badCaFileIsRefusedNamingTheField();
    void trustedWithTheCaFile();

private:
    [[nodiscard]] QString cert(const QString &name) const { return m_certs.filePath(name); }

    QTemporaryDir m_certs;
    SandboxProcess m_sandbox;
};

void TestCliTls::initTestCase()
{
    QVERIFY(m_certs.isValid());
    const QString problem = ThrowawayCa::make(m_certs.path());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"6"_s, u"--seed"_s, u"13"_s, u"--tls-cert"_s, cert(u"server.pem"_s),
                              u"--tls-key"_s, cert(u"server.key"_s)}),
             qPrintable(m_sandbox.errorString()));
    QVERIFY(m_sandbox.magentoBaseUrl().startsWith(u"https://127.0.0.1:"_s));
    QVERIFY(m_sandbox.salesforceLoginUrl().startsWith(u"https://127.0.0.1:"_s));
}

void TestCliTls::untrustedWithoutTheCaFile()
{
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    // The store cannot be checked, so connect saves it with a notice (the sign-in was not refused).
    CliRun r = connectMagentoOAuth1(data, m_sandbox.magento());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.err.contains(u"is not trusted"_s), qPrintable(r.err));
    r = connectSalesforcePassword(data, m_sandbox.salesforce());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = r.out.split(u'\n');
    const auto line = [&](const QString &start) {
        for (const QString &l : lines) {
            if (l.startsWith(start))
                return l;
        }
        return QString();
    };
    const QString magento = line(u"FAIL  Magento: "_s);
    QVERIFY2(magento.contains(u"certificate of 127.0.0.1 (Magento) is not trusted"_s), qPrintable(r.out));
    QVERIFY2(magento.contains(u"connect magento --ca-file"_s), qPrintable(magento));
    QVERIFY2(magento.contains(u"system certificates only"_s), qPrintable(magento));
    const QString salesforce = line(u"FAIL  Salesforce: "_s);
    QVERIFY2(salesforce.contains(u"certificate of 127.0.0.1 (Salesforce) is not trusted"_s), qPrintable(r.out));
    QVERIFY2(salesforce.contains(u"connect salesforce --ca-file"_s), qPrintable(salesforce));
    QVERIFY2(!r.out.contains(u"Salesforce: Salesforce"_s), qPrintable(r.out));
}

void TestCliTls::badCaFileIsRefusedNamingTheField_data()
{
    QTest::addColumn<QString>("side");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("problem");
    for (const QString &side : {u"magento"_s, u"salesforce"_s}) {
        QTest::newRow(qPrintable(side + u": not PEM"_s)) << side << u"server.ext"_s << u"holds no PEM certificate"_s;
        QTest::newRow(qPrintable(side + u": DER"_s)) << side << u"ca.der"_s << u"is a DER (binary) certificate"_s;
        QTest::newRow(qPrintable(side + u": missing"_s)) << side << u"nothing.pem"_s << u"does not exist"_s;
        QTest::newRow(qPrintable(side + u": a key"_s)) << side << u"ca.key"_s << u"holds no PEM certificate"_s;
        QTest::newRow(qPrintable(side + u": expired"_s))
            << side << u"expired.pem"_s << u"holds only expired certificates (the last expired on 2020-01-02T00:00:00Z)"_s;
    }
}

void TestCliTls::badCaFileIsRefusedNamingTheField()
{
    QFETCH(QString, side);
    QFETCH(QString, file);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    const QStringList ca{u"--ca-file"_s, cert(file)};
    const CliRun r = side == u"magento"_s ? connectMagentoOAuth1(data, m_sandbox.magento(), 120000, ca)
                                          : connectSalesforcePassword(data, m_sandbox.salesforce(), 120000, ca);
    QCOMPARE(r.exitCode, 2);
    const QString field = side == u"magento"_s ? u"The Magento CA certificate file"_s : u"The Salesforce CA certificate file"_s;
    QVERIFY2(r.err.contains(field) && r.err.contains(problem), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"connect %1 --ca-file"_s.arg(side)), qPrintable(r.err));
    // Nothing was saved: the next command still has no connection.
    const CliRun status = runCliWithInput(data + QStringList{u"test-connection"_s});
    QVERIFY2(!status.out.contains(u"ok    "_s), qPrintable(status.out));
}

void TestCliTls::trustedWithTheCaFile()
{
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    const QStringList ca{u"--ca-file"_s, cert(u"ca.pem"_s)};
    CliRun r = connectMagentoOAuth1(data, m_sandbox.magento(), 120000, ca);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"Signed in to Magento; 6 order(s) visible."_s), qPrintable(r.out + r.err));
    r = connectSalesforcePassword(data, m_sandbox.salesforce(), 120000, ca);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QString trusted = u"Trusted certificates: the system's and %1."_s.arg(cert(u"ca.pem"_s));
    QVERIFY2(r.out.contains(u"ok    Magento: Signed in; 6 order(s) visible. "_s + trusted), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"ok    Salesforce: Signed in to https://127.0.0.1:"_s), qPrintable(r.out));
    QCOMPARE(r.out.count(trusted), 2);

    r = runCliWithInput(data + QStringList{u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject summary = summaryOf(r.out);
    QVERIFY2(!summary.isEmpty(), qPrintable(r.out));
    QCOMPARE(summary.value(u"errors"_s).toInt(), 0);
    int inSync = 0;
    for (const QJsonObject &line : jsonLines(r.out))
        inSync += line.value(u"sync_status"_s).toString() == u"in_sync"_s ? 1 : 0;
    QVERIFY2(inSync > 0, qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestCliTls)
#include "tst_clitls.moc"
