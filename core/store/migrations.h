#pragma once

#include "common/error.h"

#include <QStringList>

class QSqlDatabase;

namespace OrderBridge {

/// The numbered, forward-only schema migrations of the store. Migration N takes the schema from
/// version N-1 to N; the version lives in `PRAGMA user_version` and is written in the same
/// transaction as the migration's statements, so a failed step leaves the previous version intact.
class Migrations
{
public:
    /// Highest schema version this build knows.
    static int latestVersion();

    /// The SQL statements of migration `version` (1-based); empty for an unknown version.
    static QStringList statements(int version);

    /// Reads `PRAGMA user_version`.
    static Result<int> currentVersion(QSqlDatabase &db);

    /// Applies migrations after the current version up to and including `targetVersion`.
    /// Refuses a database newer than `targetVersion`.
    static Result<int> migrate(QSqlDatabase &db, int targetVersion);
};

} // namespace OrderBridge
