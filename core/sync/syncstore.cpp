#include "sync/syncstore.h"

#include "magento/magentotime.h"
#include "salesforce/writegroup.h"
#include "sync/plannertext.h"
#include "store/syncstatus.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString customerName(const QJsonObject &o)
{
    const QJsonObject billing = o.value(u"billing_address"_s).toObject();
    const QString first = o.value(u"customer_firstname"_s).toString(billing.value(u"firstname"_s).toString());
    const QString last = o.value(u"customer_lastname"_s).toString(billing.value(u"lastname"_s).toString());
    return QString(first + u' ' + last).trimmed();
}

// Magento writes "yyyy-MM-dd HH:mm:ss" in UTC; anything else is tried as ISO 8601.
QDateTime magentoTime(const QString &text)
{
    if (const QDateTime time = MagentoTime::parse(text); time.isValid())
        return time;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

SyncQueueKind kindOf(SyncTrigger trigger)
{
    return trigger == SyncTrigger::OnDemand ? SyncQueueKind::OnDemand : SyncQueueKind::Automatic;
}

// What a sync that wrote the order put into Salesforce, one log line per record kind: the Order (created, or
// which fields changed and the status from → to), its products, its notes, the customer's records.
QList<SyncLogEntry> writtenEntries(const OrderOutcome &o)
{
    int productsAdded = 0;
    int productsUpdated = 0;
    int notesAdded = 0;
    bool orderWritten = false;
    QStringList orderFields;
    QString status;
    QStringList customerCreated;
    QStringList customerUpdated;
    for (const RecordWrite &write : o.plannedWrites.writes) {
        const bool creates = write.operation == RecordWrite::Operation::Create;
        if (write.object == u"Order") {
            orderWritten = true;
            for (auto it = write.fields.constBegin(); it != write.fields.constEnd(); ++it) {
                if (it.key() == u"Status")
                    status = it.value().toString();
                else if (!orderFields.contains(it.key()))
                    orderFields << it.key();
            }
        } else if (write.object == u"OrderItem") {
            // Upserted lines of an Order that did not exist yet are new too.
            const bool added = creates || (write.operation == RecordWrite::Operation::Upsert && !o.orderExisted);
            ++(added ? productsAdded : productsUpdated);
        } else if (write.object == u"Note" || write.object == u"ContentNote") {
            notesAdded += creates ? 1 : 0;
        } else if (write.object == u"Account" || write.object == u"Contact" || write.object == u"Opportunity") {
            QStringList &list = creates ? customerCreated : customerUpdated;
            if (!list.contains(write.object))
                list << write.object;
        }
    }
    QList<SyncLogEntry> entries;
    const auto add = [&](const QString &object, const QString &message) {
        SyncLogEntry entry;
        entry.level = u"info"_s;
        entry.incrementId = o.incrementId;
        entry.object = object;
        entry.message = message;
        entries << entry;
    };
    if (orderWritten && !o.orderExisted)
        add(u"Order"_s, PlannerText::english(PlannerText::WroteOrderCreated));
    else if (orderWritten && !orderFields.isEmpty())
        add(u"Order"_s, PlannerText::english(PlannerText::WroteOrderUpdated, {orderFields.join(u", "_s)}));
    if (!status.isEmpty() && o.orderExisted && !o.previousStatus.isEmpty() && status != o.previousStatus)
        add(u"Order"_s, PlannerText::english(PlannerText::WroteStatusChanged, {o.previousStatus, status}));
    else if (!status.isEmpty() && status != o.previousStatus)
        add(u"Order"_s, PlannerText::english(PlannerText::WroteStatusSet, {status}));
    if (productsAdded > 0)
        add(u"OrderItem"_s, PlannerText::english(PlannerText::WroteProductsAdded, {QString::number(productsAdded)}));
    if (productsUpdated > 0)
        add(u"OrderItem"_s, PlannerText::english(PlannerText::WroteProductsUpdated, {QString::number(productsUpdated)}));
    if (notesAdded > 0)
        add(u"Note"_s, PlannerText::english(PlannerText::WroteNotesAdded, {QString::number(notesAdded)}));
    for (const QString &object : std::as_const(customerCreated))
        add(object, PlannerText::english(PlannerText::WroteRecordCreated, {object}));
    for (const QString &object : std::as_const(customerUpdated))
        add(object, PlannerText::english(PlannerText::WroteRecordUpdated, {object}));
    return entries;
}

// What the log says about one order's outcome: one entry, the records it wrote, then its notices as warnings.
QList<SyncLogEntry> logEntries(const OrderOutcome &o)
{
    const bool failed = o.status == SyncStatus::Error;
    SyncLogEntry entry;
    entry.level = u"info"_s;
    entry.incrementId = o.incrementId;
    entry.object = u"Order"_s;
    switch (o.status) {
    case SyncStatus::InSync:
        entry.message = o.wrote ? u"Synced to Salesforce Order %1."_s.arg(o.orderId) : u"In sync; nothing to write."_s;
        break;
    case SyncStatus::OutOfSync:
    case SyncStatus::Skipped:
        entry.message = o.reason;
        break;
    case SyncStatus::Pending:
        entry.level = u"warning"_s;
        entry.message = o.reason;
        break;
    case SyncStatus::Error:
        entry.level = u"error"_s;
        entry.message = o.error.toString();
        break;
    }
    if (failed) {
        entry.errorCode = o.error.code;
        entry.fields = o.error.fields.join(u',');
    }
    QList<SyncLogEntry> entries{entry};
    if (o.status == SyncStatus::InSync && o.wrote)
        entries << writtenEntries(o);
    for (const QString &notice : o.notices) {
        SyncLogEntry warning;
        warning.level = u"warning"_s;
        warning.incrementId = o.incrementId;
        warning.object = u"Order"_s;
        warning.message = notice;
        entries << warning;
    }
    return entries;
}

SyncAttemptRecord attemptRecord(const SyncStore::Item &item, const OrderOutcome &o, int maxAttempts,
                                const QDateTime &now)
{
    const bool failed = o.status == SyncStatus::Error;
    const bool again = failed && item.attempts < maxAttempts;
    SyncAttemptRecord record;
    record.queueId = item.queueId;
    record.orderRowId = item.orderRowId;
    record.status = o.status;
    record.reason = failed ? o.error.hint : o.reason;
    record.errorCode = failed ? o.error.code : QString();
    record.errorMessage = failed ? o.error.message : QString();
    record.failedAttempts = failed ? item.attempts : 0;
    record.retryAt = again ? now.addSecs(SyncStore::backoffSeconds(item.attempts)) : QDateTime();
    record.synced = o.wrote || o.status == SyncStatus::InSync;
    record.salesforceOrderId = o.orderId;
    record.salesforceAccountId = o.accountId;
    record.salesforceContactId = o.contactId;
    record.salesforceOpportunityId = o.opportunityId;
    record.queueState = again ? SyncQueueState::Queued : (failed ? SyncQueueState::Failed : SyncQueueState::Done);
    record.log = logEntries(o);
    return record;
}

} // namespace

