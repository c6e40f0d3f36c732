#pragma once

#include "sync/syncrunsummary.h"

#include <QCoreApplication>
#include <QString>

/// The one-line account of a finished run the console shows (status bar, health strip, notification).
class RunSummaryText
{
    Q_DECLARE_TR_FUNCTIONS(RunSummaryText)

public:
    /// "No new or changed orders." when the run found nothing to do; otherwise the counts, why it
    /// stopped and why Magento could not be read.
    [[nodiscard]] static QString describe(const OrderBridge::SyncRunSummary &summary);
    /// True when the run queued nothing, wrote nothing and failed nothing.
    [[nodiscard]] static bool foundNothing(const OrderBridge::SyncRunSummary &summary);
};
