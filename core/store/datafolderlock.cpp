#include "store/datafolderlock.h"

#include "common/logging.h"

#include <QDir>
#include <QSysInfo>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString cleanAbsolute(const QString &dir)
{
    return QDir::cleanPath(QDir(dir).absolutePath());
}

} // namespace

DataFolderLock::DataFolderLock(QString dataDir)
    : m_dataDir(std::move(dataDir))
    , m_lock(m_dataDir + u'/' + lockFileName())
{
    // Held for hours: only a dead owner makes a lock stale, never its age.
    m_lock.setStaleLockTime(0);
}

DataFolderLock::~DataFolderLock()
{
    if (m_lock.isLocked())
        qCDebug(lcStore) << "Releasing the lock on" << m_dataDir;
    m_lock.unlock();
}

QString DataFolderLock::lockFileName()
{
    return u"orderbridge.lock"_s;
}

QString DataFolderLock::lockFilePath() const
{
    return m_dataDir + u'/' + lockFileName();
}

Result<std::unique_ptr<DataFolderLock>> DataFolderLock::acquire(const QString &dataDir)
{
    const QString dir = cleanAbsolute(dataDir);
    if (!QDir().mkpath(dir))
        return fail(u"store.lock_failed"_s, tr("The data folder %1 cannot be created.").arg(QDir::toNativeSeparators(dir)),
                    tr("Check the permissions of its parent folder or choose another data folder with --data-dir."));
    std::unique_ptr<DataFolderLock> lock(new DataFolderLock(dir));
    // tryLock(0) takes over a stale lock (its process is gone) and otherwise returns at once.
    if (lock->m_lock.tryLock(0))
        return lock;
    const QString path = QDir::toNativeSeparators(lock->lockFilePath());
    if (lock->m_lock.error() != QLockFile::LockFailedError)
        return fail(u"store.lock_failed"_s,
                    tr("The data folder %1 cannot be locked: the lock file %2 cannot be written.")
                        .arg(QDir::toNativeSeparators(dir), path),
                    tr("Check that the data folder is writable by you and the disk is not full."));

    qint64 pid = 0;
    QString host;
    QString application;
    if (!lock->m_lock.getLockInfo(&pid, &host, &application))
        // The holder let go between the two calls, or wrote its file only half: say so, not who.
        return fail(ErrorKind::Locked, u"store.data_folder_in_use"_s,
                    tr("The data folder %1 is in use by another OrderBridge process.").arg(QDir::toNativeSeparators(dir)),
                    tr("Wait a moment and try again."));
    if (application.isEmpty())
        application = tr("an unnamed program");
    QString hint = tr("Stop that process or wait for it to finish, then try again.");
    // On this host a dead holder's lock is taken over; one from another host cannot be checked.
    if (!host.isEmpty() && host != QSysInfo::machineHostName())
        hint += u' ' + tr("If it no longer runs on %1, delete %2.").arg(host, path);
    return fail(ErrorKind::Locked, u"store.data_folder_in_use"_s,
                tr("The data folder %1 is in use by %2 (process %3 on %4).")
                    .arg(QDir::toNativeSeparators(dir), application, QString::number(pid),
                         host.isEmpty() ? tr("an unknown host") : host),
                hint);
}

} // namespace OrderBridge
