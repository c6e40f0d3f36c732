#include "fakenetwork.h"
#include "fakeorderstore.h"
#include "magento/magentochangefeed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QDateTime base = MagentoTime::parse(u"2024-05-01 10:00:00"_s);

MagentoConnection connection()
{
    MagentoConnection c;
    c.baseUrl = QUrl(u"http://shop.test"_s);
    c.authMode = MagentoAuthMode::IntegrationToken;
    return c;
}

MagentoSecrets secrets()
{
    MagentoSecrets s;
    s.integrationToken = u"t"_s;
    return s;
}

MagentoRetryPolicy fastPolicy()
{
    MagentoRetryPolicy p;
    p.maxAttempts = 2;
    p.baseDelayMs = 1;
    p.maxDelayMs = 2;
    return p;
}

struct PollRun
{
    QList<MagentoOrder> orders;
    std::optional<Result<MagentoChangeFeed::PollSummary>> result;
};

// Runs one poll to its end; confirms each batch when `confirm` is set.
void runPoll(MagentoChangeFeed &feed, QObject *context, PollRun &run, bool confirm = true)
{
    feed.poll(
        context,
        [&](const QList<MagentoOrder> &batch) {
            run.orders.append(batch);
            if (confirm) {
                QList<MagentoOrderKey> keys;
                for (const MagentoOrder &o : batch)
                    keys.append(o.key());
                feed.confirm(keys);
            }
        },
        [&](Result<MagentoChangeFeed::PollSummary> r) { run.result = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return run.result.has_value(); }, 5000));
}

} // namespace

class TestMagentoChangeFeed : public QObject
{
    Q_OBJECT

private slots:
    void pollsEverythingOnceThenNothing();
    void failedPollResumesFromTheMark();
    void unconfirmedOrdersComeAgain();
    void onePollAtATime();
    void stateSurvivesRestart();
    void badItemsAreReportedNotFatal();
    void floorKeepsTheFirstPassFromPagingTheHistory();
};

