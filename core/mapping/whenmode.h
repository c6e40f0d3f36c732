#pragma once

#include "common/error.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace OrderBridge {

/// When a mapping writes its value: on insert and update, only when the record is created, or only on update.
enum class WhenMode { Upsert, InsertOnly, UpdateOnly };

/// The kind of Salesforce write a mapping set is evaluated for.
enum class WriteOperation { Insert, Update };

[[nodiscard]] QList<WhenMode> allWhenModes();

/// Database form: "upsert", "insert", "update".
[[nodiscard]] QString whenModeDbName(WhenMode mode);
/// User (CLI, file) form: "upsert", "insert-only", "update-only".
[[nodiscard]] QString whenModeUserName(WhenMode mode);
/// Label: "Upsert", "Insert Only", "Update Only".
[[nodiscard]] QString whenModeLabel(WhenMode mode);

[[nodiscard]] std::optional<WhenMode> whenModeFromDbName(QStringView text);
/// Accepts the user form, the database form and the label (case-insensitive).
[[nodiscard]] std::optional<WhenMode> whenModeFromUserName(QStringView text);
/// Like whenModeFromUserName, with an error that lists the allowed values.
[[nodiscard]] Result<WhenMode> parseWhenMode(QStringView text);

/// True when a mapping with this mode writes on the given operation.
[[nodiscard]] bool whenModeApplies(WhenMode mode, WriteOperation operation);
/// True when two modes can write on a common operation (Upsert overlaps everything).
[[nodiscard]] bool whenModesOverlap(WhenMode a, WhenMode b);

} // namespace OrderBridge
