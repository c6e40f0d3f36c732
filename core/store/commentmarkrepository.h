#pragma once

#include "common/error.h"

#include <QHash>

#include <memory>

namespace OrderBridge {

class Database;

/// The newest status-history entry (its entity_id) seen per Magento order, in `magento_comment_marks`.
/// The comment sweep compares what Magento lists against it to find comments that did not move the
/// order's updated_at. Use from one thread at a time (it takes that thread's connection).
class CommentMarkRepository
{
public:
    explicit CommentMarkRepository(std::shared_ptr<Database> database);

    /// Every stored mark: Magento entity_id -> newest history entity_id seen.
    [[nodiscard]] Result<QHash<qint64, qint64>> load() const;
    /// Stores these marks (others stay), in one transaction.
    Result<void> save(const QHash<qint64, qint64> &marks) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
