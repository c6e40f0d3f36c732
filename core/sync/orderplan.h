#pragma once

#include "common/error.h"
#include "salesforce/writegroup.h"
#include "store/syncstatus.h"

#include <QString>
#include <QStringList>

namespace OrderBridge {

/// What made the sync run: polling (subject to Automated Synchronization) or an operator's request.
enum class SyncTrigger { Automatic, OnDemand };

/// The planner's decision for one order: the record writes (one all-or-nothing group) and the
/// status the order has once they succeeded.
struct OrderPlan
{
    qint64 entityId = 0;
    QString incrementId;
    /// Status after the writes (if any) succeeded. Error means nothing is written.
    SyncStatus status = SyncStatus::InSync;
    /// Why the order is Out of Sync or Skipped, in English (PlannerText); empty otherwise.
    QString reason;
    Error error;
    /// The writes, in the order Salesforce must make them; the group ID is "o<entity_id>".
    WriteGroup writes;
    /// Values cut to a field's length, and other things worth telling the operator (PlannerText).
    QStringList notices;
    bool createsOrder = false;
    QString targetStatus;
    /// The Order is Activated and stays so while its fields or products' fields are written
    /// (Salesforce requires "Edit Activated Orders" for that).
    bool editsActivatedInPlace = false;
    /// The Status write (reference kStatusRef) moves the Order into the Activated category
    /// (Salesforce requires "Activate Orders" for that).
    bool activatesOrder = false;
    int itemsWritten = 0;
    int notesCreated = 0;

    [[nodiscard]] bool hasWrites() const { return !writes.isEmpty(); }

    // Reference IDs of the writes whose results the engine reads back.
    static constexpr QStringView kOrderRef = u"refOrder";
    static constexpr QStringView kAccountRef = u"refAccount";
    static constexpr QStringView kContactRef = u"refContact";
    static constexpr QStringView kOpportunityRef = u"refOpp";
    static constexpr QStringView kStatusRef = u"refStatus";
};

} // namespace OrderBridge
