#include "store/syncqueuerepository.h"

#include "common/logging.h"
#include "store/database.h"
#include "store/sqltransaction.h"
#include "store/synclogwriter.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullIfInvalid(const QDateTime &time)
{
    return time.isValid() ? QVariant(iso(time)) : QVariant(QMetaType::fromType<QString>());
}

// The mirror's time columns are NOT NULL: an order without a readable time keeps ''.
QString isoOrEmpty(const QDateTime &time)
{
    return time.isValid() ? iso(time) : u""_s;
}

QString kindName(SyncQueueKind kind)
{
    return kind == SyncQueueKind::OnDemand ? u"on_demand"_s : u"automatic"_s;
}

QString stateName(SyncQueueState state)
{
    switch (state) {
    case SyncQueueState::Queued:
        return u"queued"_s;
    case SyncQueueState::Running:
        return u"running"_s;
    case SyncQueueState::Done:
        return u"done"_s;
    case SyncQueueState::Failed:
        return u"failed"_s;
    case SyncQueueState::Cancelled:
        return u"cancelled"_s;
    }
    return u"queued"_s;
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

// The statements enqueue() runs per order, prepared once per call.
struct EnqueueStatements
{
    explicit EnqueueStatements(const QSqlDatabase &db)
        : upsert(db)
        , rowId(db)
        , drop(db)
        , queue(db)
    {
        upsert.prepare(
            u"INSERT INTO orders (magento_entity_id, increment_id, status, state, created_at, updated_at, customer_email,"
            u" customer_name, grand_total, currency, sync_status)"
            u" VALUES (:entity, :inc, :status, :state, :created, :updated, :email, :name, :total, :currency, 'pending')"
            u" ON CONFLICT (magento_entity_id) DO UPDATE SET increment_id = excluded.increment_id, status = excluded.status,"
            u" state = excluded.state, updated_at = excluded.updated_at, customer_email = excluded.customer_email,"
            u" customer_name = excluded.customer_name, grand_total = excluded.grand_total, currency = excluded.currency,"
            u" sync_status = 'pending', next_retry_at = NULL"_s);
        rowId.prepare(u"SELECT id FROM orders WHERE magento_entity_id = :entity"_s);
        drop.prepare(u"DELETE FROM sync_queue WHERE order_id = :order AND state = 'queued'"_s);
        queue.prepare(
            u"INSERT INTO sync_queue (order_id, kind, state, intent_json) VALUES (:order, :kind, 'queued', :intent)"_s);
    }

    Result<void> mirror(const OrderRecord &o)
    {
        upsert.bindValue(u":entity"_s, o.magentoEntityId);
        upsert.bindValue(u":inc"_s, o.incrementId.isNull() ? u""_s : o.incrementId);
        upsert.bindValue(u":status"_s, o.status.isNull() ? u""_s : o.status);
        upsert.bindValue(u":state"_s, o.state.isNull() ? u""_s : o.state);
        upsert.bindValue(u":created"_s, isoOrEmpty(o.createdAt));
        upsert.bindValue(u":updated"_s, isoOrEmpty(o.updatedAt));
        upsert.bindValue(u":email"_s, o.customerEmail.isNull() ? u""_s : o.customerEmail);
        upsert.bindValue(u":name"_s, o.customerName.isNull() ? u""_s : o.customerName);
        upsert.bindValue(u":total"_s, o.grandTotal);
        upsert.bindValue(u":currency"_s, o.currency.isNull() ? u""_s : o.currency);
        return exec(upsert, u"mirror an order"_s);
    }

    Result<qint64> findRow(qint64 entityId)
    {
        rowId.bindValue(u":entity"_s, entityId);
        if (auto r = exec(rowId, u"find an order"_s); !r)
            return std::unexpected(r.error());
        if (!rowId.next())
            return fail(u"store.sql"_s, u"The order %1 vanished while it was queued."_s.arg(entityId));
        const qint64 id = rowId.value(0).toLongLong();
        rowId.finish();
        return id;
    }

    // Returns the new entry's ID.
    Result<qint64> replaceEntry(qint64 orderRowId, SyncQueueKind kind, const SyncQueueRequest &request)
    {
        drop.bindValue(u":order"_s, orderRowId);
        if (auto r = exec(drop, u"replace a queue entry"_s); !r)
            return std::unexpected(r.error());
        queue.bindValue(u":order"_s, orderRowId);
        queue.bindValue(u":kind"_s, kindName(kind));
        const QByteArray json = request.intentJson.isEmpty()
                                    ? QJsonDocument(request.intent).toJson(QJsonDocument::Compact)
                                    : request.intentJson;
        queue.bindValue(u":intent"_s, QString::fromUtf8(json));
        if (auto r = exec(queue, u"queue an order"_s); !r)
            return std::unexpected(r.error());
        return queue.lastInsertId().toLongLong();
    }

    QSqlQuery upsert;
    QSqlQuery rowId;
    QSqlQuery drop;
    QSqlQuery queue;
};

// The statements record() runs per attempt, prepared once per call.
struct RecordStatements
{
    explicit RecordStatements(const QSqlDatabase &db)
        : order(db)
        , queue(db)
        , log(db)
    {
        order.prepare(u"UPDATE orders SET sync_status = :status, reason = :reason, last_error_code = :code,"
                      u" last_error_message = :message, attempts = :attempts, next_retry_at = :retry,"
                      u" last_synced_at = CASE WHEN :wrote THEN :now ELSE last_synced_at END,"
                      u" sf_order_id = COALESCE(:sfOrder, sf_order_id), sf_account_id = COALESCE(:sfAccount, sf_account_id),"
                      u" sf_contact_id = COALESCE(:sfContact, sf_contact_id),"
                      u" sf_opportunity_id = COALESCE(:sfOpp, sf_opportunity_id) WHERE id = :id"_s);
        queue.prepare(u"UPDATE sync_queue SET state = :state, not_before = :retry, updated_at = :now,"
                      u" intent_json = COALESCE(:intent, intent_json) WHERE id = :id"_s);
    }

    Result<void> write(const SyncAttemptRecord &r, const QDateTime &now)
    {
        order.bindValue(u":status"_s, syncStatusDbName(r.status));
        order.bindValue(u":reason"_s, nullIfEmpty(r.reason));
        order.bindValue(u":code"_s, nullIfEmpty(r.errorCode));
        order.bindValue(u":message"_s, nullIfEmpty(r.errorMessage));
        order.bindValue(u":attempts"_s, r.failedAttempts);
        order.bindValue(u":retry"_s, nullIfInvalid(r.retryAt));
        order.bindValue(u":wrote"_s, r.synced);
        order.bindValue(u":now"_s, iso(now));
        order.bindValue(u":sfOrder"_s, nullIfEmpty(r.salesforceOrderId));
        order.bindValue(u":sfAccount"_s, nullIfEmpty(r.salesforceAccountId));
        order.bindValue(u":sfContact"_s, nullIfEmpty(r.salesforceContactId));
        order.bindValue(u":sfOpp"_s, nullIfEmpty(r.salesforceOpportunityId));
        order.bindValue(u":id"_s, r.orderRowId);
        if (auto done = exec(order, u"record an order's sync"_s); !done)
            return done;

        queue.bindValue(u":state"_s, stateName(r.queueState));
        queue.bindValue(u":retry"_s, nullIfInvalid(r.retryAt));
        queue.bindValue(u":now"_s, iso(now));
        queue.bindValue(u":intent"_s, r.keptIntentJson.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(r.keptIntentJson)));
        queue.bindValue(u":id"_s, r.queueId);
        if (auto done = exec(queue, u"update the queue"_s); !done)
            return done;

        for (const SyncLogEntry &entry : r.log) {
            if (auto done = log.append(entry); !done)
                return done;
        }
        return {};
    }

    QSqlQuery order;
    QSqlQuery queue;
    SyncLogWriter log;
};

} // namespace

