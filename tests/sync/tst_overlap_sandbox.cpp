// Overlapped batches and row locks over real HTTP against orderbridge-sandbox: the BatchPipeline looks the next
// batch up beside the current batch's graphs only when BatchOverlap allows it, and a graph Salesforce rolls back
// with UNABLE_TO_LOCK_ROW (--graph-lock-rows) is sent again alone, a bounded number of times.

#include "magento/magentoclient.h"
#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/retrypolicy.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "sync/batchpipeline.h"
#include "sync/syncengine.h"

#include <QHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

/// A sandbox with its signed-in org and its store's orders.
struct Org
{
    SandboxProcess sandbox;
    std::unique_ptr<OrgQuery> org;
    QList<QJsonObject> orders;
};

SyncEngine::Config everyOrderConfig()
{
    SyncEngine::Config config;
    config.mappings = defaultMappings();
    config.schema = SalesforceFieldCatalogue::schema();
    config.trigger = SyncTrigger::OnDemand;
    if (auto set = config.settings.set(u"advanced.create_order"_s, u"every"_s); !set)
        qWarning("%s", qPrintable(set.error().toString()));
    return config;
}

} // namespace

class TestOverlapSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sharedCustomerWaitsAndTheRestOverlaps();
    void lockedGraphFailsAloneAfterItsRetries();
    void lockedGraphIsRetriedAndSyncs();

private:
    bool start(Org &org, const QStringList &arguments);
    int apiCalls(const Org &org);
    BatchOutcome sync(Org &org, const QList<QJsonObject> &orders);
    int ordersWithKey(Org &org, const QString &incrementId);

    QNetworkAccessManager m_network;
    Org m_plain;  ///< a stock org
    Org m_locked; ///< --graph-lock-rows 4
};

bool TestOverlapSandbox::start(Org &org, const QStringList &arguments)
{
    if (!org.sandbox.start(QStringList{u"--orders"_s, u"40"_s, u"--seed"_s, u"11"_s} + arguments)) {
        qWarning("%s", qPrintable(org.sandbox.errorString()));
        return false;
    }
    org.org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(org.sandbox.salesforce()));
    if (!org.org->connect()) {
        qWarning("%s", qPrintable(org.org->errorString()));
        return false;
    }
    // Retries without waiting; at most three sends of a graph.
    org.org->client()->setRetryPolicy(RetryPolicy(3, 1, 5));
    // The engine reads Account's describe once per client (for Person Accounts) and does not count that call:
    // read it here, so the tests compare the calls the engine counts with the calls the org billed.
    Waiter<SalesforceResult<SObjectDescribe>> account;
    org.org->client()->describe(u"Account"_s, account.callback());
    if (!account.wait() || !account.result->has_value())
        return false;
    const auto magento = SandboxConnections::magentoClient(&m_network, org.sandbox.magento());
    Waiter<Result<MagentoOrderPage>> page;
    MagentoSearchCriteria criteria;
    criteria.setPageSize(200);
    magento->fetchOrders(criteria, this, page.callback());
    if (!page.wait() || !page.result->has_value())
        return false;
    for (const MagentoOrder &o : (*page.result)->orders)
        org.orders << o.json;
    return org.orders.size() >= 20;
}

void TestOverlapSandbox::initTestCase()
{
    QVERIFY(start(m_plain, {}));
    QVERIFY(start(m_locked, {u"--graph-lock-rows"_s, u"4"_s}));
}

int TestOverlapSandbox::apiCalls(const Org &org)
{
    QNetworkReply *reply = m_network.get(
        QNetworkRequest(QUrl(org.sandbox.salesforce().value(u"login_url"_s).toString() + u"/__sandbox/stats"_s)));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return -1;
    const int calls = QJsonDocument::fromJson(reply->readAll()).object().value(u"api_calls"_s).toInt(-1);
    reply->deleteLater();
    return calls;
}

BatchOutcome TestOverlapSandbox::sync(Org &org, const QList<QJsonObject> &orders)
{
    SyncEngine engine(org.org->client());
    Waiter<Result<BatchOutcome>> done;
    engine.syncBatch(orders, everyOrderConfig(), done.callback());
    if (!done.wait(120000) || !done.result->has_value()) {
        qWarning("the batch did not run: %s", done.result ? qPrintable(errorText(*done.result)) : "timeout");
        return {};
    }
    return **done.result;
}

int TestOverlapSandbox::ordersWithKey(Org &org, const QString &incrementId)
{
    return int(org.org->soql(*SoqlQuery(u"Order"_s).select({u"Id"_s}).whereEquals(u"Magento_ID__c"_s, incrementId).build()).size());
}

