#pragma once

#include "store/syncstatus.h"

#include <QMetaType>

#include <array>
#include <cstddef>

namespace OrderBridge {

/// How many mirrored orders stand at each sync status.
struct SyncStatusCounts
{
    std::array<qint64, 5> orders{};

    [[nodiscard]] qint64 of(SyncStatus status) const { return orders.at(std::size_t(status)); }
    void set(SyncStatus status, qint64 count) { orders.at(std::size_t(status)) = count; }
    [[nodiscard]] qint64 total() const
    {
        qint64 sum = 0;
        for (const qint64 count : orders)
            sum += count;
        return sum;
    }

    friend bool operator==(const SyncStatusCounts &, const SyncStatusCounts &) = default;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::SyncStatusCounts)
