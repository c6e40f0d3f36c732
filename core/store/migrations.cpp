#include "store/migrations.h"

#include "common/logging.h"

#include <QSqlError>
#include <QSqlQuery>
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

const std::array<const char16_t *const *, 4> &migrationTable()
{
    static const std::array<const char16_t *const *, 4> table{migration1(), migration2(), migration3(), migration4()};
    return table;
}

#undef OB_NOW

} // namespace

int Migrations::latestVersion()
{
    return int(migrationTable().size());
}

QStringList Migrations::statements(int version)
{
    QStringList result;
    if (version < 1 || version > latestVersion())
        return result;
    for (const char16_t *const *sql = migrationTable()[std::size_t(version - 1)]; *sql; ++sql)
        result.append(QString::fromUtf16(*sql));
    return result;
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return fail(u"store.version_unreadable"_s,
                    u"The schema version cannot be read: %1"_s.arg(query.lastError().text()),
                    u"Restore the database from a backup or move it away."_s);
    return query.value(0).toInt();
}

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
        QString failure;
        {
            QSqlQuery query(db);
            const QStringList steps = statements(version) << u"PRAGMA user_version = %1"_s.arg(version);
            for (const QString &sql : steps) {
                if (!query.exec(sql)) {
                    failure = u"%1 (in: %2)"_s.arg(query.lastError().text(), sql.left(80));
                    break;
                }
            }
        }
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
