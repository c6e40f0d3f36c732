#pragma once

#include "postgresserver.h"
#include "store/database.h"

#include <QTemporaryDir>

#include <memory>

/// The store a repository test runs on: a SQLite file (the default), or a new database on a PostgreSQL server when
/// ORDERBRIDGE_TEST_DATABASE=postgresql (CTest runs each such test a second time that way, as NAME_postgresql,
/// label "postgresql"). The server starts on first use and serves every test function of the process.
class StoreUnderTest
{
public:
    [[nodiscard]] static bool onPostgres()
    {
        return qEnvironmentVariable("ORDERBRIDGE_TEST_DATABASE") == QStringLiteral("postgresql");
    }

    /// Where a new, empty store lives: the SQLite file `fileName` in `dir`, or a new PostgreSQL database's URL. Empty
    /// with errorString() set when the PostgreSQL server could not be started.
    QString create(const QTemporaryDir &dir, const QString &fileName = QStringLiteral("orderbridge.sqlite"))
    {
        if (!onPostgres())
            return dir.filePath(fileName);
        if (!m_server && !startServer())
            return {};
        const QString name = QStringLiteral("store%1").arg(++m_databases);
        if (!m_server->createDatabase(name, templateName())) {
            m_error = m_server->errorString();
            return {};
        }
        return m_server->url(name);
    }

    /// Opens (again) the store at a location create() gave.
    [[nodiscard]] OrderBridge::Result<std::shared_ptr<OrderBridge::Database>> open(const QString &location) const
    {
        if (!OrderBridge::PostgresAddress::isUrl(location))
            return OrderBridge::Database::open(location);
        const auto address = OrderBridge::PostgresAddress::parse(location);
        if (!address)
            return std::unexpected(address.error());
        return OrderBridge::Database::open(*address, m_server ? m_server->password() : QString());
    }

    [[nodiscard]] PostgresServer *server() const { return m_server.get(); }
    [[nodiscard]] QString errorString() const { return m_error; }

private:
    static QString templateName() { return QStringLiteral("store_template"); }

    // Migrates one database and copies it for each test (CREATE DATABASE … TEMPLATE), which takes a fraction of the
    // time of migrating each anew. tst_migrations runs the migrations themselves on PostgreSQL.
    bool startServer()
    {
        m_server = std::make_unique<PostgresServer>();
        bool ready = m_server->start() && m_server->createDatabase(templateName());
        if (ready) {
            const auto migrated = open(m_server->url(templateName())); // closed again at once: a template has no users
            ready = bool(migrated);
            if (!migrated)
                m_error = migrated.error().toString();
        } else {
            m_error = m_server->errorString();
        }
        if (!ready)
            m_server.reset();
        return ready;
    }

    std::unique_ptr<PostgresServer> m_server;
    int m_databases = 0;
    QString m_error;
};
