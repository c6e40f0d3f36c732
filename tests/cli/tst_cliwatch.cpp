// orderbridge-cli sync --watch as a real process against orderbridge-sandbox: an order placed and
// invoiced while it watches arrives as in_sync on its JSON output; SIGTERM stops it cleanly (exit
// 0) and leaves nothing half-written. Secrets in a private gnome-keyring (with-keyring.sh).

#include "asyncresult.h"
#include "clirunner.h"
#include "magento/magentoclient.h"
#include "orgrest.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

/// The JSON lines a running process has written so far (complete lines only).
class LineReader
{
public:
    explicit LineReader(QProcess *process)
        : m_process(process)
    {
    }
    QList<QJsonObject> take()
    {
        m_buffer += m_process->readAllStandardOutput();
        QList<QJsonObject> lines;
        qsizetype end = 0;
        while ((end = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            if (!line.trimmed().isEmpty())
                lines << QJsonDocument::fromJson(line).object();
        }
        m_all << lines;
        return lines;
    }
    [[nodiscard]] const QList<QJsonObject> &all() const { return m_all; }
    [[nodiscard]] QByteArray rest() const { return m_buffer; }

private:
    QProcess *m_process;
    QByteArray m_buffer;
    QList<QJsonObject> m_all;
};

} // namespace

class TestCliWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void watchSyncsANewOrderAndStopsCleanlyOnSigterm();

private:
    QStringList data(const QStringList &args) const { return QStringList{u"--data-dir"_s, m_dir.path()} + args; }
    QList<QJsonObject> soql(const QString &statement);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    QJsonObject m_session;
};

void TestCliWatch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"6"_s, u"--seed"_s, u"13"_s}), qPrintable(m_sandbox.errorString()));
    const QJsonObject sf = m_sandbox.salesforce();
    CliRun r = connectMagentoOAuth1(data({}), m_sandbox.magento());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = connectSalesforcePassword(data({}), sf);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The shortest poll interval the settings allow.
    QCOMPARE(runCliWithInput(data({u"config"_s, u"set"_s, u"engine.polling_interval_seconds"_s, u"10"_s})).exitCode, 0);

    // A session of our own, to look at the org.
    m_session = orgSession(m_network, sf);
    QVERIFY(!m_session.value(u"access_token"_s).toString().isEmpty());
}

QList<QJsonObject> TestCliWatch::soql(const QString &statement)
{
    QUrlQuery q;
    q.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(statement)));
    QList<QJsonObject> out;
    for (const QJsonValue &v : orgGet(m_network, m_session, u"/services/data/v62.0/query"_s, q).value(u"records"_s).toArray())
        out << v.toObject();
    return out;
}

void TestCliWatch::watchSyncsANewOrderAndStopsCleanlyOnSigterm()
{
    QProcess watch;
    watch.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), data({u"sync"_s, u"--watch"_s, u"--json"_s}));
    QVERIFY(watch.waitForStarted(10000));
    LineReader reader(&watch);
    const auto summaries = [&reader] {
        int n = 0;
        for (const QJsonObject &line : reader.all())
            n += line.contains(u"summary"_s) ? 1 : 0;
        return n;
    };
    // The first poll picks up the seeded orders and ends with a summary line; the process keeps watching.
    QTRY_VERIFY2_WITH_TIMEOUT((reader.take(), summaries() >= 1), qPrintable(QString::fromUtf8(watch.readAllStandardError())),
                              60000);
    QCOMPARE(watch.state(), QProcess::Running);

    // Meanwhile a customer checks out and the shop invoices the order.
    const auto shop = SandboxConnections::magentoClient(&m_network, m_sandbox.magento());
    MagentoClient &magento = *shop;
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 2}},
        SandboxConnections::address(u"Wanda"_s, u"Watcher"_s, u"5 Polling Lane"_s, u"Leeds"_s, u"LS1 1AA"_s, u"GB"_s,
                                    u"+44 113 555 0100"_s, u"watch.customer@example.org"_s));
    const Result<qint64> placed = SandboxConnections::placeOrder(magento, this, checkout);
    QVERIFY2(placed.has_value(), qPrintable(errorText(placed)));
    const Result<MagentoOrder> invoiced = SandboxConnections::invoiceOrder(magento, this, *placed);
    QVERIFY2(invoiced.has_value(), qPrintable(errorText(invoiced)));
    const QString inc = invoiced->incrementId;
    QVERIFY(!inc.isEmpty());

    // The next poll (10 s interval) reports it In Sync, with its Salesforce Order.
    const auto lineFor = [&reader, &inc]() -> QJsonObject {
        for (const QJsonObject &line : reader.all()) {
            if (line.value(u"increment_id"_s).toString() == inc && line.value(u"sync_status"_s).toString() == u"in_sync"_s)
                return line;
        }
        return {};
    };
    QTRY_VERIFY2_WITH_TIMEOUT((reader.take(), !lineFor().isEmpty()),
                              qPrintable(u"%1 lines so far; %2"_s.arg(reader.all().size())
                                             .arg(QString::fromUtf8(watch.readAllStandardError()))),
                              60000);
    const QJsonObject line = lineFor();
    QVERIFY(line.value(u"salesforce_order_id"_s).toString().startsWith(u"801"_s));
    QCOMPARE(watch.state(), QProcess::Running);

    // SIGTERM: a clean stop with exit status 0.
    watch.terminate();
    QVERIFY(watch.waitForFinished(30000));
    reader.take();
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 0);
    QVERIFY2(reader.rest().isEmpty(), reader.rest().constData()); // no half-written output line

    // Nothing half-written: the store holds the order In Sync with its ID, the org holds it once,
    // and a new run finds nothing interrupted and nothing to write.
    CliRun r = runCliWithInput(data({u"status"_s, u"--order"_s, inc, u"--json"_s}));
    QCOMPARE(r.exitCode, 0);
    const QJsonObject stored = QJsonDocument::fromJson(r.out.toUtf8()).array().first().toObject();
    QCOMPARE(stored.value(u"sync_status"_s).toString(), u"in_sync"_s);
    QCOMPARE(stored.value(u"salesforce_order_id"_s).toString(), line.value(u"salesforce_order_id"_s).toString());
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).size(), 1);
    QCOMPARE(soql(u"SELECT Id FROM OrderItem WHERE OrderId = '%1'"_s.arg(line.value(u"salesforce_order_id"_s).toString())).size(), 1);
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject summary = QJsonDocument::fromJson(r.out.trimmed().split(u'\n').last().toUtf8()).object().value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"errors"_s).toInt(), 0);
    QCOMPARE(summary.value(u"api_calls"_s).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cliwatch.moc"
