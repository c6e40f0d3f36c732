#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

/// A throwaway PostgreSQL cluster for a test: `initdb` and `pg_ctl start` into a temporary folder (the Unix socket
/// lives there too), listening on a free loopback port, with one password-protected login role that may create
/// databases. The destructor stops the server and removes the folder, also when the test failed.
///
/// PostgreSQL refuses to run as root. When the tests run as root, initdb, pg_ctl and psql run as the unprivileged
/// `postgres` system user that Debian's postgresql-common package creates (through `setpriv`), and the folder is
/// handed to that user; as any other user they run as that user. Nothing outside the folder is touched: no system
/// cluster, no pg_ctlcluster, no service.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    /// Creates and starts the cluster; false with errorString() set when that failed (and nothing is left running).
    bool start();
    /// Stops the server (immediate shutdown: the cluster is thrown away anyway). Safe to call twice.
    void stop();

    /// Creates a database owned by role(), empty or a copy of `templateDatabase`; false with errorString() set.
    bool createDatabase(const QString &name, const QString &templateDatabase = {});
    /// Runs SQL as the cluster's superuser over the Unix socket (fed on standard input, so that no password ever
    /// appears on a command line); false with errorString() set on failure, else psql's output in `output`.
    bool runAsSuperuser(const QString &sql, QString *output = nullptr,
                        const QString &database = QStringLiteral("postgres"));

    /// `postgresql://ROLE@127.0.0.1:PORT/NAME`, the form orderbridge-cli --database takes.
    [[nodiscard]] QString url(const QString &database) const;
    [[nodiscard]] QString host() const { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString role() const { return QStringLiteral("orderbridge"); }
    [[nodiscard]] QString password() const { return m_password; }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] bool isRunning() const { return m_running; }

    /// The folder of initdb and pg_ctl: ORDERBRIDGE_PG_BINDIR, else the newest /usr/lib/postgresql/N/bin.
    static QString binDir();

private:
    bool runTool(const QString &tool, const QStringList &arguments, const QByteArray &input = {},
                 QByteArray *output = nullptr, int timeoutMs = 60000);
    bool prepareFolder();
    bool initCluster();
    bool startOnFreePort();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_password;
    QString m_runAs; ///< the user the tools run as when we are root; empty otherwise
    int m_port = 0;
    bool m_running = false;
    QString m_error;
};
