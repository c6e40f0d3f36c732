#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <QList>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// Stores ConnectionProfile rows (no secrets) in the `connection_profiles` table.
class ConnectionProfileRepository
{
public:
    explicit ConnectionProfileRepository(std::shared_ptr<Database> database);

    /// All profiles, ordered by name.
    [[nodiscard]] Result<QList<ConnectionProfile>> list() const;
    [[nodiscard]] Result<std::optional<ConnectionProfile>> findByName(const QString &name) const;
    /// The active profile, if one is marked active.
    [[nodiscard]] Result<std::optional<ConnectionProfile>> active() const;
    /// Inserts (id 0) or updates the profile; returns it with its id. Marking it active clears the
    /// mark on every other profile in the same transaction.
    Result<ConnectionProfile> save(const ConnectionProfile &profile) const;
    Result<void> remove(qint64 id) const;

private:
    [[nodiscard]] Result<QList<ConnectionProfile>> select(const QString &where, const QVariant &argument) const;

    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
