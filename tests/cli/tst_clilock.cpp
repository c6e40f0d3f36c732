// One process per data folder: while another process holds the folder (here the test itself holds
// it, as a running `sync --watch` or an open console would), `sync --once` and `retry --errors` exit
// 1 naming that process and touch nothing: the batch it has running is not queued again, an order in
// Error stays in Error. Once the folder is free they go ahead (and queue both again, before they
// find that the connection, to a closed port, cannot sign in).

#include "asyncresult.h"
#include "clirunner.h"
#include "judgedorders.h"

#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/datafolderlock.h"
#include "sync/syncstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestCliLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secondProcessExitsNamingTheHolder();
    void readingCommandsStillWork();
    void freeFolderIsTaken();

private:
    [[nodiscard]] QStringList withSecrets(QStringList args) const { return args << u"--secrets-file"_s << m_secrets; }
    /// Queue entries ready to be taken (a batch queued again after a crash would be; a running one is not).
    [[nodiscard]] int queued() const;

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    QString m_secrets;
};

void TestCliLock::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto db = Database::open(m_dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(db.has_value());
    m_db = *db;
    // An order in Error, and a batch the holder has under way.
    const QString seeded = JudgedOrders::seed(m_db, {{1, SyncStatus::Error}});
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    const QString started = JudgedOrders::startBatch(m_db, {2, 3});
    QVERIFY2(started.isEmpty(), qPrintable(started));
    QCOMPARE(queued(), 0);

    // A connection, so that a run would start (and recover what it finds running) before it signs in.
    ConnectionProfile profile;
    profile.name = u"closed"_s;
    profile.magentoBaseUrl = u"http://127.0.0.1:9"_s;
    profile.salesforceLoginUrl = u"http://127.0.0.1:9"_s;
    profile.salesforceFlow = SalesforceFlow::UsernamePassword;
    profile.salesforceClientId = u"client"_s;
    profile.salesforceUsername = u"nobody@example.org"_s;
    profile.active = true;
    QVERIFY(ConnectionProfileRepository(m_db).save(profile).has_value());
    m_secrets = m_dir.filePath(u"secrets.json"_s);
    QFile file(m_secrets);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject secrets{{u"magento.token"_s, u"t"_s}, {u"salesforce.client_secret"_s, u"s"_s},
                              {u"salesforce.password"_s, u"p"_s}};
    file.write(QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"profiles"_s, QJsonObject{{profile.name, secrets}}}}).toJson());
    file.close();
}

int TestCliLock::queued() const
{
    // Taking nothing changes nothing; were something ready, the test fails anyway.
    const auto ready = SyncStore(m_db).takeReady(100, QDateTime::currentDateTimeUtc());
    return ready ? int(ready->size()) : -1;
}

void TestCliLock::secondProcessExitsNamingTheHolder()
{
    auto lock = DataFolderLock::acquire(m_dir.path());
    QVERIFY2(lock.has_value(), qPrintable(errorText(lock)));
    const QString holder = u"process %1"_s.arg(QCoreApplication::applicationPid());
    for (const QStringList &args : {QStringList{u"sync"_s, u"--once"_s}, QStringList{u"sync"_s, u"--once"_s, u"--json"_s},
                                    QStringList{u"retry"_s, u"--errors"_s}}) {
        const CliRun run = runCli(withDataDir(m_dir.path(), withSecrets(args)));
        QVERIFY2(run.finished, qPrintable(args.join(u' ')));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(holder), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"in use"_s), qPrintable(run.err));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    }
    // Nothing was touched: the holder's batch is still its own, the order in Error still in Error.
    QCOMPARE(queued(), 0);
    QCOMPARE(JudgedOrders::statuses(m_db, {{1, SyncStatus::Error}}).value(JudgedOrders::incrementId(1)), u"error"_s);
}

void TestCliLock::readingCommandsStillWork()
{
    auto lock = DataFolderLock::acquire(m_dir.path());
    QVERIFY(lock.has_value());
    CliRun run = runCli(withDataDir(m_dir.path(), {u"status"_s, u"--json"_s}));
    QCOMPARE(run.exitCode, 0);
    run = runCli(withDataDir(m_dir.path(), {u"config"_s, u"get"_s, u"orders.default_status"_s}));
    QCOMPARE(run.exitCode, 0);
    // A change of the settings is the holder's to make.
    run = runCli(withDataDir(m_dir.path(), {u"config"_s, u"set"_s, u"engine.max_attempts"_s, u"7"_s}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"in use"_s), qPrintable(run.err));
}

void TestCliLock::freeFolderIsTaken()
{
    // The holder has ended: retry queues the order in Error again, and its run the batch left
    // running, before the sign-in to the closed port fails.
    const CliRun run = runCli(withDataDir(m_dir.path(), withSecrets({u"retry"_s, u"--errors"_s})));
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"Queued 1 order(s) in Error again."_s), qPrintable(run.out + run.err));
    QVERIFY2(!run.err.contains(u"in use"_s), qPrintable(run.err));
    QCOMPARE(JudgedOrders::statuses(m_db, {{1, SyncStatus::Error}}).value(JudgedOrders::incrementId(1)), u"pending"_s);
    QCOMPARE(queued(), 3);
}

QTEST_GUILESS_MAIN(TestCliLock)
#include "tst_clilock.moc"
