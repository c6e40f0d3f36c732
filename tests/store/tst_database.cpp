#include "storeundertest.h"
#include "store/database.h"
#include "store/migrations.h"

#include <QFile>
#include <QRegularExpression>
#include <QRandomGenerator>
#include <QSqlError>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

// The file-level checks (mode, corruption, WAL, the data folder) are SQLite's; tst_database_postgresql runs the
// postgres* functions instead. (QSKIP leaves only the function it is written in, hence a macro.)
#define SQLITE_ONLY()                                                                                                 \
    if (StoreUnderTest::onPostgres())                                                                                 \
    QSKIP("A SQLite file's behaviour; the postgres* functions cover PostgreSQL.")
#define POSTGRES_ONLY()                                                                                               \
    if (!StoreUnderTest::onPostgres())                                                                                \
    QSKIP("Runs in tst_database_postgresql.")

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createsLatestSchemaInNewFile();
    void reopensExistingDatabase();
    void createsFileWithMode0600();
    void tightensModeOfExistingFile();
    void refusesNewerSchema();
    void refusesCorruptFileAndLeavesItUntouched_data();
    void refusesCorruptFileAndLeavesItUntouched();
    void enforcesForeignKeys();
    void enforcesCheckConstraints_data();
    void enforcesCheckConstraints();
    void givesEachThreadItsOwnConnection();
    void createsMissingDataFolder();
    void nowIsUtcWithMilliseconds();
    void postgresConnectsAndMigrates();
    void postgresEnforcesForeignKeys();
    void postgresEnforcesCheckConstraints_data();
    void postgresEnforcesCheckConstraints();
    void postgresWrongPasswordIsReported();
    void postgresGivesEachThreadItsOwnConnection();

private:
    QTemporaryDir m_dir;
    StoreUnderTest m_store;
};

void TestDatabase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDatabase::createsLatestSchemaInNewFile()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    const auto db = Database::open(path);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE((*db)->filePath(), path);
    QVERIFY(Database::latestSchemaVersion() >= 2);

    const QSqlDatabase conn = (*db)->connection();
    QVERIFY(conn.isOpen());
    QCOMPARE(scalar(conn, u"PRAGMA user_version"_s).toInt(), Database::latestSchemaVersion());
    QCOMPARE(scalar(conn, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(conn, u"PRAGMA foreign_keys"_s).toInt(), 1);
    const QStringList tables = conn.tables();
    for (const QString &table : {u"settings"_s, u"mappings"_s, u"connection_profiles"_s, u"orders"_s,
                                 u"sync_queue"_s, u"sync_log"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));

    // The mappings table has the exact columns the mapping repository relies on.
    QSqlQuery insert(conn);
    QVERIFY2(insert.exec(u"INSERT INTO mappings (entity, magento_attribute, salesforce_field, enabled, when_mode,"
                         u" default_value, is_system, position) VALUES ('order', 'increment_id', 'Magento_ID__c', 1,"
                         u" 'upsert', NULL, 1, 0)"_s),
             qPrintable(insert.lastError().text()));
}

void TestDatabase::reopensExistingDatabase()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    {
        const auto db = Database::open(path);
        QVERIFY(db);
        QSqlQuery query((*db)->connection());
        QVERIFY(query.exec(u"INSERT INTO settings (key, value) VALUES ('engine.batch_size', '42')"_s));
    }
    const auto db = Database::open(path);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE(scalar((*db)->connection(), u"SELECT value FROM settings WHERE key = 'engine.batch_size'"_s).toString(),
             u"42"_s);
}

void TestDatabase::createsFileWithMode0600()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    const auto db = Database::open(path);
    QVERIFY(db);
    QSqlQuery query((*db)->connection());
    QVERIFY(query.exec(u"INSERT INTO settings (key, value) VALUES ('k', 'v')"_s));
    QCOMPARE(modeOf(path), 0600);
    // SQLite gives the write-ahead log and shared-memory index the database file's mode.
    QVERIFY(QFile::exists(path + u"-wal"_s));
    QCOMPARE(modeOf(path + u"-wal"_s), 0600);
    QCOMPARE(modeOf(path + u"-shm"_s), 0600);
}

void TestDatabase::tightensModeOfExistingFile()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    QVERIFY(writeAll(path, {}));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    QCOMPARE(modeOf(path), 0644);
    const auto db = Database::open(path);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE(modeOf(path), 0600);
}

