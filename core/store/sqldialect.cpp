#include "store/sqldialect.h"

#include <QSqlDatabase>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge::SqlDialect {

DatabaseEngine engineOf(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL"_s ? DatabaseEngine::PostgreSql : DatabaseEngine::Sqlite;
}

QString now(DatabaseEngine engine)
{
    // https://www.sqlite.org/lang_datefunc.html, https://www.postgresql.org/docs/15/functions-formatting.html
    if (engine == DatabaseEngine::PostgreSql)
        return u"to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"_s;
    return u"strftime('%Y-%m-%dT%H:%M:%fZ','now')"_s;
}

} // namespace OrderBridge::SqlDialect
