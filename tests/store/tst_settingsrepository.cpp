#include "storeundertest.h"
#include "settings/settingscatalog.h"
#include "store/database.h"
#include "store/settingsrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSettingsRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void emptyStoreGivesDefaults();
    void roundTripsEveryOption_data();
    void roundTripsEveryOption();
    void survivesReopen();
    void invalidStoredValueFallsBackToDefault();
    void storedRuleBreakFallsBackToDefaults();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

void TestSettingsRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY(db);
    m_db = *db;
}

void TestSettingsRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSettingsRepository::emptyStoreGivesDefaults()
{
    const SettingsRepository repository(m_db);
    const auto loaded = repository.load();
    QVERIFY(loaded);
    QVERIFY(*loaded == Settings());
}

void TestSettingsRepository::roundTripsEveryOption_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::newRow("automated") << u"orders.automated_synchronization"_s << u"no"_s;
    QTest::newRow("zero") << u"orders.zero_grand_total"_s << u"do_not_synchronize"_s;
    QTest::newRow("notes") << u"orders.synchronize_order_notes"_s << u"false"_s;
    QTest::newRow("note object") << u"orders.note_object"_s << u"content_note"_s;
    QTest::newRow("status") << u"orders.default_status"_s << u"Entwurf \u00e4\u00f6\u00fc 'quoted'"_s;
    QTest::newRow("statuses") << u"orders.order_statuses"_s << u"processing,complete"_s;
    QTest::newRow("create order") << u"advanced.create_order"_s << u"no"_s;
    QTest::newRow("opportunity") << u"advanced.create_opportunity"_s << u"every"_s;
    QTest::newRow("cycle") << u"advanced.sales_cycle_length_days"_s << u"0"_s;
    QTest::newRow("stage draft") << u"advanced.opportunity_stage_draft"_s << u"Value Proposition"_s;
    QTest::newRow("stage converted") << u"advanced.opportunity_stage_converted"_s << u"Closed Won"_s;
    QTest::newRow("stage cart") << u"advanced.opportunity_stage_cart"_s << u"Id. Decision Makers"_s;
    QTest::newRow("price book") << u"advanced.price_book"_s << u"Standard"_s;
    QTest::newRow("products") << u"advanced.create_missing_products"_s << u"yes"_s;
    QTest::newRow("polling") << u"engine.polling_interval_seconds"_s << u"86400"_s;
    QTest::newRow("batch") << u"engine.batch_size"_s << u"1"_s;
    QTest::newRow("attempts") << u"engine.max_attempts"_s << u"50"_s;
    QTest::newRow("share") << u"engine.api_share_percent"_s << u"100"_s;
}

void TestSettingsRepository::roundTripsEveryOption()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QVERIFY(SettingsCatalog::find(key));
    Settings settings;
    QVERIFY(settings.set(key, text));
    QVERIFY(!settings.isDefault(key));
    const SettingsRepository repository(m_db);
    QVERIFY(repository.save(settings));
    const auto loaded = repository.load();
    QVERIFY(loaded);
    QCOMPARE(loaded->value(key), settings.value(key));
    QVERIFY(*loaded == settings);
}

void TestSettingsRepository::survivesReopen()
{
    Settings settings;
    QVERIFY(settings.set(u"engine.batch_size"_s, u"77"_s));
    QVERIFY(SettingsRepository(m_db).save(settings));
    m_db.reset();
    auto reopened = m_store.open(m_location);
    QVERIFY(reopened);
    const auto loaded = SettingsRepository(*reopened).load();
    QVERIFY(loaded);
    QCOMPARE(loaded->batchSize(), 77);
}

void TestSettingsRepository::invalidStoredValueFallsBackToDefault()
{
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"INSERT INTO settings (key, value) VALUES ('engine.batch_size', '9999'),"
                       u" ('engine.max_attempts', '7'), ('orders.no_such_option', 'x')"_s));
    const auto loaded = SettingsRepository(m_db).load();
    QVERIFY(loaded);
    QCOMPARE(loaded->batchSize(), 200);
    QCOMPARE(loaded->maxAttempts(), 7);
}

void TestSettingsRepository::storedRuleBreakFallsBackToDefaults()
{
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"INSERT INTO settings (key, value) VALUES ('orders.sync_all_orders', 'false'),"
                       u" ('orders.order_statuses', '[]'), ('engine.max_attempts', '7')"_s));
    const auto loaded = SettingsRepository(m_db).load();
    QVERIFY(loaded);
    QVERIFY(loaded->syncAllOrders());
    QCOMPARE(loaded->maxAttempts(), 7);
}

QTEST_GUILESS_MAIN(TestSettingsRepository)
#include "tst_settingsrepository.moc"
