#pragma once

#include <QDateTime>
#include <QString>

namespace OrderBridge {

/// A filter over the sync log: level, order number and time range, shared by the Log page's
/// table and the error export so both show the same entries (SyncLogRepository turns it into SQL).
struct SyncLogQuery
{
    enum class Level { All, Errors, Warnings, Info };

    Level level = Level::All;
    /// Prefix of the order's increment ID; empty for every entry.
    QString orderSearch;
    QDateTime from; ///< inclusive; invalid for no lower bound
    QDateTime to;   ///< exclusive; invalid for no upper bound
    /// Only entries with an id above this (0: no bound); with upToId, the entries logged between two reads.
    qint64 afterId = 0;
    /// Only entries with an id up to this (0: no bound): a snapshot that later entries do not shift.
    qint64 upToId = 0;

    /// The level's name in the store (`error`, `warning`, `info`), empty for All.
    [[nodiscard]] static QString levelName(Level level);

    friend bool operator==(const SyncLogQuery &, const SyncLogQuery &) = default;
};

} // namespace OrderBridge
