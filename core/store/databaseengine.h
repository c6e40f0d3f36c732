#pragma once

namespace OrderBridge {

/// The SQL engines the store runs on: a local SQLite file (one user, the default) or a shared PostgreSQL database.
enum class DatabaseEngine {
    Sqlite,
    PostgreSql,
};

} // namespace OrderBridge