void TestDatabase::refusesNewerSchema()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    const int newer = Database::latestSchemaVersion() + 1;
    {
        const auto db = Database::open(path);
        QVERIFY(db);
        QSqlQuery query((*db)->connection());
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(newer)));
        QVERIFY(query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
    }
    const QByteArray before = readAll(path);
    QVERIFY(!before.isEmpty());

    const auto db = Database::open(path);
    QVERIFY(!db);
    QCOMPARE(db.error().code, u"store.schema_too_new"_s);
    const QString text = db.error().toString();
    QVERIFY2(text.contains(QString::number(newer)), qPrintable(text));
    QVERIFY2(text.contains(QString::number(Database::latestSchemaVersion())), qPrintable(text));
    QVERIFY2(text.contains(u"newer OrderBridge"_s), qPrintable(text));
    QVERIFY2(text.contains(u"--data-dir"_s), qPrintable(text));
    QCOMPARE(readAll(path), before);
}

void TestDatabase::refusesCorruptFileAndLeavesItUntouched_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << QByteArrayLiteral("this is a shopping list, not a database\n");
    QTest::newRow("short") << QByteArrayLiteral("SQLite");
    QByteArray random(8192, '\0');
    QRandomGenerator generator(42);
    for (char &c : random)
        c = char(generator.bounded(256));
    QTest::newRow("random") << random;
    // A valid magic string followed by garbage: SQLite itself must refuse it, and we must not
    // write WAL headers or migrations into it.
    QByteArray header = QByteArrayLiteral("SQLite format 3") + '\0';
    header += QByteArray(4096 - header.size(), '\x5a');
    QTest::newRow("sqlite-magic-then-garbage") << header;
}

void TestDatabase::refusesCorruptFileAndLeavesItUntouched()
{
    SQLITE_ONLY();
    QFETCH(QByteArray, bytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    QVERIFY(writeAll(path, bytes));

    const auto db = Database::open(path);
    QVERIFY(!db);
    QCOMPARE(db.error().code, u"store.corrupt"_s);
    QVERIFY2(db.error().toString().contains(path), qPrintable(db.error().toString()));
    QCOMPARE(readAll(path), bytes);
    QVERIFY(!QFile::exists(path + u"-wal"_s));
}

void TestDatabase::enforcesForeignKeys()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const auto db = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(db);
    QSqlQuery query((*db)->connection());
    QVERIFY(!query.exec(u"INSERT INTO sync_queue (order_id, kind) VALUES (12345, 'create')"_s));
    QVERIFY2(query.lastError().text().contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"INSERT INTO orders (magento_entity_id, increment_id, created_at, updated_at)"
                       u" VALUES (1, '000000001', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"_s));
    const qlonglong orderId = query.lastInsertId().toLongLong();
    QVERIFY(query.exec(u"INSERT INTO sync_queue (order_id, kind) VALUES (%1, 'create')"_s.arg(orderId)));
    QVERIFY(query.exec(u"DELETE FROM orders WHERE id = %1"_s.arg(orderId)));
    QCOMPARE(scalar((*db)->connection(), u"SELECT count(*) FROM sync_queue"_s).toInt(), 0);
}

void TestDatabase::enforcesCheckConstraints_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("mapping entity") << u"INSERT INTO mappings (entity, magento_attribute, salesforce_field)"
                                       u" VALUES ('invoice', 'a', 'b')"_s;
    QTest::newRow("mapping when") << u"INSERT INTO mappings (entity, magento_attribute, salesforce_field, when_mode)"
                                     u" VALUES ('order', 'a', 'b', 'sometimes')"_s;
    QTest::newRow("sync status") << u"INSERT INTO orders (magento_entity_id, increment_id, created_at, updated_at,"
                                    u" sync_status) VALUES (1, '1', 'x', 'x', 'lost')"_s;
    QTest::newRow("log level") << u"INSERT INTO sync_log (level, message) VALUES ('fatal', 'm')"_s;
    QTest::newRow("profile flow") << u"INSERT INTO connection_profiles (name, salesforce_flow)"
                                     u" VALUES ('p', 'implicit')"_s;
}

