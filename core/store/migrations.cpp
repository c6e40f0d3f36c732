#include "store/migrations.h"

#include "common/logging.h"
#include "store/sqldialect.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QVariant>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// Timestamps are stored as UTC ISO 8601 text with milliseconds, which sorts as it reads.
#define OB_NOW "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

// Never edit a migration that has shipped: add a new one at the end (and to migrationTable()).

// 1: the configuration model (settings, field mappings, connection profiles without secrets).
const char16_t *const *migration1()
{
    static const char16_t *const v1[] = {
        u"CREATE TABLE settings ("
        u"  key TEXT PRIMARY KEY NOT NULL,"
        u"  value TEXT NOT NULL,"
        u"  updated_at TEXT NOT NULL DEFAULT " OB_NOW
        u") WITHOUT ROWID",

        u"CREATE TABLE mappings ("
        u"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
        u"  entity TEXT NOT NULL CHECK (entity IN ('order','order_item','order_status')),"
        u"  magento_attribute TEXT NOT NULL,"
        u"  salesforce_field TEXT NOT NULL,"
        u"  enabled INTEGER NOT NULL DEFAULT 1,"
        u"  when_mode TEXT NOT NULL DEFAULT 'upsert' CHECK (when_mode IN ('upsert','insert','update')),"
        u"  default_value TEXT,"
        u"  is_system INTEGER NOT NULL DEFAULT 0,"
        u"  position INTEGER NOT NULL DEFAULT 0"
        u")",
        u"CREATE INDEX idx_mappings_entity_position ON mappings (entity, position, id)",

        u"CREATE TABLE connection_profiles ("
        u"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
        u"  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
        u"  magento_base_url TEXT NOT NULL DEFAULT '',"
        u"  magento_auth_mode TEXT NOT NULL DEFAULT 'integration_bearer'"
        u"    CHECK (magento_auth_mode IN ('integration_bearer','oauth1','admin_token')),"
        u"  magento_store_code TEXT NOT NULL DEFAULT 'default',"
        u"  salesforce_login_url TEXT NOT NULL DEFAULT 'https://login.salesforce.com',"
        u"  salesforce_flow TEXT NOT NULL DEFAULT 'web_server'"
        u"    CHECK (salesforce_flow IN ('web_server','jwt_bearer','username_password')),"
        u"  salesforce_client_id TEXT NOT NULL DEFAULT '',"
        u"  salesforce_username TEXT NOT NULL DEFAULT '',"
        u"  salesforce_api_version TEXT NOT NULL DEFAULT '',"
        u"  is_active INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0,1)),"
        u"  created_at TEXT NOT NULL DEFAULT " OB_NOW ","
        u"  updated_at TEXT NOT NULL DEFAULT " OB_NOW
        u")",
        // At most one active profile.
        u"CREATE UNIQUE INDEX idx_connection_profiles_active ON connection_profiles (is_active) WHERE is_active = 1",
        nullptr,
    };
    return v1;
}

