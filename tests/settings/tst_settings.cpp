#include "settings/settingoption.h"
#include "settings/settings.h"
#include "settings/settingscatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheSeedValues_data();
    void defaultsAreTheSeedValues();
    void acceptsGoodValues_data();
    void acceptsGoodValues();
    void refusesBadValues_data();
    void refusesBadValues();
    void everyKeyHasGoodAndBadRows();
    void refusesUnknownKey();
    void crossFieldRuleOnStatuses();
    void typedAccessors();
    void jsonHasTheDocumentedShape();
    void jsonRoundTrip();
    void jsonImportIsAllOrNothing_data();
    void jsonImportIsAllOrNothing();
    void jsonImportMayChangeBothSidesOfTheRule();
    void storageRoundTrip_data();
    void storageRoundTrip();
};

namespace {

QSet<QString> s_goodKeys;
QSet<QString> s_badKeys;

Settings nonDefaults()
{
    Settings settings;
    const QList<QPair<QString, QString>> changes{
        {u"orders.automated_synchronization"_s, u"no"_s},
        {u"orders.zero_grand_total"_s, u"do_not_synchronize"_s},
        {u"orders.synchronize_order_notes"_s, u"false"_s},
        {u"orders.note_object"_s, u"content_note"_s},
        {u"orders.default_status"_s, u"Pending Review"_s},
        {u"orders.order_statuses"_s, u"processing,complete"_s},
        {u"orders.sync_all_orders"_s, u"no"_s},
        {u"orders.sync_since"_s, u"2026-03-01T08:30:00+01:00"_s},
        {u"orders.rescan_window_minutes"_s, u"30"_s},
        {u"orders.comment_sweep_days"_s, u"45"_s},
        {u"orders.notify_run_errors"_s, u"no"_s},
        {u"advanced.create_order"_s, u"every"_s},
        {u"advanced.create_opportunity"_s, u"every"_s},
        {u"advanced.sales_cycle_length_days"_s, u"30"_s},
        {u"advanced.opportunity_stage_draft"_s, u"Value Proposition"_s},
        {u"advanced.opportunity_stage_converted"_s, u"Closed Won"_s},
        {u"advanced.opportunity_stage_cart"_s, u"Perception Analysis"_s},
        {u"advanced.price_book"_s, u"Standard Price Book"_s},
        {u"advanced.create_missing_products"_s, u"yes"_s},
        {u"advanced.allow_duplicate_save"_s, u"no"_s},
        {u"advanced.book_base_currency"_s, u"yes"_s},
        {u"advanced.person_accounts"_s, u"no"_s},
        {u"engine.polling_interval_seconds"_s, u"300"_s},
        {u"engine.batch_size"_s, u"50"_s},
        {u"engine.max_attempts"_s, u"9"_s},
        {u"engine.api_share_percent"_s, u"25"_s},
        {u"engine.request_timeout_seconds"_s, u"20"_s},
        {u"engine.concurrent_calls"_s, u"2"_s},
    };
    for (const auto &[key, value] : changes) {
        const auto set = settings.set(key, value);
        if (!set)
            qFatal("%s", qPrintable(set.error().toString()));
    }
    return settings;
}

} // namespace

