#include "store/database.h"
#include "store/migrations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

// The whole schema as SQLite records it, for comparing a migrated database with a fresh one.
QStringList schemaOf(const QSqlDatabase &db)
{
    QStringList schema;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master"
                    u" WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"_s))
        return {u"<error: "_s + query.lastError().text() + u'>'};
    while (query.next())
        schema << query.value(0).toString() + u'|' + query.value(1).toString() + u'|' + query.value(2).toString()
                      + u'|' + query.value(3).toString();
    return schema;
}

// Data a user of schema `version` could have written; must survive every later migration.
QStringList seedStatements(int version)
{
    QStringList sql;
    if (version >= 1) {
        sql << u"INSERT INTO settings (key, value) VALUES ('orders.default_status', 'Draft')"_s
            << u"INSERT INTO mappings (entity, magento_attribute, salesforce_field, is_system)"
               u" VALUES ('order', 'increment_id', 'Magento_ID__c', 1)"_s
            << u"INSERT INTO connection_profiles (name, magento_base_url) VALUES ('shop', 'https://shop.test')"_s;
    }
    if (version >= 2) {
        sql << u"INSERT INTO orders (magento_entity_id, increment_id, created_at, updated_at, grand_total)"
               u" VALUES (7, '000000007', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 12.5)"_s
            << u"INSERT INTO sync_log (level, message) VALUES ('info', 'hello')"_s;
    }
    if (version >= 3)
        sql << u"INSERT INTO feed_position (feed, position) VALUES ('magento.orders', '{\"high_water\":\"\"}')"_s;
    return sql;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMigrationHasStatements();
    void upgradesFromEveryEarlierVersion_data();
    void upgradesFromEveryEarlierVersion();
    void failedMigrationKeepsPreviousVersion();
    void refusesDowngrade();
};

void TestMigrations::everyMigrationHasStatements()
{
    QVERIFY(Migrations::latestVersion() >= 1);
    for (int version = 1; version <= Migrations::latestVersion(); ++version)
        QVERIFY2(!Migrations::statements(version).isEmpty(), qPrintable(QString::number(version)));
    QVERIFY(Migrations::statements(0).isEmpty());
    QVERIFY(Migrations::statements(Migrations::latestVersion() + 1).isEmpty());
    QCOMPARE(Database::latestSchemaVersion(), Migrations::latestVersion());
}

void TestMigrations::upgradesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("fromVersion");
    for (int version = 0; version < Migrations::latestVersion(); ++version)
        QTest::addRow("from-v%d", version) << version;
}

void TestMigrations::upgradesFromEveryEarlierVersion()
{
    QFETCH(int, fromVersion);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    QStringList freshSchema;
    {
        const auto fresh = Database::open(dir.filePath(u"fresh.sqlite"_s));
        QVERIFY(fresh);
        freshSchema = schemaOf((*fresh)->connection());
    }

    const QString path = dir.filePath(u"old.sqlite"_s);
    {
        QSqlDatabase old = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        old.setDatabaseName(path);
        QVERIFY(old.open());
        const auto migrated = Migrations::migrate(old, fromVersion);
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().toString()));
        QCOMPARE(*migrated, fromVersion);
        QSqlQuery query(old);
        for (const QString &sql : seedStatements(fromVersion))
            QVERIFY2(query.exec(sql), qPrintable(sql + u": "_s + query.lastError().text()));
        // An empty version-0 database must still be a file SQLite wrote.
        QVERIFY(query.exec(u"CREATE TABLE IF NOT EXISTS scratch (x)"_s));
        QVERIFY(query.exec(u"DROP TABLE scratch"_s));
        query.finish();
        old.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);

    const auto db = Database::open(path);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE((*db)->schemaVersion(), Migrations::latestVersion());
    const QSqlDatabase conn = (*db)->connection();
    QCOMPARE(schemaOf(conn), freshSchema);

    if (fromVersion >= 1) {
        QCOMPARE(scalar(conn, u"SELECT value FROM settings WHERE key = 'orders.default_status'"_s).toString(),
                 u"Draft"_s);
        QCOMPARE(scalar(conn, u"SELECT salesforce_field FROM mappings WHERE is_system = 1"_s).toString(),
                 u"Magento_ID__c"_s);
        QCOMPARE(scalar(conn, u"SELECT magento_base_url FROM connection_profiles WHERE name = 'shop'"_s).toString(),
                 u"https://shop.test"_s);
    }
    if (fromVersion >= 2) {
        QCOMPARE(scalar(conn, u"SELECT increment_id FROM orders WHERE magento_entity_id = 7"_s).toString(),
                 u"000000007"_s);
        QCOMPARE(scalar(conn, u"SELECT message FROM sync_log"_s).toString(), u"hello"_s);
    }
    if (fromVersion >= 3)
        QCOMPARE(scalar(conn, u"SELECT count(*) FROM feed_position"_s).toInt(), 1);
}

void TestMigrations::failedMigrationKeepsPreviousVersion()
{
    QTemporaryDir dir;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"clash"_s);
    db.setDatabaseName(dir.filePath(u"clash.sqlite"_s));
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        // A table in the way of migration 1 makes it fail half-way.
        QVERIFY(query.exec(u"CREATE TABLE connection_profiles (x)"_s));
    }
    const auto migrated = Migrations::migrate(db, Migrations::latestVersion());
    QVERIFY(!migrated);
    QCOMPARE(migrated.error().code, u"store.migration_failed"_s);
    QVERIFY2(migrated.error().message.contains(u"stays at version 0"_s), qPrintable(migrated.error().message));
    QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), 0);
    // The statements before the failing one were rolled back too.
    QVERIFY(!db.tables().contains(u"settings"_s));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"clash"_s);
}

void TestMigrations::refusesDowngrade()
{
    QTemporaryDir dir;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"down"_s);
        db.setDatabaseName(dir.filePath(u"down.sqlite"_s));
        QVERIFY(db.open());
        QVERIFY(Migrations::migrate(db, Migrations::latestVersion()));
        const auto again = Migrations::migrate(db, 1);
        QVERIFY(!again);
        QCOMPARE(again.error().code, u"store.schema_too_new"_s);
        QCOMPARE(scalar(db, u"PRAGMA user_version"_s).toInt(), Migrations::latestVersion());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"down"_s);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
