#include "ordersearchindex.h"

#include <algorithm>
#include <climits>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

enum class Op { Eq, Gt, Gteq, Lt, Lteq };

// The range conditions of SearchCriteria::matchFilter, by the same (lower-cased) names.
std::optional<Op> rangeOp(const QString &conditionType)
{
    const QString c = conditionType.toLower();
    if (c == u"eq"_s)
        return Op::Eq;
    if (c == u"gt"_s)
        return Op::Gt;
    if (c == u"gteq"_s || c == u"moreq"_s || c == u"from"_s)
        return Op::Gteq;
    if (c == u"lt"_s)
        return Op::Lt;
    if (c == u"lteq"_s || c == u"to"_s)
        return Op::Lteq;
    return std::nullopt;
}

constexpr int kEntityId = -1;

// The requested page of the view positions [lo, hi) of `tree`, in the view's order or its reverse.
template<typename Tree>
void fillSlice(const Tree &tree, qsizetype lo, qsizetype hi, const SearchCriteria &criteria, bool ascending,
               OrderSearchIndex::Page &page)
{
    page.total = hi - lo;
    const auto [first, count] = criteria.page(page.total);
    page.ids.reserve(count);
    if (count == 0)
        return;
    auto it = tree.find_by_order(size_t(ascending ? lo + first : hi - 1 - first));
    for (qsizetype i = 0; i < count; ++i) {
        page.ids.append(it->id);
        if (i + 1 < count) {
            if (ascending)
                ++it;
            else
                --it;
        }
    }
}

} // namespace

void OrderSearchIndex::clear()
{
    for (Field &f : m_fields) {
        f.tree.clear();
        f.valueById.clear();
        f.irregular = 0;
    }
    m_isFiled.clear();
    m_filed = 0;
    m_irregularIds = 0;
    m_irregularId.clear();
}

void OrderSearchIndex::update(int entityId, const QJsonObject &order)
{
    std::array<std::optional<QString>, 2> values;
    for (size_t i = 0; i < m_fields.size(); ++i) {
        const QJsonValue v = order.value(m_fields[i].name);
        if (v.isString())
            values[i] = v.toString();
    }
    // The search pages by entity_id arithmetically: an order whose entity_id is not its position is left to the scan.
    const QJsonValue id = order.value(u"entity_id"_s);
    file(entityId, values, id.isDouble() && id.toDouble() == double(entityId));
}

void OrderSearchIndex::updateTimes(int entityId, const QString &createdAt, const QString &updatedAt)
{
    file(entityId, {createdAt, updatedAt}, true);
}

void OrderSearchIndex::file(int entityId, const std::array<std::optional<QString>, 2> &values, bool regularId)
{
    if (entityId < 1)
        return;
    const size_t slot = size_t(entityId - 1);
    if (m_isFiled.size() <= slot) {
        m_isFiled.resize(slot + 1, 0);
        m_irregularId.resize(slot + 1, 0);
        for (Field &f : m_fields)
            f.valueById.resize(slot + 1);
    }
    const bool wasFiled = m_isFiled[slot] != 0;
    for (size_t i = 0; i < m_fields.size(); ++i) {
        Field &f = m_fields[i];
        std::optional<QString> &filed = f.valueById[slot];
        if (wasFiled) {
            if (filed)
                f.tree.erase(Key{*filed, entityId});
            else
                --f.irregular;
        }
        filed = values[i];
        if (filed)
            f.tree.insert(Key{*filed, entityId});
        else
            ++f.irregular;
    }
    const char irregularId = regularId ? 0 : 1;
    if (wasFiled)
        m_irregularIds -= m_irregularId[slot];
    m_irregularId[slot] = irregularId;
    m_irregularIds += irregularId;
    if (!wasFiled) {
        m_isFiled[slot] = 1;
        ++m_filed;
    }
}

qsizetype OrderSearchIndex::positionBefore(const Tree &tree, const QString &value)
{
    // Ids are at least 1: every key with this value sorts after (value, INT_MIN).
    return qsizetype(tree.order_of_key(Key{value, INT_MIN}));
}

qsizetype OrderSearchIndex::positionAfter(const Tree &tree, const QString &value)
{
    // Ids are below INT_MAX: every key with this value sorts before (value, INT_MAX).
    return qsizetype(tree.order_of_key(Key{value, INT_MAX}));
}