// 2: the sync state (orders mirror, queue, log), sized for a grid over a million orders.
const char16_t *const *migration2()
{
    static const char16_t *const v2[] = {
        u"CREATE TABLE orders ("
        u"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
        u"  magento_entity_id INTEGER NOT NULL UNIQUE,"
        u"  increment_id TEXT NOT NULL,"
        u"  status TEXT NOT NULL DEFAULT '',"
        u"  state TEXT NOT NULL DEFAULT '',"
        u"  created_at TEXT NOT NULL,"
        u"  updated_at TEXT NOT NULL,"
        u"  customer_email TEXT NOT NULL DEFAULT '',"
        u"  customer_name TEXT NOT NULL DEFAULT '',"
        u"  grand_total REAL NOT NULL DEFAULT 0,"
        u"  currency TEXT NOT NULL DEFAULT '',"
        u"  sf_order_id TEXT,"
        u"  sf_account_id TEXT,"
        u"  sf_contact_id TEXT,"
        u"  sf_opportunity_id TEXT,"
        u"  sync_status TEXT NOT NULL DEFAULT 'pending'"
        u"    CHECK (sync_status IN ('in_sync','pending','out_of_sync','error','skipped')),"
        u"  reason TEXT,"
        u"  last_error_code TEXT,"
        u"  last_error_message TEXT,"
        u"  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
        u"  next_retry_at TEXT,"
        u"  last_synced_at TEXT,"
        u"  content_hash TEXT"
        u")",
        // One index per sortable grid column, with id as tie-breaker for stable keyset paging.
        u"CREATE INDEX idx_orders_increment_id ON orders (increment_id, id)",
        u"CREATE INDEX idx_orders_created_at ON orders (created_at, id)",
        u"CREATE INDEX idx_orders_updated_at ON orders (updated_at, id)",
        u"CREATE INDEX idx_orders_status ON orders (status, created_at, id)",
        u"CREATE INDEX idx_orders_sync_status ON orders (sync_status, created_at, id)",
        u"CREATE INDEX idx_orders_grand_total ON orders (grand_total, id)",
        // NOCASE indexes serve case-insensitive prefix searches (LIKE 'abc%' with the default
        // case-insensitive LIKE) and sorting by customer.
        u"CREATE INDEX idx_orders_customer_email ON orders (customer_email COLLATE NOCASE, id)",
        u"CREATE INDEX idx_orders_customer_name ON orders (customer_name COLLATE NOCASE, id)",
        u"CREATE INDEX idx_orders_sf_order_id ON orders (sf_order_id) WHERE sf_order_id IS NOT NULL",
        u"CREATE INDEX idx_orders_retry ON orders (next_retry_at) WHERE next_retry_at IS NOT NULL",

        u"CREATE TABLE sync_queue ("
        u"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
        u"  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
        u"  kind TEXT NOT NULL CHECK (length(kind) > 0),"
        u"  state TEXT NOT NULL DEFAULT 'queued'"
        u"    CHECK (state IN ('queued','running','done','failed','cancelled')),"
        u"  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
        u"  not_before TEXT,"
        u"  intent_json TEXT NOT NULL DEFAULT '{}',"
        u"  created_at TEXT NOT NULL DEFAULT " OB_NOW ","
        u"  updated_at TEXT NOT NULL DEFAULT " OB_NOW
        u")",
        u"CREATE INDEX idx_sync_queue_ready ON sync_queue (state, not_before, id)",
        u"CREATE INDEX idx_sync_queue_order ON sync_queue (order_id)",

        u"CREATE TABLE sync_log ("
        u"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
        u"  logged_at TEXT NOT NULL DEFAULT " OB_NOW ","
        u"  level TEXT NOT NULL CHECK (level IN ('debug','info','warning','error')),"
        u"  order_increment_id TEXT,"
        u"  object TEXT,"
        u"  error_code TEXT,"
        u"  message TEXT NOT NULL,"
        u"  fields TEXT"
        u")",
        u"CREATE INDEX idx_sync_log_logged_at ON sync_log (logged_at, id)",
        u"CREATE INDEX idx_sync_log_order ON sync_log (order_increment_id, logged_at)",
        u"CREATE INDEX idx_sync_log_level ON sync_log (level, logged_at)",
        nullptr,
    };
    return v2;
}

// 3: the change feed's position (formerly magento-feed.json beside the database), so that what
// was queued and what the feed confirmed live in one store. One row per feed; the position is
// the feed's own JSON document (MagentoChangeFeedState::toJson()).
const char16_t *const *migration3()
{
    static const char16_t *const v3[] = {
        u"CREATE TABLE feed_position ("
        u"  feed TEXT PRIMARY KEY NOT NULL CHECK (length(feed) > 0),"
        u"  position TEXT NOT NULL,"
        u"  updated_at TEXT NOT NULL DEFAULT " OB_NOW
        u") WITHOUT ROWID",
        nullptr,
    };
    return v3;
}

// The newest status-history entry seen per Magento order: a comment that leaves the order's updated_at
// alone is noticed by comparing against it (CommentMarkRepository).
const char16_t *const *migration4()
{
    static const char16_t *const v4[] = {
        u"CREATE TABLE magento_comment_marks ("
        u"  magento_entity_id INTEGER PRIMARY KEY NOT NULL,"
        u"  last_history_id INTEGER NOT NULL"
        u")",
        nullptr,
    };
    return v4;
}

