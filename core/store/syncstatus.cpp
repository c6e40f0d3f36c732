#include "store/syncstatus.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<SyncStatus> allSyncStatuses()
{
    return {SyncStatus::InSync, SyncStatus::Pending, SyncStatus::OutOfSync, SyncStatus::Error, SyncStatus::Skipped};
}

QString syncStatusDbName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::InSync:
        return u"in_sync"_s;
    case SyncStatus::Pending:
        return u"pending"_s;
    case SyncStatus::OutOfSync:
        return u"out_of_sync"_s;
    case SyncStatus::Error:
        return u"error"_s;
    case SyncStatus::Skipped:
        return u"skipped"_s;
    }
    return u"pending"_s;
}

std::optional<SyncStatus> syncStatusFromDbName(QStringView text)
{
    for (const SyncStatus status : allSyncStatuses()) {
        if (text == syncStatusDbName(status))
            return status;
    }
    return std::nullopt;
}

} // namespace OrderBridge