std::optional<OrderSearchIndex::Page> OrderSearchIndex::search(const SearchCriteria &criteria, int orderCount) const
{
    if (orderCount < 0 || m_filed != orderCount || m_irregularIds > 0)
        return std::nullopt;
    auto fieldNumber = [this](const QString &name) -> std::optional<int> {
        if (name == u"entity_id"_s)
            return kEntityId;
        for (size_t i = 0; i < m_fields.size(); ++i) {
            if (m_fields[i].name == name)
                return int(i);
        }
        return std::nullopt;
    };

    // Filters: every group one range filter (groups are AND-ed), on entity_id or an indexed field.
    qint64 idLo = 1;
    qint64 idHi = orderCount;
    std::array<qsizetype, 2> posLo{0, 0};
    std::array<qsizetype, 2> posHi{qsizetype(m_fields[0].tree.size()), qsizetype(m_fields[1].tree.size())};
    std::array<bool, 2> constrained{false, false};
    for (const auto &group : criteria.filterGroups) {
        if (group.size() != 1)
            return std::nullopt;
        const SearchCriteria::Filter &f = group.first();
        const auto op = rangeOp(f.conditionType);
        const auto number = fieldNumber(f.field);
        if (!op || !number)
            return std::nullopt;
        if (*number == kEntityId) {
            // entity_id is numeric: SearchCriteria compares it as a number when the value reads as one.
            const QString text = f.value.trimmed();
            bool ok = false;
            const double v = text.toDouble(&ok);
            if (!ok || text.isEmpty() || !std::isfinite(v))
                return std::nullopt;
            const double limit = double(orderCount) + 1;
            auto clampId = [limit](double d) { return qint64(std::clamp(d, 0.0, limit)); };
            switch (*op) {
            case Op::Eq:
                if (v != std::floor(v))
                    idHi = 0;
                idLo = std::max(idLo, clampId(v));
                idHi = std::min(idHi, clampId(v));
                break;
            case Op::Gt: idLo = std::max(idLo, clampId(std::floor(v) + 1)); break;
            case Op::Gteq: idLo = std::max(idLo, clampId(std::ceil(v))); break;
            case Op::Lt: idHi = std::min(idHi, clampId(std::ceil(v) - 1)); break;
            case Op::Lteq: idHi = std::min(idHi, clampId(std::floor(v))); break;
            }
            continue;
        }
        const Field &field = m_fields[size_t(*number)];
        if (field.irregular > 0)
            return std::nullopt;
        const auto n = size_t(*number);
        constrained[n] = true;
        switch (*op) {
        case Op::Eq:
            posLo[n] = std::max(posLo[n], positionBefore(field.tree, f.value));
            posHi[n] = std::min(posHi[n], positionAfter(field.tree, f.value));
            break;
        case Op::Gt: posLo[n] = std::max(posLo[n], positionAfter(field.tree, f.value)); break;
        case Op::Gteq: posLo[n] = std::max(posLo[n], positionBefore(field.tree, f.value)); break;
        case Op::Lt: posHi[n] = std::min(posHi[n], positionBefore(field.tree, f.value)); break;
        case Op::Lteq: posHi[n] = std::min(posHi[n], positionAfter(field.tree, f.value)); break;
        }
    }

    // Sort orders: a later order on a field already sorted by changes nothing, nor does anything after
    // entity_id (unique); a last entity_id ASC is the tie-break SearchCriteria::sort applies anyway.
    struct Sort
    {
        int field;
        bool ascending;
    };
    QList<Sort> sorts;
    for (const auto &s : criteria.sortOrders) {
        const auto number = fieldNumber(s.field);
        if (!number)
            return std::nullopt;
        if (std::any_of(sorts.cbegin(), sorts.cend(), [&](const Sort &x) { return x.field == *number; }))
            continue;
        sorts.append(Sort{*number, s.direction == u"ASC"_s});
        if (*number == kEntityId)
            break;
    }
    if (!sorts.isEmpty() && sorts.last().field == kEntityId && sorts.last().ascending)
        sorts.removeLast();
    if (sorts.size() > 2 || (sorts.size() == 2 && (sorts.last().field != kEntityId || sorts.first().ascending)))
        return std::nullopt; // beyond "F", "F DESC, entity_id DESC" and "entity_id DESC"
    for (const Sort &s : std::as_const(sorts)) {
        if (s.field != kEntityId && m_fields[size_t(s.field)].irregular > 0)
            return std::nullopt;
    }

    const int constrainedCount = int(std::count(constrained.cbegin(), constrained.cend(), true));
    const bool idRangeFull = idLo <= 1 && idHi >= orderCount;
    Page page;

    // No indexed field filtered: by entity_id, or in a view's order.
    if (constrainedCount == 0) {
        if (sorts.isEmpty() || sorts.first().field == kEntityId) {
            const bool ascending = sorts.isEmpty() || sorts.first().ascending;
            page.total = std::max<qint64>(0, idHi - idLo + 1);
            const auto [first, count] = criteria.page(page.total);
            page.ids.reserve(count);
            for (qsizetype i = first; i < first + count; ++i)
                page.ids.append(int(ascending ? idLo + i : idHi - i));
            return page;
        }
        if (!idRangeFull)
            return std::nullopt;
        const Field &field = m_fields[size_t(sorts.first().field)];
        const bool ascending = sorts.first().ascending;
        if (!ascending && sorts.size() == 1)
            return std::nullopt; // DESC with ties by ascending id: not the view's order either way
        fillSlice(field.tree, 0, qsizetype(field.tree.size()), criteria, ascending, page);
        return page;
    }
    if (constrainedCount > 1)
        return std::nullopt;

    // One indexed field F filtered to positions [lo, hi) of its view.
    const size_t n = constrained[0] ? 0 : 1;
    const Field &field = m_fields[n];
    qsizetype lo = posLo[n];
    qsizetype hi = std::max(lo, posHi[n]);
    // Within one value of F the view is in entity_id order, so id ranges and id orders apply to it as well.
    bool singleValue = hi - lo <= 1;
    QString value;
    if (hi > lo) {
        value = field.tree.find_by_order(size_t(lo))->value;
        singleValue = singleValue
                      || QString::compare(value, field.tree.find_by_order(size_t(hi - 1))->value, Qt::CaseInsensitive) == 0;
    }
    bool ascending = true;
    if ((sorts.isEmpty() || sorts.first().field == kEntityId) && !singleValue)
        return byEntityId(field, lo, hi, idLo, idHi, sorts.isEmpty() || sorts.first().ascending, idRangeFull, criteria);
    if (sorts.isEmpty()) {
        ascending = true;
    } else if (sorts.first().field == kEntityId) {
        ascending = sorts.first().ascending;
    } else if (sorts.first().field == int(n)) {
        // "F ASC" is the view's order, "F DESC, entity_id DESC" its reverse; "F DESC" alone keeps ids
        // ascending within a value, which is the view's order only when F has a single value.
        ascending = sorts.first().ascending || (sorts.size() == 1 && singleValue);
        if (!sorts.first().ascending && sorts.size() == 1 && !singleValue)
            return std::nullopt;
    } else {
        return std::nullopt; // sorted by the other view's field
    }
    if (!idRangeFull) {
        if (!singleValue)
            return std::nullopt;
        if (hi > lo) {
            lo = std::max(lo, qsizetype(field.tree.order_of_key(Key{value, int(std::max<qint64>(idLo, 0))})));
            hi = std::min(hi, qsizetype(field.tree.order_of_key(Key{value, int(std::min<qint64>(idHi, INT_MAX - 1) + 1)})));
            hi = std::max(lo, hi);
        }
    }
    fillSlice(field.tree, lo, hi, criteria, ascending, page);
    return page;
}

