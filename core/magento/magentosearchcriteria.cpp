#include "magentosearchcriteria.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

MagentoSearchCriteria &MagentoSearchCriteria::where(const QString &field, Condition condition, const QString &value)
{
    m_groups.append({Filter{field, value, condition}});
    return *this;
}

MagentoSearchCriteria &MagentoSearchCriteria::whereAny(const QList<Filter> &filters)
{
    if (!filters.isEmpty())
        m_groups.append(filters);
    return *this;
}

MagentoSearchCriteria &MagentoSearchCriteria::whereIn(const QString &field, const QStringList &values)
{
    return where(field, Condition::In, values.join(u','));
}

MagentoSearchCriteria &MagentoSearchCriteria::orderBy(const QString &field, Direction direction)
{
    m_sortOrders.append({field, direction});
    return *this;
}

MagentoSearchCriteria &MagentoSearchCriteria::setPageSize(int pageSize)
{
    m_pageSize = pageSize;
    return *this;
}

MagentoSearchCriteria &MagentoSearchCriteria::setCurrentPage(int currentPage)
{
    m_currentPage = currentPage;
    return *this;
}

QString MagentoSearchCriteria::conditionName(Condition condition)
{
    switch (condition) {
    case Condition::Eq: return u"eq"_s;
    case Condition::Neq: return u"neq"_s;
    case Condition::Gt: return u"gt"_s;
    case Condition::Gteq: return u"gteq"_s;
    case Condition::Lt: return u"lt"_s;
    case Condition::Lteq: return u"lteq"_s;
    case Condition::Like: return u"like"_s;
    case Condition::Nlike: return u"nlike"_s;
    case Condition::In: return u"in"_s;
    case Condition::Nin: return u"nin"_s;
    case Condition::Null: return u"null"_s;
    case Condition::Notnull: return u"notnull"_s;
    case Condition::From: return u"from"_s;
    case Condition::To: return u"to"_s;
    case Condition::Finset: return u"finset"_s;
    case Condition::Nfinset: return u"nfinset"_s;
    }
    return u"eq"_s;
}

QList<QPair<QString, QString>> MagentoSearchCriteria::queryItems() const
{
    QList<QPair<QString, QString>> items;
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        const QList<Filter> &group = m_groups.at(g);
        for (qsizetype f = 0; f < group.size(); ++f) {
            const QString prefix = u"searchCriteria[filter_groups][%1][filters][%2]"_s.arg(g).arg(f);
            items.append({prefix + u"[field]"_s, group.at(f).field});
            items.append({prefix + u"[value]"_s, group.at(f).value});
            items.append({prefix + u"[condition_type]"_s, conditionName(group.at(f).condition)});
        }
    }
    for (qsizetype s = 0; s < m_sortOrders.size(); ++s) {
        const QString prefix = u"searchCriteria[sortOrders][%1]"_s.arg(s);
        items.append({prefix + u"[field]"_s, m_sortOrders.at(s).first});
        items.append({prefix + u"[direction]"_s,
                      m_sortOrders.at(s).second == Direction::Ascending ? u"ASC"_s : u"DESC"_s});
    }
    if (m_pageSize > 0)
        items.append({u"searchCriteria[pageSize]"_s, QString::number(m_pageSize)});
    if (m_currentPage > 0)
        items.append({u"searchCriteria[currentPage]"_s, QString::number(m_currentPage)});
    if (items.isEmpty()) {
        // Magento rejects list calls without any searchCriteria ("\"%fieldName\" is required. Enter and try again.").
        items.append({u"searchCriteria"_s, QString()});
    }
    return items;
}

QByteArray MagentoSearchCriteria::toQueryString() const
{
    return magentoEncodeQuery(queryItems());
}

QByteArray magentoEncodeQuery(const QList<QPair<QString, QString>> &items)
{
    QByteArray out;
    for (const auto &item : items) {
        if (!out.isEmpty())
            out += '&';
        out += item.first.toUtf8().toPercentEncoding("[]") + '=' + item.second.toUtf8().toPercentEncoding();
    }
    return out;
}

} // namespace OrderBridge
