#include "sync/syncstore.h"

#include "magento/magentotime.h"
#include "salesforce/writegroup.h"
#include "sync/plannertext.h"
#include "store/syncstatus.h"

#include <QJsonArray>
#include <QJsonDocument>

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

/// What an order in sync keeps of its recorded intent: what the order dialog shows (SyncQueueRepository::
/// latestIntent, ui/orders/orderinformationtext): its identity, totals, addresses, payment and shipping
/// method, comments history and the listed fields of its lines. The rest (per-line taxes, weights, quote and
/// rule IDs, base-currency copies: most of some 11 KB an order) was only needed to plan the sync; requeueing
/// by new rules and retrying errors take orders that are Out of Sync, Skipped or in Error, whose intents stay
/// whole, and a sync on request fetches the order again.
QByteArray keptIntentJson(const QJsonObject &order)
{
    static const QStringList kOrderKeys{u"entity_id"_s,       u"increment_id"_s,   u"store_id"_s,
                                        u"created_at"_s,      u"updated_at"_s,     u"status"_s,
                                        u"state"_s,           u"order_currency_code"_s, u"grand_total"_s,
                                        u"subtotal"_s,        u"discount_amount"_s, u"shipping_amount"_s,
                                        u"tax_amount"_s,      u"total_paid"_s,     u"total_refunded"_s,
                                        u"total_due"_s,       u"shipping_description"_s, u"billing_address"_s};
    static const QStringList kPaymentKeys{u"method"_s, u"additional_information"_s};
    static const QStringList kCommentKeys{u"created_at"_s, u"status"_s, u"comment"_s, u"is_customer_notified"_s};
    static const QStringList kShippingKeys{u"address"_s, u"method"_s};
    static const QStringList kItemKeys{u"item_id"_s, u"parent_item_id"_s, u"product_type"_s, u"sku"_s, u"name"_s,
                                       u"qty_ordered"_s, u"price"_s, u"row_total"_s};
    const auto pick = [](const QJsonObject &from, const QStringList &keys) {
        QJsonObject kept;
        for (const QString &key : keys) {
            const auto it = from.constFind(key);
            if (it != from.constEnd())
                kept.insert(key, *it);
        }
        return kept;
    };
    QJsonObject kept = pick(order, kOrderKeys);
    if (const auto payment = order.constFind(u"payment"_s); payment != order.constEnd())
        kept.insert(u"payment"_s, pick(payment->toObject(), kPaymentKeys));
    if (const auto histories = order.constFind(u"status_histories"_s); histories != order.constEnd()) {
        QJsonArray comments;
        for (const QJsonValue &entry : histories->toArray())
            comments.append(pick(entry.toObject(), kCommentKeys));
        kept.insert(u"status_histories"_s, comments);
    }
    const QJsonObject extension = order.value(u"extension_attributes"_s).toObject();
    QJsonObject keptExtension;
    const QJsonArray assignments = extension.value(u"shipping_assignments"_s).toArray();
    if (!assignments.isEmpty()) {
        const QJsonObject shipping = assignments.first().toObject().value(u"shipping"_s).toObject();
        keptExtension.insert(u"shipping_assignments"_s,
                             QJsonArray{QJsonObject{{u"shipping"_s, pick(shipping, kShippingKeys)}}});
    }
    for (const QJsonValue &info : extension.value(u"payment_additional_info"_s).toArray()) {
        if (info.toObject().value(u"key"_s).toString() == u"method_title")
            keptExtension.insert(u"payment_additional_info"_s, QJsonArray{info});
    }
    if (!keptExtension.isEmpty())
        kept.insert(u"extension_attributes"_s, keptExtension);
    const auto items = order.constFind(u"items"_s);
    if (items != order.constEnd()) {
        QJsonArray lines;
        for (const QJsonValue &item : items->toArray())
            lines.append(pick(item.toObject(), kItemKeys));
        kept.insert(u"items"_s, lines);
    }
    return QJsonDocument(kept).toJson(QJsonDocument::Compact);
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
    if (o.status == SyncStatus::InSync && record.queueState == SyncQueueState::Done)
        record.keptIntentJson = keptIntentJson(item.order);
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
