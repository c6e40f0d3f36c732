#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <QDateTime>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// Stores a connection profile from the console's form: validated whole (nothing stored when
/// refused), trimmed, saved under its name and made the active one.
class ConnectionProfileSave
{
public:
    explicit ConnectionProfileSave(std::shared_ptr<Database> database);

    /// The stored profile with its id, or the validator's error naming the field and the fix.
    /// On the data folder's first Magento connection it also sets orders.sync_since (SyncStart).
    [[nodiscard]] Result<ConnectionProfile> save(const ConnectionProfile &profile);
    /// The moment the last save() set orders.sync_since to, if it did.
    [[nodiscard]] std::optional<QDateTime> syncStartedAt() const { return m_syncStartedAt; }

private:
    std::shared_ptr<Database> m_database;
    std::optional<QDateTime> m_syncStartedAt;
};

} // namespace OrderBridge