void TestDatabase::enforcesCheckConstraints()
{
    SQLITE_ONLY();
    QFETCH(QString, sql);
    QTemporaryDir dir;
    const auto db = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(db);
    QSqlQuery query((*db)->connection());
    QVERIFY(!query.exec(sql));
    QVERIFY2(query.lastError().text().contains(u"CHECK"_s, Qt::CaseInsensitive), qPrintable(query.lastError().text()));
}

void TestDatabase::givesEachThreadItsOwnConnection()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const auto opened = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(opened);
    const std::shared_ptr<Database> db = *opened;
    const QString mainName = db->connection().connectionName();
    QCOMPARE(db->connection().connectionName(), mainName);

    QString workerName;
    QString workerName2;
    bool workerOpen = false;
    int workerForeignKeys = 0;
    QString workerValue;
    std::atomic<bool> done = false;
    QThread *worker = QThread::create([&] {
        QSqlDatabase conn = db->connection();
        workerName = conn.connectionName();
        workerName2 = db->connection().connectionName();
        workerOpen = conn.isOpen();
        workerForeignKeys = scalar(conn, u"PRAGMA foreign_keys"_s).toInt();
        QSqlQuery query(conn);
        if (query.exec(u"INSERT INTO settings (key, value) VALUES ('from.worker', 'yes')"_s))
            workerValue = scalar(conn, u"SELECT value FROM settings WHERE key = 'from.worker'"_s).toString();
        done.store(true, std::memory_order_release);
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    // wait() orders the thread's writes before the reads below with Qt's own lock, which TSan does
    // not see in Debian's uninstrumented Qt; the atomic states the same order to it.
    QVERIFY(done.load(std::memory_order_acquire));
    delete worker;

    QVERIFY(workerOpen);
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QCOMPARE(workerName2, workerName);
    QCOMPARE(workerForeignKeys, 1);
    QCOMPARE(workerValue, u"yes"_s);
    // The worker's connection went away with the worker thread.
    QVERIFY(!QSqlDatabase::contains(workerName));
    // Its write is visible to the main thread's connection.
    QCOMPARE(scalar(db->connection(), u"SELECT value FROM settings WHERE key = 'from.worker'"_s).toString(), u"yes"_s);
}

void TestDatabase::createsMissingDataFolder()
{
    SQLITE_ONLY();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"nested/deeper/orderbridge.sqlite"_s);
    const auto db = Database::open(path);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QVERIFY(QFile::exists(path));
}

void TestDatabase::nowIsUtcWithMilliseconds()
{
    const QString location = m_store.create(m_dir);
    QVERIFY2(!location.isEmpty(), qPrintable(m_store.errorString()));
    const auto db = m_store.open(location);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1000);
    const QString now = scalar((*db)->connection(), u"SELECT "_s + (*db)->nowExpression()).toString();
    // One format on both engines, so that the repositories compare and sort timestamps as text.
    QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s).match(now).hasMatch(),
             qPrintable(now));
    const QDateTime parsed = QDateTime::fromString(now, Qt::ISODateWithMs);
    QVERIFY(parsed >= before && parsed <= QDateTime::currentDateTimeUtc().addMSecs(1000));
}

void TestDatabase::postgresConnectsAndMigrates()
{
    POSTGRES_ONLY();
    const QString location = m_store.create(m_dir);
    QVERIFY2(!location.isEmpty(), qPrintable(m_store.errorString()));
    const auto db = m_store.open(location);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    QCOMPARE((*db)->engine(), DatabaseEngine::PostgreSql);
    QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE((*db)->description(), location);
    QVERIFY((*db)->filePath().isEmpty());
    const QSqlDatabase conn = (*db)->connection();
    QCOMPARE(conn.driverName(), u"QPSQL"_s);
    QCOMPARE(scalar(conn, u"SELECT version FROM orderbridge_schema"_s).toInt(), Database::latestSchemaVersion());
    const QStringList tables = conn.tables();
    for (const QString &table : {u"settings"_s, u"mappings"_s, u"connection_profiles"_s, u"orders"_s,
                                 u"sync_queue"_s, u"sync_log"_s, u"feed_position"_s, u"magento_comment_marks"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));
    // 64-bit keys and 8-byte totals, as in SQLite.
    QCOMPARE(scalar(conn, u"SELECT data_type FROM information_schema.columns WHERE table_name = 'orders'"
                          u" AND column_name = 'magento_entity_id'"_s).toString(), u"bigint"_s);
    QCOMPARE(scalar(conn, u"SELECT data_type FROM information_schema.columns WHERE table_name = 'orders'"
                          u" AND column_name = 'grand_total'"_s).toString(), u"double precision"_s);
}

