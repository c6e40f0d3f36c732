#pragma once

#include "settings/settingoption.h"

#include <QList>
#include <QStringList>

namespace OrderBridge {

/// The one table of every OrderBridge option (key, default, allowed values, validation).
/// Validation, the CLI, JSON import/export, storage and the settings pages all read this table.
class SettingsCatalog
{
public:
    /// All options, in display order (grouped as orders, advanced, engine).
    static const QList<SettingOption> &options();
    /// The option with this dotted key, or nullptr.
    static const SettingOption *find(const QString &key);
    /// All dotted keys, in display order.
    static QStringList keys();
    /// The groups in display order: "orders", "advanced", "engine".
    static QStringList groups();
};

} // namespace OrderBridge