void TestSettings::defaultsAreTheSeedValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("automated") << u"orders.automated_synchronization"_s << QVariant(true);
    QTest::newRow("zero") << u"orders.zero_grand_total"_s << QVariant(u"synchronize"_s);
    QTest::newRow("notes") << u"orders.synchronize_order_notes"_s << QVariant(true);
    QTest::newRow("note object") << u"orders.note_object"_s << QVariant(u"note"_s);
    QTest::newRow("status") << u"orders.default_status"_s << QVariant(u"Draft"_s);
    QTest::newRow("sync all") << u"orders.sync_all_orders"_s << QVariant(true);
    QTest::newRow("statuses") << u"orders.order_statuses"_s << QVariant(QStringList());
    QTest::newRow("sync since: all history") << u"orders.sync_since"_s << QVariant(QString());
    QTest::newRow("rescan window") << u"orders.rescan_window_minutes"_s << QVariant(10);
    QTest::newRow("comment sweep") << u"orders.comment_sweep_days"_s << QVariant(0);
    QTest::newRow("notify run errors") << u"orders.notify_run_errors"_s << QVariant(true);
    QTest::newRow("create order") << u"advanced.create_order"_s << QVariant(u"paid"_s);
    QTest::newRow("create opp") << u"advanced.create_opportunity"_s << QVariant(u"no"_s);
    QTest::newRow("cycle") << u"advanced.sales_cycle_length_days"_s << QVariant(15);
    QTest::newRow("stage draft") << u"advanced.opportunity_stage_draft"_s << QVariant(u"Prospecting"_s);
    QTest::newRow("stage converted") << u"advanced.opportunity_stage_converted"_s << QVariant(u"Needs Analysis"_s);
    QTest::newRow("stage cart") << u"advanced.opportunity_stage_cart"_s << QVariant(u"Qualification"_s);
    QTest::newRow("price book") << u"advanced.price_book"_s << QVariant(u"Magento Default"_s);
    QTest::newRow("missing products") << u"advanced.create_missing_products"_s << QVariant(false);
    QTest::newRow("base currency") << u"advanced.book_base_currency"_s << QVariant(false);
    QTest::newRow("duplicate save") << u"advanced.allow_duplicate_save"_s << QVariant(true);
    QTest::newRow("person accounts") << u"advanced.person_accounts"_s << QVariant(u"auto"_s);
    QTest::newRow("polling") << u"engine.polling_interval_seconds"_s << QVariant(60);
    QTest::newRow("batch") << u"engine.batch_size"_s << QVariant(200);
    QTest::newRow("attempts") << u"engine.max_attempts"_s << QVariant(5);
    QTest::newRow("api share") << u"engine.api_share_percent"_s << QVariant(50);
    QTest::newRow("request timeout") << u"engine.request_timeout_seconds"_s << QVariant(45);
    QTest::newRow("concurrent calls") << u"engine.concurrent_calls"_s << QVariant(4);
}

void TestSettings::defaultsAreTheSeedValues()
{
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    const Settings settings;
    QCOMPARE(settings.value(key), expected);
    QVERIFY(settings.isDefault(key));
    QCOMPARE(settings.values().size(), SettingsCatalog::options().size());
    QVERIFY(settings.validate());
}