void TestMagentoChangeFeed::pollsEverythingOnceThenNothing()
{
    FakeOrderStore store;
    for (int i = 1; i <= 23; ++i)
        store.put(i, base.addSecs(i / 3));
    FakeNetwork net([&](const FakeRequest &r) {
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {5, 5});

    PollRun first;
    runPoll(feed, this, first);
    QVERIFY(first.result->has_value());
    QCOMPARE(first.orders.size(), 23);
    QCOMPARE(first.result->value().delivered, 23);
    QVERIFY(first.result->value().pages >= 5);
    QCOMPARE(feed.highWater(), base.addSecs(23 / 3));
    QVERIFY(!feed.isPolling());

    PollRun second;
    runPoll(feed, this, second);
    QVERIFY(second.result->has_value());
    QCOMPARE(second.orders.size(), 0);
    QVERIFY(second.result->value().skipped > 0); // the overlap re-read processed versions and skipped them

    store.put(4, base.addSecs(60));
    PollRun third;
    runPoll(feed, this, third);
    QCOMPARE(third.orders.size(), 1);
    QCOMPARE(third.orders.first().entityId, 4);
}

void TestMagentoChangeFeed::failedPollResumesFromTheMark()
{
    FakeOrderStore store;
    for (int i = 1; i <= 30; ++i)
        store.put(i, base.addSecs(i));
    int requests = 0;
    bool broken = true;
    FakeNetwork net([&](const FakeRequest &r) {
        if (++requests == 3 && broken)
            return FakeResponse::json(R"({"message":"Request does not match any route."})", 404);
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {5, 5});

    PollRun failed;
    runPoll(feed, this, failed);
    QVERIFY(!failed.result->has_value());
    QCOMPARE(failed.result->error().code, u"magento.no_route"_s);
    QCOMPARE(failed.orders.size(), 9); // two pages made it (the second re-reads the cursor's own second)
    QVERIFY(!feed.isPolling());

    broken = false;
    PollRun resumed;
    runPoll(feed, this, resumed);
    QVERIFY(resumed.result->has_value());
    QCOMPARE(resumed.orders.size(), 21); // nothing missed, nothing twice
    QCOMPARE(resumed.orders.first().entityId, 10);
    QCOMPARE(resumed.orders.last().entityId, 30);
}

void TestMagentoChangeFeed::unconfirmedOrdersComeAgain()
{
    FakeOrderStore store;
    for (int i = 1; i <= 8; ++i)
        store.put(i, base.addSecs(i * 10));
    FakeNetwork net([&](const FakeRequest &r) {
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {3, 5});
    PollRun unconfirmed;
    runPoll(feed, this, unconfirmed, false);
    QCOMPARE(unconfirmed.orders.size(), 8);
    QVERIFY(!feed.highWater().isValid());
    PollRun again;
    runPoll(feed, this, again);
    QCOMPARE(again.orders.size(), 8);
    QCOMPARE(feed.highWater(), base.addSecs(80));
}

void TestMagentoChangeFeed::onePollAtATime()
{
    FakeOrderStore store;
    store.put(1, base);
    FakeNetwork net([&](const FakeRequest &r) {
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {3, 5});
    std::optional<Result<MagentoChangeFeed::PollSummary>> a, b;
    feed.poll(this, [](const QList<MagentoOrder> &) {}, [&](Result<MagentoChangeFeed::PollSummary> r) { a = r; });
    feed.poll(this, [](const QList<MagentoOrder> &) {}, [&](Result<MagentoChangeFeed::PollSummary> r) { b = r; });
    QTRY_VERIFY(a.has_value() && b.has_value());
    QVERIFY(a->has_value());
    QCOMPARE(b->error().code, u"magento.busy"_s);
}

void TestMagentoChangeFeed::stateSurvivesRestart()
{
    FakeOrderStore store;
    for (int i = 1; i <= 6; ++i)
        store.put(i, base.addSecs(i));
    FakeNetwork net([&](const FakeRequest &r) {
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    QJsonObject saved;
    {
        MagentoChangeFeed feed(&client, {4, 5});
        PollRun run;
        runPoll(feed, this, run);
        QCOMPARE(run.orders.size(), 6);
        saved = feed.state().toJson();
    }
    store.put(7, base.addSecs(7));
    MagentoChangeFeed restarted(&client, {4, 5}, MagentoChangeFeedState::fromJson(saved));
    PollRun run;
    runPoll(restarted, this, run);
    QCOMPARE(run.orders.size(), 1);
    QCOMPARE(run.orders.first().entityId, 7);
}

void TestMagentoChangeFeed::badItemsAreReportedNotFatal()
{
    FakeOrderStore store;
    for (int i = 1; i <= 4; ++i)
        store.put(i, base.addSecs(i));
    FakeNetwork net([&](const FakeRequest &r) {
        QJsonObject page = store.search(r.query);
        QJsonArray items = page.value(u"items"_s).toArray();
        if (!items.isEmpty()) {
            QJsonObject broken = items.at(0).toObject();
            broken.remove(u"updated_at"_s); // an extension that strips fields, say
            broken.insert(u"entity_id"_s, 99);
            items.append(broken);
        }
        page.insert(u"items"_s, items);
        return FakeResponse::json(QJsonDocument(page).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {10, 5});
    PollRun run;
    runPoll(feed, this, run);
    QVERIFY(run.result->has_value());
    QCOMPARE(run.orders.size(), 4);
    QCOMPARE(run.result->value().rejected.size(), 1);
    QCOMPARE(run.result->value().rejected.first().code, u"magento.malformed_reply"_s);
    QCOMPARE(run.result->value().rejected.first().fields, QStringList{u"updated_at"_s});
    QVERIFY(run.result->value().rejected.first().message.contains(u"000000001"_s)); // names the order
}

// orders.sync_since: orders changed before the floor were created before it, so the first pass does not
// read them at all; a mark above the floor still wins.
void TestMagentoChangeFeed::floorKeepsTheFirstPassFromPagingTheHistory()
{
    FakeOrderStore store;
    for (int i = 1; i <= 20; ++i)
        store.put(i, base.addSecs(i * 60));
    FakeNetwork net([&](const FakeRequest &r) {
        return FakeResponse::json(QJsonDocument(store.search(r.query)).toJson(QJsonDocument::Compact));
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoChangeFeed feed(&client, {100, 5});
    feed.setFloor(base.addSecs(15 * 60));

    PollRun first;
    runPoll(feed, this, first);
    QVERIFY(first.result->has_value());
    QCOMPARE(first.orders.size(), 6); // 15..20
    QCOMPARE(first.orders.first().entityId, 15);

    store.put(3, base.addSecs(30 * 60)); // an old order changed after the floor is read; the caller judges it
    PollRun second;
    runPoll(feed, this, second);
    QCOMPARE(second.orders.size(), 1);
    QCOMPARE(second.orders.first().entityId, 3);
}

QTEST_GUILESS_MAIN(TestMagentoChangeFeed)
#include "tst_magentochangefeed.moc"
