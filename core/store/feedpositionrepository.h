#pragma once

#include "common/error.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace OrderBridge {

class Database;

/// Where the Magento change feed stands (the `feed_position` table): its high-water mark and the
/// order versions it confirmed, kept in the same store as the queue those versions went into.
/// The position is the feed's own JSON document (MagentoChangeFeedState::toJson()); the store keeps
/// it whole and does not read into it. Use from one thread at a time (it takes that thread's connection).
class FeedPositionRepository
{
public:
    explicit FeedPositionRepository(std::shared_ptr<Database> database);

    /// The stored position; an empty object before the first save.
    [[nodiscard]] Result<QJsonObject> load() const;
    /// Replaces the stored position.
    Result<void> save(const QJsonObject &position) const;

    /// Imports the position file that builds before schema version 3 kept beside the database and
    /// removes it. Returns false when there is no such file. A position already stored wins (the
    /// file is then only removed). A file that is not a JSON object is left in place and reported
    /// (store.feed_import_failed); nothing is stored then.
    Result<bool> importLegacyFile(const QString &filePath) const;
    /// The name of that file in the data folder: `magento-feed.json`.
    [[nodiscard]] static QString legacyFileName();

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