void TestSettings::acceptsGoodValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("expected");
    const auto row = [](const QString &key, const QString &text, const QVariant &expected) {
        s_goodKeys.insert(key);
        QTest::addRow("%s=%s", qPrintable(key), qPrintable(text)) << key << text << expected;
    };
    for (const QString &key : {u"orders.automated_synchronization"_s, u"orders.synchronize_order_notes"_s,
                               u"orders.sync_all_orders"_s, u"advanced.create_missing_products"_s,
                               u"advanced.allow_duplicate_save"_s, u"advanced.book_base_currency"_s,
                               u"orders.notify_run_errors"_s}) {
        row(key, u"true"_s, true);
        row(key, u"FALSE"_s, false);
        row(key, u"Yes"_s, true);
        row(key, u"no"_s, false);
        row(key, u" yes "_s, true);
    }
    row(u"orders.zero_grand_total"_s, u"synchronize"_s, u"synchronize"_s);
    row(u"orders.zero_grand_total"_s, u"do_not_synchronize"_s, u"do_not_synchronize"_s);
    row(u"orders.note_object"_s, u"note"_s, u"note"_s);
    row(u"orders.note_object"_s, u"content_note"_s, u"content_note"_s);
    row(u"orders.default_status"_s, u"Draft"_s, u"Draft"_s);
    row(u"orders.default_status"_s, u"  In Review  "_s, u"In Review"_s);
    row(u"orders.default_status"_s, QString(255, u'x'), QString(255, u'x'));
    row(u"orders.order_statuses"_s, u"processing"_s, QStringList{u"processing"_s});
    row(u"orders.order_statuses"_s, u"processing, complete"_s, QStringList{u"processing"_s, u"complete"_s});
    row(u"orders.order_statuses"_s, u"pending,pending,holded"_s, QStringList{u"pending"_s, u"holded"_s});
    row(u"orders.order_statuses"_s, u"fraud_review2"_s, QStringList{u"fraud_review2"_s});
    row(u"orders.order_statuses"_s, QString(), QStringList());
    row(u"orders.sync_since"_s, u"2026-01-31"_s, u"2026-01-31T00:00:00Z"_s);
    row(u"orders.sync_since"_s, u" 2026-01-31T09:15:00Z "_s, u"2026-01-31T09:15:00Z"_s);
    row(u"orders.sync_since"_s, u"2026-01-31T09:15:00"_s, u"2026-01-31T09:15:00Z"_s); // no offset: UTC
    row(u"orders.sync_since"_s, u"2026-01-31T09:15:00-05:00"_s, u"2026-01-31T14:15:00Z"_s);
    row(u"orders.sync_since"_s, QString(), QString());
    row(u"orders.rescan_window_minutes"_s, u"0"_s, 0);
    row(u"orders.rescan_window_minutes"_s, u"1440"_s, 1440);
    row(u"orders.comment_sweep_days"_s, u"0"_s, 0);
    row(u"orders.comment_sweep_days"_s, u"3650"_s, 3650);
    row(u"advanced.create_order"_s, u"paid"_s, u"paid"_s);
    row(u"advanced.create_order"_s, u"every"_s, u"every"_s);
    row(u"advanced.create_order"_s, u"no"_s, u"no"_s);
    row(u"advanced.create_opportunity"_s, u"no"_s, u"no"_s);
    row(u"advanced.create_opportunity"_s, u"every"_s, u"every"_s);
    row(u"advanced.person_accounts"_s, u"auto"_s, u"auto"_s);
    row(u"advanced.person_accounts"_s, u"yes"_s, u"yes"_s);
    row(u"advanced.person_accounts"_s, u"no"_s, u"no"_s);
    row(u"advanced.sales_cycle_length_days"_s, u"0"_s, 0);
    row(u"advanced.sales_cycle_length_days"_s, u"3650"_s, 3650);
    for (const QString &key : {u"advanced.opportunity_stage_draft"_s, u"advanced.opportunity_stage_converted"_s,
                               u"advanced.opportunity_stage_cart"_s, u"advanced.price_book"_s})
        row(key, u"Closed Won"_s, u"Closed Won"_s);
    row(u"engine.polling_interval_seconds"_s, u"10"_s, 10);
    row(u"engine.polling_interval_seconds"_s, u"86400"_s, 86400);
    row(u"engine.batch_size"_s, u"1"_s, 1);
    row(u"engine.batch_size"_s, u"200"_s, 200);
    row(u"engine.max_attempts"_s, u"1"_s, 1);
    row(u"engine.max_attempts"_s, u"50"_s, 50);
    row(u"engine.request_timeout_seconds"_s, u"5"_s, 5);
    row(u"engine.request_timeout_seconds"_s, u"600"_s, 600);
    row(u"engine.concurrent_calls"_s, u"1"_s, 1);
    row(u"engine.concurrent_calls"_s, u"10"_s, 10);
    row(u"engine.api_share_percent"_s, u"1"_s, 1);
    row(u"engine.api_share_percent"_s, u"100"_s, 100);
}

void TestSettings::acceptsGoodValues()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QVariant, expected);
    // A status list lets sync_all_orders be switched off (cross-field rule, tested separately).
    Settings settings;
    QVERIFY(settings.set(u"orders.order_statuses"_s, u"complete"_s));
    const auto set = settings.set(key, text);
    QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
    QCOMPARE(settings.value(key), expected);
    // The typed path accepts the same value.
    Settings typed;
    QVERIFY(typed.setValue(u"orders.order_statuses"_s, QStringList{u"complete"_s}));
    QVERIFY(typed.setValue(key, expected));
    QCOMPARE(typed.value(key), expected);
}

