#include "common/runsummarytext.h"

using namespace Qt::Literals::StringLiterals;

bool RunSummaryText::foundNothing(const OrderBridge::SyncRunSummary &summary)
{
    return summary.queued == 0 && summary.inSync == 0 && summary.outOfSync == 0 && summary.skipped == 0
        && summary.errors == 0 && !summary.failedToRead() && summary.stoppedBecause.isEmpty();
}

QString RunSummaryText::describe(const OrderBridge::SyncRunSummary &summary)
{
    if (foundNothing(summary))
        return tr("No new or changed orders.");
    // One %n per string (Qt's plural rule): the error count carries the plural, the others read the same for any number.
    QString text = tr("%1 in sync, %2 out of sync, %3 skipped, %4.")
                       .arg(summary.inSync)
                       .arg(summary.outOfSync)
                       .arg(summary.skipped)
                       .arg(tr("%n error(s)", nullptr, summary.errors));
    if (!summary.stoppedBecause.isEmpty())
        text += u' ' + tr("Stopped: %1").arg(summary.stoppedBecause);
    if (summary.failedToRead())
        text += u' ' + summary.sourceError;
    return text;
}
