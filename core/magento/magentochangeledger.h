#pragma once

#include "magentotypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>

namespace OrderBridge {

/// What the change feed must remember between runs: the high-water mark and the order versions already
/// processed inside the overlap window (so the overlap does not process them twice).
struct MagentoChangeFeedState
{
    QDateTime highWater;                  ///< invalid: nothing processed yet
    QList<MagentoOrderKey> processed;     ///< keys with updated_at >= highWater - overlap

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static MagentoChangeFeedState fromJson(const QJsonObject &json);
};

/// The bookkeeping of the change feed, pure: which order versions are new, and how far the high-water mark
/// may move. A version (entity_id, updated_at) is delivered once per pass; it counts as processed only when
/// the caller confirms it; the high-water mark never passes an unconfirmed delivered version, so anything
/// not confirmed (a crash, a failed hand-over) is delivered again by the next pass.
class MagentoChangeLedger
{
public:
    explicit MagentoChangeLedger(int overlapSeconds = 5, MagentoChangeFeedState state = {});

    /// Where the next pass starts reading: highWater - overlap (invalid when nothing was processed yet).
    [[nodiscard]] QDateTime windowStart() const;
    /// Starts a pass: versions delivered but never confirmed become deliverable again.
    void beginPass();
    /// True when `key` is new (neither processed nor already delivered in this pass); it is then pending.
    bool admit(const MagentoOrderKey &key);
    /// The caller has durably taken these versions; moves the high-water mark as far as is safe.
    void confirm(const QList<MagentoOrderKey> &keys);

    [[nodiscard]] QDateTime highWater() const { return m_highWater; }
    [[nodiscard]] int overlapSeconds() const { return m_overlapSeconds; }
    [[nodiscard]] qsizetype pendingCount() const { return m_pending.size(); }
    [[nodiscard]] bool isProcessed(const MagentoOrderKey &key) const { return m_processed.contains(key); }
    [[nodiscard]] MagentoChangeFeedState state() const;

private:
    void prune();

    int m_overlapSeconds;
    QDateTime m_highWater;
    QSet<MagentoOrderKey> m_processed;
    QSet<MagentoOrderKey> m_pending;
};

} // namespace OrderBridge
