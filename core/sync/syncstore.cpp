#include "sync/syncstore.h"

#include "common/logging.h"
#include "store/syncstatus.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

Error sqlError(const QSqlQuery &q, const QString &what)
{
    return Error{u"store.sql"_s, u"Could not %1: %2"_s.arg(what, q.lastError().text()),
                 u"Check that the data folder is writable and the disk not full."_s, {}};
}

/// Runs a prepared statement; the error names what it was for.
Result<void> exec(QSqlQuery &q, const QString &what)
{
    if (!q.exec())
        return std::unexpected(sqlError(q, what));
    return {};
}

class Transaction
{
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
    {
        m_open = m_db.transaction();
    }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    [[nodiscard]] bool isOpen() const { return m_open; }
    Result<void> commit()
    {
        m_open = false;
        if (!m_db.commit())
            return fail(u"store.sql"_s, u"Could not commit: %1"_s.arg(m_db.lastError().text()));
        return {};
    }

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

QString customerName(const QJsonObject &o)
{
    const QJsonObject billing = o.value(u"billing_address"_s).toObject();
    const QString first = o.value(u"customer_firstname"_s).toString(billing.value(u"firstname"_s).toString());
    const QString last = o.value(u"customer_lastname"_s).toString(billing.value(u"lastname"_s).toString());
    return QString(first + u' ' + last).trimmed();
}

QString magentoTimeToIso(const QString &t)
{
    QDateTime dt = QDateTime::fromString(t, u"yyyy-MM-dd HH:mm:ss"_s);
    dt.setTimeZone(QTimeZone::utc());
    return dt.isValid() ? iso(dt) : t;
}

} // namespace

