#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace OrderBridge {

/// Where a mirrored order stands against Salesforce.
enum class SyncStatus { InSync, Pending, OutOfSync, Error, Skipped };

[[nodiscard]] QList<SyncStatus> allSyncStatuses();
/// Database form: "in_sync", "pending", "out_of_sync", "error", "skipped".
[[nodiscard]] QString syncStatusDbName(SyncStatus status);
[[nodiscard]] std::optional<SyncStatus> syncStatusFromDbName(QStringView text);

} // namespace OrderBridge
