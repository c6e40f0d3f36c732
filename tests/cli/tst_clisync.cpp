// orderbridge-cli connect / sync / status / retry, run as a real process against orderbridge-sandbox,
// with secrets in a private gnome-keyring (the test runs under with-keyring.sh).

#include "clirunner.h"
#include "orgrest.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QUrlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

using Run = CliRun;

Run cli(const QStringList &args, const QByteArray &input = {})
{
    return runCliWithInput(args, input);
}

} // namespace

class TestCliSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void syncWithoutConnectionSaysHowToConnect();
    void connectThenSyncThenStatus();
    void defaultStatusIsCheckedAgainstTheOrg();
    void dryRunPrintsTheRecordsAndWritesNothing();
    void customMappingsArriveInSalesforce();
    void mappingToTheOrgsOwnCustomField();
    void allowanceExhaustedStopsCleanlyAndResumes();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();

private:
    QStringList data(const QStringList &args) const { return QStringList{u"--data-dir"_s, m_dir.path()} + args; }
    QJsonObject sandboxRequest(const QByteArray &verb, const QString &path, const QJsonObject &body = {});

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
};

void TestCliSync::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"25"_s, u"--seed"_s, u"9"_s}), qPrintable(m_sandbox.errorString()));
}

void TestCliSync::syncWithoutConnectionSaysHowToConnect()
{
    QTemporaryDir empty;
    const Run r = cli({u"--data-dir"_s, empty.path(), u"sync"_s, u"--once"_s});
    QCOMPARE(r.exitCode, 2); // a request that cannot work as asked
    QVERIFY2(r.err.contains(u"connect magento"_s), qPrintable(r.err));
}