SyncStore::SyncStore(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

int SyncStore::backoffSeconds(int attempts)
{
    return std::min(3600, 60 * (1 << std::clamp(attempts - 1, 0, 6)));
}

Result<int> SyncStore::enqueue(const QList<QJsonObject> &orders, SyncTrigger trigger) const
{
    QSqlDatabase db = m_database->connection();
    Transaction tx(db);
    if (!tx.isOpen())
        return fail(u"store.sql"_s, u"Could not start a transaction: %1"_s.arg(db.lastError().text()));
    QSqlQuery upsert(db);
    upsert.prepare(
        u"INSERT INTO orders (magento_entity_id, increment_id, status, state, created_at, updated_at, customer_email,"
        u" customer_name, grand_total, currency, sync_status)"
        u" VALUES (:entity, :inc, :status, :state, :created, :updated, :email, :name, :total, :currency, 'pending')"
        u" ON CONFLICT (magento_entity_id) DO UPDATE SET increment_id = excluded.increment_id, status = excluded.status,"
        u" state = excluded.state, updated_at = excluded.updated_at, customer_email = excluded.customer_email,"
        u" customer_name = excluded.customer_name, grand_total = excluded.grand_total, currency = excluded.currency,"
        u" sync_status = 'pending', next_retry_at = NULL"_s);
    QSqlQuery rowId(db);
    rowId.prepare(u"SELECT id FROM orders WHERE magento_entity_id = :entity"_s);
    QSqlQuery drop(db);
    drop.prepare(u"DELETE FROM sync_queue WHERE order_id = :order AND state = 'queued'"_s);
    QSqlQuery queue(db);
    queue.prepare(u"INSERT INTO sync_queue (order_id, kind, state, intent_json) VALUES (:order, :kind, 'queued', :intent)"_s);

    int n = 0;
    for (const QJsonObject &o : orders) {
        const qint64 entity = o.value(u"entity_id"_s).toInteger();
        if (entity <= 0)
            continue;
        upsert.bindValue(u":entity"_s, entity);
        upsert.bindValue(u":inc"_s, o.value(u"increment_id"_s).toString());
        upsert.bindValue(u":status"_s, o.value(u"status"_s).toString());
        upsert.bindValue(u":state"_s, o.value(u"state"_s).toString());
        upsert.bindValue(u":created"_s, magentoTimeToIso(o.value(u"created_at"_s).toString()));
        upsert.bindValue(u":updated"_s, magentoTimeToIso(o.value(u"updated_at"_s).toString()));
        upsert.bindValue(u":email"_s, o.value(u"customer_email"_s).toString());
        upsert.bindValue(u":name"_s, customerName(o));
        upsert.bindValue(u":total"_s, o.value(u"grand_total"_s).toDouble());
        upsert.bindValue(u":currency"_s, o.value(u"order_currency_code"_s).toString());
        if (auto r = exec(upsert, u"mirror an order"_s); !r)
            return std::unexpected(r.error());
        rowId.bindValue(u":entity"_s, entity);
        if (auto r = exec(rowId, u"find an order"_s); !r)
            return std::unexpected(r.error());
        if (!rowId.next())
            return fail(u"store.sql"_s, u"The order %1 vanished while it was queued."_s.arg(entity));
        const qint64 id = rowId.value(0).toLongLong();
        drop.bindValue(u":order"_s, id);
        if (auto r = exec(drop, u"replace a queue entry"_s); !r)
            return std::unexpected(r.error());
        queue.bindValue(u":order"_s, id);
        queue.bindValue(u":kind"_s, trigger == SyncTrigger::OnDemand ? u"on_demand"_s : u"automatic"_s);
        queue.bindValue(u":intent"_s, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        if (auto r = exec(queue, u"queue an order"_s); !r)
            return std::unexpected(r.error());
        ++n;
    }
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return n;
}

Result<int> SyncStore::recoverInterrupted() const
{
    QSqlQuery q(m_database->connection());
    q.prepare(u"UPDATE sync_queue SET state = 'queued', updated_at = :now WHERE state = 'running'"_s);
    q.bindValue(u":now"_s, iso(QDateTime::currentDateTimeUtc()));
    if (auto r = exec(q, u"recover interrupted syncs"_s); !r)
        return std::unexpected(r.error());
    const int n = q.numRowsAffected();
    if (n > 0)
        qCInfo(lcSync) << n << "interrupted sync(s) queued again";
    return n;
}

Result<QList<SyncStore::Item>> SyncStore::takeReady(int limit, const QDateTime &now) const
{
    QSqlDatabase db = m_database->connection();
    Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(u"SELECT id, order_id, intent_json, attempts, kind FROM sync_queue WHERE state = 'queued'"
              u" AND (not_before IS NULL OR not_before <= :now) ORDER BY id LIMIT :limit"_s);
    q.bindValue(u":now"_s, iso(now));
    q.bindValue(u":limit"_s, limit);
    if (auto r = exec(q, u"read the queue"_s); !r)
        return std::unexpected(r.error());
    QList<Item> items;
    while (q.next()) {
        Item item;
        item.queueId = q.value(0).toLongLong();
        item.orderRowId = q.value(1).toLongLong();
        item.order = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        item.attempts = q.value(3).toInt() + 1;
        item.trigger = q.value(4).toString() == u"on_demand"_s ? SyncTrigger::OnDemand : SyncTrigger::Automatic;
        items << item;
    }
    QSqlQuery mark(db);
    mark.prepare(u"UPDATE sync_queue SET state = 'running', attempts = attempts + 1, updated_at = :now WHERE id = :id"_s);
    for (const Item &item : std::as_const(items)) {
        mark.bindValue(u":now"_s, iso(now));
        mark.bindValue(u":id"_s, item.queueId);
        if (auto r = exec(mark, u"mark a sync as running"_s); !r)
            return std::unexpected(r.error());
    }
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return items;
}

Result<void> SyncStore::record(const QList<Item> &items, const BatchOutcome &outcome, int maxAttempts,
                               const QDateTime &now) const
{
    QSqlDatabase db = m_database->connection();
    Transaction tx(db);
    QSqlQuery order(db);
    order.prepare(u"UPDATE orders SET sync_status = :status, reason = :reason, last_error_code = :code,"
                  u" last_error_message = :message, attempts = :attempts, next_retry_at = :retry,"
                  u" last_synced_at = CASE WHEN :wrote THEN :now ELSE last_synced_at END,"
                  u" sf_order_id = COALESCE(:sfOrder, sf_order_id), sf_account_id = COALESCE(:sfAccount, sf_account_id),"
                  u" sf_contact_id = COALESCE(:sfContact, sf_contact_id),"
                  u" sf_opportunity_id = COALESCE(:sfOpp, sf_opportunity_id) WHERE id = :id"_s);
    QSqlQuery queue(db);
    queue.prepare(u"UPDATE sync_queue SET state = :state, not_before = :retry, updated_at = :now WHERE id = :id"_s);
    QSqlQuery log(db);
    log.prepare(u"INSERT INTO sync_log (level, order_increment_id, object, error_code, message, fields)"
                u" VALUES (:level, :inc, :object, :code, :message, :fields)"_s);

    auto nullIfEmpty = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); };
    QHash<QString, const OrderOutcome *> byIncrement;
    for (const OrderOutcome &o : outcome.orders)
        byIncrement.insert(o.incrementId, &o);

    for (const Item &item : items) {
        const OrderOutcome *o = byIncrement.value(item.order.value(u"increment_id"_s).toString());
        if (!o)
            continue;
        const bool failed = o->status == SyncStatus::Error;
        const bool again = failed && item.attempts < maxAttempts;
        const QDateTime retryAt = now.addSecs(backoffSeconds(item.attempts));
        order.bindValue(u":status"_s, syncStatusDbName(o->status));
        order.bindValue(u":reason"_s, nullIfEmpty(failed ? o->error.hint : o->reason));
        order.bindValue(u":code"_s, nullIfEmpty(failed ? o->error.code : QString()));
        order.bindValue(u":message"_s, nullIfEmpty(failed ? o->error.message : QString()));
        order.bindValue(u":attempts"_s, failed ? item.attempts : 0);
        order.bindValue(u":retry"_s, again ? QVariant(iso(retryAt)) : QVariant(QMetaType(QMetaType::QString)));
        order.bindValue(u":wrote"_s, o->wrote || o->status == SyncStatus::InSync);
        order.bindValue(u":now"_s, iso(now));
        order.bindValue(u":sfOrder"_s, nullIfEmpty(o->orderId));
        order.bindValue(u":sfAccount"_s, nullIfEmpty(o->accountId));
        order.bindValue(u":sfContact"_s, nullIfEmpty(o->contactId));
        order.bindValue(u":sfOpp"_s, nullIfEmpty(o->opportunityId));
        order.bindValue(u":id"_s, item.orderRowId);
        if (auto r = exec(order, u"record an order's sync"_s); !r)
            return std::unexpected(r.error());

        queue.bindValue(u":state"_s, again ? u"queued"_s : (failed ? u"failed"_s : u"done"_s));
        queue.bindValue(u":retry"_s, again ? QVariant(iso(retryAt)) : QVariant(QMetaType(QMetaType::QString)));
        queue.bindValue(u":now"_s, iso(now));
        queue.bindValue(u":id"_s, item.queueId);
        if (auto r = exec(queue, u"update the queue"_s); !r)
            return std::unexpected(r.error());

        QString level = u"info"_s;
        QString message;
        switch (o->status) {
        case SyncStatus::InSync:
            message = o->wrote ? u"Synced to Salesforce Order %1."_s.arg(o->orderId) : u"In sync; nothing to write."_s;
            break;
        case SyncStatus::OutOfSync:
        case SyncStatus::Skipped:
        case SyncStatus::Pending:
            level = u"warning"_s;
            message = o->reason;
            break;
        case SyncStatus::Error:
            level = u"error"_s;
            message = o->error.toString();
            break;
        }
        if (o->status == SyncStatus::OutOfSync || o->status == SyncStatus::Skipped)
            level = u"info"_s;
        log.bindValue(u":level"_s, level);
        log.bindValue(u":inc"_s, o->incrementId);
        log.bindValue(u":object"_s, u"Order"_s);
        log.bindValue(u":code"_s, nullIfEmpty(failed ? o->error.code : QString()));
        log.bindValue(u":message"_s, message);
        log.bindValue(u":fields"_s, nullIfEmpty(failed ? o->error.fields.join(u',') : QString()));
        if (auto r = exec(log, u"write the sync log"_s); !r)
            return std::unexpected(r.error());
        for (const QString &notice : o->notices) {
            log.bindValue(u":level"_s, u"warning"_s);
            log.bindValue(u":code"_s, QVariant(QMetaType(QMetaType::QString)));
            log.bindValue(u":message"_s, notice);
            log.bindValue(u":fields"_s, QVariant(QMetaType(QMetaType::QString)));
            if (auto r = exec(log, u"write the sync log"_s); !r)
                return std::unexpected(r.error());
        }
    }
    return tx.commit();
}

