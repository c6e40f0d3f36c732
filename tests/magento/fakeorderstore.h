#pragma once

// A tiny in-memory order list that answers GET /V1/orders searchCriteria the way Magento does
// (filters in a group OR-ed, groups AND-ed, sort orders, pageSize/currentPage, total_count),
// for unit tests of paging and change detection without a server.

#include "magento/magentotime.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

class FakeOrderStore
{
public:
    /// Adds or updates order `id` with updated_at = `time`.
    void put(qint64 id, const QDateTime &time)
    {
        m_orders[id] = time;
    }
    [[nodiscard]] QDateTime updatedAt(qint64 id) const { return m_orders.value(id); }
    [[nodiscard]] QList<qint64> ids() const { return m_orders.keys(); }
    [[nodiscard]] int queries() const { return m_queries; }
    /// When set, filters and sorting are ignored (a misbehaving store).
    void setIgnoreFilters(bool ignore) { m_ignoreFilters = ignore; }

    [[nodiscard]] static QJsonObject orderJson(qint64 id, const QDateTime &time)
    {
        return QJsonObject{{QStringLiteral("entity_id"), id},
                           {QStringLiteral("increment_id"), QStringLiteral("%1").arg(id, 9, 10, QLatin1Char('0'))},
                           {QStringLiteral("state"), QStringLiteral("new")},
                           {QStringLiteral("status"), QStringLiteral("pending")},
                           {QStringLiteral("created_at"), OrderBridge::MagentoTime::format(time)},
                           {QStringLiteral("updated_at"), OrderBridge::MagentoTime::format(time)}};
    }

    /// The JSON search result for decoded query items.
    QJsonObject search(const QList<QPair<QString, QString>> &items)
    {
        ++m_queries;
        struct Filter { QString field, value, condition = QStringLiteral("eq"); };
        QMap<int, QMap<int, Filter>> groups;
        QMap<int, QPair<QString, QString>> sorts;
        int pageSize = 0;
        int currentPage = 1;
        static const QRegularExpression filterKey(
            QStringLiteral("^searchCriteria\\[filter_groups\\]\\[(\\d+)\\]\\[filters\\]\\[(\\d+)\\]\\[(\\w+)\\]$"));
        static const QRegularExpression sortKey(QStringLiteral("^searchCriteria\\[sortOrders\\]\\[(\\d+)\\]\\[(\\w+)\\]$"));
        for (const auto &item : items) {
            if (auto m = filterKey.match(item.first); m.hasMatch()) {
                Filter &f = groups[m.captured(1).toInt()][m.captured(2).toInt()];
                if (m.captured(3) == QLatin1String("field"))
                    f.field = item.second;
                else if (m.captured(3) == QLatin1String("value"))
                    f.value = item.second;
                else
                    f.condition = item.second;
            } else if (auto s = sortKey.match(item.first); s.hasMatch()) {
                auto &sort = sorts[s.captured(1).toInt()];
                (s.captured(2) == QLatin1String("field") ? sort.first : sort.second) = item.second;
            } else if (item.first == QLatin1String("searchCriteria[pageSize]")) {
                pageSize = item.second.toInt();
            } else if (item.first == QLatin1String("searchCriteria[currentPage]")) {
                currentPage = std::max(1, item.second.toInt());
            }
        }
        auto field = [this](qint64 id, const QString &name) -> QString {
            if (name == QLatin1String("updated_at"))
                return OrderBridge::MagentoTime::format(m_orders.value(id));
            return QStringLiteral("%1").arg(id, 12, 10, QLatin1Char('0')); // numeric compare as text
        };
        auto norm = [](const QString &name, const QString &value) {
            return name == QLatin1String("updated_at") ? value : QStringLiteral("%1").arg(value.toLongLong(), 12, 10, QLatin1Char('0'));
        };
        QList<qint64> hits;
        for (auto it = m_orders.cbegin(); it != m_orders.cend(); ++it) {
            bool all = true;
            for (const auto &group : std::as_const(groups)) {
                bool any = false;
                for (const Filter &f : group) {
                    const QString have = field(it.key(), f.field);
                    if (f.condition == QLatin1String("in")) {
                        for (const QString &v : f.value.split(QLatin1Char(',')))
                            any = any || have == norm(f.field, v);
                        continue;
                    }
                    const QString want = norm(f.field, f.value);
                    const int c = have.compare(want);
                    if ((f.condition == QLatin1String("eq") && c == 0) || (f.condition == QLatin1String("gt") && c > 0)
                        || (f.condition == QLatin1String("gteq") && c >= 0) || (f.condition == QLatin1String("lt") && c < 0)
                        || (f.condition == QLatin1String("lteq") && c <= 0))
                        any = true;
                }
                all = all && any;
            }
            if (all || m_ignoreFilters)
                hits.append(it.key());
        }
        if (!m_ignoreFilters) {
            std::stable_sort(hits.begin(), hits.end(), [&](qint64 a, qint64 b) {
                for (const auto &sort : std::as_const(sorts)) {
                    const int c = field(a, sort.first).compare(field(b, sort.first));
                    if (c != 0)
                        return sort.second == QLatin1String("DESC") ? c > 0 : c < 0;
                }
                return false;
            });
        }
        QJsonArray page;
        const qsizetype begin = pageSize > 0 ? qsizetype(currentPage - 1) * pageSize : 0;
        const qsizetype end = pageSize > 0 ? std::min<qsizetype>(hits.size(), begin + pageSize) : hits.size();
        for (qsizetype i = begin; i < end; ++i)
            page.append(orderJson(hits.at(i), m_orders.value(hits.at(i))));
        return QJsonObject{{QStringLiteral("items"), page}, {QStringLiteral("total_count"), qint64(hits.size())}};
    }

private:
    QMap<qint64, QDateTime> m_orders;
    int m_queries = 0;
    bool m_ignoreFilters = false;
};