// 5: per connection, a PEM file of extra certificate authorities trusted besides the system's (a path, not a secret).
const char16_t *const *migration5()
{
    static const char16_t *const v5[] = {
        u"ALTER TABLE connection_profiles ADD COLUMN magento_ca_file TEXT NOT NULL DEFAULT ''",
        u"ALTER TABLE connection_profiles ADD COLUMN salesforce_ca_file TEXT NOT NULL DEFAULT ''",
        nullptr,
    };
    return v5;
}

// 6: word search over the orders grid's text columns (SQLite FTS5, https://sqlite.org/fts5.html). A contentless
// index (content=''): it holds the words and the orders' row IDs, not another copy of the text, so the triggers
// give the old values when a row changes. increment_number is the increment ID without its leading zeros, so
// "21" finds 000000021. unicode61 with remove_diacritics 2 folds case and accents ("astrom" finds Åström); the
// prefix indexes keep short prefixes ("e…", "em…") as fast as whole words.
const char16_t *const *migration6()
{
    static const char16_t *const v6[] = {
        u"CREATE VIRTUAL TABLE orders_search USING fts5(increment_id, increment_number, customer_email, customer_name,"
        u" content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
        u"CREATE TRIGGER orders_search_insert AFTER INSERT ON orders BEGIN"
        u"  INSERT INTO orders_search (rowid, increment_id, increment_number, customer_email, customer_name)"
        u"  VALUES (new.id, new.increment_id, ltrim(new.increment_id, '0'), new.customer_email, new.customer_name);"
        u" END",
        u"CREATE TRIGGER orders_search_update AFTER UPDATE OF increment_id, customer_email, customer_name ON orders"
        u" WHEN old.increment_id IS NOT new.increment_id OR old.customer_email IS NOT new.customer_email"
        u"  OR old.customer_name IS NOT new.customer_name BEGIN"
        u"  INSERT INTO orders_search (orders_search, rowid, increment_id, increment_number, customer_email, customer_name)"
        u"  VALUES ('delete', old.id, old.increment_id, ltrim(old.increment_id, '0'), old.customer_email, old.customer_name);"
        u"  INSERT INTO orders_search (rowid, increment_id, increment_number, customer_email, customer_name)"
        u"  VALUES (new.id, new.increment_id, ltrim(new.increment_id, '0'), new.customer_email, new.customer_name);"
        u" END",
        u"CREATE TRIGGER orders_search_delete AFTER DELETE ON orders BEGIN"
        u"  INSERT INTO orders_search (orders_search, rowid, increment_id, increment_number, customer_email, customer_name)"
        u"  VALUES ('delete', old.id, old.increment_id, ltrim(old.increment_id, '0'), old.customer_email, old.customer_name);"
        u" END",
        u"INSERT INTO orders_search (rowid, increment_id, increment_number, customer_email, customer_name)"
        u" SELECT id, increment_id, ltrim(increment_id, '0'), customer_email, customer_name FROM orders",
        nullptr,
    };
    return v6;
}

// PostgreSQL (a shared team database, issue 16) runs the same numbered migrations. Their SQLite text is carried over
// by toPostgres(), one rule a difference:
// - INTEGER PRIMARY KEY AUTOINCREMENT -> BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY; columns named *_id
//   INTEGER (64-bit in SQLite, as every SQLite INTEGER) -> BIGINT; flags and counters stay INTEGER (32-bit is plenty).
// - REAL (8 bytes in SQLite) -> DOUBLE PRECISION (PostgreSQL's REAL has 4 bytes).
// - Timestamps stay ISO 8601 text with milliseconds: OB_NOW -> SqlDialect::now(PostgreSql), so that the repositories
//   read one format on both engines.
// - WITHOUT ROWID (a SQLite storage choice) -> nothing; an index on (x COLLATE NOCASE, …) -> one on (lower(x), …).
// - PRAGMA user_version -> the one-row table orderbridge_schema (Migrations::migrate).
// A migration no rule carries over has its own PostgreSQL text below: so far the FTS5 word search (migration 6).
// https://www.postgresql.org/docs/15/ddl-identity-columns.html, https://www.sqlite.org/autoinc.html