void TestSettings::refusesBadValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("allowedMention");
    const auto row = [](const QString &key, const QString &text, const QString &allowed) {
        s_badKeys.insert(key);
        QTest::addRow("%s=%s", qPrintable(key), qPrintable(text)) << key << text << allowed;
    };
    for (const QString &key : {u"orders.automated_synchronization"_s, u"orders.synchronize_order_notes"_s,
                               u"orders.sync_all_orders"_s, u"advanced.create_missing_products"_s,
                               u"advanced.allow_duplicate_save"_s, u"advanced.book_base_currency"_s,
                               u"orders.notify_run_errors"_s}) {
        row(key, u"maybe"_s, u"true, false, yes or no"_s);
        row(key, u"1"_s, u"true, false, yes or no"_s);
        row(key, QString(), u"true, false, yes or no"_s);
    }
    row(u"orders.zero_grand_total"_s, u"Synchronize"_s, u"\"synchronize\" or \"do_not_synchronize\""_s);
    row(u"orders.zero_grand_total"_s, u"skip"_s, u"\"synchronize\" or \"do_not_synchronize\""_s);
    row(u"orders.note_object"_s, u"attachment"_s, u"\"note\" or \"content_note\""_s);
    row(u"orders.default_status"_s, QString(), u"non-empty text"_s);
    row(u"orders.default_status"_s, u"   "_s, u"non-empty text"_s);
    row(u"orders.default_status"_s, QString(256, u'x'), u"at most 255"_s);
    row(u"orders.order_statuses"_s, u"Processing"_s, u"Magento order status codes"_s);
    row(u"orders.order_statuses"_s, u"processing,,complete"_s, u"Magento order status codes"_s);
    row(u"orders.order_statuses"_s, u"pending review"_s, u"Magento order status codes"_s);
    row(u"orders.order_statuses"_s, QString(33, u'a'), u"Magento order status codes"_s);
    row(u"orders.sync_since"_s, u"yesterday"_s, u"ISO 8601 date"_s);
    row(u"orders.sync_since"_s, u"2026-02-30"_s, u"ISO 8601 date"_s);
    row(u"orders.sync_since"_s, u"31.01.2026"_s, u"ISO 8601 date"_s);
    row(u"orders.rescan_window_minutes"_s, u"-1"_s, u"from 0 to 1440"_s);
    row(u"orders.rescan_window_minutes"_s, u"1441"_s, u"from 0 to 1440"_s);
    row(u"orders.comment_sweep_days"_s, u"-1"_s, u"from 0 to 3650"_s);
    row(u"advanced.create_order"_s, u"paid-only"_s, u"\"paid\", \"every\" or \"no\""_s);
    row(u"advanced.create_order"_s, u"yes"_s, u"\"paid\", \"every\" or \"no\""_s);
    row(u"advanced.create_opportunity"_s, u"paid"_s, u"\"no\" or \"every\""_s);
    row(u"advanced.person_accounts"_s, u"maybe"_s, u"\"auto\", \"yes\" or \"no\""_s);
    row(u"advanced.sales_cycle_length_days"_s, u"-1"_s, u"from 0 to 3650"_s);
    row(u"advanced.sales_cycle_length_days"_s, u"3651"_s, u"from 0 to 3650"_s);
    row(u"advanced.sales_cycle_length_days"_s, u"15.5"_s, u"from 0 to 3650"_s);
    row(u"advanced.sales_cycle_length_days"_s, u"fifteen"_s, u"from 0 to 3650"_s);
    for (const QString &key : {u"advanced.opportunity_stage_draft"_s, u"advanced.opportunity_stage_converted"_s,
                               u"advanced.opportunity_stage_cart"_s, u"advanced.price_book"_s})
        row(key, QString(), u"non-empty text"_s);
    row(u"engine.polling_interval_seconds"_s, u"9"_s, u"from 10 to 86400"_s);
    row(u"engine.polling_interval_seconds"_s, u"86401"_s, u"from 10 to 86400"_s);
    row(u"engine.batch_size"_s, u"0"_s, u"from 1 to 200"_s);
    row(u"engine.batch_size"_s, u"201"_s, u"from 1 to 200"_s);
    row(u"engine.max_attempts"_s, u"0"_s, u"from 1 to 50"_s);
    row(u"engine.max_attempts"_s, u"51"_s, u"from 1 to 50"_s);
    row(u"engine.request_timeout_seconds"_s, u"4"_s, u"from 5 to 600"_s);
    row(u"engine.request_timeout_seconds"_s, u"forever"_s, u"from 5 to 600"_s);
    row(u"engine.concurrent_calls"_s, u"0"_s, u"from 1 to 10"_s);
    row(u"engine.concurrent_calls"_s, u"11"_s, u"from 1 to 10"_s);
    row(u"engine.api_share_percent"_s, u"0"_s, u"from 1 to 100"_s);
    row(u"engine.api_share_percent"_s, u"101"_s, u"from 1 to 100"_s);
    row(u"engine.api_share_percent"_s, u"99999999999999"_s, u"from 1 to 100"_s);
}

