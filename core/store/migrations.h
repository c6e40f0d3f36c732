#pragma once

#include "common/error.h"
#include "store/databaseengine.h"

#include <QStringList>

class QSqlDatabase;

namespace OrderBridge {

/// The numbered, forward-only schema migrations of the store. Migration N takes the schema from
/// version N-1 to N; the version lives in `PRAGMA user_version` (SQLite) or the table orderbridge_schema
/// (PostgreSQL) and is written in the same transaction as the migration's statements, so a failed step leaves the
/// previous version intact. Both engines share the numbering: PostgreSQL runs each migration's SQLite text carried
/// over by a few fixed rules, or its own text where no rule can (migrations.cpp lists both).
class Migrations
{
public:
    /// Highest schema version this build knows.
    static int latestVersion();

    /// The SQL statements of migration `version` (1-based) for the engine; empty for an unknown version.
    static QStringList statements(int version, DatabaseEngine engine = DatabaseEngine::Sqlite);

    /// Reads the schema version (0 for an empty database).
    static Result<int> currentVersion(QSqlDatabase &db);

    /// Applies migrations after the current version up to and including `targetVersion`.
    /// Refuses a database newer than `targetVersion`.
    static Result<int> migrate(QSqlDatabase &db, int targetVersion);
};

} // namespace OrderBridge
