#pragma once

#include "common/error.h"

#include <QString>

namespace OrderBridge {

/// Where a shared PostgreSQL store lives, from `postgresql://USER@HOST:PORT/DBNAME`. It never holds the password:
/// that comes from the keychain or the secrets file (`database.password`), never a URL or a command line.
struct PostgresAddress
{
    QString user;
    QString host;
    int port = 5432;
    QString databaseName;

    /// True for text that names a PostgreSQL database (`postgresql://…` or `postgres://…`) rather than a file.
    static bool isUrl(const QString &text);
    /// Parses and checks the URL; refuses a password in it, a missing user, host or database, and query options.
    static Result<PostgresAddress> parse(const QString &url);

    /// Loopback hosts (localhost, 127.0.0.0/8, ::1) need no TLS; any other host is reached with sslmode=verify-full.
    [[nodiscard]] bool isLoopback() const;
    /// The libpq options for QSqlDatabase::setConnectOptions (`key=value;…`).
    [[nodiscard]] QString connectOptions() const;
    /// The URL again (never with a password), for messages and logs.
    [[nodiscard]] QString toString() const;
};

} // namespace OrderBridge
