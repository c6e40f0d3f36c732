#include "postgresserver.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

// The superuser initdb creates; it can only log in over the Unix socket in the test's folder (trust), the login
// role over TCP only with its password (scram-sha-256).
const QString superuser = u"orderbridge_admin"_s;

QString quoteLiteral(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"''"_s);
    return u'\'' + quoted + u'\'';
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::binDir()
{
    const QString configured = qEnvironmentVariable("ORDERBRIDGE_PG_BINDIR");
    if (!configured.isEmpty())
        return configured;
    QStringList versions = QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), numeric);
    return versions.isEmpty() ? QString() : u"/usr/lib/postgresql/"_s + versions.constLast() + u"/bin"_s;
}

bool PostgresServer::runTool(const QString &tool, const QStringList &arguments, const QByteArray &input,
                             QByteArray *output, int timeoutMs)
{
    QProcess process;
    const QString program = binDir() + u'/' + tool;
    if (m_runAs.isEmpty()) {
        process.setProgram(program);
        process.setArguments(arguments);
    } else {
        process.setProgram(u"setpriv"_s);
        process.setArguments(QStringList{u"--reuid="_s + m_runAs, u"--regid="_s + m_runAs, u"--init-groups"_s,
                                         u"--"_s, program}
                             + arguments);
    }
    process.setWorkingDirectory(m_dir->path());
    process.start();
    if (!process.waitForStarted()) {
        m_error = u"%1 did not start: %2"_s.arg(process.program(), process.errorString());
        return false;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_error = u"%1 did not finish within %2 ms"_s.arg(tool).arg(timeoutMs);
        return false;
    }
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = u"%1 failed (exit code %2): %3 %4"_s.arg(tool)
                      .arg(process.exitCode())
                      .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed(),
                           QString::fromLocal8Bit(out).trimmed());
        return false;
    }
    if (output)
        *output = out;
    return true;
}

bool PostgresServer::prepareFolder()
{
    if (binDir().isEmpty() || !QFile::exists(binDir() + u"/initdb"_s)) {
        m_error = u"No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install the postgresql package "
                  u"(scripts/install-deps.sh) or set ORDERBRIDGE_PG_BINDIR."_s;
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/orderbridge-pg-XXXXXX"_s);
    if (!m_dir->isValid()) {
        m_error = u"Cannot create a temporary folder: "_s + m_dir->errorString();
        return false;
    }
    if (::geteuid() != 0)
        return true;
    // initdb refuses to run as root; the folder goes to Debian's unprivileged postgres user, who runs the tools.
    const passwd *account = ::getpwnam("postgres");
    if (!account) {
        m_error = u"The tests run as root, and PostgreSQL refuses to: there is no unprivileged \"postgres\" user to "
                  u"run it as. Install the postgresql package (it creates the user) or run the tests as another "
                  u"user."_s;
        return false;
    }
    if (::chown(QFile::encodeName(m_dir->path()).constData(), account->pw_uid, account->pw_gid) != 0) {
        m_error = u"Cannot hand %1 to the postgres user."_s.arg(m_dir->path());
        return false;
    }
    m_runAs = u"postgres"_s;
    return true;
}

bool PostgresServer::initCluster()
{
    // --no-sync and the server settings below trade durability for speed: the cluster lives for one test process.
    return runTool(u"initdb"_s, {u"--pgdata=data"_s, u"--username="_s + superuser, u"--auth-local=trust"_s,
                                 u"--auth-host=scram-sha-256"_s, u"--no-locale"_s, u"--encoding=UTF8"_s,
                                 u"--no-sync"_s, u"--no-instructions"_s});
}

bool PostgresServer::startOnFreePort()
{
    // The port is free when asked; should another process take it before the server binds, try another one.
    for (int attempt = 0; attempt < 3; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = u"No free loopback port: "_s + probe.errorString();
            return false;
        }
        m_port = probe.serverPort();
        probe.close();
        const QString options = u"-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                                u" -c full_page_writes=off"_s.arg(m_port)
                                    .arg(m_dir->path());
        if (runTool(u"pg_ctl"_s, {u"start"_s, u"--wait"_s, u"--timeout=30"_s, u"--pgdata=data"_s,
                                  u"--log=server.log"_s, u"-o"_s, options})) {
            m_running = true;
            return true;
        }
        QFile log(m_dir->filePath(u"server.log"_s));
        if (log.open(QIODevice::ReadOnly))
            m_error += u" Server log: "_s + QString::fromLocal8Bit(log.readAll()).trimmed();
    }
    return false;
}

bool PostgresServer::start()
{
    if (m_running)
        return true;
    m_error.clear();
    if (!prepareFolder() || !initCluster() || !startOnFreePort()) {
        stop();
        return false;
    }
    m_password = QString::fromLatin1(QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                                     + QByteArray::number(QRandomGenerator::system()->generate64(), 16));
    if (!runAsSuperuser(u"CREATE ROLE %1 LOGIN CREATEDB PASSWORD %2;"_s.arg(role(), quoteLiteral(m_password)))) {
        stop();
        return false;
    }
    return true;
}

void PostgresServer::stop()
{
    if (m_running) {
        const QString error = m_error;
        if (!runTool(u"pg_ctl"_s, {u"stop"_s, u"--wait"_s, u"--mode=immediate"_s, u"--pgdata=data"_s}))
            qWarning("PostgresServer: %s", qPrintable(m_error));
        m_error = error;
        m_running = false;
    }
    m_dir.reset();
}

bool PostgresServer::createDatabase(const QString &name, const QString &templateDatabase)
{
    const QString copy = templateDatabase.isEmpty() ? QString() : u" TEMPLATE \"%1\" STRATEGY FILE_COPY"_s.arg(templateDatabase);
    return runAsSuperuser(u"CREATE DATABASE \"%1\" OWNER %2%3;"_s.arg(name, role(), copy));
}

bool PostgresServer::runAsSuperuser(const QString &sql, QString *output, const QString &database)
{
    QByteArray out;
    if (!m_running) {
        m_error = u"The PostgreSQL test server is not running."_s;
        return false;
    }
    if (!runTool(u"psql"_s, {u"--no-psqlrc"_s, u"--quiet"_s, u"--no-align"_s, u"--tuples-only"_s,
                             u"--set=ON_ERROR_STOP=1"_s, u"--host="_s + m_dir->path(),
                             u"--port="_s + QString::number(m_port), u"--username="_s + superuser,
                             u"--dbname="_s + database, u"--file=-"_s},
                 sql.toUtf8(), &out))
        return false;
    if (output)
        *output = QString::fromUtf8(out).trimmed();
    return true;
}

QString PostgresServer::url(const QString &database) const
{
    return u"postgresql://%1@127.0.0.1:%2/%3"_s.arg(role()).arg(m_port).arg(database);
}
