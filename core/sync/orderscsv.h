#pragma once

#include "common/error.h"
#include "store/orderquery.h"
#include "store/orderrecord.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <atomic>

class QIODevice;

namespace OrderBridge {

class OrdersRepository;

/// Writes the orders of a grid view as CSV, in SyncLogCsv's format: a header row, every field quoted,
/// formula-leading cells neutralised, CRLF line ends, UTF-8. Columns: order, purchase date (UTC ISO 8601),
/// bill-to name, e-mail, grand total, currency, Magento status, Salesforce Order ID, sync status.
class OrdersCsv
{
    Q_DECLARE_TR_FUNCTIONS(OrdersCsv)

public:
    [[nodiscard]] static QStringList header();
    [[nodiscard]] static QByteArray record(const OrderRecord &order);
    /// Writes the header and every order matching the query's filters, in its sort order, streamed from the
    /// store (limit and offset ignored). Stops with an error when `cancelled` becomes true. Returns the orders written.
    static Result<qint64> write(const OrdersRepository &reader, const OrderQuery &query, QIODevice &out,
                                const std::atomic_bool *cancelled = nullptr);
    /// write() into `filePath`, created owner-only (0600: the file holds customer names and e-mails) and
    /// replaced only when complete.
    static Result<qint64> exportTo(const OrdersRepository &reader, const OrderQuery &query, const QString &filePath,
                                   const std::atomic_bool *cancelled = nullptr);
};

} // namespace OrderBridge
