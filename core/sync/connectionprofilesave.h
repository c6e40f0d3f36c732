#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <memory>

namespace OrderBridge {

class Database;

/// Stores a connection profile from the console's form: validated whole (nothing stored when
/// refused), trimmed, saved under its name and made the active one.
class ConnectionProfileSave
{
public:
    explicit ConnectionProfileSave(std::shared_ptr<Database> database);

    /// The stored profile with its id, or the validator's error naming the field and the fix.
    [[nodiscard]] Result<ConnectionProfile> save(const ConnectionProfile &profile) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
