#pragma once

#include "searchcriteria.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

#include <array>
#include <optional>
#include <vector>

namespace Sandbox {

/// Sorted views of the store's orders on created_at and updated_at, kept current as orders change, so that
/// the searches OrderBridge pages with (the change cursor: updated_at ranges ordered by updated_at and
/// entity_id; an id range inside one updated_at second; entity_id ranges) cost O(log n + page) instead of
/// a filter and sort of every order. Each view is an order-statistic tree keyed (value, entity_id) under
/// the same case-insensitive comparison SearchCriteria filters and sorts with, so a range filter is a
/// range of positions and total_count is a difference of two positions.
class OrderSearchIndex
{
public:
    /// One page of a search: the entity ids of the page in result order, and total_count.
    struct Page
    {
        QList<int> ids;
        qsizetype total = 0;
    };

    /// Files order `entityId` (1-based) under its current field values, replacing what was filed before.
    void update(int entityId, const QJsonObject &order);
    /// Files an order known only by its times (a generated order not built yet), as update() would file it.
    void updateTimes(int entityId, const QString &createdAt, const QString &updatedAt);
    [[nodiscard]] bool isFiled(int entityId) const
    {
        return entityId >= 1 && size_t(entityId) <= m_isFiled.size() && m_isFiled[size_t(entityId - 1)] != 0;
    }
    /// Forgets every order.
    void clear();
    /// How many orders are filed (the caller files orders 1..n before it searches over n orders).
    [[nodiscard]] int filedCount() const { return m_filed; }

    /// The page `criteria` asks for over orders 1..orderCount, with SearchCriteria's results (same order,
    /// tie-breaks and total_count); std::nullopt when the query is not one the index answers (filters on
    /// other fields or in OR groups, other sorts, values that are not plain strings), so the caller scans.
    [[nodiscard]] std::optional<Page> search(const SearchCriteria &criteria, int orderCount) const;

private:
    struct Key
    {
        QString value;
        int id = 0;
    };
    struct KeyLess
    {
        bool operator()(const Key &a, const Key &b) const
        {
            const int c = QString::compare(a.value, b.value, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.id < b.id;
        }
    };
    using Tree = __gnu_pbds::tree<Key, __gnu_pbds::null_type, KeyLess, __gnu_pbds::rb_tree_tag,
                                  __gnu_pbds::tree_order_statistics_node_update>;
    struct Field
    {
        QString name;
        Tree tree;
        std::vector<std::optional<QString>> valueById; // [id - 1]; nullopt: not a string (not in the tree)
        int irregular = 0; // filed orders whose value is not a string: the index cannot answer for them
    };

    /// Files `entityId` under created_at and updated_at (nullopt: not a string) and whether its entity_id is its id.
    void file(int entityId, const std::array<std::optional<QString>, 2> &values, bool regularId);
    [[nodiscard]] Page byEntityId(const Field &field, qsizetype lo, qsizetype hi, qint64 idLo, qint64 idHi, bool ascending,
                                  bool idRangeFull, const SearchCriteria &criteria) const;
    [[nodiscard]] static qsizetype positionBefore(const Tree &tree, const QString &value);
    [[nodiscard]] static qsizetype positionAfter(const Tree &tree, const QString &value);

    std::array<Field, 2> m_fields{Field{QStringLiteral("created_at"), {}, {}, 0},
                                  Field{QStringLiteral("updated_at"), {}, {}, 0}};
    std::vector<char> m_isFiled; // [id - 1]
    int m_filed = 0;
    int m_irregularIds = 0; // filed orders whose entity_id field is not their id
    std::vector<char> m_irregularId;
};

} // namespace Sandbox
