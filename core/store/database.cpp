#include "store/database.h"

#include "common/logging.h"
#include "store/feedpositionrepository.h"
#include "store/migrations.h"
#include "store/sqldialect.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadStorage>

#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

std::atomic<quint64> s_nextInstanceId{1};

// The connections the current thread created, by Database instance. QThreadStorage deletes it
// when the thread finishes (before QThread::wait() returns), so the thread's connections are
// removed in the thread that owns them.
struct ThreadConnections
{
    QHash<quint64, QString> names;

    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
};

QHash<quint64, QString> &threadConnectionNames()
{
    static QThreadStorage<ThreadConnections *> storage;
    if (!storage.hasLocalData())
        storage.setLocalData(new ThreadConnections);
    return storage.localData()->names;
}

const QByteArray sqliteMagic = QByteArrayLiteral("SQLite format 3\0");

QString describe(const QSqlError &error)
{
    QString text = error.text().trimmed();
    if (text.isEmpty())
        text = u"unknown database error"_s;
    return text;
}

Result<void> exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return fail(u"store.sql_failed"_s,
                    u"The database statement \"%1\" failed: %2."_s.arg(sql, describe(query.lastError())),
                    u"Check that the data folder is writable and the disk is not full."_s);
    return {};
}

// Checks that an existing file is a SQLite database before SQLite gets to touch it, so that a
// foreign or damaged file is reported instead of being overwritten.
Result<void> checkExistingFile(const QString &filePath)
{
    const QFileInfo info(filePath);
    if (!info.isFile())
        return fail(u"store.not_a_file"_s,
                    u"The database path %1 exists but is not a regular file."_s.arg(filePath),
                    u"Move it away or choose another data folder with --data-dir or ORDERBRIDGE_DATA_DIR."_s);
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"store.unreadable"_s,
                    u"The database file %1 cannot be read: %2."_s.arg(filePath, file.errorString()),
                    u"Check the file's owner and permissions (it should be readable and writable by you only)."_s);
    const QByteArray header = file.read(sqliteMagic.size());
    if (file.size() > 0 && header != sqliteMagic)
        return fail(u"store.corrupt"_s,
                    u"The file %1 is not an OrderBridge database (it is not a SQLite file); it was left untouched."_s
                        .arg(filePath),
                    u"Move the file away or restore it from a backup, or choose another data folder with "
                    u"--data-dir or ORDERBRIDGE_DATA_DIR."_s);
    return {};
}

Result<void> createPrivateFile(const QString &filePath)
{
    const QFileInfo info(filePath);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(u"store.mkdir_failed"_s,
                    u"The data folder %1 cannot be created."_s.arg(info.absolutePath()),
                    u"Check the permissions of its parent folder or choose another data folder with --data-dir."_s);
    // Created with 0600 before SQLite opens it, so no other user can ever read it. SQLite gives
    // the -wal and -shm files the database file's mode.
    QFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(u"store.create_failed"_s,
                    u"The database file %1 cannot be created: %2."_s.arg(filePath, file.errorString()),
                    u"Check that the data folder is writable or choose another one with --data-dir."_s);
    return {};
}

} // namespace

Database::Database(QString filePath, quint64 instanceId)
    : m_filePath(std::move(filePath))
    , m_instanceId(instanceId)
{
}

Database::~Database()
{
    threadConnectionNames().remove(m_instanceId);
    QMutexLocker locker(&m_mutex);
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name);
}