void TestCliSync::connectThenSyncThenStatus()
{
    const QJsonObject mg = m_sandbox.magento();
    const QJsonObject sf = m_sandbox.salesforce();
    Run r = cli(data({u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString(), u"--auth"_s, u"oauth1"_s}),
                QJsonDocument(QJsonObject{{u"consumer_key"_s, mg.value(u"consumer_key"_s)},
                                          {u"consumer_secret"_s, mg.value(u"consumer_secret"_s)},
                                          {u"access_token"_s, mg.value(u"access_token"_s)},
                                          {u"access_token_secret"_s, mg.value(u"access_token_secret"_s)}})
                    .toJson());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = connectSalesforcePassword(data({}), sf);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    // Secrets went to the keychain, not to the command line or the database.
    QFile db(m_dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(db.open(QIODevice::ReadOnly));
    const QByteArray bytes = db.readAll();
    QVERIFY(!bytes.contains(mg.value(u"consumer_secret"_s).toString().toUtf8()));
    QVERIFY(!bytes.contains(sf.value(u"password"_s).toString().toUtf8()));

    r = cli(data({u"test-connection"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"ok    Magento"_s));
    QVERIFY(r.out.contains(u"ok    Salesforce"_s));
    QVERIFY(r.out.contains(u"ok    Order.Magento_ID__c"_s));
    QVERIFY(r.out.contains(u"ok    Price book"_s));

    // Connecting started the sync at that moment: the store's 25 orders come in by a backfill.
    r = cli(data({u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QList<QJsonObject> lines = jsonLines(r.out);
    QVERIFY(lines.size() >= 25);
    int inSync = 0;
    for (const QJsonObject &line : lines) {
        if (line.contains(u"summary"_s))
            continue;
        QVERIFY(line.contains(u"increment_id"_s));
        const QString status = line.value(u"sync_status"_s).toString();
        QVERIFY2(status == u"in_sync"_s || status == u"out_of_sync"_s || status == u"skipped"_s, qPrintable(status));
        if (status == u"in_sync"_s) {
            ++inSync;
            QVERIFY(line.value(u"salesforce_order_id"_s).toString().startsWith(u"801"_s));
        }
    }
    QVERIFY(inSync > 0);
    QCOMPARE(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt(), 0);

    r = cli(data({u"status"_s, u"--json"_s}));
    QCOMPARE(r.exitCode, 0);
    const QJsonArray status = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(status.size(), 25);
    int inSyncStored = 0;
    for (const QJsonValue &v : status) {
        const QJsonObject o = v.toObject();
        for (const char *key : {"increment_id", "sync_status", "salesforce_order_id", "reason", "attempts"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        if (o.value(u"sync_status"_s).toString() == u"in_sync"_s)
            ++inSyncStored;
        else
            QVERIFY(!o.value(u"reason"_s).toString().isEmpty());
    }
    QCOMPARE(inSyncStored, inSync);

    const QString first = status.first().toObject().value(u"increment_id"_s).toString();
    r = cli(data({u"status"_s, u"--order"_s, first, u"--json"_s}));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 1);

    // Nothing changed in Magento: the next run writes nothing and bills no Salesforce call.
    r = cli(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonLines(r.out).last().value(u"summary"_s).toObject().value(u"api_calls"_s).toInt(), 0);

    // retry --errors with no errors is fine and syncs nothing new.
    r = cli(data({u"retry"_s, u"--errors"_s, u"--json"_s}));
    QCOMPARE(r.exitCode, 0);
}

void TestCliSync::defaultStatusIsCheckedAgainstTheOrg()
{
    // Connected: a Default Status outside the org's Draft group is refused, as the console refuses it.
    Run r = cli(data({u"config"_s, u"set"_s, u"orders.default_status"_s, u"Activated"_s}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"is not a Draft value of the org's Order Status picklist"_s), qPrintable(r.err));
    r = cli(data({u"config"_s, u"get"_s, u"orders.default_status"_s}));
    QCOMPARE(r.out.trimmed(), u"Draft"_s);
    // A Draft value is taken.
    r = cli(data({u"config"_s, u"set"_s, u"orders.default_status"_s, u"Draft"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, u"orders.default_status = Draft\n"_s);
}

void TestCliSync::dryRunPrintsTheRecordsAndWritesNothing()
{
    const Run status = cli(data({u"status"_s, u"--json"_s}));
    QString candidate;
    for (const QJsonValue &v : QJsonDocument::fromJson(status.out.toUtf8()).array()) {
        if (v.toObject().value(u"sync_status"_s).toString() == u"in_sync"_s)
            candidate = v.toObject().value(u"increment_id"_s).toString();
    }
    QVERIFY(!candidate.isEmpty());
    // Switch Create Order to every order: out-of-sync orders now have something to send (and wait in
    // the queue for the next run, as the console's Apply leaves them).
    QCOMPARE(cli(data({u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s})).exitCode, 0);
    QString waiting;
    for (const QJsonValue &v : QJsonDocument::fromJson(status.out.toUtf8()).array()) {
        if (v.toObject().value(u"sync_status"_s).toString() == u"out_of_sync"_s)
            waiting = v.toObject().value(u"increment_id"_s).toString();
    }
    QVERIFY(!waiting.isEmpty());
    const auto syncStatus = [this](const QString &incrementId) {
        const Run run = cli(data({u"status"_s, u"--order"_s, incrementId, u"--json"_s}));
        return QJsonDocument::fromJson(run.out.toUtf8()).array().first().toObject().value(u"sync_status"_s).toString();
    };
    const QString before = syncStatus(waiting);
    QCOMPARE(before, u"pending"_s);
    const Run r = cli(data({u"sync"_s, u"--orders"_s, waiting, u"--dry-run"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject line = jsonLines(r.out).first();
    QCOMPARE(line.value(u"increment_id"_s).toString(), waiting);
    const QJsonArray nodes = line.value(u"would_send"_s).toObject().value(u"compositeRequest"_s).toArray();
    QVERIFY(!nodes.isEmpty());
    bool order = false;
    for (const QJsonValue &n : nodes) {
        order = order || n.toObject().value(u"url"_s).toString().contains(u"/sobjects/Order/Magento_ID__c/"_s + waiting);
        // Each write node as it would be sent, with the duplicate rule header (advanced.allow_duplicate_save).
        QCOMPARE(n.toObject().value(u"httpHeaders"_s).toObject().value(u"Sforce-Duplicate-Rule-Header"_s).toString(),
                 u"allowSave=true"_s);
    }
    QVERIFY(order);
    // Nothing was written: the order stands where it stood before the dry run.
    QCOMPARE(syncStatus(waiting), before);
    QCOMPARE(cli(data({u"config"_s, u"set"_s, u"advanced.create_order"_s, u"paid"_s})).exitCode, 0);
}

void TestCliSync::customMappingsArriveInSalesforce()
{
    // "Add new mapping" from the command line: Insert Only and Update Only to two Order fields.
    Run r = cli(data({u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s, u"customer_email"_s,
                      u"--salesforce"_s, u"PoNumber"_s, u"--when"_s, u"insert-only"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli(data({u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s, u"status"_s,
                  u"--salesforce"_s, u"OrderReferenceNumber"_s, u"--when"_s, u"update-only"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(cli(data({u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s})).exitCode, 0);

    // Orders created now (the operator syncs the waiting ones: queued again by the new rule) carry
    // the Insert Only value and not the Update Only one.
    QStringList waiting;
    r = cli(data({u"status"_s, u"--json"_s}));
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
        const QString state = v.toObject().value(u"sync_status"_s).toString();
        if (state == u"out_of_sync"_s || state == u"pending"_s)
            waiting << v.toObject().value(u"increment_id"_s).toString();
    }
    QVERIFY(!waiting.isEmpty());
    r = cli(data({u"sync"_s, u"--orders"_s, waiting.join(u','), u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QString created;
    for (const QJsonObject &line : jsonLines(r.out)) {
        if (line.value(u"sync_status"_s).toString() == u"in_sync"_s && !line.value(u"salesforce_order_id"_s).toString().isEmpty())
            created = line.value(u"salesforce_order_id"_s).toString();
    }
    QVERIFY(!created.isEmpty());
    // Read the Order back from the org through its REST API, the way any client would.
    const QJsonObject sf = m_sandbox.salesforce();
    QNetworkAccessManager nam;
    const QJsonObject session = orgSession(nam, sf);
    QVERIFY(!session.value(u"access_token"_s).toString().isEmpty());
    auto readOrder = [&](const QString &id) { return orgGet(nam, session, u"/services/data/v62.0/sobjects/Order/"_s + id); };
    QJsonObject order = readOrder(created);
    QVERIFY2(order.value(u"PoNumber"_s).toString().contains(u'@'), QJsonDocument(order).toJson().constData());
    QVERIFY(order.value(u"OrderReferenceNumber"_s).isNull());

    // A later update sends the Update Only value and leaves the Insert Only one alone.
    const QString inc = order.value(u"Magento_ID__c"_s).toString();
    QVERIFY(!inc.isEmpty());
    r = cli(data({u"sync"_s, u"--orders"_s, inc, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    order = readOrder(created);
    QVERIFY2(!order.value(u"OrderReferenceNumber"_s).toString().isEmpty(), QJsonDocument(order).toJson().constData());
    QVERIFY(order.value(u"PoNumber"_s).toString().contains(u'@'));
    QCOMPARE(cli(data({u"config"_s, u"set"_s, u"advanced.create_order"_s, u"paid"_s})).exitCode, 0);
}

QJsonObject TestCliSync::sandboxRequest(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_sandbox.salesforce().value(u"login_url"_s).toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb, verb == "GET" ? QByteArray() : QJsonDocument(body).toJson());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return {};
    QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    out.insert(u"_status"_s, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
    reply->deleteLater();
    return out;
}

void TestCliSync::mappingToTheOrgsOwnCustomField()
{
    // The org's admin adds a field the built-in catalogue cannot know.
    const QJsonObject added = sandboxRequest("POST", u"/__sandbox/custom-fields"_s,
                                             QJsonObject{{u"object"_s, u"Order"_s}, {u"name"_s, u"Gift_Message__c"_s},
                                                         {u"label"_s, u"Gift Message"_s}, {u"type"_s, u"string"_s},
                                                         {u"length"_s, 120}});
    QCOMPARE(added.value(u"_status"_s).toInt(), 201);
    const QStringList add{u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s, u"customer_email"_s,
                          u"--salesforce"_s, u"Gift_Message__c"_s};

    // Without a connection there is only the catalogue: refused, and nothing to tell beyond that.
    QTemporaryDir unconnected;
    Run r = cli(QStringList{u"--data-dir"_s, unconnected.path()} + add);
    QVERIFY2(r.exitCode != 0, qPrintable(r.out));
    QVERIFY2(r.err.contains(u"Gift_Message__c"_s), qPrintable(r.err));
    QVERIFY2(!r.err.contains(u"notice"_s), qPrintable(r.err));

    // Connected: the org's live describe decides, in one API call.
    const QJsonObject before = sandboxRequest("GET", u"/__sandbox/stats"_s);
    r = cli(data(add));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"Gift_Message__c"_s), qPrintable(r.out));
    const QJsonObject after = sandboxRequest("GET", u"/__sandbox/stats"_s);
    QCOMPARE(after.value(u"api_calls"_s).toInt() - before.value(u"api_calls"_s).toInt(), 1);
    const auto describes = [](const QJsonObject &stats) {
        int n = 0;
        const QJsonObject routes = stats.value(u"by_route"_s).toObject();
        for (auto it = routes.begin(); it != routes.end(); ++it)
            n += it.key().endsWith(u"/describe"_s) ? it.value().toInt() : 0;
        return n;
    };
    QCOMPARE(describes(after) - describes(before), 1);
    // A field the org does not have is refused by the live describe too.
    r = cli(data({u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s, u"customer_email"_s,
                  u"--salesforce"_s, u"No_Such_Field__c"_s}));
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(u"No_Such_Field__c"_s), qPrintable(r.err));

    // The mapping works: a sync writes the e-mail into the org's own field.
    r = cli(data({u"status"_s, u"--json"_s}));
    QString inc;
    QString orderId;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
        if (v.toObject().value(u"sync_status"_s).toString() == u"in_sync"_s) {
            inc = v.toObject().value(u"increment_id"_s).toString();
            orderId = v.toObject().value(u"salesforce_order_id"_s).toString();
        }
    }
    QVERIFY(!inc.isEmpty());
    r = cli(data({u"sync"_s, u"--orders"_s, inc, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject sf = m_sandbox.salesforce();
    QNetworkAccessManager nam;
    const QJsonObject session = orgSession(nam, sf);
    QVERIFY(!session.value(u"access_token"_s).toString().isEmpty());
    const QJsonObject order = orgGet(nam, session, u"/services/data/v62.0/sobjects/Order/"_s + orderId);
    QVERIFY2(order.value(u"Gift_Message__c"_s).toString().contains(u'@'), QJsonDocument(order).toJson().constData());

    // Connected but the org cannot be reached: a notice, then the catalogue decides.
    QTemporaryDir offline;
    const QStringList o{u"--data-dir"_s, offline.path()};
    QCOMPARE(cli(o + QStringList{u"connect"_s, u"salesforce"_s, u"--profile"_s, u"offline"_s, u"--login-url"_s,
                                 u"http://127.0.0.1:9"_s, u"--client-id"_s, u"nobody"_s, u"--flow"_s, u"password"_s,
                                 u"--username"_s, u"nobody@example.org"_s},
                 QJsonDocument(QJsonObject{{u"client_secret"_s, u"x"_s}, {u"password"_s, u"y"_s}}).toJson()).exitCode, 0);
    QCOMPARE(cli(o + QStringList{u"connect"_s, u"magento"_s, u"--profile"_s, u"offline"_s, u"--url"_s,
                                 u"http://127.0.0.1:9"_s, u"--auth"_s, u"token"_s},
                 QJsonDocument(QJsonObject{{u"token"_s, u"z"_s}}).toJson()).exitCode, 0);
    r = cli(o + add);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(u"notice"_s) && r.err.contains(u"built-in field catalogue"_s), qPrintable(r.err));
    r = cli(o + QStringList{u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s, u"customer_email"_s,
                            u"--salesforce"_s, u"Description"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(u"notice"_s), qPrintable(r.err));
}

void TestCliSync::allowanceExhaustedStopsCleanlyAndResumes()
{
    // A 20-call allowance of which OrderBridge may use half. Each run reads the usage before its first batch and
    // starts a batch only when its calls fit under the 10, so no run goes past the share, and a run that finds the
    // share used sends nothing to Salesforce but that one read.
    SandboxProcess tight;
    QVERIFY2(tight.start({u"--orders"_s, u"60"_s, u"--seed"_s, u"4"_s, u"--api-limit"_s, u"20"_s}), qPrintable(tight.errorString()));
    QTemporaryDir dir;
    const QStringList d{u"--data-dir"_s, dir.path()};
    const QJsonObject mg = tight.magento();
    const QJsonObject sf = tight.salesforce();
    QCOMPARE(connectMagentoOAuth1(d, mg).exitCode, 0);
    QCOMPARE(connectSalesforcePassword(d, sf).exitCode, 0);
    // The store's history is what runs into the limit: sync all of it, not only what comes after connecting.
    QCOMPARE(cli(d + QStringList{u"config"_s, u"set"_s, u"orders.sync_since"_s, QString()}).exitCode, 0);
    QCOMPARE(cli(d + QStringList{u"config"_s, u"set"_s, u"engine.batch_size"_s, u"10"_s}).exitCode, 0);
    QCOMPARE(cli(d + QStringList{u"config"_s, u"set"_s, u"engine.api_share_percent"_s, u"50"_s}).exitCode, 0);
    QCOMPARE(cli(d + QStringList{u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s}).exitCode, 0);
    // Finding out whether the org has Person Accounts costs one describe of Account in a run's first batch
    // with a new customer; off here, so the two calls are the lookup and the writes.
    QCOMPARE(cli(d + QStringList{u"config"_s, u"set"_s, u"advanced.person_accounts"_s, u"no"_s}).exitCode, 0);
    const auto apiCalls = [&tight] {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(tight.salesforce().value(u"login_url"_s).toString()
                                                            + u"/__sandbox/stats"_s)));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return -1;
        const int calls = QJsonDocument::fromJson(reply->readAll()).object().value(u"api_calls"_s).toInt(-1);
        delete reply;
        return calls;
    };

    // The planned stop: exit 0 (cron has nothing to report), the stop named.
    Run r = cli(d + QStringList{u"sync"_s, u"--once"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"Stopped: the Salesforce API allowance share"_s), qPrintable(r.out + r.err));
    const int afterFirst = apiCalls();
    QVERIFY2(afterFirst > 0 && afterFirst <= 10, qPrintable(QString::number(afterFirst)));

    // A new run does not know the usage: it reads it once and makes no data call.
    r = cli(d + QStringList{u"sync"_s, u"--once"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"Stopped: the Salesforce API allowance share"_s), qPrintable(r.out + r.err));
    QCOMPARE(apiCalls(), afterFirst + 1);

    r = cli(d + QStringList{u"status"_s, u"--json"_s});
    const QJsonArray status = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(status.size(), 60);
    int waiting = 0;
    int inSync = 0;
    for (const QJsonValue &v : status) {
        const QJsonObject o = v.toObject();
        if (o.value(u"sync_status"_s).toString() == u"in_sync"_s) {
            ++inSync;
            continue;
        }
        // Nothing is given up on: what was not written is still queued, with no attempt counted, and says why.
        ++waiting;
        QCOMPARE(o.value(u"attempts"_s).toInt(), 0);
        QVERIFY2(o.value(u"reason"_s).toString().contains(u"Waiting for the Salesforce API allowance"_s),
                 qPrintable(o.value(u"reason"_s).toString()));
    }
    QVERIFY(inSync > 0);
    QVERIFY(waiting > 0);
}

void TestCliSync::badUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("dry run without orders") << QStringList{u"sync"_s, u"--dry-run"_s};
    QTest::newRow("unknown argument") << QStringList{u"sync"_s, u"--bogus"_s};
    QTest::newRow("connect nothing") << QStringList{u"connect"_s, u"crm"_s};
    QTest::newRow("bad auth mode") << QStringList{u"connect"_s, u"magento"_s, u"--url"_s, u"http://x"_s, u"--auth"_s, u"password"_s};
    QTest::newRow("salesforce without client id") << QStringList{u"connect"_s, u"salesforce"_s, u"--login-url"_s, u"http://x"_s};
}

void TestCliSync::badUsageExitsTwo()
{
    QFETCH(QStringList, args);
    const Run r = cli(data(args));
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_clisync.moc"