SyncQueueRepository::SyncQueueRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
    , m_handOff(std::make_shared<HandOff>())
{
}

void SyncQueueRepository::HandOff::keep(qint64 queueId, const QJsonObject &intent)
{
    if (intents.size() < Capacity)
        intents.insert(queueId, intent);
}

// Kept intents are of entries queued and never taken, which takeReady() takes in ID order: one below the
// highest ID it took that it did not take was replaced or cancelled meanwhile.
void SyncQueueRepository::HandOff::forgetBelow(qint64 queueId)
{
    intents.removeIf([queueId](const auto &kept) { return kept.key() < queueId; });
}

std::optional<QJsonObject> SyncQueueRepository::HandOff::take(qint64 queueId)
{
    auto it = intents.find(queueId);
    if (it == intents.end())
        return std::nullopt;
    QJsonObject intent = std::move(it.value());
    intents.erase(it);
    return intent;
}

Result<int> SyncQueueRepository::enqueue(const QList<SyncQueueRequest> &requests, SyncQueueKind kind) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    EnqueueStatements statements(transaction.database());
    QList<std::pair<qint64, QJsonObject>> queued; // kept for takeReady() once committed
    int n = 0;
    for (const SyncQueueRequest &request : requests) {
        if (request.order.magentoEntityId <= 0)
            continue;
        if (auto r = statements.mirror(request.order); !r)
            return std::unexpected(r.error());
        const Result<qint64> id = statements.findRow(request.order.magentoEntityId);
        if (!id)
            return std::unexpected(id.error());
        const Result<qint64> entry = statements.replaceEntry(*id, kind, request);
        if (!entry)
            return std::unexpected(entry.error());
        queued.append({*entry, request.intent});
        ++n;
    }
    if (auto r = transaction.commit(); !r)
        return std::unexpected(r.error());
    for (const auto &[entry, intent] : std::as_const(queued))
        m_handOff->keep(entry, intent);
    return n;
}

