#pragma once

#include "common/error.h"
#include "store/databaseengine.h"
#include "store/postgresaddress.h"

#include <QMutex>
#include <QString>
#include <QStringList>

#include <memory>

// Declared only: Qt Sql is private to the store library. Its sources (and tests) include <QSqlDatabase>.
class QSqlDatabase;

namespace OrderBridge {

/// The store: a local SQLite file (the default, one user) or a shared PostgreSQL database (team mode), schema-migrated
/// on open, one named connection per thread.
///
/// Each thread that calls connection() gets its own QSqlDatabase, created in that thread
/// (Qt Sql connections must only be used by the thread that created them). A thread's
/// connection is removed when the thread exits or when the Database is destroyed, whichever
/// comes first; destroy the Database only after the worker threads using it have stopped.
class Database
{
public:
    /// Opens (creating if needed) the SQLite file, applies pending migrations; refuses a newer schema or a corrupt file.
    /// Moves a change feed position file left by older builds into the store (see FeedPositionRepository).
    static Result<std::shared_ptr<Database>> open(const QString &filePath);

    /// Connects to a shared PostgreSQL database (TLS with certificate checks unless the host is loopback) and applies
    /// pending migrations. The password comes from the keychain or the secrets file; it is kept in memory only, for
    /// the connections of further threads, and never logged.
    static Result<std::shared_ptr<Database>> open(const PostgresAddress &address, const QString &password);

    /// The calling thread's own named connection (opened on first use in that thread; WAL, foreign_keys=ON).
    /// For the store's repositories (and tests); everything else goes through a repository.
    [[nodiscard]] QSqlDatabase connection() const;
    /// The SQLite file; empty on PostgreSQL.
    [[nodiscard]] QString filePath() const;
    [[nodiscard]] DatabaseEngine engine() const;
    /// The SQLite file's path, or the PostgreSQL URL (without the password): for messages.
    [[nodiscard]] QString description() const;
    /// An SQL expression for the current UTC time as the store writes timestamps (ISO 8601 with milliseconds).
    [[nodiscard]] QString nowExpression() const;
    [[nodiscard]] int schemaVersion() const;
    static int latestSchemaVersion();

    ~Database();

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&) = delete;
    Database &operator=(Database &&) = delete;

private:
    Database(QString filePath, quint64 instanceId);

    /// Reads the version, refuses a newer schema, migrates. SQLite's own checks come before (open(filePath)).
    [[nodiscard]] Result<void> migrateOpened(QSqlDatabase &db);
    [[nodiscard]] Result<QSqlDatabase> openSqliteConnection(const QString &name) const;
    [[nodiscard]] Result<QSqlDatabase> openPostgresConnection(const QString &name) const;
    /// Opens the first connection (in the calling thread) and registers it.
    [[nodiscard]] Result<QSqlDatabase> openFirstConnection();

    /// Opens a fresh connection named for this instance and the calling thread, with our pragmas applied.
    [[nodiscard]] Result<QSqlDatabase> openConnection(const QString &name) const;
    [[nodiscard]] QString connectionNameForCurrentThread() const;

    QString m_filePath;
    DatabaseEngine m_engine = DatabaseEngine::Sqlite;
    PostgresAddress m_address;
    QString m_password;
    quint64 m_instanceId = 0;
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

} // namespace OrderBridge