SyncStore::SyncStore(std::shared_ptr<Database> database)
    : m_queue(std::move(database))
{
}

int SyncStore::backoffSeconds(int attempts)
{
    return std::min(3600, 60 * (1 << std::clamp(attempts - 1, 0, 6)));
}

OrderRecord SyncStore::mirrorOf(const QJsonObject &o)
{
    return mirrorOf(o, true);
}

OrderRecord SyncStore::mirrorOf(const QJsonObject &o, bool withTimes)
{
    OrderRecord order;
    order.magentoEntityId = o.value(u"entity_id"_s).toInteger();
    order.incrementId = o.value(u"increment_id"_s).toString();
    order.status = o.value(u"status"_s).toString();
    order.state = o.value(u"state"_s).toString();
    if (withTimes) {
        order.createdAt = magentoTime(o.value(u"created_at"_s).toString());
        order.updatedAt = magentoTime(o.value(u"updated_at"_s).toString());
    }
    order.customerEmail = o.value(u"customer_email"_s).toString();
    order.customerName = customerName(o);
    order.grandTotal = o.value(u"grand_total"_s).toDouble();
    order.currency = o.value(u"order_currency_code"_s).toString();
    return order;
}

Result<int> SyncStore::enqueue(const QList<QJsonObject> &orders, SyncTrigger trigger) const
{
    QList<SyncQueueRequest> requests;
    requests.reserve(orders.size());
    for (const QJsonObject &o : orders)
        requests << SyncQueueRequest{mirrorOf(o), o, {}};
    return m_queue.enqueue(requests, kindOf(trigger));
}

