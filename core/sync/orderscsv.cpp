#include "sync/orderscsv.h"

#include "store/ordersrepository.h"
#include "store/syncstatus.h"
#include "sync/synclogcsv.h"

#include <QDir>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QStringList OrdersCsv::header()
{
    // English, as the error export's: the file is read by tools as much as by people.
    return {u"ORDER"_s,  u"PURCHASE_DATE"_s, u"BILL_TO_NAME"_s,        u"EMAIL"_s,      u"GRAND_TOTAL"_s,
            u"CURRENCY"_s, u"STATUS"_s,      u"SALESFORCE_ORDER_ID"_s, u"SYNC_STATUS"_s};
}

QByteArray OrdersCsv::record(const OrderRecord &order)
{
    // The raw values, not the grid's formatting: a spreadsheet reads "90.19", not "$90.19" or "90,19 €".
    return SyncLogCsv::record({order.incrementId, order.createdAt.toUTC().toString(Qt::ISODateWithMs), order.customerName,
                               order.customerEmail, QString::number(order.grandTotal, 'f', 2), order.currency,
                               order.status, order.salesforceOrderId, syncStatusDbName(order.syncStatus)});
}

Result<qint64> OrdersCsv::write(const OrdersRepository &reader, const OrderQuery &query, QIODevice &out,
                                const std::atomic_bool *cancelled)
{
    const auto writeAll = [&out](const QByteArray &bytes) -> Result<void> {
        if (out.write(bytes) != bytes.size())
            return fail(u"orders.export_failed"_s, tr("The CSV file could not be written: %1.").arg(out.errorString()),
                        tr("Check that the disk is not full and the folder is writable, then export again."));
        return {};
    };
    if (auto r = writeAll(SyncLogCsv::record(header())); !r)
        return std::unexpected(r.error());
    return reader.forEach(query, [&](const OrderRecord &order) -> Result<void> {
        if (cancelled && cancelled->load())
            return fail(u"orders.export_cancelled"_s, tr("The export was cancelled."),
                        tr("Export again to write the whole view."));
        return writeAll(record(order));
    });
}

Result<qint64> OrdersCsv::exportTo(const OrdersRepository &reader, const OrderQuery &query, const QString &filePath,
                                   const std::atomic_bool *cancelled)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(u"orders.export_failed"_s,
                    tr("%1 cannot be written: %2.").arg(QDir::toNativeSeparators(filePath), file.errorString()),
                    tr("Choose a file in a folder you can write to."));
    // Before any row is written; QSaveFile keeps the mode when it renames the file into place.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const Result<qint64> written = write(reader, query, file, cancelled);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return fail(u"orders.export_failed"_s,
                    tr("%1 cannot be written: %2.").arg(QDir::toNativeSeparators(filePath), file.errorString()),
                    tr("Check that the disk is not full, then export again."));
    return written;
}

} // namespace OrderBridge
