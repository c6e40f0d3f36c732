#pragma once

#include "common/error.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

#include <memory>

namespace OrderBridge {

/// Keeps a data folder to one OrderBridge process at a time: a lock file (`orderbridge.lock`) in the
/// folder, held for as long as the object lives. Taking it never waits. A lock left by a process
/// that no longer runs on this host (a crash, a kill) is taken over; a lock from another host is
/// never taken over (its owner may still be running).
class DataFolderLock
{
    Q_DECLARE_TR_FUNCTIONS(DataFolderLock)

public:
    /// Takes the lock on `dataDir` (created if missing). Fails with store.data_folder_in_use naming the
    /// process that holds it (process ID, host name, application) and what to do, or with
    /// store.lock_failed when the lock file cannot be written.
    static Result<std::unique_ptr<DataFolderLock>> acquire(const QString &dataDir);

    /// Releases the lock (removes the lock file).
    ~DataFolderLock();

    DataFolderLock(const DataFolderLock &) = delete;
    DataFolderLock &operator=(const DataFolderLock &) = delete;
    DataFolderLock(DataFolderLock &&) = delete;
    DataFolderLock &operator=(DataFolderLock &&) = delete;

    /// The locked folder (absolute, clean).
    [[nodiscard]] QString dataDir() const { return m_dataDir; }
    [[nodiscard]] QString lockFilePath() const;
    /// `orderbridge.lock`.
    [[nodiscard]] static QString lockFileName();

private:
    explicit DataFolderLock(QString dataDir);

    QString m_dataDir;
    QLockFile m_lock;
};

} // namespace OrderBridge
