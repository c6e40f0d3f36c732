#include "orders/orderstablemodel.h"
#include "common/localdatetext.h"

#include "store/database.h"
#include "store/ordersrepository.h"
#include "sync/storedtext.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::OrderQuery;
using OrderBridge::OrderRecord;
using OrderBridge::SyncStatus;

namespace {

std::optional<OrderQuery::SortColumn> sortColumnFor(int column)
{
    switch (column) {
    case OrdersTableModel::IdColumn:
        return OrderQuery::SortColumn::IncrementId;
    case OrdersTableModel::PurchaseDateColumn:
        return OrderQuery::SortColumn::CreatedAt;
    case OrdersTableModel::BillToNameColumn:
        return OrderQuery::SortColumn::CustomerName;
    case OrdersTableModel::GrandTotalColumn:
        return OrderQuery::SortColumn::GrandTotal;
    case OrdersTableModel::StatusColumn:
        return OrderQuery::SortColumn::Status;
    case OrdersTableModel::SyncStatusColumn:
        return OrderQuery::SortColumn::SyncStatus;
    default:
        return std::nullopt;
    }
}

// International symbols of the common store currencies (CLDR's English ones, unambiguous across
// countries: CA$ rather than $); any other ISO code is written as the code itself.
QString currencySymbol(const QString &code, const QLocale &locale)
{
    if (code.isEmpty())
        return {};
    // The user's own currency gets the symbol they are used to (en_CA: CAD is "$").
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == code)
        return locale.currencySymbol(QLocale::CurrencySymbol);
    static const QHash<QString, QString> symbols{
        {u"USD"_s, u"$"_s},    {u"EUR"_s, u"€"_s},    {u"GBP"_s, u"£"_s},   {u"JPY"_s, u"¥"_s},
        {u"CNY"_s, u"CN¥"_s},  {u"CAD"_s, u"CA$"_s},  {u"AUD"_s, u"A$"_s},  {u"NZD"_s, u"NZ$"_s},
        {u"HKD"_s, u"HK$"_s},  {u"MXN"_s, u"MX$"_s},  {u"BRL"_s, u"R$"_s},  {u"INR"_s, u"₹"_s},
        {u"KRW"_s, u"₩"_s},    {u"ILS"_s, u"₪"_s},    {u"VND"_s, u"₫"_s},   {u"TWD"_s, u"NT$"_s},
    };
    return symbols.value(code, code);
}

// Currencies without minor units (ISO 4217 exponent 0).
bool hasNoMinorUnits(const QString &code)
{
    static const QSet<QString> codes{u"JPY"_s, u"KRW"_s, u"VND"_s, u"CLP"_s, u"ISK"_s, u"PYG"_s,
                                     u"UGX"_s, u"XAF"_s, u"XOF"_s, u"XPF"_s};
    return codes.contains(code);
}

} // namespace

OrdersTableModel::OrdersTableModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(std::move(database))
{
    if (m_database)
        m_repository = std::make_unique<OrderBridge::OrdersRepository>(m_database);
    m_query.sortBy = OrderQuery::SortColumn::CreatedAt;
    m_query.descending = true;
    m_query.limit = pageSize();
    recount();
}

OrdersTableModel::~OrdersTableModel() = default;

int OrdersTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int OrdersTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrdersTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrderRecord *order = orderAt(index.row());
    if (!order)
        return {};

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case IdColumn:
            return order->incrementId;
        case PurchaseDateColumn:
            return LocalDateText::dateTime(order->createdAt);
        case BillToNameColumn:
            return order->customerName;
        case GrandTotalColumn:
            return formatMoney(order->grandTotal, order->currency);
        case StatusColumn:
            return magentoStatusLabel(order->status);
        case SalesforceIdColumn:
            return order->salesforceOrderId;
        case SyncStatusColumn:
            return syncStatusLabel(order->syncStatus);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == GrandTotalColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return order->incrementId;
        case PurchaseDateColumn:
            return order->createdAt;
        case BillToNameColumn:
            return order->customerName;
        case GrandTotalColumn:
            return order->grandTotal;
        case StatusColumn:
            return order->status;
        case SalesforceIdColumn:
            return order->salesforceOrderId;
        case SyncStatusColumn:
            return OrderBridge::syncStatusDbName(order->syncStatus);
        default:
            return {};
        }
    case SyncStatusRole:
        return int(order->syncStatus);
    case ReasonRole:
        return OrderBridge::StoredText::translated(order->reason);
    case SalesforceIdRole:
        return order->salesforceOrderId;
    case EntityIdRole:
        return order->magentoEntityId;
    case IncrementIdRole:
        return order->incrementId;
    case ErrorCodeRole:
        return order->lastErrorCode;
    case ErrorMessageRole:
        return OrderBridge::StoredText::translated(order->lastErrorMessage);
    default:
        return {};
    }
}

QVariant OrdersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case PurchaseDateColumn:
        return tr("Purchase Date");
    case BillToNameColumn:
        return tr("Bill-to Name");
    case GrandTotalColumn:
        return tr("Grand Total");
    case StatusColumn:
        return tr("Status");
    case SalesforceIdColumn:
        return tr("Salesforce Order ID");
    case SyncStatusColumn:
        return tr("Salesforce Sync Status");
    default:
        return {};
    }
}

void OrdersTableModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<OrderQuery::SortColumn> sortBy = sortColumnFor(column);
    if (!sortBy)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    // Row positions all change and cannot be mapped without reading every row: a reset is honest.
    beginResetModel();
    m_sortColumn = column;
    m_sortOrder = order;
    m_query.sortBy = *sortBy;
    m_query.descending = order == Qt::DescendingOrder;
    m_pages.clear();
    endResetModel();
}

void OrdersTableModel::setFilters(const QString &search, const QString &magentoStatus,
                                  std::optional<SyncStatus> syncStatus)
{
    OrderQuery filter = m_query;
    filter.search = search;
    filter.magentoStatus = magentoStatus;
    filter.syncStatus = syncStatus;
    setFilter(filter);
}

void OrdersTableModel::setFilter(const OrderQuery &filter)
{
    const QString trimmed = filter.search.trimmed();
    if (trimmed == m_query.search && filter.magentoStatus == m_query.magentoStatus && filter.syncStatus == m_query.syncStatus
        && filter.createdFrom == m_query.createdFrom && filter.createdTo == m_query.createdTo
        && filter.minGrandTotal == m_query.minGrandTotal && filter.maxGrandTotal == m_query.maxGrandTotal)
        return;
    beginResetModel();
    m_query.search = trimmed;
    m_query.magentoStatus = filter.magentoStatus;
    m_query.syncStatus = filter.syncStatus;
    m_query.createdFrom = filter.createdFrom;
    m_query.createdTo = filter.createdTo;
    m_query.minGrandTotal = filter.minGrandTotal;
    m_query.maxGrandTotal = filter.maxGrandTotal;
    recount();
    endResetModel();
}

void OrdersTableModel::reload()
{
    beginResetModel();
    recount();
    endResetModel();
}

bool OrdersTableModel::isStale() const
{
    if (!m_repository)
        return false;
    const auto count = m_repository->count(m_query);
    if (!count) {
        reportError(count.error().toString());
        return false;
    }
    return std::min<qint64>(*count, std::numeric_limits<int>::max()) != m_rowCount;
}