void TestSettings::refusesBadValues()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QString, allowedMention);
    Settings settings = nonDefaults();
    const Settings before = settings;
    const auto set = settings.set(key, text);
    QVERIFY(!set);
    QCOMPARE(set.error().code, u"settings.invalid_value"_s);
    QCOMPARE(set.error().fields, QStringList{key});
    const QString message = set.error().toString();
    QVERIFY2(message.contains(key), qPrintable(message));
    QVERIFY2(message.contains(allowedMention), qPrintable(message));
    QVERIFY2(message.contains(u"Allowed:"_s), qPrintable(message));
    QVERIFY(settings == before);
}

void TestSettings::everyKeyHasGoodAndBadRows()
{
    // Guards the two tables above: a new option must bring its own good and bad rows.
    for (const QString &key : SettingsCatalog::keys()) {
        QVERIFY2(s_goodKeys.contains(key), qPrintable(u"no good-value row for "_s + key));
        QVERIFY2(s_badKeys.contains(key), qPrintable(u"no bad-value row for "_s + key));
    }
}

void TestSettings::refusesUnknownKey()
{
    Settings settings;
    const auto set = settings.set(u"orders.zero_grand_totals"_s, u"synchronize"_s);
    QVERIFY(!set);
    QCOMPARE(set.error().code, u"settings.unknown_key"_s);
    QVERIFY(set.error().message.contains(u"orders.zero_grand_totals"_s));
    QVERIFY(set.error().hint.contains(u"orders.zero_grand_total,"_s));
    QVERIFY(settings == Settings());
}

void TestSettings::crossFieldRuleOnStatuses()
{
    Settings settings;
    const auto off = settings.set(u"orders.sync_all_orders"_s, u"no"_s);
    QVERIFY(!off);
    QCOMPARE(off.error().code, u"settings.invalid_combination"_s);
    QCOMPARE(off.error().fields, (QStringList{u"orders.sync_all_orders"_s, u"orders.order_statuses"_s}));
    QVERIFY(off.error().hint.contains(u"config set orders.order_statuses"_s));
    QVERIFY(settings.syncAllOrders());

    QVERIFY(settings.set(u"orders.order_statuses"_s, u"complete"_s));
    QVERIFY(settings.set(u"orders.sync_all_orders"_s, u"no"_s));
    QVERIFY(settings.shouldSyncStatus(u"complete"_s));
    QVERIFY(!settings.shouldSyncStatus(u"pending"_s));

    const auto empty = settings.set(u"orders.order_statuses"_s, QString());
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, u"settings.invalid_combination"_s);
    QCOMPARE(settings.orderStatuses(), QStringList{u"complete"_s});
}