Result<int> SyncQueueRepository::recoverInterrupted() const
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

Result<QList<SyncQueueItem>> SyncQueueRepository::takeReady(int limit, const QDateTime &now) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    // The IDs first, from the index alone: entries due now (never postponed, or postponed until before now),
    // oldest first. Each half reads at most `limit` index entries in ID order, so taking a batch costs the
    // same with ten queued orders or a million (selecting whole rows, intents included, made SQLite sort
    // every queued row for each batch).
    QSqlQuery ready(transaction.database());
    ready.prepare(u"SELECT id FROM (SELECT id FROM sync_queue WHERE state = 'queued' AND not_before IS NULL"
                  u" ORDER BY id LIMIT :limit)"
                  u" UNION ALL SELECT id FROM (SELECT id FROM sync_queue WHERE state = 'queued' AND not_before <= :now"
                  u" ORDER BY id LIMIT :limit2) ORDER BY id LIMIT :limit3"_s);
    ready.bindValue(u":now"_s, iso(now));
    ready.bindValue(u":limit"_s, limit);
    ready.bindValue(u":limit2"_s, limit);
    ready.bindValue(u":limit3"_s, limit);
    if (auto r = exec(ready, u"read the queue"_s); !r)
        return std::unexpected(r.error());
    QList<qint64> ids;
    while (ready.next())
        ids << ready.value(0).toLongLong();

    // Orders this process queued are handed over as it queued them; the others are read back.
    QSqlQuery entry(transaction.database());
    entry.prepare(u"SELECT order_id, attempts, kind FROM sync_queue WHERE id = :id"_s);
    QSqlQuery intent(transaction.database());
    intent.prepare(u"SELECT intent_json FROM sync_queue WHERE id = :id"_s);
    QSqlQuery mark(transaction.database());
    mark.prepare(u"UPDATE sync_queue SET state = 'running', attempts = attempts + 1, updated_at = :now WHERE id = :id"_s);
    QList<SyncQueueItem> items;
    items.reserve(ids.size());
    for (const qint64 id : std::as_const(ids)) {
        entry.bindValue(u":id"_s, id);
        if (auto r = exec(entry, u"read the queue"_s); !r)
            return std::unexpected(r.error());
        if (!entry.next())
            continue;
        SyncQueueItem item;
        item.queueId = id;
        item.orderRowId = entry.value(0).toLongLong();
        item.attempts = entry.value(1).toInt() + 1;
        item.kind = entry.value(2).toString() == u"on_demand"_s ? SyncQueueKind::OnDemand : SyncQueueKind::Automatic;
        entry.finish();
        if (std::optional<QJsonObject> kept = m_handOff->take(id)) {
            item.intent = std::move(*kept);
        } else {
            intent.bindValue(u":id"_s, id);
            if (auto r = exec(intent, u"read the queue"_s); !r)
                return std::unexpected(r.error());
            if (intent.next())
                item.intent = QJsonDocument::fromJson(intent.value(0).toString().toUtf8()).object();
            intent.finish();
        }
        mark.bindValue(u":now"_s, iso(now));
        mark.bindValue(u":id"_s, id);
        if (auto r = exec(mark, u"mark a sync as running"_s); !r)
            return std::unexpected(r.error());
        items << std::move(item);
    }
    if (auto r = transaction.commit(); !r)
        return std::unexpected(r.error());
    if (!ids.isEmpty())
        m_handOff->forgetBelow(ids.last());
    return items;
}

