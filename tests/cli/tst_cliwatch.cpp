// orderbridge-cli sync --watch as a real process against orderbridge-sandbox: an order placed and
// invoiced while it watches arrives as in_sync on its JSON output; SIGTERM stops it cleanly (exit
// 0) and leaves nothing half-written. Secrets in a private gnome-keyring (with-keyring.sh).

#include "asyncresult.h"
#include "magento/magentoclient.h"
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

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

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
    const QJsonObject mg = m_sandbox.magento();
    const QJsonObject sf = m_sandbox.salesforce();
    Run r = cli(data({u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString(), u"--auth"_s, u"token"_s}),
                QJsonDocument(QJsonObject{{u"token"_s, mg.value(u"integration_token"_s)}}).toJson());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli(data({u"connect"_s, u"salesforce"_s, u"--login-url"_s, sf.value(u"login_url"_s).toString(), u"--client-id"_s,
                  sf.value(u"client_id"_s).toString(), u"--flow"_s, u"password"_s, u"--username"_s,
                  sf.value(u"username"_s).toString()}),
            QJsonDocument(QJsonObject{{u"client_secret"_s, sf.value(u"client_secret"_s)}, {u"password"_s, sf.value(u"password"_s)}})
                .toJson());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // The shortest poll interval the settings allow.
    QCOMPARE(cli(data({u"config"_s, u"set"_s, u"engine.polling_interval_seconds"_s, u"10"_s})).exitCode, 0);

    // A session of our own, to look at the org.
    QNetworkRequest tokenRequest(QUrl(sf.value(u"login_url"_s).toString() + u"/services/oauth2/token"_s));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"password"_s);
    form.addQueryItem(u"client_id"_s, sf.value(u"client_id"_s).toString());
    form.addQueryItem(u"client_secret"_s, sf.value(u"client_secret"_s).toString());
    form.addQueryItem(u"username"_s, sf.value(u"username"_s).toString());
    form.addQueryItem(u"password"_s, sf.value(u"password"_s).toString());
    QNetworkReply *token = m_network.post(tokenRequest, form.toString(QUrl::FullyEncoded).toUtf8());
    QTRY_VERIFY_WITH_TIMEOUT(token->isFinished(), 20000);
    m_session = QJsonDocument::fromJson(token->readAll()).object();
    token->deleteLater();
    QVERIFY(!m_session.value(u"access_token"_s).toString().isEmpty());
}

QList<QJsonObject> TestCliWatch::soql(const QString &statement)
{
    QUrl url(m_session.value(u"instance_url"_s).toString() + u"/services/data/v62.0/query"_s);
    QUrlQuery q;
    q.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(statement)));
    url.setQuery(q);
    QNetworkRequest get(url);
    get.setRawHeader("Authorization", "Bearer " + m_session.value(u"access_token"_s).toString().toUtf8());
    QNetworkReply *reply = m_network.get(get);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return {};
    QList<QJsonObject> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).object().value(u"records"_s).toArray())
        out << v.toObject();
    reply->deleteLater();
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
    const QJsonObject mg = m_sandbox.magento();
    MagentoConnection connection;
    connection.baseUrl = QUrl(mg.value(u"base_url"_s).toString());
    connection.authMode = MagentoAuthMode::IntegrationToken;
    MagentoSecrets secrets;
    secrets.integrationToken = mg.value(u"integration_token"_s).toString();
    MagentoClient magento(&m_network, connection, secrets);
    MagentoGuestCheckout checkout;
    checkout.lines = {{u"MB-1001"_s, 2}};
    checkout.email = u"watch.customer@example.org"_s;
    MagentoAddress address;
    address.firstname = u"Wanda"_s;
    address.lastname = u"Watcher"_s;
    address.street = {u"5 Polling Lane"_s};
    address.city = u"Leeds"_s;
    address.postcode = u"LS1 1AA"_s;
    address.countryId = u"GB"_s;
    address.telephone = u"+44 113 555 0100"_s;
    address.email = checkout.email;
    checkout.shippingAddress = address;
    checkout.billingAddress = address;
    Waiter<Result<qint64>> placed;
    magento.placeGuestOrder(checkout, this, placed.callback());
    QVERIFY(placed.wait());
    QVERIFY2(placed.result->has_value(), qPrintable(errorText(*placed.result)));
    Waiter<Result<qint64>> invoiced;
    magento.createInvoice(**placed.result, MagentoInvoiceRequest{}, this, invoiced.callback());
    QVERIFY(invoiced.wait());
    QVERIFY2(invoiced.result->has_value(), qPrintable(errorText(*invoiced.result)));
    Waiter<Result<MagentoOrder>> fetched;
    magento.fetchOrder(**placed.result, this, fetched.callback());
    QVERIFY(fetched.wait());
    QVERIFY2(fetched.result->has_value(), qPrintable(errorText(*fetched.result)));
    const QString inc = (*fetched.result)->incrementId;
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
    Run r = cli(data({u"status"_s, u"--order"_s, inc, u"--json"_s}));
    QCOMPARE(r.exitCode, 0);
    const QJsonObject stored = QJsonDocument::fromJson(r.out.toUtf8()).array().first().toObject();
    QCOMPARE(stored.value(u"sync_status"_s).toString(), u"in_sync"_s);
    QCOMPARE(stored.value(u"salesforce_order_id"_s).toString(), line.value(u"salesforce_order_id"_s).toString());
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).size(), 1);
    QCOMPARE(soql(u"SELECT Id FROM OrderItem WHERE OrderId = '%1'"_s.arg(line.value(u"salesforce_order_id"_s).toString())).size(), 1);
    r = cli(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject summary = QJsonDocument::fromJson(r.out.trimmed().split(u'\n').last().toUtf8()).object().value(u"summary"_s).toObject();
    QCOMPARE(summary.value(u"errors"_s).toInt(), 0);
    QCOMPARE(summary.value(u"api_calls"_s).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestCliWatch)
#include "tst_cliwatch.moc"
