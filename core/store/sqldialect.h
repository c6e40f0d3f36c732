#pragma once

#include "store/databaseengine.h"

#include <QString>

class QSqlDatabase;

namespace OrderBridge {

/// The few SQL spellings that differ between the store's engines; everything else the repositories write once,
/// in SQL both take (INSERT … ON CONFLICT, RETURNING, IS DISTINCT FROM).
namespace SqlDialect {

/// The engine behind a connection (by its Qt Sql driver).
DatabaseEngine engineOf(const QSqlDatabase &db);

/// An expression for the current UTC time as the store writes timestamps: ISO 8601 text with milliseconds.
QString now(DatabaseEngine engine);

} // namespace SqlDialect

} // namespace OrderBridge
