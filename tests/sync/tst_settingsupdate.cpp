// SettingsUpdate without a thread, on a store in a temporary folder: values parsed and validated
// whole, Default Status against the org's Order Status values, nothing stored when refused, and the
// Out of Sync and Skipped orders queued again when an eligibility rule changed.

#include "asyncresult.h"
#include "judgedorders.h"

#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/settingsupdate.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

using Values = QHash<QString, QString>;

class TestSettingsUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void storesAndSaysWhichRulesChanged();
    void refusesAndStoresNothing_data();
    void refusesAndStoresNothing();
    void defaultStatusIsCheckedAgainstTheOrg();
    void changedRuleQueuesOutOfSyncAndSkippedOrders();
    void sameRuleAgainQueuesNothing();

private:
    [[nodiscard]] Settings stored() const;
    static QList<OrderStatusValue> orgStatuses();

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestSettingsUpdate::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSettingsUpdate::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

Settings TestSettingsUpdate::stored() const
{
    auto settings = SettingsRepository(m_db).load();
    if (!settings)
        qFatal("%s", qPrintable(errorText(settings)));
    return *settings;
}

QList<OrderStatusValue> TestSettingsUpdate::orgStatuses()
{
    return {{u"Draft"_s, u"Draft"_s, u"Draft"_s, true},
            {u"Awaiting Payment"_s, u"Awaiting Payment"_s, u"Draft"_s, false},
            {u"Activated"_s, u"Activated"_s, u"Activated"_s, false}};
}

void TestSettingsUpdate::storesAndSaysWhichRulesChanged()
{
    const SettingsUpdate update(m_db);
    auto outcome = update.apply({{u"engine.max_attempts"_s, u"6"_s}});
    QVERIFY2(outcome.has_value(), qPrintable(errorText(outcome)));
    QVERIFY(outcome->changedRules.isEmpty());
    QCOMPARE(outcome->requeued, 0);
    QCOMPARE(stored().maxAttempts(), 6);
    QCOMPARE(outcome->settings.maxAttempts(), 6);

    // The order of the keys never matters: the result is validated whole.
    outcome = update.apply({{u"orders.order_statuses"_s, u"processing,complete"_s}, {u"orders.sync_all_orders"_s, u"no"_s}});
    QVERIFY2(outcome.has_value(), qPrintable(errorText(outcome)));
    QCOMPARE(outcome->changedRules, (QStringList{u"orders.sync_all_orders"_s, u"orders.order_statuses"_s}));
    QVERIFY(!stored().syncAllOrders());
}

void TestSettingsUpdate::refusesAndStoresNothing_data()
{
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");

    QTest::newRow("unknown key") << Values{{u"orders.color"_s, u"red"_s}} << u"settings.unknown_key"_s << u"orders.color"_s;
    QTest::newRow("bad choice") << Values{{u"advanced.price_book"_s, u"Other"_s}, {u"advanced.create_order"_s, u"sometimes"_s}}
                                << u"settings.invalid_value"_s << u"advanced.create_order"_s;
    QTest::newRow("out of range") << Values{{u"engine.batch_size"_s, u"5000"_s}} << u"settings.invalid_value"_s
                                  << u"engine.batch_size"_s;
    QTest::newRow("no status to sync") << Values{{u"orders.sync_all_orders"_s, u"no"_s}, {u"orders.order_statuses"_s, QString()}}
                                       << u"settings.invalid_combination"_s << u"orders.order_statuses"_s;
}

void TestSettingsUpdate::refusesAndStoresNothing()
{
    QFETCH(Values, values);
    QFETCH(QString, code);
    QFETCH(QString, key);

    const Settings before = stored();
    const auto outcome = SettingsUpdate(m_db).apply(values, orgStatuses());
    QVERIFY(!outcome.has_value());
    QCOMPARE(outcome.error().code, code);
    QCOMPARE(outcome.error().kind, ErrorKind::Invalid);
    QVERIFY2(outcome.error().fields.contains(key), qPrintable(outcome.error().fields.join(u',')));
    QVERIFY(!outcome.error().hint.isEmpty());
    QVERIFY(stored() == before);
}

void TestSettingsUpdate::defaultStatusIsCheckedAgainstTheOrg()
{
    const SettingsUpdate update(m_db);
    // An Activated value is refused when the org's statuses are known, naming the Draft ones.
    auto outcome = update.apply({{u"orders.default_status"_s, u"Activated"_s}}, orgStatuses());
    QVERIFY(!outcome.has_value());
    QCOMPARE(outcome.error().kind, ErrorKind::Invalid);
    QCOMPARE(outcome.error().fields, QStringList{u"orders.default_status"_s});
    QVERIFY2(outcome.error().hint.contains(u"Draft, Awaiting Payment"_s), qPrintable(outcome.error().hint));
    QCOMPARE(stored().defaultStatus(), u"Draft"_s);

    // A Draft value is taken; without the org's statuses nothing can be checked.
    outcome = update.apply({{u"orders.default_status"_s, u"Awaiting Payment"_s}}, orgStatuses());
    QVERIFY2(outcome.has_value(), qPrintable(errorText(outcome)));
    QCOMPARE(stored().defaultStatus(), u"Awaiting Payment"_s);
    outcome = update.apply({{u"orders.default_status"_s, u"Activated"_s}});
    QVERIFY(outcome.has_value());
    QCOMPARE(stored().defaultStatus(), u"Activated"_s);
}

void TestSettingsUpdate::changedRuleQueuesOutOfSyncAndSkippedOrders()
{
    const QString seeded = JudgedOrders::seed(m_db);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    QMap<QString, QString> expected = JudgedOrders::statuses(m_db);
    QCOMPARE(expected.value(JudgedOrders::incrementId(2)), u"out_of_sync"_s);

    const auto outcome = SettingsUpdate(m_db).apply({{u"advanced.create_order"_s, u"every"_s}});
    QVERIFY2(outcome.has_value(), qPrintable(errorText(outcome)));
    QCOMPARE(outcome->changedRules, QStringList{u"advanced.create_order"_s});
    QCOMPARE(outcome->requeued, 4);
    // Out of Sync and Skipped wait for the next run; In Sync and Error are left as they were.
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (it.value() == u"out_of_sync"_s || it.value() == u"skipped"_s)
            it.value() = u"pending"_s;
    }
    QCOMPARE(JudgedOrders::statuses(m_db), expected);
    QCOMPARE(*SyncStore(m_db).pendingCount(), 4);
}

void TestSettingsUpdate::sameRuleAgainQueuesNothing()
{
    const QString seeded = JudgedOrders::seed(m_db);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    const QMap<QString, QString> before = JudgedOrders::statuses(m_db);
    const auto outcome = SettingsUpdate(m_db).apply({{u"advanced.create_order"_s, u"paid"_s}});
    QVERIFY(outcome.has_value());
    QVERIFY(outcome->changedRules.isEmpty());
    QCOMPARE(outcome->requeued, 0);
    QCOMPARE(JudgedOrders::statuses(m_db), before);
}

QTEST_GUILESS_MAIN(TestSettingsUpdate)
#include "tst_settingsupdate.moc"
