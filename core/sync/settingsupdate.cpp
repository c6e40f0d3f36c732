#include "sync/settingsupdate.h"

#include "common/logging.h"
#include "settings/settingoption.h"
#include "settings/settingscatalog.h"
#include "store/database.h"
#include "store/settingsrepository.h"
#include "store/syncqueuerepository.h"
#include "sync/orgsession.h"


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
        auto requeued = SyncQueueRepository(m_database).requeueForNewRules(outcome.changedRules);
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

} // namespace OrderBridge