Result<int> SyncStore::enqueue(const QList<MagentoOrder> &orders, SyncTrigger trigger) const
{
    QList<SyncQueueRequest> requests;
    requests.reserve(orders.size());
    for (const MagentoOrder &o : orders) {
        // MagentoOrder::fromJson parsed the times and serialised the order already: neither is done twice.
        OrderRecord mirror = mirrorOf(o.json, false);
        mirror.createdAt = o.createdAt;
        mirror.updatedAt = o.updatedAt;
        requests << SyncQueueRequest{std::move(mirror), o.json, o.compactJson};
    }
    return m_queue.enqueue(requests, kindOf(trigger));
}

Result<int> SyncStore::recoverInterrupted() const
{
    return m_queue.recoverInterrupted();
}

Result<QList<SyncStore::Item>> SyncStore::takeReady(int limit, const QDateTime &now) const
{
    auto taken = m_queue.takeReady(limit, now);
    if (!taken)
        return std::unexpected(taken.error());
    QList<Item> items;
    items.reserve(taken->size());
    for (const SyncQueueItem &entry : std::as_const(*taken)) {
        const SyncTrigger trigger = entry.kind == SyncQueueKind::OnDemand ? SyncTrigger::OnDemand : SyncTrigger::Automatic;
        items << Item{entry.queueId, entry.orderRowId, entry.intent, entry.attempts, trigger};
    }
    return items;
}

Result<void> SyncStore::record(const QList<Item> &items, const BatchOutcome &outcome, int maxAttempts,
                               const QDateTime &now) const
{
    // Two store views can both have an order 000000001: outcomes are matched by entity_id and increment_id.
    const auto orderKey = [](qint64 entityId, const QString &incrementId) -> QString {
        return QString::number(entityId) + u'/' + incrementId;
    };
    QHash<QString, const OrderOutcome *> byOrder;
    QHash<QString, const OrderOutcome *> byIncrement; // outcomes that do not name the entity_id
    for (const OrderOutcome &o : outcome.orders) {
        if (o.entityId > 0)
            byOrder.insert(orderKey(o.entityId, o.incrementId), &o);
        else
            byIncrement.insert(o.incrementId, &o);
    }
    QList<SyncAttemptRecord> records;
    for (const Item &item : items) {
        const QString incrementId = item.order.value(u"increment_id"_s).toString();
        const OrderOutcome *o = byOrder.value(orderKey(item.order.value(u"entity_id"_s).toInteger(), incrementId),
                                              byIncrement.value(incrementId));
        if (o)
            records << attemptRecord(item, *o, maxAttempts, now);
    }
    return m_queue.record(records, now);
}

Result<void> SyncStore::postpone(const QList<Item> &items, const Error &error, int maxAttempts, const QDateTime &now,
                                 bool countAttempt) const
{
    BatchOutcome outcome;
    for (const Item &item : items) {
        OrderOutcome o;
        o.entityId = item.order.value(u"entity_id"_s).toInteger();
        o.incrementId = item.order.value(u"increment_id"_s).toString();
        o.status = SyncStatus::Error;
        o.error = error;
        outcome.orders << o;
    }
    QList<Item> counted = items;
    if (!countAttempt) {
        // A stop for the API allowance is no failed attempt: the attempt taken is given back.
        QList<qint64> queueIds;
        for (Item &item : counted) {
            queueIds << item.queueId;
            item.attempts = std::max(0, item.attempts - 1);
        }
        if (auto r = m_queue.returnAttempts(queueIds); !r)
            return r;
        maxAttempts = std::max(maxAttempts, 1) + 1000; // stays queued
    }
    return record(counted, outcome, maxAttempts, now);
}

Result<void> SyncStore::release(const QList<Item> &items) const
{
    QList<qint64> queueIds;
    for (const Item &item : items)
        queueIds << item.queueId;
    return m_queue.release(queueIds);
}

Result<int> SyncStore::requeueErrors(const QDateTime &now) const
{
    return m_queue.requeueErrors(now);
}

Result<int> SyncStore::pendingCount() const
{
    return m_queue.pendingCount();
}

Result<int> SyncStore::notePendingReason(const QString &reason) const
{
    return m_queue.notePendingReason(reason);
}

} // namespace OrderBridge
