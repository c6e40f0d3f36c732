#pragma once

#include "sync/connectioncheck.h"

#include <QList>
#include <QMetaType>

namespace OrderBridge {

/// What `setup salesforce` found and did: one line per need of the mappings (the comparison with the
/// org), one line per change it made, and whether the org is ready for the sync.
struct OrgSetupReport
{
    QList<ConnectionCheck> checks;
    QList<ConnectionCheck> steps;
    bool ready = false;
    bool dryRun = true;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::OrgSetupReport)