// 6 on PostgreSQL: the words of the same four texts in a stored generated column with a GIN index
// (https://www.postgresql.org/docs/15/textsearch-tables.html). The 'simple' configuration lower-cases and keeps
// every word (no stemming, no stop words), as unicode61 does; prefix searches use to_tsquery's `word:*`. Unlike
// FTS5's remove_diacritics it does not fold accents (unaccent is not immutable, so no generated column may use it).
const char16_t *const *postgresMigration6()
{
    static const char16_t *const v6[] = {
        u"ALTER TABLE orders ADD COLUMN search_words tsvector GENERATED ALWAYS AS (to_tsvector('simple',"
        u" increment_id || ' ' || ltrim(increment_id, '0') || ' ' || customer_email || ' ' || customer_name)) STORED",
        u"CREATE INDEX idx_orders_search_words ON orders USING GIN (search_words)",
        nullptr,
    };
    return v6;
}


// SQLite's text of a migration in PostgreSQL's dialect, by the rules listed above migration 1's PostgreSQL text.
// Like the migrations, the rules only ever gain new ones: changing one would change what a shipped migration does.
QString toPostgres(QString sql)
{
    static const std::array<std::pair<QRegularExpression, QString>, 6> rules{{
        {QRegularExpression(u"\\bid INTEGER PRIMARY KEY AUTOINCREMENT\\b"_s),
         u"id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"_s},
        {QRegularExpression(u"\\b(\\w+_id) INTEGER\\b"_s), u"\\1 BIGINT"_s},
        {QRegularExpression(u"\\bREAL\\b"_s), u"DOUBLE PRECISION"_s},
        {QRegularExpression(u"\\(strftime\\('%Y-%m-%dT%H:%M:%fZ','now'\\)\\)"_s),
         u"(%1)"_s.arg(SqlDialect::now(DatabaseEngine::PostgreSql))},
        {QRegularExpression(u"\\) WITHOUT ROWID$"_s), u")"_s},
        {QRegularExpression(u"\\((\\w+) COLLATE NOCASE,"_s), u"(lower(\\1),"_s},
    }};
    for (const auto &[pattern, replacement] : rules)
        sql.replace(pattern, replacement);
    return sql;
}

// One entry a schema version: the SQLite statements, and PostgreSQL's own where toPostgres() cannot carry them over
// (nullptr: carried over).
struct MigrationSteps
{
    const char16_t *const *sqlite;
    const char16_t *const *postgres;
};

const std::array<MigrationSteps, 6> &migrationTable()
{
    static const std::array<MigrationSteps, 6> table{{{migration1(), nullptr},
                                                      {migration2(), nullptr},
                                                      {migration3(), nullptr},
                                                      {migration4(), nullptr},
                                                      {migration5(), nullptr},
                                                      {migration6(), postgresMigration6()}}};
    return table;
}

#undef OB_NOW

} // namespace

int Migrations::latestVersion()
{
    return int(migrationTable().size());
}

QStringList Migrations::statements(int version, DatabaseEngine engine)
{
    QStringList result;
    if (version < 1 || version > latestVersion())
        return result;
    const MigrationSteps &steps = migrationTable()[std::size_t(version - 1)];
    const bool ownText = engine == DatabaseEngine::PostgreSql && steps.postgres;
    const bool translate = engine == DatabaseEngine::PostgreSql && !steps.postgres;
    for (const char16_t *const *sql = ownText ? steps.postgres : steps.sqlite; *sql; ++sql)
        result.append(translate ? toPostgres(QString::fromUtf16(*sql)) : QString::fromUtf16(*sql));
    return result;
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    bool read = false;
    if (SqlDialect::engineOf(db) == DatabaseEngine::PostgreSql) {
        // PostgreSQL has no user_version: a one-row table holds it, absent until the first migration.
        read = query.exec(u"SELECT to_regclass('orderbridge_schema') IS NOT NULL"_s) && query.next();
        if (read && !query.value(0).toBool())
            return 0;
        read = read && query.exec(u"SELECT COALESCE(max(version), 0) FROM orderbridge_schema"_s) && query.next();
    } else {
        read = query.exec(u"PRAGMA user_version"_s) && query.next();
    }
    if (!read)
        return fail(u"store.version_unreadable"_s,
                    u"The schema version cannot be read: %1"_s.arg(query.lastError().text()),
                    u"Restore the database from a backup or move it away."_s);
    return query.value(0).toInt();
}

