#include "storeundertest.h"
#include "store/database.h"
#include "store/migrations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

// (QSKIP leaves only the function it is written in, so each test function says it itself.)

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

// The whole schema as PostgreSQL's catalogs record it: columns (in order, with types and defaults), constraints
// and indexes of the public schema.
QStringList postgresSchemaOf(const QSqlDatabase &db)
{
    const QStringList queries = {
        u"SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '"
        u" || coalesce(column_default, '') || ' ' || coalesce(generation_expression, '')"
        u" FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"_s,
        u"SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
        u" WHERE connamespace = 'public'::regnamespace ORDER BY 1"_s,
        u"SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"_s,
    };
    QStringList schema;
    QSqlQuery query(db);
    for (const QString &sql : queries) {
        if (!query.exec(sql))
            return {u"<error: "_s + query.lastError().text() + u'>'};
        while (query.next())
            schema << query.value(0).toString();
    }
    return schema;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

// A table in the way of migration 1 makes it fail half-way: the error says so and the version stays 0.
void migrateExpectingFailureAtZero(QSqlDatabase &db)
{
    const auto migrated = Migrations::migrate(db, Migrations::latestVersion());
    QVERIFY(!migrated);
    QCOMPARE(migrated.error().code, u"store.migration_failed"_s);
    QVERIFY2(migrated.error().message.contains(u"stays at version 0"_s), qPrintable(migrated.error().message));
    QCOMPARE(*Migrations::currentVersion(db), 0);
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
    void postgresUpgradesFromEveryEarlierVersion_data();
    void postgresUpgradesFromEveryEarlierVersion();
    void postgresFailedMigrationKeepsPreviousVersion();
    void postgresOpenedAtOnceMigratesOnce();
    void postgresRefusesNewerSchema();

private:
    /// A new, empty PostgreSQL database (no migrations applied), by name.
    QString newPostgresDatabase();
    /// A raw QPSQL connection to a database of the test server, named `connectionName`.
    QSqlDatabase connectRaw(const QString &database, const QString &connectionName);

    QTemporaryDir m_dir;
    StoreUnderTest m_store;
    int m_databases = 0;
};

QString TestMigrations::newPostgresDatabase()
{
    if (!m_store.server() && m_store.create(m_dir).isEmpty())
        return {};
    const QString name = u"migrations%1"_s.arg(++m_databases);
    return m_store.server()->createDatabase(name) ? name : QString();
}

QSqlDatabase TestMigrations::connectRaw(const QString &database, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(m_store.server()->host());
    db.setPort(m_store.server()->port());
    db.setUserName(m_store.server()->role());
    db.setPassword(m_store.server()->password());
    db.setDatabaseName(database);
    db.open();
    return db;
}

void TestMigrations::everyMigrationHasStatements()
{
    QVERIFY(Migrations::latestVersion() >= 1);
    for (int version = 1; version <= Migrations::latestVersion(); ++version)
        QVERIFY2(!Migrations::statements(version).isEmpty(), qPrintable(QString::number(version)));
    QVERIFY(Migrations::statements(0).isEmpty());
    QVERIFY(Migrations::statements(Migrations::latestVersion() + 1).isEmpty());
    for (int version = 1; version <= Migrations::latestVersion(); ++version)
        QVERIFY2(!Migrations::statements(version, DatabaseEngine::PostgreSql).isEmpty(),
                 qPrintable(QString::number(version)));
    // Where SQLite's text does not run on PostgreSQL, PostgreSQL has its own.
    QVERIFY(Migrations::statements(1, DatabaseEngine::PostgreSql) != Migrations::statements(1));
    QVERIFY(Migrations::statements(6, DatabaseEngine::PostgreSql).join(u' ').contains(u"tsvector"_s));
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
    if (StoreUnderTest::onPostgres())
        QSKIP("SQLite's file format (sqlite_master, PRAGMA user_version); the postgres* functions cover PostgreSQL.");
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
    if (StoreUnderTest::onPostgres())
        QSKIP("SQLite's file format (sqlite_master, PRAGMA user_version); the postgres* functions cover PostgreSQL.");
    QTemporaryDir dir;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"clash"_s);
    db.setDatabaseName(dir.filePath(u"clash.sqlite"_s));
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        // A table in the way of migration 1 makes it fail half-way.
        QVERIFY(query.exec(u"CREATE TABLE connection_profiles (x)"_s));
    }
    migrateExpectingFailureAtZero(db);
    if (QTest::currentTestFailed())
        return;
    // The statements before the failing one were rolled back too.
    QVERIFY(!db.tables().contains(u"settings"_s));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"clash"_s);
}

