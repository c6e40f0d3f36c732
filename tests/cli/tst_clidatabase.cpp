#include "clirunner.h"
#include "postgresserver.h"
#include "store/database.h"
#include "store/settingsrepository.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// orderbridge-cli on a shared PostgreSQL database: --database / ORDERBRIDGE_DATABASE, the password from the secrets
// (here ORDERBRIDGE_SECRETS), never from the URL.
class TestCliDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void configSetWritesTheSharedDatabase();
    void environmentNamesTheDatabase();
    void passwordInUrlIsRefused();
    void wrongPasswordExitsOne();
    void secretsWithoutDatabasePasswordExitOne();

private:
    [[nodiscard]] QProcessEnvironment environment(const QString &password) const;

    PostgresServer m_server;
    QTemporaryDir m_dataDir;
    QString m_url;
};

void TestCliDatabase::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE)), ORDERBRIDGE_CLI_EXECUTABLE);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createDatabase(u"team"_s), qPrintable(m_server.errorString()));
    m_url = m_server.url(u"team"_s);
}

QProcessEnvironment TestCliDatabase::environment(const QString &password) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"ORDERBRIDGE_DATABASE"_s);
    const QJsonObject secrets{{u"version"_s, 1}, {u"profiles"_s, QJsonObject()},
                              {u"database"_s, QJsonObject{{u"password"_s, password}}}};
    env.insert(u"ORDERBRIDGE_SECRETS"_s, QString::fromUtf8(QJsonDocument(secrets).toJson(QJsonDocument::Compact)));
    return env;
}

void TestCliDatabase::configSetWritesTheSharedDatabase()
{
    const CliRun run = runCli(withDataDir(m_dataDir.path(), {u"--database"_s, m_url, u"config"_s, u"set"_s,
                                                             u"engine.batch_size"_s, u"42"_s}),
                              environment(m_server.password()));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // In the shared database, not in a SQLite file in the data folder.
    QVERIFY(!QFile::exists(m_dataDir.filePath(u"orderbridge.sqlite"_s)));
    const auto db = Database::open(*PostgresAddress::parse(m_url), m_server.password());
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    const auto settings = SettingsRepository(*db).load();
    QVERIFY(settings);
    QCOMPARE(settings->batchSize(), 42);
}

void TestCliDatabase::environmentNamesTheDatabase()
{
    const auto db = Database::open(*PostgresAddress::parse(m_url), m_server.password());
    QVERIFY(db);
    Settings settings;
    QVERIFY(settings.set(u"engine.max_attempts"_s, u"9"_s));
    QVERIFY(SettingsRepository(*db).save(settings));
    QProcessEnvironment env = environment(m_server.password());
    env.insert(u"ORDERBRIDGE_DATABASE"_s, m_url);
    const CliRun run = runCli(withDataDir(m_dataDir.path(), {u"config"_s, u"get"_s, u"engine.max_attempts"_s}), env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.trimmed(), u"9"_s);
}

void TestCliDatabase::passwordInUrlIsRefused()
{
    QString url = m_url;
    url.replace(u"orderbridge@"_s, u"orderbridge:Hunter2-pw@"_s);
    const CliRun run =
        runCli(withDataDir(m_dataDir.path(), {u"--database"_s, url, u"config"_s, u"show"_s}), environment(u"x"_s));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"password"_s) && run.err.contains(u"keychain"_s), qPrintable(run.err));
    QVERIFY(!run.err.contains(u"Hunter2"_s));
}

void TestCliDatabase::wrongPasswordExitsOne()
{
    const CliRun run = runCli(withDataDir(m_dataDir.path(), {u"--database"_s, m_url, u"config"_s, u"show"_s}),
                              environment(u"wrong-Passw0rd"_s));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"password authentication failed"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"database.password"_s), qPrintable(run.err));
    QVERIFY(!run.err.contains(u"wrong-Passw0rd"_s));
}

void TestCliDatabase::secretsWithoutDatabasePasswordExitOne()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ORDERBRIDGE_SECRETS"_s, u"{\"version\": 1, \"profiles\": {}}"_s);
    const CliRun run =
        runCli(withDataDir(m_dataDir.path(), {u"--database"_s, m_url, u"config"_s, u"show"_s}), env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"database.password"_s), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliDatabase)
#include "tst_clidatabase.moc"
