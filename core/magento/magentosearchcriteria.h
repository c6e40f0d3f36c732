#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// Builds Magento's searchCriteria query: filters in one group are OR-ed, groups are AND-ed.
/// Emits the snake_case keys the Magento docs use, e.g. searchCriteria[filter_groups][0][filters][0][field].
class MagentoSearchCriteria
{
public:
    enum class Condition { Eq, Neq, Gt, Gteq, Lt, Lteq, Like, Nlike, In, Nin, Null, Notnull, From, To, Finset, Nfinset };
    enum class Direction { Ascending, Descending };

    struct Filter
    {
        QString field;
        QString value;
        Condition condition = Condition::Eq;
    };

    /// Adds a group holding one filter (AND with the other groups).
    MagentoSearchCriteria &where(const QString &field, Condition condition, const QString &value);
    /// Adds a group whose filters are OR-ed.
    MagentoSearchCriteria &whereAny(const QList<Filter> &filters);
    /// Adds `field in (v1,v2,...)`.
    MagentoSearchCriteria &whereIn(const QString &field, const QStringList &values);
    MagentoSearchCriteria &orderBy(const QString &field, Direction direction = Direction::Ascending);
    MagentoSearchCriteria &setPageSize(int pageSize);
    MagentoSearchCriteria &setCurrentPage(int currentPage);

    [[nodiscard]] int pageSize() const { return m_pageSize; }
    [[nodiscard]] int currentPage() const { return m_currentPage; }
    [[nodiscard]] const QList<QList<Filter>> &filterGroups() const { return m_groups; }
    [[nodiscard]] const QList<QPair<QString, Direction>> &sortOrders() const { return m_sortOrders; }

    /// The query items, decoded (key, value) pairs in a stable order.
    [[nodiscard]] QList<QPair<QString, QString>> queryItems() const;
    /// The percent-encoded query string (without '?'): values encoded per RFC 3986, brackets in keys kept.
    [[nodiscard]] QByteArray toQueryString() const;

    [[nodiscard]] static QString conditionName(Condition condition);

private:
    QList<QList<Filter>> m_groups;
    QList<QPair<QString, Direction>> m_sortOrders;
    int m_pageSize = 0;    // 0: not sent (Magento returns all matches)
    int m_currentPage = 0; // 0: not sent
};

/// Percent-encodes decoded (key, value) pairs into a query string: everything but unreserved characters
/// is %XX-encoded, except '[' and ']' in keys so Magento's bracket keys stay readable.
[[nodiscard]] QByteArray magentoEncodeQuery(const QList<QPair<QString, QString>> &items);

} // namespace OrderBridge
