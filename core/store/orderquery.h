#pragma once

#include "store/syncstatus.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace OrderBridge {

/// A filtered, sorted page of the orders mirror (for the orders grid and `orders list`).
struct OrderQuery
{
    enum class SortColumn { IncrementId, CreatedAt, UpdatedAt, Status, SyncStatus, GrandTotal, CustomerEmail, CustomerName };

    SortColumn sortBy = SortColumn::CreatedAt;
    bool descending = true;
    std::optional<OrderBridge::SyncStatus> syncStatus{};
    QString magentoStatus{}; ///< exact Magento status code; empty for any
    /// Words, each the start of a word of the increment ID, customer e-mail or customer name (case and accents
    /// ignored); a number also finds the increment ID without leading zeros. Empty for all.
    QString search{};
    /// Purchase date (created_at) range, both ends included; an invalid time leaves that end open.
    QDateTime createdFrom{};
    QDateTime createdTo{};
    /// Grand total range in the order's currency, both ends included; std::nullopt leaves that end open.
    std::optional<double> minGrandTotal{};
    std::optional<double> maxGrandTotal{};
    int limit = 100;
    int offset = 0;
};

} // namespace OrderBridge
