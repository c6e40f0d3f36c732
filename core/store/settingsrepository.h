#pragma once

#include "common/error.h"
#include "settings/settings.h"

#include <memory>

namespace OrderBridge {

class Database;

/// Loads and saves Settings in the `settings` table (one row per dotted key, value as text).
class SettingsRepository
{
public:
    explicit SettingsRepository(std::shared_ptr<Database> database);

    /// The stored settings; keys never stored take their defaults. A stored value that no longer
    /// validates (e.g. edited by hand) is logged and replaced by the option's default.
    [[nodiscard]] Result<Settings> load() const;
    /// Writes every option in one transaction.
    Result<void> save(const Settings &settings) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
