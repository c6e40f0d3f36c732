#include "sync/settingsupdate.h"

#include "common/logging.h"
#include "settings/settingoption.h"
#include "settings/settingscatalog.h"
#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/orgsession.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// The error of one value, naming its key for the form to jump to.
Error forKey(Error error, const QString &key)
{
    if (!error.fields.contains(key))
        error.fields.prepend(key);
    error.kind = ErrorKind::Invalid;
    return error;
}

} // namespace

SettingsUpdate::SettingsUpdate(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

QStringList SettingsUpdate::eligibilityKeys()
{
    return {u"advanced.create_order"_s, u"orders.zero_grand_total"_s, u"orders.sync_all_orders"_s,
            u"orders.order_statuses"_s, u"orders.automated_synchronization"_s};
}

Result<SettingsUpdate::Outcome> SettingsUpdate::apply(const QHash<QString, QString> &values,
                                                      const QList<OrderStatusValue> &orgStatuses) const
{
    if (!m_database)
        return std::unexpected(OrgSession::noDatabaseError());
    const SettingsRepository repository(m_database);
    auto before = repository.load();
    if (!before)
        return std::unexpected(before.error());
    auto after = merged(*before, values);
    if (!after)
        return std::unexpected(after.error());
    if (auto refused = checkDefaultStatus(*after, orgStatuses))
        return std::unexpected(*refused);
    if (auto saved = repository.save(*after); !saved)
        return std::unexpected(saved.error());
    Outcome outcome;
    outcome.settings = *after;
    for (const QString &key : eligibilityKeys()) {
        if (before->value(key) != after->value(key))
            outcome.changedRules << key;
    }
    qCInfo(lcSettings) << "settings saved:" << values.keys();
    if (!outcome.changedRules.isEmpty()) {
        // The settings are stored either way; a failed requeue is said in the log and retried by nobody.
        auto requeued = requeueForNewRules(outcome.changedRules);
        if (requeued)
            outcome.requeued = *requeued;
        else
            qCWarning(lcSync) << "could not queue Out of Sync and Skipped orders again:" << requeued.error().message;
    }
    return outcome;
}

Result<Settings> SettingsUpdate::merged(const Settings &before, const QHash<QString, QString> &values)
{
    // Each value is parsed as its option requires, then the whole result is validated at once, so the
    // order of the keys never matters (e.g. statuses listed while sync_all_orders is switched off).
    QHash<QString, QVariant> candidate = before.values();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const SettingOption *option = SettingsCatalog::find(it.key());
        if (!option)
            return std::unexpected(Settings::unknownKeyError(it.key()).as(ErrorKind::Invalid));
        auto parsed = option->parse(it.value());
        if (!parsed)
            return std::unexpected(forKey(parsed.error(), it.key()));
        auto valid = option->validate(*parsed);
        if (!valid)
            return std::unexpected(forKey(valid.error(), it.key()));
        candidate.insert(it.key(), *valid);
    }
    auto after = Settings::fromValues(candidate);
    if (!after)
        return std::unexpected(after.error().as(ErrorKind::Invalid));
    return after;
}

std::optional<Error> SettingsUpdate::checkDefaultStatus(const Settings &after, const QList<OrderStatusValue> &orgStatuses)
{
    // Default Status must be a Draft value of the org's picklist, when the org was read.
    if (orgStatuses.isEmpty())
        return std::nullopt;
    OrgSchema org;
    org.orderStatuses = orgStatuses;
    const QList<OrderStatusValue> draft = org.draftStatuses();
    const bool known = std::any_of(draft.cbegin(), draft.cend(),
                                   [&](const OrderStatusValue &v) { return v.value == after.defaultStatus(); });
    if (known)
        return std::nullopt;
    QStringList names;
    for (const OrderStatusValue &v : draft)
        names << v.value;
    return Error{u"settings.invalid_value"_s,
                 tr("Default Status \"%1\" is not a Draft value of the org's Order Status picklist.").arg(after.defaultStatus()),
                 tr("Choose one of: %1.").arg(names.join(u", "_s)),
                 {u"orders.default_status"_s},
                 ErrorKind::Invalid};
}

Result<int> SettingsUpdate::requeueForNewRules(const QStringList &changedKeys) const
{
    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return fail(u"store.sql"_s, u"Could not start a transaction: %1"_s.arg(db.lastError().text()));
    const auto rollback = [&db](const QSqlQuery &q, const QString &what) {
        const QString text = q.lastError().text();
        db.rollback();
        return fail(u"store.sql"_s, u"Could not %1: %2."_s.arg(what, text),
                    u"Check that the data folder is writable and the disk is not full."_s);
    };
    // Each order's latest queue entry holds the Magento order it was last judged on.
    QSqlQuery queue(db);
    queue.prepare(u"INSERT INTO sync_queue (order_id, kind, state, intent_json)"
                  u" SELECT o.id, 'automatic', 'queued', q.intent_json FROM orders o"
                  u" JOIN sync_queue q ON q.id = (SELECT MAX(id) FROM sync_queue WHERE order_id = o.id)"
                  u" WHERE o.sync_status IN ('out_of_sync', 'skipped') AND q.state NOT IN ('queued', 'running')"
                  u" AND q.intent_json <> '{}'"_s);
    if (!queue.exec())
        return rollback(queue, u"queue orders again"_s);
    const int n = queue.numRowsAffected();
    QSqlQuery mark(db);
    mark.prepare(u"UPDATE orders SET sync_status = 'pending', next_retry_at = NULL"
                 u" WHERE sync_status IN ('out_of_sync', 'skipped')"
                 u" AND id IN (SELECT order_id FROM sync_queue WHERE state = 'queued')"_s);
    if (!mark.exec())
        return rollback(mark, u"mark the queued orders pending"_s);
    // The Log page shows it beside the sync's own entries.
    const QString message = u"Settings changed (%1): %2 Out of Sync or Skipped orders queued again, so the next run "
                            u"judges them by the new rules."_s.arg(changedKeys.join(u", "_s)).arg(n);
    QSqlQuery log(db);
    log.prepare(u"INSERT INTO sync_log (level, message, fields) VALUES ('info', :message, :fields)"_s);
    log.bindValue(u":message"_s, message);
    log.bindValue(u":fields"_s, changedKeys.join(u","_s));
    if (!log.exec())
        return rollback(log, u"write the sync log"_s);
    if (!db.commit())
        return fail(u"store.sql"_s, u"Could not commit: %1"_s.arg(db.lastError().text()));
    qCInfo(lcSync).noquote() << message;
    return n;
}

} // namespace OrderBridge