void TestSettings::typedAccessors()
{
    const Settings defaults;
    QVERIFY(defaults.automatedSynchronization());
    QCOMPARE(defaults.zeroGrandTotal(), ZeroGrandTotal::Synchronize);
    QCOMPARE(defaults.createOrder(), CreateOrderMode::Paid);
    QCOMPARE(defaults.createOpportunity(), CreateOpportunityMode::No);
    QCOMPARE(defaults.noteObject(), NoteObject::Note);
    QVERIFY(defaults.allowDuplicateSave());
    QVERIFY(!defaults.bookBaseCurrency());
    QCOMPARE(defaults.personAccounts(), PersonAccountsMode::Auto);
    QVERIFY(defaults.shouldSyncStatus(u"anything"_s));
    QVERIFY(!defaults.syncSince().isValid());
    QVERIFY(defaults.isWithinSyncSince(QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC)));
    QCOMPARE(defaults.rescanWindowMinutes(), 10);
    QCOMPARE(defaults.commentSweepDays(), 0);

    const Settings s = nonDefaults();
    QVERIFY(!s.automatedSynchronization());
    QCOMPARE(s.zeroGrandTotal(), ZeroGrandTotal::DoNotSynchronize);
    QVERIFY(!s.synchronizeOrderNotes());
    QVERIFY(!s.notifyRunErrors());
    QCOMPARE(s.noteObject(), NoteObject::ContentNote);
    QCOMPARE(s.defaultStatus(), u"Pending Review"_s);
    QVERIFY(!s.syncAllOrders());
    QCOMPARE(s.syncSince(), QDateTime(QDate(2026, 3, 1), QTime(7, 30), Qt::UTC));
    QVERIFY(!s.isWithinSyncSince(QDateTime(QDate(2026, 3, 1), QTime(7, 29, 59), Qt::UTC)));
    QVERIFY(s.isWithinSyncSince(QDateTime(QDate(2026, 3, 1), QTime(7, 30), Qt::UTC)));
    QVERIFY(s.isWithinSyncSince(QDateTime())); // no created_at: kept, not lost
    QCOMPARE(s.rescanWindowMinutes(), 30);
    QCOMPARE(s.commentSweepDays(), 45);
    QCOMPARE(s.orderStatuses(), (QStringList{u"processing"_s, u"complete"_s}));
    QCOMPARE(s.createOrder(), CreateOrderMode::Every);
    QCOMPARE(s.createOpportunity(), CreateOpportunityMode::Every);
    QCOMPARE(s.salesCycleLengthDays(), 30);
    QCOMPARE(s.opportunityStageDraft(), u"Value Proposition"_s);
    QCOMPARE(s.opportunityStageConverted(), u"Closed Won"_s);
    QCOMPARE(s.opportunityStageCart(), u"Perception Analysis"_s);
    QCOMPARE(s.priceBook(), u"Standard Price Book"_s);
    QVERIFY(s.createMissingProducts());
    QVERIFY(!s.allowDuplicateSave());
    QVERIFY(s.bookBaseCurrency());
    QCOMPARE(s.personAccounts(), PersonAccountsMode::No);
    QCOMPARE(s.pollingIntervalSeconds(), 300);
    QCOMPARE(s.batchSize(), 50);
    QCOMPARE(s.maxAttempts(), 9);
    QCOMPARE(s.apiSharePercent(), 25);
    QCOMPARE(s.requestTimeoutMs(), 20000);
    for (const QString &key : SettingsCatalog::keys())
        QVERIFY2(!s.isDefault(key), qPrintable(key));
}

void TestSettings::jsonHasTheDocumentedShape()
{
    const QJsonObject json = Settings().toJson();
    QCOMPARE(json.keys(), (QStringList{u"advanced"_s, u"engine"_s, u"orders"_s}));
    const QJsonObject orders = json.value(u"orders"_s).toObject();
    QCOMPARE(orders.value(u"automated_synchronization"_s), QJsonValue(true));
    QCOMPARE(orders.value(u"zero_grand_total"_s), QJsonValue(u"synchronize"_s));
    QCOMPARE(orders.value(u"synchronize_order_notes"_s), QJsonValue(true));
    QCOMPARE(orders.value(u"default_status"_s), QJsonValue(u"Draft"_s));
    QCOMPARE(orders.value(u"sync_all_orders"_s), QJsonValue(true));
    QCOMPARE(orders.value(u"notify_run_errors"_s), QJsonValue(true));
    QCOMPARE(orders.value(u"order_statuses"_s), QJsonValue(QJsonArray()));
    const QJsonObject advanced = json.value(u"advanced"_s).toObject();
    QCOMPARE(advanced.value(u"create_order"_s), QJsonValue(u"paid"_s));
    QCOMPARE(advanced.value(u"create_opportunity"_s), QJsonValue(u"no"_s));
    QCOMPARE(advanced.value(u"sales_cycle_length_days"_s), QJsonValue(15));
    QCOMPARE(json.value(u"engine"_s).toObject().value(u"batch_size"_s), QJsonValue(200));
    int count = 0;
    for (const QString &group : json.keys())
        count += int(json.value(group).toObject().size());
    QCOMPARE(count, int(SettingsCatalog::options().size()));
}