void TestDatabase::postgresEnforcesForeignKeys()
{
    POSTGRES_ONLY();
    const QString location = m_store.create(m_dir);
    QVERIFY(!location.isEmpty());
    const auto db = m_store.open(location);
    QVERIFY(db);
    QSqlQuery query((*db)->connection());
    QVERIFY(!query.exec(u"INSERT INTO sync_queue (order_id, kind) VALUES (12345, 'create')"_s));
    QVERIFY2(query.lastError().text().contains(u"foreign key"_s, Qt::CaseInsensitive),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"INSERT INTO orders (magento_entity_id, increment_id, created_at, updated_at)"
                       u" VALUES (1, '000000001', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id"_s));
    QVERIFY(query.next());
    const qlonglong orderId = query.value(0).toLongLong();
    QVERIFY(query.exec(u"INSERT INTO sync_queue (order_id, kind) VALUES (%1, 'create')"_s.arg(orderId)));
    QVERIFY(query.exec(u"DELETE FROM orders WHERE id = %1"_s.arg(orderId)));
    QCOMPARE(scalar((*db)->connection(), u"SELECT count(*) FROM sync_queue"_s).toInt(), 0);
}

void TestDatabase::postgresEnforcesCheckConstraints_data()
{
    enforcesCheckConstraints_data();
}

void TestDatabase::postgresEnforcesCheckConstraints()
{
    POSTGRES_ONLY();
    QFETCH(QString, sql);
    const QString location = m_store.create(m_dir);
    QVERIFY(!location.isEmpty());
    const auto db = m_store.open(location);
    QVERIFY(db);
    QSqlQuery query((*db)->connection());
    QVERIFY(!query.exec(sql));
    QVERIFY2(query.lastError().text().contains(u"check constraint"_s, Qt::CaseInsensitive),
             qPrintable(query.lastError().text()));
}

void TestDatabase::postgresWrongPasswordIsReported()
{
    POSTGRES_ONLY();
    const QString location = m_store.create(m_dir);
    QVERIFY(!location.isEmpty());
    const auto address = PostgresAddress::parse(location);
    QVERIFY(address);
    const QString wrong = u"not-the-Passw0rd"_s;
    const auto db = Database::open(*address, wrong);
    QVERIFY(!db);
    QCOMPARE(db.error().code, u"store.connect_failed"_s);
    QVERIFY2(db.error().message.contains(location), qPrintable(db.error().message));
    QVERIFY2(db.error().message.contains(u"password authentication failed"_s), qPrintable(db.error().message));
    QVERIFY2(db.error().hint.contains(u"database.password"_s), qPrintable(db.error().hint));
    QVERIFY(!db.error().toString().contains(wrong));
}

void TestDatabase::postgresGivesEachThreadItsOwnConnection()
{
    POSTGRES_ONLY();
    const QString location = m_store.create(m_dir);
    QVERIFY(!location.isEmpty());
    const auto opened = m_store.open(location);
    QVERIFY(opened);
    const std::shared_ptr<Database> db = *opened;
    const QString mainName = db->connection().connectionName();
    QString workerName;
    QString workerValue;
    std::atomic<bool> done = false;
    QThread *worker = QThread::create([&] {
        QSqlDatabase conn = db->connection();
        workerName = conn.connectionName();
        QSqlQuery query(conn);
        if (query.exec(u"INSERT INTO settings (key, value) VALUES ('from.worker', 'yes')"_s))
            workerValue = scalar(conn, u"SELECT pg_backend_pid() <> 0"_s).toBool() ? u"yes"_s : QString();
        done.store(true, std::memory_order_release);
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    QVERIFY(done.load(std::memory_order_acquire));
    delete worker;
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QCOMPARE(workerValue, u"yes"_s);
    QVERIFY(!QSqlDatabase::contains(workerName));
    // Two server sessions: the worker's write, committed on its own connection, is visible here.
    QCOMPARE(scalar(db->connection(), u"SELECT value FROM settings WHERE key = 'from.worker'"_s).toString(), u"yes"_s);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