Result<void> SyncQueueRepository::record(const QList<SyncAttemptRecord> &records, const QDateTime &now) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return started;
    RecordStatements statements(transaction.database());
    for (const SyncAttemptRecord &record : records) {
        if (auto r = statements.write(record, now); !r)
            return r;
    }
    return transaction.commit();
}

Result<void> SyncQueueRepository::returnAttempts(const QList<qint64> &queueIds) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return started;
    QSqlQuery q(transaction.database());
    q.prepare(u"UPDATE sync_queue SET attempts = attempts - 1 WHERE id = :id AND attempts > 0"_s);
    for (const qint64 id : queueIds) {
        q.bindValue(u":id"_s, id);
        if (auto r = exec(q, u"update the queue"_s); !r)
            return r;
    }
    return transaction.commit();
}

Result<void> SyncQueueRepository::release(const QList<qint64> &queueIds) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return started;
    QSqlQuery back(transaction.database());
    back.prepare(u"UPDATE sync_queue SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = :id"
                 u" AND state = 'running' AND NOT EXISTS (SELECT 1 FROM sync_queue AS newer"
                 u" WHERE newer.order_id = sync_queue.order_id AND newer.state = 'queued' AND newer.id <> sync_queue.id)"_s);
    QSqlQuery superseded(transaction.database());
    superseded.prepare(u"UPDATE sync_queue SET state = 'cancelled' WHERE id = :id AND state = 'running'"_s);
    for (const qint64 id : queueIds) {
        back.bindValue(u":id"_s, id);
        if (auto r = exec(back, u"put an entry back in the queue"_s); !r)
            return r;
        superseded.bindValue(u":id"_s, id);
        if (auto r = exec(superseded, u"remove a replaced queue entry"_s); !r)
            return r;
    }
    return transaction.commit();
}

Result<int> SyncQueueRepository::requeueErrors(const QDateTime &now) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    QSqlQuery q(transaction.database());
    q.prepare(u"UPDATE sync_queue SET state = 'queued', not_before = NULL, attempts = 0, updated_at = :now"
              u" WHERE state IN ('failed', 'queued') AND order_id IN (SELECT id FROM orders WHERE sync_status = 'error')"_s);
    q.bindValue(u":now"_s, iso(now));
    if (auto r = exec(q, u"queue errors again"_s); !r)
        return std::unexpected(r.error());
    const int n = q.numRowsAffected();
    QSqlQuery o(transaction.database());
    o.prepare(u"UPDATE orders SET sync_status = 'pending', next_retry_at = NULL WHERE sync_status = 'error'"_s);
    if (auto r = exec(o, u"queue errors again"_s); !r)
        return std::unexpected(r.error());
    if (auto r = transaction.commit(); !r)
        return std::unexpected(r.error());
    return n;
}