void TestSettings::jsonRoundTrip()
{
    const Settings source = nonDefaults();
    const QByteArray bytes = QJsonDocument(source.toJson()).toJson();
    Settings target;
    const auto applied = target.applyJsonDocument(bytes);
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    QVERIFY(target == source);
}

void TestSettings::jsonImportIsAllOrNothing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mention");
    QTest::newRow("bad value after good") << QByteArrayLiteral(
        R"({"engine":{"batch_size":10,"max_attempts":0}})") << u"settings.invalid_value"_s
                                          << u"engine.max_attempts"_s;
    QTest::newRow("unknown key") << QByteArrayLiteral(R"({"engine":{"batch_size":10,"turbo":true}})")
                                 << u"settings.unknown_key"_s << u"engine.turbo"_s;
    QTest::newRow("unknown group") << QByteArrayLiteral(R"({"engine":{"batch_size":10},"extra":{}})")
                                   << u"settings.unknown_key"_s << u"extra"_s;
    QTest::newRow("string for bool") << QByteArrayLiteral(R"({"orders":{"automated_synchronization":"yes"}})")
                                     << u"settings.invalid_value"_s << u"orders.automated_synchronization"_s;
    QTest::newRow("fraction for int") << QByteArrayLiteral(R"({"engine":{"batch_size":10.5}})")
                                      << u"settings.invalid_value"_s << u"engine.batch_size"_s;
    QTest::newRow("number for list") << QByteArrayLiteral(R"({"orders":{"order_statuses":[1]}})")
                                     << u"settings.invalid_value"_s << u"orders.order_statuses"_s;
    QTest::newRow("rule broken") << QByteArrayLiteral(R"({"engine":{"batch_size":10},"orders":{"sync_all_orders":false}})")
                                 << u"settings.invalid_combination"_s << u"orders.order_statuses"_s;
    QTest::newRow("syntax error line 3") << QByteArrayLiteral("{\n \"engine\": {\n \"batch_size\": 10,,\n}}")
                                         << u"settings.invalid_file"_s << u"line 3"_s;
    QTest::newRow("array") << QByteArrayLiteral("[]") << u"settings.invalid_file"_s << u"one JSON object"_s;
    QTest::newRow("group not object") << QByteArrayLiteral(R"({"engine":5})") << u"settings.invalid_value"_s
                                      << u"engine"_s;
}

void TestSettings::jsonImportIsAllOrNothing()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, mention);
    Settings settings;
    const auto applied = settings.applyJsonDocument(json);
    QVERIFY(!applied);
    QCOMPARE(applied.error().code, code);
    QVERIFY2(applied.error().toString().contains(mention), qPrintable(applied.error().toString()));
    QVERIFY(settings == Settings());
}

void TestSettings::jsonImportMayChangeBothSidesOfTheRule()
{
    Settings settings;
    const auto applied = settings.applyJsonDocument(
        QByteArrayLiteral(R"({"orders":{"sync_all_orders":false,"order_statuses":["complete"]}})"));
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    QVERIFY(!settings.syncAllOrders());
    // Keys the file leaves out keep their values.
    QCOMPARE(settings.batchSize(), 200);
}

void TestSettings::storageRoundTrip_data()
{
    QTest::addColumn<QString>("key");
    for (const QString &key : SettingsCatalog::keys())
        QTest::newRow(qPrintable(key)) << key;
}

void TestSettings::storageRoundTrip()
{
    QFETCH(QString, key);
    const SettingOption *option = SettingsCatalog::find(key);
    QVERIFY(option);
    for (const Settings &settings : {Settings(), nonDefaults()}) {
        const QVariant value = settings.value(key);
        const auto back = option->fromStorage(option->toStorage(value));
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(*back, value);
        const auto fromJson = option->fromJson(option->toJson(value));
        QVERIFY(fromJson);
        QCOMPARE(*fromJson, value);
    }
}

QTEST_APPLESS_MAIN(TestSettings)
#include "tst_settings.moc"
