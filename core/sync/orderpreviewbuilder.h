#pragma once

#include "sync/consoletypes.h"
#include "sync/syncengine.h"

#include <QList>

namespace OrderBridge {

/// The records the next sync of an order writes, each beside the values Salesforce holds now
/// (one PreviewRecord per record; records of the order the sync leaves alone are listed as "none").
[[nodiscard]] QList<PreviewRecord> buildPreviewRecords(const OrderOutcome &outcome);

} // namespace OrderBridge
