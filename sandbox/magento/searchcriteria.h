#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Sandbox {

/// Magento's searchCriteria as sent in a query string (snake_case or camelCase keys), with the
/// framework's semantics: filters OR-ed inside a group, groups AND-ed, sort direction DESC by default,
/// 1-based pages, all matches when pageSize is absent.
class SearchCriteria
{
public:
    struct Filter
    {
        QString field;
        QString value;
        QString conditionType = QStringLiteral("eq");
    };
    struct SortOrder
    {
        QString field;
        QString direction = QStringLiteral("DESC");
    };

    /// Parses the searchCriteria[...] parameters; std::nullopt when none is present.
    static std::optional<SearchCriteria> fromQuery(const QUrlQuery &query);

    /// The fields the criteria refer to, for checking them against the entity's columns.
    [[nodiscard]] QStringList referencedFields() const;
    /// Whether `entity`'s top-level fields satisfy every group.
    [[nodiscard]] bool matches(const QJsonObject &entity) const;
    /// Orders entities by the sort orders; `idField` breaks ties ascending.
    void sort(QList<const QJsonObject *> &entities, const QString &idField) const;
    /// The slice of `total` matches that the requested page covers: [first, first + count).
    [[nodiscard]] std::pair<qsizetype, qsizetype> page(qsizetype total) const;
    /// The "search_criteria" echo of a search result.
    [[nodiscard]] QJsonObject toJson() const;

    QList<QList<Filter>> filterGroups;
    QList<SortOrder> sortOrders;
    std::optional<int> pageSize;
    std::optional<int> currentPage;

private:
    static bool matchFilter(const Filter &filter, const QJsonObject &entity);
};

/// Decodes a query-string component the way PHP does ('+' is a space).
QString decodeQueryComponent(const QString &encoded);

} // namespace Sandbox
