#include "searchcriteria.h"

#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

QString decodeQueryComponent(const QString &encoded)
{
    QString s = encoded;
    s.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(s.toUtf8());
}

namespace {

QString canonicalKey(const QString &key)
{
    static const QMap<QString, QString> aliases{
        {u"filterGroups"_s, u"filter_groups"_s}, {u"conditionType"_s, u"condition_type"_s},
        {u"sortOrders"_s, u"sort_orders"_s},     {u"pageSize"_s, u"page_size"_s},
        {u"currentPage"_s, u"current_page"_s},
    };
    return aliases.value(key, key);
}

// Splits "searchCriteria[filter_groups][0][filters][1][field]" into its bracketed parts.
std::optional<QStringList> splitKey(const QString &key)
{
    const qsizetype open = key.indexOf(u'[');
    const QString head = open < 0 ? key : key.left(open);
    if (head != u"searchCriteria"_s && head != u"search_criteria"_s)
        return std::nullopt;
    QStringList parts;
    qsizetype pos = open;
    while (pos >= 0 && pos < key.size()) {
        if (key.at(pos) != u'[')
            break;
        const qsizetype close = key.indexOf(u']', pos);
        if (close < 0)
            break;
        parts.append(canonicalKey(key.mid(pos + 1, close - pos - 1)));
        pos = close + 1;
    }
    return parts;
}

bool toNumber(const QString &s, double *out)
{
    bool ok = false;
    const double d = s.trimmed().toDouble(&ok);
    if (ok)
        *out = d;
    return ok && !s.trimmed().isEmpty();
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'f', 4);
    }
    case QJsonValue::Bool: return v.toBool() ? u"1"_s : u"0"_s;
    default: return {};
    }
}

// MySQL compares numbers numerically and strings under a case-insensitive collation.
int compareValues(const QJsonValue &field, const QString &value)
{
    double a = 0, b = 0;
    if (field.isDouble() && toNumber(value, &b)) {
        a = field.toDouble();
        return a < b ? -1 : (a > b ? 1 : 0);
    }
    // A text column compares as text, even when both sides look like numbers ("000000002" != "2").
    return QString::compare(scalarText(field), value, Qt::CaseInsensitive);
}

bool likeMatches(const QString &text, const QString &pattern)
{
    QString rx;
    for (const QChar c : pattern) {
        if (c == u'%')
            rx += u".*"_s;
        else if (c == u'_')
            rx += u'.';
        else
            rx += QRegularExpression::escape(QString(c));
    }
    const QRegularExpression re(QRegularExpression::anchoredPattern(rx),
                                QRegularExpression::CaseInsensitiveOption
                                    | QRegularExpression::DotMatchesEverythingOption);
    return re.match(text).hasMatch();
}

QStringList commaList(const QString &value)
{
    QStringList out;
    for (const QString &p : value.split(u',', Qt::SkipEmptyParts))
        out.append(p.trimmed());
    return out;
}

int compareForSort(const QJsonValue &a, const QJsonValue &b)
{
    const bool an = a.isNull() || a.isUndefined();
    const bool bn = b.isNull() || b.isUndefined();
    if (an || bn)
        return an == bn ? 0 : (an ? -1 : 1); // NULL sorts first ascending, as in MySQL
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    return QString::compare(scalarText(a), scalarText(b), Qt::CaseInsensitive);
}

} // namespace

std::optional<SearchCriteria> SearchCriteria::fromQuery(const QUrlQuery &query)
{
    bool present = false;
    QMap<int, QMap<int, Filter>> groups;
    QMap<int, SortOrder> sorts;
    SearchCriteria sc;
    const auto items = query.queryItems(QUrl::FullyEncoded);
    for (const auto &item : items) {
        const QString key = decodeQueryComponent(item.first);
        const auto parts = splitKey(key);
        if (!parts)
            continue;
        present = true;
        const QString value = decodeQueryComponent(item.second);
        if (parts->size() == 5 && parts->at(0) == u"filter_groups"_s && parts->at(2) == u"filters"_s) {
            Filter &f = groups[parts->at(1).toInt()][parts->at(3).toInt()];
            if (parts->at(4) == u"field"_s)
                f.field = value;
            else if (parts->at(4) == u"value"_s)
                f.value = value;
            else if (parts->at(4) == u"condition_type"_s)
                f.conditionType = value.isEmpty() ? u"eq"_s : value;
        } else if (parts->size() == 3 && parts->at(0) == u"sort_orders"_s) {
            SortOrder &s = sorts[parts->at(1).toInt()];
            if (parts->at(2) == u"field"_s)
                s.field = value;
            else if (parts->at(2) == u"direction"_s)
                s.direction = value.toUpper() == u"ASC"_s ? u"ASC"_s : u"DESC"_s;
        } else if (parts->size() == 1 && parts->at(0) == u"page_size"_s) {
            sc.pageSize = value.toInt();
        } else if (parts->size() == 1 && parts->at(0) == u"current_page"_s) {
            sc.currentPage = value.toInt();
        }
    }
    if (!present)
        return std::nullopt;
    for (const auto &g : groups) {
        QList<Filter> filters;
        for (const auto &f : g) {
            if (!f.field.isEmpty())
                filters.append(f);
        }
        if (!filters.isEmpty())
            sc.filterGroups.append(filters);
    }
    for (const auto &s : sorts) {
        if (!s.field.isEmpty())
            sc.sortOrders.append(s);
    }
    return sc;
}