void TestMigrations::refusesDowngrade()
{
    if (StoreUnderTest::onPostgres())
        QSKIP("SQLite's file format (sqlite_master, PRAGMA user_version); the postgres* functions cover PostgreSQL.");
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

void TestMigrations::postgresUpgradesFromEveryEarlierVersion_data()
{
    upgradesFromEveryEarlierVersion_data();
}

void TestMigrations::postgresUpgradesFromEveryEarlierVersion()
{
    if (!StoreUnderTest::onPostgres())
        QSKIP("Runs in tst_migrations_postgresql.");
    QFETCH(int, fromVersion);
    const QString fresh = m_store.create(m_dir);
    QVERIFY2(!fresh.isEmpty(), qPrintable(m_store.errorString()));
    QStringList freshSchema;
    {
        const auto db = m_store.open(fresh);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
        freshSchema = postgresSchemaOf((*db)->connection());
    }
    const QString name = newPostgresDatabase();
    QVERIFY2(!name.isEmpty(), qPrintable(m_store.errorString() + m_store.server()->errorString()));
    {
        QSqlDatabase old = connectRaw(name, u"old"_s);
        QVERIFY2(old.isOpen(), qPrintable(old.lastError().text()));
        const auto migrated = Migrations::migrate(old, fromVersion);
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().toString()));
        QCOMPARE(*migrated, fromVersion);
        QSqlQuery query(old);
        for (const QString &sql : seedStatements(fromVersion))
            QVERIFY2(query.exec(sql), qPrintable(sql + u": "_s + query.lastError().text()));
        query.finish();
        old.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);

    const auto db = m_store.open(m_store.server()->url(name));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE((*db)->schemaVersion(), Migrations::latestVersion());
    const QSqlDatabase conn = (*db)->connection();
    QCOMPARE(postgresSchemaOf(conn), freshSchema);
    QVERIFY(freshSchema.size() > 20);
    if (fromVersion >= 1)
        QCOMPARE(scalar(conn, u"SELECT value FROM settings WHERE key = 'orders.default_status'"_s).toString(),
                 u"Draft"_s);
    if (fromVersion >= 2) {
        QCOMPARE(scalar(conn, u"SELECT increment_id FROM orders WHERE magento_entity_id = 7"_s).toString(),
                 u"000000007"_s);
        // Migration 6 indexes the words of orders that were there before it.
        QCOMPARE(scalar(conn, u"SELECT count(*) FROM orders WHERE search_words @@ to_tsquery('simple', '7')"_s).toInt(),
                 1);
    }
    if (fromVersion >= 3)
        QCOMPARE(scalar(conn, u"SELECT count(*) FROM feed_position"_s).toInt(), 1);
}

void TestMigrations::postgresFailedMigrationKeepsPreviousVersion()
{
    if (!StoreUnderTest::onPostgres())
        QSKIP("Runs in tst_migrations_postgresql.");
    const QString name = newPostgresDatabase();
    QVERIFY(!name.isEmpty());
    {
        QSqlDatabase db = connectRaw(name, u"clash"_s);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE connection_profiles (x integer)"_s));
        migrateExpectingFailureAtZero(db);
        if (QTest::currentTestFailed())
            return;
        // PostgreSQL's DDL is transactional: the tables before the failing statement were rolled back too.
        QCOMPARE(scalar(db, u"SELECT to_regclass('settings') IS NULL"_s).toBool(), true);
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"clash"_s);
}

void TestMigrations::postgresOpenedAtOnceMigratesOnce()
{
    if (!StoreUnderTest::onPostgres())
        QSKIP("Runs in tst_migrations_postgresql.");
    const QString name = newPostgresDatabase();
    QVERIFY(!name.isEmpty());
    const auto address = PostgresAddress::parse(m_store.server()->url(name));
    QVERIFY(address);
    // Four consoles or workers opening a new shared database at the same moment: the advisory lock lets one apply
    // each migration; the others find it applied.
    constexpr int openers = 4;
    std::array<QString, openers> failures;
    std::array<int, openers> versions{};
    std::vector<std::thread> threads;
    for (int i = 0; i < openers; ++i) {
        threads.emplace_back([&, i] {
            const auto db = Database::open(*address, m_store.server()->password());
            if (db)
                versions[std::size_t(i)] = (*db)->schemaVersion();
            else
                failures[std::size_t(i)] = db.error().toString();
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (int i = 0; i < openers; ++i) {
        QVERIFY2(failures[std::size_t(i)].isEmpty(), qPrintable(failures[std::size_t(i)]));
        QCOMPARE(versions[std::size_t(i)], Migrations::latestVersion());
    }
    const auto db = Database::open(*address, m_store.server()->password());
    QVERIFY(db);
    QCOMPARE(scalar((*db)->connection(), u"SELECT count(*) FROM orderbridge_schema"_s).toInt(), 1);
}

void TestMigrations::postgresRefusesNewerSchema()
{
    if (!StoreUnderTest::onPostgres())
        QSKIP("Runs in tst_migrations_postgresql.");
    const QString location = m_store.create(m_dir);
    QVERIFY(!location.isEmpty());
    {
        const auto db = m_store.open(location);
        QVERIFY(db);
        QSqlQuery query((*db)->connection());
        QVERIFY(query.exec(u"UPDATE orderbridge_schema SET version = %1"_s.arg(Migrations::latestVersion() + 1)));
    }
    const auto newer = m_store.open(location);
    QVERIFY(!newer);
    QCOMPARE(newer.error().code, u"store.schema_too_new"_s);
    QVERIFY2(newer.error().message.contains(location), qPrintable(newer.error().message));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