// The backfill's shape: a range of F over many values, in entity_id order. The view cannot give that order, so
// the ids are walked in order and each one's filed value is tested against the range's first and last keys:
// no order is built, and a page stops as soon as it is full (total_count is the range's size when no id
// range narrows it).
OrderSearchIndex::Page OrderSearchIndex::byEntityId(const Field &field, qsizetype lo, qsizetype hi, qint64 idLo,
                                                    qint64 idHi, bool ascending, bool idRangeFull,
                                                    const SearchCriteria &criteria) const
{
    Page page;
    if (hi <= lo || idHi < idLo)
        return page;
    const Key first = *field.tree.find_by_order(size_t(lo));
    const Key last = *field.tree.find_by_order(size_t(hi - 1));
    const KeyLess less;
    auto inRange = [&](qint64 id) {
        const std::optional<QString> &value = field.valueById[size_t(id - 1)];
        if (!value)
            return false;
        const Key key{*value, int(id)};
        return !less(key, first) && !less(last, key);
    };
    if (!idRangeFull) {
        for (qint64 id = idLo; id <= idHi; ++id)
            page.total += inRange(id) ? 1 : 0;
    } else {
        page.total = hi - lo;
    }
    const auto [skip, count] = criteria.page(page.total);
    page.ids.reserve(count);
    qsizetype seen = 0;
    for (qint64 i = 0; i <= idHi - idLo && page.ids.size() < count; ++i) {
        const qint64 id = ascending ? idLo + i : idHi - i;
        if (!inRange(id))
            continue;
        if (seen++ >= skip)
            page.ids.append(int(id));
    }
    return page;
}

} // namespace Sandbox