QStringList SearchCriteria::referencedFields() const
{
    QStringList out;
    for (const auto &g : filterGroups) {
        for (const auto &f : g)
            out.append(f.field);
    }
    for (const auto &s : sortOrders)
        out.append(s.field);
    return out;
}

bool SearchCriteria::matchFilter(const Filter &f, const QJsonObject &entity)
{
    const QJsonValue v = entity.value(f.field);
    const bool isNull = v.isNull() || v.isUndefined();
    const QString c = f.conditionType.toLower();
    if (c == u"null"_s)
        return isNull;
    if (c == u"notnull"_s)
        return !isNull;
    if (isNull)
        return false; // SQL: comparisons with NULL are never true
    if (c == u"eq"_s)
        return compareValues(v, f.value) == 0;
    if (c == u"neq"_s)
        return compareValues(v, f.value) != 0;
    if (c == u"gt"_s)
        return compareValues(v, f.value) > 0;
    if (c == u"gteq"_s || c == u"moreq"_s || c == u"from"_s)
        return compareValues(v, f.value) >= 0;
    if (c == u"lt"_s)
        return compareValues(v, f.value) < 0;
    if (c == u"lteq"_s || c == u"to"_s)
        return compareValues(v, f.value) <= 0;
    if (c == u"like"_s)
        return likeMatches(scalarText(v), f.value);
    if (c == u"nlike"_s)
        return !likeMatches(scalarText(v), f.value);
    if (c == u"in"_s || c == u"nin"_s) {
        bool found = false;
        for (const QString &item : commaList(f.value)) {
            if (compareValues(v, item) == 0) {
                found = true;
                break;
            }
        }
        return c == u"in"_s ? found : !found;
    }
    if (c == u"finset"_s || c == u"nfinset"_s) {
        const bool found = scalarText(v).split(u',').contains(f.value);
        return c == u"finset"_s ? found : !found;
    }
    return compareValues(v, f.value) == 0;
}

bool SearchCriteria::matches(const QJsonObject &entity) const
{
    for (const auto &group : filterGroups) {
        bool any = false;
        for (const auto &f : group) {
            if (matchFilter(f, entity)) {
                any = true;
                break;
            }
        }
        if (!any)
            return false;
    }
    return true;
}

void SearchCriteria::sort(QList<const QJsonObject *> &entities, const QString &idField) const
{
    // Each entity's sort values are read once, not in every comparison: a JSON lookup costs more than
    // the comparison itself, and a sort makes n log n of them.
    const size_t keys = size_t(sortOrders.size());
    std::vector<QJsonValue> values;
    values.reserve(size_t(entities.size()) * keys);
    std::vector<double> ids;
    ids.reserve(size_t(entities.size()));
    for (const QJsonObject *e : std::as_const(entities)) {
        for (const auto &s : sortOrders)
            values.push_back(e->value(s.field));
        ids.push_back(e->value(idField).toDouble());
    }
    std::vector<bool> ascending;
    for (const auto &s : sortOrders)
        ascending.push_back(s.direction == u"ASC"_s);
    std::vector<size_t> order(size_t(entities.size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        for (size_t k = 0; k < keys; ++k) {
            const int c = compareForSort(values[a * keys + k], values[b * keys + k]);
            if (c != 0)
                return ascending[k] ? c < 0 : c > 0;
        }
        return ids[a] < ids[b];
    });
    QList<const QJsonObject *> sorted;
    sorted.reserve(entities.size());
    for (const size_t i : order)
        sorted.append(entities.at(qsizetype(i)));
    entities = std::move(sorted);
}

std::pair<qsizetype, qsizetype> SearchCriteria::page(qsizetype total) const
{
    if (!pageSize || *pageSize <= 0)
        return {0, total};
    const qsizetype current = std::max(1, currentPage.value_or(1));
    const qsizetype first = (current - 1) * qsizetype(*pageSize);
    if (first >= total)
        return {total, 0};
    return {first, std::min<qsizetype>(*pageSize, total - first)};
}

QJsonObject SearchCriteria::toJson() const
{
    QJsonArray groups;
    for (const auto &g : filterGroups) {
        QJsonArray filters;
        for (const auto &f : g)
            filters.append(QJsonObject{{u"field"_s, f.field}, {u"value"_s, f.value},
                                       {u"condition_type"_s, f.conditionType}});
        groups.append(QJsonObject{{u"filters"_s, filters}});
    }
    QJsonObject o{{u"filter_groups"_s, groups}};
    if (!sortOrders.isEmpty()) {
        QJsonArray sorts;
        for (const auto &s : sortOrders)
            sorts.append(QJsonObject{{u"field"_s, s.field}, {u"direction"_s, s.direction}});
        o.insert(u"sort_orders"_s, sorts);
    }
    if (pageSize)
        o.insert(u"page_size"_s, *pageSize);
    if (currentPage)
        o.insert(u"current_page"_s, *currentPage);
    return o;
}

} // namespace Sandbox
