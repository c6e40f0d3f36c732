#pragma once

#include "store/orderquery.h"
#include "store/orderrecord.h"
#include "store/syncstatus.h"

#include "common/pagecache.h"

#include <QAbstractTableModel>
#include <QList>
#include <QLocale>

#include <memory>
#include <optional>

namespace OrderBridge {
class Database;
class OrdersRepository;
}

/// The orders mirror as a table for the Sales › Orders grid.
///
/// Rows are read lazily: rowCount() comes from an SQL count, rows are fetched in pages of
/// pageSize() when the view asks for them and kept in a small cache; sorting and filtering are
/// SQL (ORDER BY / WHERE on the orders indexes), so a million orders never sit in memory.
/// The model exposes facts only; icons and link styling are SyncStatusDelegate's.
class OrdersTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersTableModel)

public:
    enum Column { IdColumn, PurchaseDateColumn, BillToNameColumn, GrandTotalColumn, StatusColumn,
                  SalesforceIdColumn, SyncStatusColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< the raw value the column sorts by
        SyncStatusRole,          ///< int(OrderBridge::SyncStatus)
        ReasonRole,              ///< why the order is where it is; for errors the fix hint
        SalesforceIdRole,        ///< the Salesforce Order ID, empty when not linked
        EntityIdRole,            ///< Magento entity_id (qint64)
        IncrementIdRole,         ///< Magento increment_id (the order number)
        ErrorCodeRole,           ///< last error code, empty unless the status is Error
        ErrorMessageRole,        ///< last error message, empty unless the status is Error
    };

    explicit OrdersTableModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent = nullptr);
    ~OrdersTableModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Sorts in SQL; the Salesforce Order ID column has no index and is not sortable.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Search (prefix of order number, e-mail or name), exact Magento status code (empty: any) and
    /// sync status (none: any), applied together with one reset.
    void setFilters(const QString &search, const QString &magentoStatus, std::optional<OrderBridge::SyncStatus> syncStatus);
    /// Applies the filter fields of `filter` (search, statuses, purchase date and grand total ranges) with one
    /// reset; its sort, limit and offset are ignored.
    void setFilter(const OrderBridge::OrderQuery &filter);
    /// The query the rows come from: the filters and the sort (for counting, exporting or syncing the same orders).
    [[nodiscard]] const OrderBridge::OrderQuery &query() const { return m_query; }
    [[nodiscard]] QString search() const { return m_query.search; }
    [[nodiscard]] QString magentoStatusFilter() const { return m_query.magentoStatus; }
    [[nodiscard]] std::optional<OrderBridge::SyncStatus> syncStatusFilter() const { return m_query.syncStatus; }
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// Re-reads the given orders (by Magento entity_id) where they are loaded and emits one ranged
    /// dataChanged per run of adjacent rows; selection and scroll position stay. Returns how many rows changed.
    int refreshRows(const QList<qint64> &entityIds);
    /// Counts again and drops the cache (new orders, or after a run that changed many rows).
    void reload();
    /// True when the store now holds another number of orders matching the filters than the rows
    /// shown (new orders were mirrored, or some removed): reload() then shows them.
    [[nodiscard]] bool isStale() const;

    /// The row's order record, loading its page if needed; nullptr when out of range or unreadable.
    [[nodiscard]] const OrderBridge::OrderRecord *orderAt(int row) const;
    [[nodiscard]] static constexpr int pageSize() { return Pages::pageSize(); }
    [[nodiscard]] static constexpr int maxCachedPages() { return Pages::maxPages(); }
    /// How many pages are in memory (for tests and the benchmark).
    [[nodiscard]] int cachedPageCount() const { return m_pages.pageCount(); }

    /// Magento's order statuses as code and label, in the admin grid's order.
    [[nodiscard]] static QList<std::pair<QString, QString>> magentoStatuses();
    [[nodiscard]] static QString magentoStatusLabel(const QString &code);
    [[nodiscard]] static QString syncStatusLabel(OrderBridge::SyncStatus status);
    /// An amount in the order's currency (ISO code) as `locale` writes money: "$90.19" in en_US,
    /// "90,19 €" in de_DE. Known codes show their symbol (the locale's own for its own currency),
    /// others their ISO code; the C locale writes as en_US does, not "90.19$".
    [[nodiscard]] static QString formatMoney(double amount, const QString &currencyCode, const QLocale &locale = QLocale());

Q_SIGNALS:
    /// Reading the store failed; the message names the problem and the fix.
    void errorOccurred(const QString &message);

private:
    using Pages = PageCache<OrderBridge::OrderRecord, 200, 16>;

    void recount();
    void reportError(const QString &message) const;

    std::shared_ptr<OrderBridge::Database> m_database;
    std::unique_ptr<OrderBridge::OrdersRepository> m_repository;
    OrderBridge::OrderQuery m_query;
    int m_sortColumn = PurchaseDateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    int m_rowCount = 0;
    mutable Pages m_pages;
};
