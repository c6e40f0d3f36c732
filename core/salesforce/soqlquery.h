#pragma once

#include "common/error.h"
#include "soql.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace OrderBridge {

/// Builds a SELECT statement from names (validated) and values (escaped through Soql), so callers
/// never write SOQL text around user data:
///     SoqlQuery(u"Contact"_s).select({u"Id"_s, u"Email"_s}).whereIn(u"Email"_s, emails).limit(200).build()
/// Conditions added with where*() are joined by AND; anyOf() adds one parenthesised OR group.
class SoqlQuery
{
public:
    enum class Op { Equals, NotEquals, Less, LessOrEqual, Greater, GreaterOrEqual, Like, In, NotIn };

    /// One comparison; for In/NotIn the value is a QStringList, for Like a pattern from Soql::quoteLike
    /// is built from `value` with `like`.
    struct Condition
    {
        QString field;
        Op op = Op::Equals;
        QVariant value;
        Soql::LikeMatch like = Soql::LikeMatch::Exact;
    };

    explicit SoqlQuery(QString object);

    SoqlQuery &select(const QStringList &fields);
    SoqlQuery &where(const QString &field, Op op, const QVariant &value);
    SoqlQuery &whereEquals(const QString &field, const QVariant &value);
    SoqlQuery &whereIn(const QString &field, const QStringList &values);
    SoqlQuery &whereLike(const QString &field, const QString &text, Soql::LikeMatch match);
    SoqlQuery &anyOf(const QList<Condition> &conditions);
    SoqlQuery &orderBy(const QString &field, bool ascending = true);
    SoqlQuery &limit(int rows);

    /// One query per up to `chunk` keys (`keyField IN (...)`), for batched lookups: 200 keys keep the
    /// URL far below Salesforce's 16 KB limit.
    [[nodiscard]] static QList<SoqlQuery> inChunks(const QString &object, const QStringList &fields, const QString &keyField,
                                                   const QStringList &keys, int chunk = 200);

    /// The statement, or the first invalid name / value found.
    [[nodiscard]] Result<QString> build() const;

private:
    [[nodiscard]] static Result<QString> renderCondition(const Condition &c);

    QString m_object;
    QStringList m_fields;
    QList<QList<Condition>> m_groups; // AND of groups, each group an OR of conditions
    QString m_orderField;
    bool m_ascending = true;
    int m_limit = -1;
};

} // namespace OrderBridge
