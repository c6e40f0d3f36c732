#include "statuscommand.h"

#include "store/database.h"
#include "store/ordersrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// Why the order is where it is; for an order in Error, the error first.
QString reasonOf(const OrderRecord &r)
{
    if (r.syncStatus != SyncStatus::Error)
        return r.reason;
    return r.lastErrorMessage + (r.reason.isEmpty() ? QString() : u" "_s + r.reason);
}

QJsonObject toJson(const OrderRecord &r)
{
    return QJsonObject{{u"increment_id"_s, r.incrementId},
                       {u"sync_status"_s, syncStatusDbName(r.syncStatus)},
                       {u"salesforce_order_id"_s, r.salesforceOrderId.isEmpty() ? QJsonValue() : QJsonValue(r.salesforceOrderId)},
                       {u"reason"_s, reasonOf(r)},
                       {u"attempts"_s, r.attempts},
                       {u"error_code"_s, r.lastErrorCode},
                       {u"next_retry_at"_s, r.nextRetryAt.isValid() ? r.nextRetryAt.toString(Qt::ISODate) : QString()}};
}

} // namespace

StatusCommand::StatusCommand(const CliContext &context, QObject *parent)
    : Command(context, parent)
{
}

StatusCommand::~StatusCommand() = default;

QString StatusCommand::synopsis()
{
    return u"  status [--order INCREMENT_ID] [--json]\n"_s;
}

void StatusCommand::run(ArgumentList args)
{
    const bool json = args.takeFlag(u"--json"_s);
    const auto order = args.takeOption(u"--order"_s);
    if (rejectRemaining(args))
        return;
    finish(print(order, json));
}

ExitCode StatusCommand::print(const std::optional<QString> &order, bool json)
{
    auto db = context().openDatabase();
    if (!db)
        return context().report(db.error());
    OrderQuery query;
    query.sortBy = OrderQuery::SortColumn::IncrementId;
    query.descending = false;
    query.limit = 1000000;
    if (order)
        query.search = *order;
    auto rows = OrdersRepository(*db).page(query);
    if (!rows)
        return context().report(rows.error());
    QJsonArray array;
    for (const OrderRecord &r : *rows) {
        if (order && r.incrementId != *order)
            continue;
        if (json)
            array.append(toJson(r));
        else
            context().out << u"%1  %2  %3  %4\n"_s.arg(r.incrementId, -12)
                                 .arg(syncStatusDbName(r.syncStatus), -12)
                                 .arg(r.salesforceOrderId, -18)
                                 .arg(reasonOf(r));
    }
    if (order && array.isEmpty() && json)
        return context().report(Error{u"cli.order_unknown"_s, u"Order %1 is not in the local store."_s.arg(*order),
                                      u"Run `orderbridge-cli sync --orders %1` first."_s.arg(*order), {}});
    if (json)
        context().out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << u'\n';
    return ExitCode::Success;
}

} // namespace OrderBridge
