#include "magentochangecursor.h"

#include "magentotime.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

using Condition = MagentoSearchCriteria::Condition;

MagentoChangeCursor::MagentoChangeCursor(const QDateTime &windowStart, int pageSize)
    : m_start(windowStart)
    , m_pageSize(std::max(1, pageSize))
{
}

MagentoSearchCriteria MagentoChangeCursor::nextCriteria() const
{
    MagentoSearchCriteria criteria;
    const QString updatedAt = u"updated_at"_s;
    const QString entityId = u"entity_id"_s;
    switch (m_mode) {
    case Mode::Start:
        if (m_start.isValid())
            criteria.where(updatedAt, Condition::Gteq, MagentoTime::format(m_start));
        break;
    case Mode::AtOrAfter:
        criteria.where(updatedAt, Condition::Gteq, MagentoTime::format(m_cursor.updatedAt));
        break;
    case Mode::SameSecond:
        criteria.where(updatedAt, Condition::Eq, MagentoTime::format(m_cursor.updatedAt))
            .where(entityId, Condition::Gt, QString::number(m_cursor.entityId));
        break;
    case Mode::After:
        criteria.where(updatedAt, Condition::Gt, MagentoTime::format(m_cursor.updatedAt));
        break;
    }
    if (m_mode != Mode::SameSecond)
        criteria.orderBy(updatedAt);
    criteria.orderBy(entityId).setPageSize(m_pageSize).setCurrentPage(1);
    return criteria;
}

QList<MagentoOrder> MagentoChangeCursor::absorb(const MagentoOrderPage &page)
{
    if (m_done)
        return {};
    QList<MagentoOrder> fresh;
    for (const MagentoOrder &order : page.orders) {
        if (m_mode == Mode::Start || m_cursor < order.key())
            fresh.append(order);
    }
    std::sort(fresh.begin(), fresh.end(),
              [](const MagentoOrder &a, const MagentoOrder &b) { return a.key() < b.key(); });

    const bool complete = page.itemCount == 0 || page.totalCount <= qint64(m_pageSize);
    if (!fresh.isEmpty())
        m_cursor = fresh.last().key();

    if (complete) {
        if (m_mode == Mode::SameSecond)
            m_mode = Mode::After; // the crowded second is exhausted; go on after it
        else
            m_done = true;
        return fresh;
    }
    if (!fresh.isEmpty()) {
        m_mode = Mode::AtOrAfter;
        return fresh;
    }
    // A full page with nothing beyond the cursor: more orders share this second than fit a page.
    if (m_mode == Mode::AtOrAfter || m_mode == Mode::Start) {
        if (m_mode == Mode::Start && page.orders.isEmpty()) {
            m_done = true;
            m_stalled = true;
        } else {
            if (m_mode == Mode::Start)
                m_cursor = page.orders.first().key();
            m_mode = Mode::SameSecond;
        }
        return fresh;
    }
    // SameSecond or After returned a full page without a single newer key: the server ignores our filters.
    m_done = true;
    m_stalled = true;
    return fresh;
}

} // namespace OrderBridge