// Batch 2 holds an order of a customer that batch 1 creates: its lookup must not run beside batch 1's graphs (it
// would not see the new Account and would create a second one). Batch 3 shares nothing with batch 2: its lookup
// goes out beside batch 2's graphs.
void TestOverlapSandbox::sharedCustomerWaitsAndTheRestOverlaps()
{
    QHash<QString, QList<QJsonObject>> byEmail;
    for (const QJsonObject &o : std::as_const(m_plain.orders))
        byEmail[o.value(u"customer_email"_s).toString().toLower()] << o;
    QList<QJsonObject> repeat;
    QList<QJsonObject> single;
    for (auto it = byEmail.cbegin(); it != byEmail.cend(); ++it) {
        // A customer the org does not hold yet: batch 1 creates it.
        if (it->size() >= 2 && repeat.isEmpty()
            && m_plain.org->soql(*SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, it.key()).build()).isEmpty())
            repeat = it->mid(0, 2);
        else if (it->size() == 1)
            single << it->first();
    }
    QVERIFY2(repeat.size() == 2 && single.size() >= 6, "the seeded store has a repeat customer and single ones");
    const QList<QList<QJsonObject>> batches{{repeat.at(0), single.at(0), single.at(1)},
                                           {repeat.at(1), single.at(2)},
                                           {single.at(3), single.at(4), single.at(5)}};

    const int callsBefore = apiCalls(m_plain);
    SyncEngine engine(m_plain.org->client());
    BatchPipeline pipeline(&engine, BatchPipeline::Mode::Overlapped);
    int next = 0;
    int engineCalls = 0;
    QList<OrderOutcome> outcomes;
    bool finished = false;
    pipeline.run(
        [&](int, auto give) {
            if (next >= batches.size()) {
                give(std::nullopt);
                return;
            }
            give(BatchPipeline::Batch{batches.at(next), everyOrderConfig(), next});
            ++next;
        },
        [&](const BatchPipeline::Batch &, Result<BatchOutcome> outcome) {
            if (!outcome) {
                qWarning("batch failed: %s", qPrintable(outcome.error().toString()));
                return false;
            }
            engineCalls += outcome->apiCalls;
            outcomes << outcome->orders;
            return true;
        },
        {}, [&] { finished = true; });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 120000));
    QCOMPARE(apiCalls(m_plain) - callsBefore, engineCalls);

    QCOMPARE(outcomes.size(), 8);
    for (const OrderOutcome &o : std::as_const(outcomes)) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QCOMPARE(ordersWithKey(m_plain, o.incrementId), 1);
    }
    QCOMPARE(pipeline.deferredLookups(), 1);   // batch 2 waited for batch 1
    QCOMPARE(pipeline.overlappedLookups(), 1); // batch 3 beside batch 2
    const QString email = repeat.at(0).value(u"customer_email"_s).toString();
    QCOMPARE(m_plain.org->soql(*SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, email).build()).size(), 1);
}

// --graph-lock-rows 4 with three sends a graph: the batch's first graph draws the lock in three calls and fails
// alone, with UNABLE_TO_LOCK_ROW; the other graphs of the first call are written.
void TestOverlapSandbox::lockedGraphFailsAloneAfterItsRetries()
{
    const QList<QJsonObject> orders = m_locked.orders.mid(0, 5);
    const int callsBefore = apiCalls(m_locked);
    const BatchOutcome out = sync(m_locked, orders);
    QCOMPARE(apiCalls(m_locked) - callsBefore, out.apiCalls);
    QCOMPARE(out.orders.size(), orders.size());
    int failed = 0;
    for (const OrderOutcome &o : out.orders) {
        if (o.status == SyncStatus::Error) {
            ++failed;
            QCOMPARE(o.error.code, u"UNABLE_TO_LOCK_ROW"_s);
            QCOMPARE(ordersWithKey(m_locked, o.incrementId), 0);
            continue;
        }
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QCOMPARE(ordersWithKey(m_locked, o.incrementId), 1);
    }
    QCOMPARE(failed, 1);
}

// One lock left: the next batch's first graph draws it, is sent again alone and syncs; the order that failed
// before syncs now too. Every order is in Salesforce once.
void TestOverlapSandbox::lockedGraphIsRetriedAndSyncs()
{
    const QList<QJsonObject> orders = m_locked.orders.mid(0, 10);
    const int callsBefore = apiCalls(m_locked);
    const BatchOutcome out = sync(m_locked, orders);
    QCOMPARE(apiCalls(m_locked) - callsBefore, out.apiCalls);
    QCOMPARE(out.orders.size(), orders.size());
    for (const OrderOutcome &o : out.orders) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QCOMPARE(ordersWithKey(m_locked, o.incrementId), 1);
    }
}

QTEST_GUILESS_MAIN(TestOverlapSandbox)
#include "tst_overlap_sandbox.moc"