namespace {

// PostgreSQL: several consoles and workers may open a new database at once. Each migration takes a transaction-level
// advisory lock first and re-reads the version under it, so exactly one of them applies each step.
// https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
// The key of that lock: "OBMI" (OrderBridge migrations) as a 32-bit number.
constexpr qint64 migrationLockKey = 0x4F424D49;

QStringList postgresPrologue()
{
    // The NOTICE "relation already exists, skipping" is of no interest to anyone.
    return {u"SELECT pg_advisory_xact_lock(%1)"_s.arg(migrationLockKey), u"SET LOCAL client_min_messages = warning"_s,
            u"CREATE TABLE IF NOT EXISTS orderbridge_schema (version INTEGER NOT NULL)"_s};
}

QStringList versionStatements(DatabaseEngine engine, int version)
{
    if (engine == DatabaseEngine::PostgreSql)
        return {u"DELETE FROM orderbridge_schema"_s,
                u"INSERT INTO orderbridge_schema (version) VALUES (%1)"_s.arg(version)};
    return {u"PRAGMA user_version = %1"_s.arg(version)};
}

// Runs one migration inside the open transaction; the failure's text, empty on success.
QString applyMigration(QSqlDatabase &db, int version)
{
    const DatabaseEngine engine = SqlDialect::engineOf(db);
    QSqlQuery query(db);
    if (engine == DatabaseEngine::PostgreSql) {
        for (const QString &sql : postgresPrologue()) {
            if (!query.exec(sql))
                return u"%1 (in: %2)"_s.arg(query.lastError().text(), sql.left(80));
        }
        const auto current = Migrations::currentVersion(db);
        if (!current)
            return current.error().message;
        if (*current >= version)
            return {}; // another process applied it while we waited for the lock
    }
    const QStringList steps = Migrations::statements(version, engine) + versionStatements(engine, version);
    for (const QString &sql : steps) {
        if (!query.exec(sql))
            return u"%1 (in: %2)"_s.arg(query.lastError().text(), sql.left(80));
    }
    return {};
}

} // namespace

Result<int> Migrations::migrate(QSqlDatabase &db, int targetVersion)
{
    const auto current = currentVersion(db);
    if (!current)
        return current;
    if (*current > targetVersion)
        return fail(u"store.schema_too_new"_s,
                    u"The database has schema version %1, newer than version %2."_s.arg(*current).arg(targetVersion),
                    u"Use the OrderBridge build that wrote this database."_s);
    for (int version = *current + 1; version <= targetVersion && version <= latestVersion(); ++version) {
        if (!db.transaction())
            return fail(u"store.migration_failed"_s,
                        u"Migration %1 cannot start a transaction: %2"_s.arg(version).arg(db.lastError().text()),
                        u"Close other programs using the database and try again."_s);
        QString failure = applyMigration(db, version);
        if (failure.isEmpty() && !db.commit())
            failure = db.lastError().text();
        if (!failure.isEmpty()) {
            db.rollback();
            return fail(u"store.migration_failed"_s,
                        u"Migration to schema version %1 failed: %2; the database stays at version %3."_s.arg(version)
                            .arg(failure)
                            .arg(version - 1),
                        u"Check that the disk is not full and the data folder is writable, then try again."_s);
        }
        qCDebug(lcStore) << "Applied schema migration" << version;
    }
    return std::min(targetVersion, latestVersion());
}

} // namespace OrderBridge
