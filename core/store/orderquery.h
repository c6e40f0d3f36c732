#pragma once

#include "store/syncstatus.h"

#include <QString>

#include <optional>

namespace OrderBridge {

/// A filtered, sorted page of the orders mirror (for the orders grid and `orders list`).
struct OrderQuery
{
    enum class SortColumn { IncrementId, CreatedAt, UpdatedAt, Status, SyncStatus, GrandTotal, CustomerEmail, CustomerName };

    SortColumn sortBy = SortColumn::CreatedAt;
    bool descending = true;
    std::optional<OrderBridge::SyncStatus> syncStatus;
    QString magentoStatus; ///< exact Magento status code; empty for any
    /// Words, each the start of a word of the increment ID, customer e-mail or customer name (case and accents
    /// ignored); a number also finds the increment ID without leading zeros. Empty for all.
    QString search;
    int limit = 100;
    int offset = 0;
};

} // namespace OrderBridge
