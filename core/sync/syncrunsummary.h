#pragma once

#include "common/error.h"

#include <QMetaType>
#include <QString>

namespace OrderBridge {

/// What one run of the worker did.
struct SyncRunSummary
{
    int queued = 0;
    int inSync = 0;
    int outOfSync = 0;
    int skipped = 0;
    int errors = 0;
    int apiCalls = 0;
    QString stoppedBecause; ///< empty when the queue was drained

    friend bool operator==(const SyncRunSummary &, const SyncRunSummary &) = default;
};

/// The answer to a run request: the summary of the run, or why it failed or never started
/// (ErrorKind::Busy: another run was under way and nothing was started).
using RunResult = Result<SyncRunSummary>;

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::SyncRunSummary)
Q_DECLARE_METATYPE(OrderBridge::RunResult)