Result<std::shared_ptr<Database>> Database::open(const QString &filePath)
{
    if (filePath.isEmpty())
        return fail(u"store.no_path"_s, u"No database file was given."_s,
                    u"Pass a data folder with --data-dir or set ORDERBRIDGE_DATA_DIR."_s);
    const QString absolutePath = QFileInfo(filePath).absoluteFilePath();

    if (QFileInfo::exists(absolutePath)) {
        if (auto checked = checkExistingFile(absolutePath); !checked)
            return std::unexpected(checked.error());
        // Tighten a file that was created by something else; the store holds customer data.
        const QFileDevice::Permissions privateMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        if (QFile::permissions(absolutePath) != privateMode && !QFile::setPermissions(absolutePath, privateMode))
            qCWarning(lcStore) << "Could not restrict the permissions of" << absolutePath;
    } else if (auto created = createPrivateFile(absolutePath); !created) {
        return std::unexpected(created.error());
    }

    std::shared_ptr<Database> database(new Database(absolutePath, s_nextInstanceId.fetch_add(1)));
    auto opened = database->openFirstConnection();
    if (!opened)
        return fail(u"store.corrupt"_s, opened.error().message + u" The file was left untouched."_s,
                    u"Restore it from a backup or move it away so that OrderBridge starts with a new one, or "
                    u"choose another data folder with --data-dir or ORDERBRIDGE_DATA_DIR."_s);
    QSqlDatabase db = *opened;

    // Reading first: a damaged file must be refused before anything is written to it.
    const auto version = Migrations::currentVersion(db);
    QSqlQuery schemaProbe(db);
    if (!version || !schemaProbe.exec(u"SELECT count(*) FROM sqlite_master"_s) || !schemaProbe.next()) {
        const QString detail = version ? describe(schemaProbe.lastError()) : version.error().message;
        return fail(u"store.corrupt"_s,
                    u"The database %1 cannot be read (%2); it was left untouched."_s.arg(absolutePath, detail),
                    u"Restore it from a backup or move it away so that OrderBridge starts with a new one."_s);
    }
    schemaProbe.finish();
    if (*version > latestSchemaVersion())
        return std::unexpected(database->migrateOpened(db).error()); // refuses it, naming both versions

    QSqlQuery walQuery(db);
    if (!walQuery.exec(u"PRAGMA journal_mode = WAL"_s) || !walQuery.next()
        || walQuery.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        return fail(u"store.wal_failed"_s,
                    u"The database %1 cannot be switched to write-ahead logging: %2."_s.arg(
                        absolutePath, describe(walQuery.lastError())),
                    u"Keep the data folder on a local file system (WAL does not work on network shares)."_s);
    walQuery.finish();

    if (auto migrated = database->migrateOpened(db); !migrated)
        return std::unexpected(migrated.error());

    // Older builds kept the change feed's position in a file beside the database. A file that
    // cannot be imported is reported and left for the user; the store opens all the same.
    const QString legacyFeed = QFileInfo(absolutePath).absolutePath() + u'/' + FeedPositionRepository::legacyFileName();
    if (const auto imported = FeedPositionRepository(database).importLegacyFile(legacyFeed); !imported)
        qCWarning(lcStore).noquote() << imported.error().toString();
    return database;
}

Result<std::shared_ptr<Database>> Database::open(const PostgresAddress &address, const QString &password)
{
    std::shared_ptr<Database> database(new Database(QString(), s_nextInstanceId.fetch_add(1)));
    database->m_engine = DatabaseEngine::PostgreSql;
    database->m_address = address;
    database->m_password = password;
    auto opened = database->openFirstConnection();
    if (!opened)
        return std::unexpected(opened.error());
    QSqlDatabase db = *opened;
    if (auto migrated = database->migrateOpened(db); !migrated)
        return std::unexpected(migrated.error());
    return database;
}

Result<QSqlDatabase> Database::openFirstConnection()
{
    const QString name = connectionNameForCurrentThread();
    auto opened = openConnection(name);
    if (!opened)
        return opened;
    {
        QMutexLocker locker(&m_mutex);
        m_connectionNames.append(name);
    }
    threadConnectionNames().insert(m_instanceId, name);
    return opened;
}

Result<void> Database::migrateOpened(QSqlDatabase &db)
{
    const auto version = Migrations::currentVersion(db);
    if (!version)
        return fail(u"store.corrupt"_s,
                    u"The database %1 cannot be read (%2)."_s.arg(description(), version.error().message),
                    u"Restore it from a backup, or point OrderBridge at another database."_s);
    if (*version > latestSchemaVersion())
        return fail(u"store.schema_too_new"_s,
                    u"The database %1 has schema version %2, but this build of OrderBridge knows only versions up "
                    u"to %3."_s.arg(description())
                        .arg(*version)
                        .arg(latestSchemaVersion()),
                    m_engine == DatabaseEngine::PostgreSql
                        ? u"Run a newer OrderBridge build (the one that wrote this database)."_s
                        : u"Run a newer OrderBridge build (the one that wrote this database), or choose another data "
                          u"folder with --data-dir or ORDERBRIDGE_DATA_DIR."_s);
    const auto migrated = Migrations::migrate(db, latestSchemaVersion());
    if (!migrated)
        return std::unexpected(migrated.error());
    m_schemaVersion = *migrated;
    if (*migrated != *version)
        qCInfo(lcStore) << "Migrated" << description() << "from schema version" << *version << "to" << *migrated;
    return {};
}

QSqlDatabase Database::connection() const
{
    QHash<quint64, QString> &names = threadConnectionNames();
    const auto known = names.constFind(m_instanceId);
    if (known != names.cend() && QSqlDatabase::contains(*known))
        return QSqlDatabase::database(*known, false);

    const QString name = connectionNameForCurrentThread();
    auto opened = openConnection(name);
    if (!opened) {
        qCWarning(lcStore) << "Opening a connection to" << description() << "failed:" << opened.error().message;
        return {};
    }
    names.insert(m_instanceId, name);
    QMutexLocker locker(&m_mutex);
    m_connectionNames.append(name);
    return *opened;
}

QString Database::filePath() const
{
    return m_filePath;
}

DatabaseEngine Database::engine() const
{
    return m_engine;
}

QString Database::description() const
{
    return m_engine == DatabaseEngine::PostgreSql ? m_address.toString() : m_filePath;
}

QString Database::nowExpression() const
{
    return SqlDialect::now(m_engine);
}

int Database::schemaVersion() const
{
    return m_schemaVersion;
}

int Database::latestSchemaVersion()
{
    return Migrations::latestVersion();
}

QString Database::connectionNameForCurrentThread() const
{
    return u"orderbridge-%1-thread-%2"_s.arg(m_instanceId).arg(
        quintptr(QThread::currentThreadId()), 0, 16);
}

Result<QSqlDatabase> Database::openConnection(const QString &name) const
{
    // A name left over by a thread whose id was reused: that connection is dead, drop it.
    if (QSqlDatabase::contains(name))
        QSqlDatabase::removeDatabase(name);
    return m_engine == DatabaseEngine::PostgreSql ? openPostgresConnection(name) : openSqliteConnection(name);
}

Result<QSqlDatabase> Database::openSqliteConnection(const QString &name) const
{
    QString openError;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_filePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            auto pragmas = exec(db, u"PRAGMA foreign_keys = ON"_s);
            if (pragmas)
                pragmas = exec(db, u"PRAGMA synchronous = NORMAL"_s);
            if (pragmas)
                return db;
            openError = pragmas.error().message;
        } else {
            openError = describe(db.lastError());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return fail(u"store.open_failed"_s,
                u"The database %1 cannot be opened: %2."_s.arg(m_filePath, openError),
                u"Check that the data folder is readable and writable by you."_s);
}

Result<QSqlDatabase> Database::openPostgresConnection(const QString &name) const
{
    QString openError;
    {
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
            return fail(u"store.no_postgres_driver"_s,
                        u"This installation cannot reach PostgreSQL databases: Qt's PostgreSQL driver is missing."_s,
                        u"Install the package libqt6sql6-psql, or use a local database (leave out --database)."_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(m_address.host);
        db.setPort(m_address.port);
        db.setUserName(m_address.user);
        db.setPassword(m_password);
        db.setDatabaseName(m_address.databaseName);
        db.setConnectOptions(m_address.connectOptions());
        if (db.open())
            return db;
        openError = describe(db.lastError());
    }
    QSqlDatabase::removeDatabase(name);
    return fail(u"store.connect_failed"_s,
                u"Cannot connect to the PostgreSQL database %1: %2."_s.arg(m_address.toString(), openError),
                m_address.isLoopback()
                    ? u"Check that the server runs, that the user and database exist, and that the password in the "
                      u"keychain or the secrets file (database.password) is right."_s
                    : u"Check that the server runs and is reachable, that the user, database and password "
                      u"(keychain or secrets file, database.password) are right, and that the server's certificate "
                      u"is signed by a CA in ~/.postgresql/root.crt (or the file PGSSLROOTCERT names) and names the "
                      u"host."_s);
}

} // namespace OrderBridge