Result<void> SyncStore::postpone(const QList<Item> &items, const Error &error, int maxAttempts, const QDateTime &now,
                                 bool countAttempt) const
{
    BatchOutcome outcome;
    for (const Item &item : items) {
        OrderOutcome o;
        o.incrementId = item.order.value(u"increment_id"_s).toString();
        o.status = SyncStatus::Error;
        o.error = error;
        outcome.orders << o;
    }
    QList<Item> counted = items;
    if (!countAttempt) {
        // A stop for the API allowance is no failed attempt: the attempt taken is given back.
        QSqlQuery q(m_database->connection());
        q.prepare(u"UPDATE sync_queue SET attempts = attempts - 1 WHERE id = :id AND attempts > 0"_s);
        for (Item &item : counted) {
            q.bindValue(u":id"_s, item.queueId);
            if (auto r = exec(q, u"update the queue"_s); !r)
                return r;
            item.attempts = std::max(0, item.attempts - 1);
        }
        maxAttempts = std::max(maxAttempts, 1) + 1000; // stays queued
    }
    return record(counted, outcome, maxAttempts, now);
}

Result<int> SyncStore::requeueErrors(const QDateTime &now) const
{
    QSqlDatabase db = m_database->connection();
    Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(u"UPDATE sync_queue SET state = 'queued', not_before = NULL, attempts = 0, updated_at = :now"
              u" WHERE state IN ('failed', 'queued') AND order_id IN (SELECT id FROM orders WHERE sync_status = 'error')"_s);
    q.bindValue(u":now"_s, iso(now));
    if (auto r = exec(q, u"queue errors again"_s); !r)
        return std::unexpected(r.error());
    const int n = q.numRowsAffected();
    QSqlQuery o(db);
    o.prepare(u"UPDATE orders SET sync_status = 'pending', next_retry_at = NULL WHERE sync_status = 'error'"_s);
    if (auto r = exec(o, u"queue errors again"_s); !r)
        return std::unexpected(r.error());
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return n;
}

Result<int> SyncStore::pendingCount() const
{
    QSqlQuery q(m_database->connection());
    q.prepare(u"SELECT COUNT(*) FROM sync_queue WHERE state IN ('queued', 'running')"_s);
    if (auto r = exec(q, u"count the queue"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toInt();
}

} // namespace OrderBridge
