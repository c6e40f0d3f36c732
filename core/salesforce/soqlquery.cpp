#include "soqlquery.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SoqlQuery::SoqlQuery(QString object)
    : m_object(std::move(object))
{
}

SoqlQuery &SoqlQuery::select(const QStringList &fields)
{
    m_fields += fields;
    return *this;
}

SoqlQuery &SoqlQuery::where(const QString &field, Op op, const QVariant &value)
{
    m_groups.append({Condition{field, op, value, Soql::LikeMatch::Exact}});
    return *this;
}

SoqlQuery &SoqlQuery::whereEquals(const QString &field, const QVariant &value)
{
    return where(field, Op::Equals, value);
}

SoqlQuery &SoqlQuery::whereIn(const QString &field, const QStringList &values)
{
    return where(field, Op::In, QVariant(values));
}

SoqlQuery &SoqlQuery::whereLike(const QString &field, const QString &text, Soql::LikeMatch match)
{
    m_groups.append({Condition{field, Op::Like, QVariant(text), match}});
    return *this;
}

SoqlQuery &SoqlQuery::anyOf(const QList<Condition> &conditions)
{
    m_groups.append(conditions);
    return *this;
}

SoqlQuery &SoqlQuery::orderBy(const QString &field, bool ascending)
{
    m_orderField = field;
    m_ascending = ascending;
    return *this;
}

SoqlQuery &SoqlQuery::limit(int rows)
{
    m_limit = rows;
    return *this;
}

QList<SoqlQuery> SoqlQuery::inChunks(const QString &object, const QStringList &fields, const QString &keyField,
                                    const QStringList &keys, int chunk)
{
    QStringList unique;
    for (const QString &k : keys) {
        if (!unique.contains(k))
            unique.append(k);
    }
    QList<SoqlQuery> out;
    const qsizetype step = std::max(1, chunk);
    for (qsizetype i = 0; i < unique.size(); i += step) {
        SoqlQuery q(object);
        q.select(fields).whereIn(keyField, unique.mid(i, step));
        out.append(q);
    }
    return out;
}

Result<QString> SoqlQuery::renderCondition(const Condition &c)
{
    const auto field = Soql::name(c.field);
    if (!field)
        return std::unexpected(field.error());
    QString op;
    switch (c.op) {
    case Op::Equals: op = u" = "_s; break;
    case Op::NotEquals: op = u" != "_s; break;
    case Op::Less: op = u" < "_s; break;
    case Op::LessOrEqual: op = u" <= "_s; break;
    case Op::Greater: op = u" > "_s; break;
    case Op::GreaterOrEqual: op = u" >= "_s; break;
    case Op::Like:
        return *field + u" LIKE "_s + Soql::quoteLike(c.value.toString(), c.like);
    case Op::In:
    case Op::NotIn: {
        const auto list = Soql::inList(c.value.toStringList());
        if (!list)
            return std::unexpected(list.error());
        return *field + (c.op == Op::In ? u" IN "_s : u" NOT IN "_s) + *list;
    }
    }
    const auto value = Soql::literal(c.value);
    if (!value)
        return std::unexpected(value.error());
    return *field + op + *value;
}

Result<QString> SoqlQuery::build() const
{
    const auto object = Soql::name(m_object);
    if (!object)
        return std::unexpected(object.error());
    if (m_fields.isEmpty())
        return fail(u"INVALID_SOQL_NAME"_s, u"A query needs at least one field."_s);
    QStringList fields;
    for (const QString &f : m_fields) {
        const auto n = Soql::name(f);
        if (!n)
            return std::unexpected(n.error());
        if (!fields.contains(*n))
            fields.append(*n);
    }
    QString text = u"SELECT "_s + fields.join(u", "_s) + u" FROM "_s + *object;
    QStringList groups;
    for (const QList<Condition> &group : m_groups) {
        if (group.isEmpty())
            continue;
        QStringList parts;
        for (const Condition &c : group) {
            const auto rendered = renderCondition(c);
            if (!rendered)
                return std::unexpected(rendered.error());
            parts.append(*rendered);
        }
        groups.append(parts.size() == 1 ? parts.first() : u"("_s + parts.join(u" OR "_s) + u")"_s);
    }
    if (!groups.isEmpty())
        text += u" WHERE "_s + groups.join(u" AND "_s);
    if (!m_orderField.isEmpty()) {
        const auto order = Soql::name(m_orderField);
        if (!order)
            return std::unexpected(order.error());
        text += u" ORDER BY "_s + *order + (m_ascending ? u" ASC"_s : u" DESC"_s);
    }
    if (m_limit >= 0)
        text += u" LIMIT "_s + QString::number(m_limit);
    return text;
}

} // namespace OrderBridge