int OrdersTableModel::refreshRows(const QList<qint64> &entityIds)
{
    if (!m_repository || entityIds.isEmpty())
        return 0;
    const QSet<qint64> wanted(entityIds.cbegin(), entityIds.cend());
    // Rows not in the cache need nothing: they are read fresh when the view next asks for them.
    QList<int> changedRows;
    m_pages.forEachCachedRow([&](int row, OrderRecord &order) {
        if (!wanted.contains(order.magentoEntityId))
            return;
        const auto fresh = m_repository->findByEntityId(order.magentoEntityId);
        if (!fresh) {
            reportError(fresh.error().toString());
            return;
        }
        if (!fresh->has_value() || **fresh == order)
            return;
        order = **fresh;
        changedRows << row;
    });
    std::sort(changedRows.begin(), changedRows.end());
    for (qsizetype start = 0; start < changedRows.size();) {
        qsizetype end = start;
        while (end + 1 < changedRows.size() && changedRows.at(end + 1) == changedRows.at(end) + 1)
            ++end;
        Q_EMIT dataChanged(index(changedRows.at(start), 0), index(changedRows.at(end), ColumnCount - 1));
        start = end + 1;
    }
    return int(changedRows.size());
}

const OrderRecord *OrdersTableModel::orderAt(int row) const
{
    if (row < 0 || row >= m_rowCount || !m_repository)
        return nullptr;
    return m_pages.rowAt(row, [this](int offset, int limit) -> std::optional<QList<OrderRecord>> {
        OrderQuery query = m_query;
        query.limit = limit;
        query.offset = offset;
        auto rows = m_repository->page(query);
        if (!rows) {
            reportError(rows.error().toString());
            return std::nullopt;
        }
        return std::move(*rows);
    });
}

void OrdersTableModel::recount()
{
    m_pages.clear();
    m_rowCount = 0;
    if (!m_repository)
        return;
    const auto count = m_repository->count(m_query);
    if (!count) {
        reportError(count.error().toString());
        return;
    }
    m_rowCount = int(std::min<qint64>(*count, std::numeric_limits<int>::max()));
}

void OrdersTableModel::reportError(const QString &message) const
{
    // Queued: data() must not call back into views while they are painting.
    auto *self = const_cast<OrdersTableModel *>(this);
    QMetaObject::invokeMethod(self, [self, message] { Q_EMIT self->errorOccurred(message); }, Qt::QueuedConnection);
}

QList<std::pair<QString, QString>> OrdersTableModel::magentoStatuses()
{
    return {
        {u"pending"_s, tr("Pending")},
        {u"pending_payment"_s, tr("Pending Payment")},
        {u"payment_review"_s, tr("Payment Review")},
        {u"processing"_s, tr("Processing")},
        {u"fraud"_s, tr("Suspected Fraud")},
        {u"holded"_s, tr("On Hold")},
        {u"complete"_s, tr("Complete")},
        {u"closed"_s, tr("Closed")},
        {u"canceled"_s, tr("Canceled")},
    };
}

QString OrdersTableModel::magentoStatusLabel(const QString &code)
{
    for (const auto &[statusCode, label] : magentoStatuses()) {
        if (statusCode == code)
            return label;
    }
    return code;
}

QString OrdersTableModel::syncStatusLabel(SyncStatus status)
{
    switch (status) {
    case SyncStatus::InSync:
        return tr("In Sync");
    case SyncStatus::Pending:
        return tr("Pending");
    case SyncStatus::OutOfSync:
        return tr("Out of Sync");
    case SyncStatus::Error:
        return tr("Error");
    case SyncStatus::Skipped:
        return tr("Skipped");
    }
    return {};
}

QString OrdersTableModel::formatMoney(double amount, const QString &currencyCode, const QLocale &locale)
{
    // The C locale's money pattern puts the symbol after the digits ("90.19$"), which nobody
    // writes; a machine without a configured locale reads money as en_US does.
    const QLocale money = locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : locale;
    const QString code = currencyCode.trimmed().toUpper();
    QString symbol = currencySymbol(code, money);
    // A symbol of letters before the digits needs a space ("CHF 90.00", not "CHF90.00").
    const bool prefix = money.toCurrencyString(1.0, u"\u00A4"_s, 0).startsWith(u'\u00A4');
    if (prefix && !symbol.isEmpty() && symbol.back().isLetter())
        symbol += QChar(0x00A0);
    return money.toCurrencyString(amount, symbol, hasNoMinorUnits(code) ? 0 : 2);
}
