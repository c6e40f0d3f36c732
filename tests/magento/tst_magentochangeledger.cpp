#include "magento/magentochangeledger.h"
#include "magento/magentotime.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

// "7@10:00:05" -> entity 7 updated at 2024-05-01 10:00:05 UTC
MagentoOrderKey key(const QString &text)
{
    const QStringList parts = text.split(u'@');
    return {parts.at(0).toLongLong(), MagentoTime::parse(u"2024-05-01 "_s + parts.at(1)), {}};
}

QList<MagentoOrderKey> keys(const QString &text)
{
    QList<MagentoOrderKey> out;
    for (const QString &k : text.split(u' ', Qt::SkipEmptyParts))
        out.append(key(k));
    return out;
}

QDateTime at(const QString &time)
{
    return time.isEmpty() ? QDateTime() : MagentoTime::parse(u"2024-05-01 "_s + time);
}

} // namespace

class TestMagentoChangeLedger : public QObject
{
    Q_OBJECT

private slots:
    void pass_data();
    void pass();
    void unconfirmedIsDeliveredAgain();
    void newVersionOfProcessedOrderIsNew();
    void changeWithinTheSameSecondIsNew();
    void stateRoundTrip();
};

void TestMagentoChangeLedger::pass_data()
{
    QTest::addColumn<QString>("highWater");     // before the pass
    QTest::addColumn<QString>("processed");     // keys processed before
    QTest::addColumn<QString>("fetched");       // keys the store returns in this pass (window included)
    QTest::addColumn<QString>("confirmed");     // keys the caller confirms
    QTest::addColumn<QString>("admitted");      // expected: keys handed to the caller
    QTest::addColumn<QString>("highWaterAfter");
    QTest::addColumn<QString>("windowAfter");

    QTest::newRow("first run takes all, mark = newest")
        << "" << "" << "1@10:00:00 2@10:00:01 3@10:00:09" << "1@10:00:00 2@10:00:01 3@10:00:09"
        << "1@10:00:00 2@10:00:01 3@10:00:09" << "10:00:09" << "10:00:04";
    QTest::newRow("overlap re-reads processed versions and skips them")
        << "10:00:09" << "2@10:00:05 3@10:00:09" << "2@10:00:05 3@10:00:09 4@10:00:09 5@10:00:12"
        << "4@10:00:09 5@10:00:12" << "4@10:00:09 5@10:00:12" << "10:00:12" << "10:00:07";
    QTest::newRow("same second, different orders are all new")
        << "10:00:09" << "3@10:00:09" << "3@10:00:09 7@10:00:09 8@10:00:09" << "7@10:00:09 8@10:00:09"
        << "7@10:00:09 8@10:00:09" << "10:00:09" << "10:00:04";
    QTest::newRow("a key returned twice in one pass is handed over once")
        << "" << "" << "1@10:00:00 1@10:00:00 2@10:00:03" << "1@10:00:00 2@10:00:03" << "1@10:00:00 2@10:00:03"
        << "10:00:03" << "09:59:58";
    QTest::newRow("nothing confirmed: mark stays")
        << "10:00:09" << "" << "4@10:00:10 5@10:00:12" << "" << "4@10:00:10 5@10:00:12" << "10:00:09" << "10:00:04";
    QTest::newRow("unconfirmed older version holds the mark back")
        << "10:00:00" << "" << "4@10:00:03 5@10:00:12 6@10:00:20" << "5@10:00:12 6@10:00:20"
        << "4@10:00:03 5@10:00:12 6@10:00:20" << "10:00:03" << "09:59:58";
    QTest::newRow("mark never moves backwards")
        << "10:00:30" << "" << "4@10:00:26" << "4@10:00:26" << "4@10:00:26" << "10:00:30" << "10:00:25";
}

void TestMagentoChangeLedger::pass()
{
    QFETCH(QString, highWater);
    QFETCH(QString, processed);
    QFETCH(QString, fetched);
    QFETCH(QString, confirmed);
    QFETCH(QString, admitted);
    QFETCH(QString, highWaterAfter);
    QFETCH(QString, windowAfter);

    MagentoChangeLedger ledger(5, MagentoChangeFeedState{at(highWater), keys(processed)});
    ledger.beginPass();
    QList<MagentoOrderKey> handed;
    for (const MagentoOrderKey &k : keys(fetched)) {
        if (ledger.admit(k))
            handed.append(k);
    }
    QCOMPARE(handed, keys(admitted));
    ledger.confirm(keys(confirmed));
    QCOMPARE(ledger.highWater(), at(highWaterAfter));
    QCOMPARE(ledger.windowStart(), at(windowAfter));
    for (const MagentoOrderKey &k : keys(confirmed)) {
        // Remembered while inside the window, forgotten once below it.
        QCOMPARE(ledger.isProcessed(k), !(k.updatedAt < ledger.windowStart()));
    }
}

