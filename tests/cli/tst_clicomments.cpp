// Comments that leave the order's updated_at alone (Magento 2.4) still become Notes, and a run that cannot
// read Magento says so: orderbridge-cli as a real process against orderbridge-sandbox (default flags), secrets
// in a private gnome-keyring (with-keyring.sh).

#include "asyncresult.h"
#include "clirunner.h"
#include "magento/magentoclient.h"
#include "magento/magentooauth1signer.h"
#include "orgrest.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestCliComments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachCommentBecomesOneNote();
    void revokedMagentoTokenFailsTheRun();
    void unreachableSandboxFailsTheRun();

private:
    QStringList data(const QStringList &args) const { return QStringList{u"--data-dir"_s, m_dir.path()} + args; }
    /// A call to the store's REST API as any integration makes it; the reply's JSON and HTTP status.
    QPair<QJsonValue, int> magentoCall(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    int notesWithBody(const QString &body);
    void addCommentKeepsUpdatedAt(const QString &comment);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    QJsonObject m_session;
    qint64 m_entityId = 0;
    QString m_salesforceOrderId;
};

void TestCliComments::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"6"_s, u"--seed"_s, u"21"_s}), qPrintable(m_sandbox.errorString()));
    CliRun r = connectMagentoOAuth1(data({}), m_sandbox.magento());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = connectSalesforcePassword(data({}), m_sandbox.salesforce());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    m_session = orgSession(m_network, m_sandbox.salesforce());
    QVERIFY(!m_session.value(u"access_token"_s).toString().isEmpty());
}

QPair<QJsonValue, int> TestCliComments::magentoCall(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(QUrl(m_sandbox.magento().value(u"base_url"_s).toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    // Signed as a stock store requires (OAuth 1.0a, HMAC-SHA256), by the product's signer.
    const QJsonObject mg = m_sandbox.magento();
    const MagentoOAuth1Signer::Credentials credentials{mg.value(u"consumer_key"_s).toString(), mg.value(u"consumer_secret"_s).toString(),
                                                      mg.value(u"access_token"_s).toString(), mg.value(u"access_token_secret"_s).toString()};
    request.setRawHeader("Authorization",
                         MagentoOAuth1Signer::authorizationHeader(verb, request.url(), credentials,
                                                                  MagentoSignatureMethod::HmacSha256, MagentoOAuth1Signer::makeNonce(),
                                                                  QDateTime::currentSecsSinceEpoch()));
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, verb == "GET" ? QByteArray() : QJsonDocument(body).toJson());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return {QJsonValue(), 0};
    const QByteArray bytes = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson("[" + bytes + "]");
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return {doc.array().at(0), status};
}

int TestCliComments::notesWithBody(const QString &body)
{
    QUrlQuery q;
    q.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(
                               u"SELECT Id, Body FROM Note WHERE ParentId = '%1'"_s.arg(m_salesforceOrderId))));
    int n = 0;
    for (const QJsonValue &v : orgGet(m_network, m_session, u"/services/data/v62.0/query"_s, q).value(u"records"_s).toArray())
        n += v.toObject().value(u"Body"_s).toString() == body ? 1 : 0;
    return n;
}

// Adds a comment that keeps the status and checks that Magento left updated_at as it was.
void TestCliComments::addCommentKeepsUpdatedAt(const QString &comment)
{
    const QString orderPath = u"/rest/V1/orders/%1"_s.arg(m_entityId);
    const QString before = magentoCall("GET", orderPath).first.toObject().value(u"updated_at"_s).toString();
    QVERIFY(!before.isEmpty());
    const auto added = magentoCall("POST", orderPath + u"/comments"_s,
                                   QJsonObject{{u"statusHistory"_s, QJsonObject{{u"comment"_s, comment},
                                                                               {u"is_customer_notified"_s, 0},
                                                                               {u"is_visible_on_front"_s, 0},
                                                                               {u"parent_id"_s, m_entityId}}}});
    QCOMPARE(added.second, 200);
    QCOMPARE(magentoCall("GET", orderPath).first.toObject().value(u"updated_at"_s).toString(), before);
}

void TestCliComments::eachCommentBecomesOneNote()
{
    const auto shop = SandboxConnections::magentoClient(&m_network, m_sandbox.magento());
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 1}},
        SandboxConnections::address(u"Cora"_s, u"Comment"_s, u"7 Note Street"_s, u"Austin"_s, u"78701"_s, u"US"_s,
                                    u"+1 512 555 0142"_s, u"cora.comment@example.org"_s));
    const Result<qint64> placed = SandboxConnections::placeOrder(*shop, this, checkout);
    QVERIFY2(placed.has_value(), qPrintable(errorText(placed)));
    const Result<MagentoOrder> invoiced = SandboxConnections::invoiceOrder(*shop, this, *placed);
    QVERIFY2(invoiced.has_value(), qPrintable(errorText(invoiced)));
    m_entityId = *placed;

    CliRun r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    for (const QJsonObject &line : jsonLines(r.out)) {
        if (line.value(u"increment_id"_s).toString() == invoiced->incrementId)
            m_salesforceOrderId = line.value(u"salesforce_order_id"_s).toString();
    }
    QVERIFY2(m_salesforceOrderId.startsWith(u"801"_s), qPrintable(r.out));

    const QString first = u"Please leave the parcel with the neighbour (comment one)"_s;
    addCommentKeepsUpdatedAt(first);
    if (QTest::currentTestFailed())
        return;
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(notesWithBody(first), 1);

    const QString second = u"Customer called: deliver after 5 pm (comment two)"_s;
    addCommentKeepsUpdatedAt(second);
    if (QTest::currentTestFailed())
        return;
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(notesWithBody(second), 1);
    QCOMPARE(notesWithBody(first), 1);

    // Nothing new: the next run queues nothing and writes no Note.
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"api_calls"_s).toInt(), 0);
    QCOMPARE(notesWithBody(second), 1);
}

void TestCliComments::revokedMagentoTokenFailsTheRun()
{
    // Before the revocation a quiet store is a success.
    CliRun r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(!summaryOf(r.out).contains(u"error"_s));

    QNetworkRequest revoke(QUrl(m_sandbox.magento().value(u"base_url"_s).toString() + u"/__sandbox/revoke"_s));
    QNetworkReply *reply = m_network.post(revoke, QByteArray());
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = summaryOf(r.out).value(u"error"_s).toObject();
    QVERIFY2(!error.value(u"code"_s).toString().isEmpty(), qPrintable(r.out + r.err));
    QVERIFY2(error.value(u"message"_s).toString().contains(u"Magento"_s), qPrintable(r.out));

    r = runCliWithInput(data({u"sync"_s, u"--once"_s}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"Error: Magento could not be read"_s), qPrintable(r.out + r.err));
}

// Nothing answers (the sandbox is gone): the Salesforce sign-in fails, the run exits 1 and its JSON summary says why.
void TestCliComments::unreachableSandboxFailsTheRun()
{
    QCOMPARE(m_sandbox.stop(), 0);
    const CliRun r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = summaryOf(r.out).value(u"error"_s).toObject();
    QVERIFY2(!error.value(u"code"_s).toString().isEmpty(), qPrintable(r.out + r.err));
    QVERIFY2(!error.value(u"message"_s).toString().isEmpty(), qPrintable(r.out + r.err));
}

QTEST_GUILESS_MAIN(TestCliComments)
#include "tst_clicomments.moc"
