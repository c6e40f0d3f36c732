#pragma once

#include "magentosearchcriteria.h"
#include "magentotypes.h"

#include <QDateTime>

namespace OrderBridge {

/// Keyset paging over GET /V1/orders in change-feed order (updated_at ASC, entity_id ASC). Pure: it says
/// which searchCriteria to send next and digests the page that came back.
///
/// Why keyset and not currentPage: an order saved while we page moves from its old position to the end;
/// with offset paging every order behind it moves up one place and the one crossing the page boundary is
/// never seen. Each query here starts at the last key seen (`updated_at gteq t`, keys <= the cursor dropped),
/// so a moving order is met again at its new place and none is skipped. When more orders than a page share
/// one second, the cursor pages inside that second by entity_id (`updated_at eq t` AND `entity_id gt id`),
/// then continues with `updated_at gt t`. Each query asks for currentPage 1; the feed is exhausted when a
/// reply has no items or current_page * page_size >= total_count.
class MagentoChangeCursor
{
public:
    /// `windowStart` invalid: from the first order ever.
    MagentoChangeCursor(const QDateTime &windowStart, int pageSize);

    [[nodiscard]] MagentoSearchCriteria nextCriteria() const;
    /// Takes the reply to nextCriteria() and returns its orders beyond the cursor, in feed order.
    QList<MagentoOrder> absorb(const MagentoOrderPage &page);
    /// True when the whole window has been read.
    [[nodiscard]] bool isDone() const { return m_done; }
    /// True when the server ignored the filters and paging could not advance (the pass ended early).
    [[nodiscard]] bool isStalled() const { return m_stalled; }
    [[nodiscard]] int pageSize() const { return m_pageSize; }

private:
    enum class Mode { Start, AtOrAfter, SameSecond, After };

    QDateTime m_start;
    int m_pageSize;
    Mode m_mode = Mode::Start;
    MagentoOrderKey m_cursor;
    bool m_done = false;
    bool m_stalled = false;
};

} // namespace OrderBridge