void TestMagentoChangeLedger::unconfirmedIsDeliveredAgain()
{
    MagentoChangeLedger ledger(5);
    ledger.beginPass();
    QVERIFY(ledger.admit(key(u"1@10:00:00"_s)));
    QVERIFY(ledger.admit(key(u"2@10:00:30"_s)));
    ledger.confirm({key(u"2@10:00:30"_s)});
    // Order 1 was handed over but never confirmed (say the process died): the mark must not pass it...
    QCOMPARE(ledger.highWater(), at(u"10:00:00"_s));
    QVERIFY(!(key(u"1@10:00:00"_s).updatedAt < ledger.windowStart()));
    // ...and the next pass hands it over again, but not order 2.
    ledger.beginPass();
    QVERIFY(ledger.admit(key(u"1@10:00:00"_s)));
    QVERIFY(!ledger.admit(key(u"2@10:00:30"_s)));
    ledger.confirm({key(u"1@10:00:00"_s)});
    // Now nothing is outstanding: the mark catches up with order 2, confirmed earlier.
    QCOMPARE(ledger.highWater(), at(u"10:00:30"_s));
    QCOMPARE(ledger.pendingCount(), 0);
}

void TestMagentoChangeLedger::newVersionOfProcessedOrderIsNew()
{
    MagentoChangeLedger ledger(5);
    ledger.beginPass();
    QVERIFY(ledger.admit(key(u"9@10:00:00"_s)));
    ledger.confirm({key(u"9@10:00:00"_s)});
    ledger.beginPass();
    QVERIFY(!ledger.admit(key(u"9@10:00:00"_s)));
    QVERIFY(ledger.admit(key(u"9@10:00:02"_s))); // invoiced two seconds later: a new version
}

void TestMagentoChangeLedger::changeWithinTheSameSecondIsNew()
{
    // Placed and invoiced within one second: same entity_id and updated_at, other content.
    MagentoChangeLedger ledger(5);
    MagentoOrderKey placed = key(u"9@10:00:00"_s);
    placed.fingerprint = "aaaa";
    MagentoOrderKey invoiced = placed;
    invoiced.fingerprint = "bbbb";
    ledger.beginPass();
    QVERIFY(ledger.admit(placed));
    ledger.confirm({placed});
    ledger.beginPass();
    QVERIFY(!ledger.admit(placed));
    QVERIFY(ledger.admit(invoiced));
    ledger.confirm({invoiced});
    // The fingerprint survives the saved state.
    MagentoChangeLedger restored(5, MagentoChangeFeedState::fromJson(ledger.state().toJson()));
    restored.beginPass();
    QVERIFY(!restored.admit(invoiced));
}

void TestMagentoChangeLedger::stateRoundTrip()
{
    MagentoChangeLedger ledger(5);
    ledger.beginPass();
    for (const MagentoOrderKey &k : keys(u"1@10:00:00 2@10:00:07 3@10:00:09"_s))
        ledger.admit(k);
    ledger.confirm(keys(u"1@10:00:00 2@10:00:07 3@10:00:09"_s));
    const MagentoChangeFeedState state = MagentoChangeFeedState::fromJson(ledger.state().toJson());
    QCOMPARE(state.highWater, at(u"10:00:09"_s));
    QCOMPARE(state.processed, keys(u"2@10:00:07 3@10:00:09"_s)); // 1 is below the window and forgotten
    MagentoChangeLedger restored(5, state);
    restored.beginPass();
    QVERIFY(!restored.admit(key(u"2@10:00:07"_s)));
    QVERIFY(restored.admit(key(u"4@10:00:08"_s)));
    QVERIFY(MagentoChangeFeedState::fromJson({}).processed.isEmpty());
    QVERIFY(!MagentoChangeFeedState::fromJson({}).highWater.isValid());
}

QTEST_APPLESS_MAIN(TestMagentoChangeLedger)
#include "tst_magentochangeledger.moc"
