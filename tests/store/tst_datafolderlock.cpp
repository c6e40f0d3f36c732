#include "store/datafolderlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <iostream>
#include <string>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QString holdArgument = u"--hold-lock"_s;
const QString exitArgument = u"--exit"_s;

// The second process: run as `tst_datafolderlock --hold-lock <dir>`, it takes the lock, says
// "locked" on stdout and holds the lock until its stdin closes.
int holdLock(const QString &dir)
{
    auto lock = DataFolderLock::acquire(dir);
    if (!lock) {
        std::printf("failed: %s\n", qPrintable(lock.error().toString()));
        return 2;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
}

} // namespace

class TestDataFolderLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesAndReleasesTheLock();
    void createsAMissingFolder();
    void secondLockInTheSameProcessIsRefused();
    void anotherProcessHoldingTheLockIsNamed();
    void staleLockOfAKilledProcessIsTakenOver();
    void staleLockFileOfAGoneProcessIsTakenOver();

private:
    /// Starts the holder process on `dir` and waits until it holds the lock.
    static void startHolder(QProcess &holder, const QString &dir);
};

void TestDataFolderLock::startHolder(QProcess &holder, const QString &dir)
{
    holder.setProcessChannelMode(QProcess::SeparateChannels);
    holder.start(QCoreApplication::applicationFilePath(), {holdArgument, dir});
    QVERIFY(holder.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(holder.canReadLine() || holder.state() == QProcess::NotRunning, 10'000);
    const QByteArray line = holder.readLine().trimmed();
    QVERIFY2(line == "locked", QByteArray(line + " " + holder.readAllStandardError()).constData());
}

void TestDataFolderLock::takesAndReleasesTheLock()
{
    QTemporaryDir dir;
    QString lockFile;
    {
        auto lock = DataFolderLock::acquire(dir.path());
        QVERIFY2(lock, lock ? "" : qPrintable(lock.error().toString()));
        lockFile = (*lock)->lockFilePath();
        QCOMPARE(lockFile, QDir(dir.path()).filePath(DataFolderLock::lockFileName()));
        QCOMPARE((*lock)->dataDir(), QDir::cleanPath(dir.path()));
        QVERIFY(QFile::exists(lockFile));
    }
    QVERIFY(!QFile::exists(lockFile));
    QVERIFY(DataFolderLock::acquire(dir.path())); // free again
}

void TestDataFolderLock::createsAMissingFolder()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(u"not/yet/there"_s);
    auto lock = DataFolderLock::acquire(data);
    QVERIFY2(lock, lock ? "" : qPrintable(lock.error().toString()));
    QVERIFY(QFileInfo(data).isDir());
}

void TestDataFolderLock::secondLockInTheSameProcessIsRefused()
{
    QTemporaryDir dir;
    auto first = DataFolderLock::acquire(dir.path());
    QVERIFY(first);
    auto second = DataFolderLock::acquire(dir.filePath(u"."_s));
    QVERIFY(!second);
    QCOMPARE(second.error().code, u"store.data_folder_in_use"_s);
    QVERIFY2(second.error().message.contains(QString::number(QCoreApplication::applicationPid())),
             qPrintable(second.error().message));
    QVERIFY(QFile::exists((*first)->lockFilePath())); // the refused attempt leaves the holder's file alone
}

void TestDataFolderLock::anotherProcessHoldingTheLockIsNamed()
{
    QTemporaryDir dir;
    QProcess holder;
    startHolder(holder, dir.path());
    if (QTest::currentTestFailed())
        return;

    const auto refused = DataFolderLock::acquire(dir.path());
    QVERIFY(!refused);
    const Error &error = refused.error();
    QCOMPARE(error.code, u"store.data_folder_in_use"_s);
    QVERIFY2(error.message.contains(QDir::toNativeSeparators(QDir::cleanPath(dir.path()))), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"process %1 "_s.arg(holder.processId())), qPrintable(error.message));
    QVERIFY2(error.message.contains(QSysInfo::machineHostName()), qPrintable(error.message));
    QVERIFY2(error.message.contains(QFileInfo(QCoreApplication::applicationFilePath()).fileName()),
             qPrintable(error.message));
    QVERIFY2(error.hint.contains(u"Stop that process or wait for it"_s), qPrintable(error.hint));

    // The holder ends normally: its lock goes with it.
    holder.closeWriteChannel();
    QVERIFY(holder.waitForFinished(10'000));
    QCOMPARE(holder.exitCode(), 0);
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath(DataFolderLock::lockFileName())));
    QVERIFY(DataFolderLock::acquire(dir.path()));
}

void TestDataFolderLock::staleLockOfAKilledProcessIsTakenOver()
{
    QTemporaryDir dir;
    QProcess holder;
    startHolder(holder, dir.path());
    if (QTest::currentTestFailed())
        return;
    holder.kill(); // no chance to clean up: the lock file stays behind
    QVERIFY(holder.waitForFinished(10'000));
    const QString lockFile = QDir(dir.path()).filePath(DataFolderLock::lockFileName());
    QVERIFY(QFile::exists(lockFile));

    auto lock = DataFolderLock::acquire(dir.path());
    QVERIFY2(lock, lock ? "" : qPrintable(lock.error().toString()));
    QVERIFY(QFile::exists(lockFile));
}

void TestDataFolderLock::staleLockFileOfAGoneProcessIsTakenOver()
{
    // A lock file naming a process that has ended (its id not reused by an OrderBridge program).
    QProcess gone;
    gone.start(QCoreApplication::applicationFilePath(), {exitArgument});
    QVERIFY(gone.waitForStarted(10'000));
    const qint64 pid = gone.processId();
    QVERIFY(gone.waitForFinished(10'000));

    QTemporaryDir dir;
    QFile stale(QDir(dir.path()).filePath(DataFolderLock::lockFileName()));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write(QByteArray::number(pid) + "\ntst_datafolderlock\n" + QSysInfo::machineHostName().toUtf8() + '\n'
                + QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n');
    stale.close();

    auto lock = DataFolderLock::acquire(dir.path());
    QVERIFY2(lock, lock ? "" : qPrintable(lock.error().toString()));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 3 && arguments.at(1) == holdArgument)
        return holdLock(arguments.at(2));
    if (arguments.size() == 2 && arguments.at(1) == exitArgument)
        return 0;
    TestDataFolderLock test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_datafolderlock.moc"