Result<int> SyncQueueRepository::requeueForNewRules(const QStringList &changedKeys) const
{
    SqlTransaction transaction(m_database->connection());
    if (auto started = transaction.started(); !started)
        return std::unexpected(started.error());
    // Each order's latest queue entry holds the Magento order it was last judged on.
    QSqlQuery queue(transaction.database());
    queue.prepare(u"INSERT INTO sync_queue (order_id, kind, state, intent_json)"
                  u" SELECT o.id, 'automatic', 'queued', q.intent_json FROM orders o"
                  u" JOIN sync_queue q ON q.id = (SELECT MAX(id) FROM sync_queue WHERE order_id = o.id)"
                  u" WHERE o.sync_status IN ('out_of_sync', 'skipped') AND q.state NOT IN ('queued', 'running')"
                  u" AND q.intent_json <> '{}'"_s);
    if (auto r = exec(queue, u"queue orders again"_s); !r)
        return std::unexpected(r.error());
    const int n = queue.numRowsAffected();
    QSqlQuery mark(transaction.database());
    mark.prepare(u"UPDATE orders SET sync_status = 'pending', next_retry_at = NULL"
                 u" WHERE sync_status IN ('out_of_sync', 'skipped')"
                 u" AND id IN (SELECT order_id FROM sync_queue WHERE state = 'queued')"_s);
    if (auto r = exec(mark, u"mark the queued orders pending"_s); !r)
        return std::unexpected(r.error());
    // The Log page shows it beside the sync's own entries.
    SyncLogEntry note;
    note.level = u"info"_s;
    note.message = u"Settings changed (%1): %2 Out of Sync or Skipped orders queued again, so the next run "
                   u"judges them by the new rules."_s.arg(changedKeys.join(u", "_s))
                       .arg(n);
    note.fields = changedKeys.join(u","_s);
    if (auto r = SyncLogWriter(transaction.database()).append(note); !r)
        return std::unexpected(r.error());
    if (auto r = transaction.commit(); !r)
        return std::unexpected(r.error());
    qCInfo(lcSync).noquote() << note.message;
    return n;
}

Result<int> SyncQueueRepository::pendingCount() const
{
    QSqlQuery q(m_database->connection());
    q.prepare(u"SELECT COUNT(*) FROM sync_queue WHERE state IN ('queued', 'running')"_s);
    if (auto r = exec(q, u"count the queue"_s); !r)
        return std::unexpected(r.error());
    q.next();
    return q.value(0).toInt();
}

Result<int> SyncQueueRepository::notePendingReason(const QString &reason) const
{
    QSqlQuery q(m_database->connection());
    q.prepare(u"UPDATE orders SET reason = :reason WHERE sync_status = 'pending'"
              u" AND id IN (SELECT order_id FROM sync_queue WHERE state = 'queued')"_s);
    q.bindValue(u":reason"_s, reason);
    if (auto r = exec(q, u"note why the queued orders wait"_s); !r)
        return std::unexpected(r.error());
    return q.numRowsAffected();
}

Result<QJsonObject> SyncQueueRepository::latestIntent(qint64 orderRowId) const
{
    QSqlQuery q(m_database->connection());
    q.setForwardOnly(true);
    q.prepare(u"SELECT intent_json FROM sync_queue WHERE order_id = :order ORDER BY id DESC LIMIT 1"_s);
    q.bindValue(u":order"_s, orderRowId);
    if (auto r = exec(q, u"read the order's queue entry"_s); !r)
        return std::unexpected(r.error());
    if (!q.next())
        return QJsonObject();
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

} // namespace OrderBridge
