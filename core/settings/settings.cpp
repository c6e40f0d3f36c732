#include "settings/settings.h"

#include "settings/settingoption.h"
#include "settings/settingscatalog.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Settings::Settings()
{
    for (const SettingOption &option : SettingsCatalog::options())
        m_values.insert(option.key(), option.defaultValue());
}

Error Settings::unknownKeyError(const QString &key)
{
    Error error{u"settings.unknown_key"_s, u"There is no option \"%1\"."_s.arg(key),
                u"Use one of: %1."_s.arg(SettingsCatalog::keys().join(u", "_s)), {key}, ErrorKind::Invalid};
    return error;
}

Result<Settings> Settings::fromValues(const QHash<QString, QVariant> &values)
{
    Settings settings;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const SettingOption *option = SettingsCatalog::find(it.key());
        if (!option)
            return std::unexpected(unknownKeyError(it.key()));
        const auto valid = option->validate(it.value());
        if (!valid)
            return std::unexpected(valid.error());
        settings.m_values.insert(it.key(), *valid);
    }
    if (auto checked = validateValues(settings.m_values); !checked)
        return std::unexpected(checked.error());
    return settings;
}

QVariant Settings::value(const QString &key) const
{
    return m_values.value(key);
}

bool Settings::isDefault(const QString &key) const
{
    const SettingOption *option = SettingsCatalog::find(key);
    return option && m_values.value(key) == option->defaultValue();
}

Result<void> Settings::set(const QString &key, const QString &text)
{
    const SettingOption *option = SettingsCatalog::find(key);
    if (!option)
        return std::unexpected(unknownKeyError(key));
    const auto parsed = option->parse(text);
    if (!parsed)
        return std::unexpected(parsed.error());
    return setValue(key, *parsed);
}

Result<void> Settings::setValue(const QString &key, const QVariant &value)
{
    const SettingOption *option = SettingsCatalog::find(key);
    if (!option)
        return std::unexpected(unknownKeyError(key));
    const auto valid = option->validate(value);
    if (!valid)
        return std::unexpected(valid.error());
    QHash<QString, QVariant> candidate = m_values;
    candidate.insert(key, *valid);
    if (auto checked = validateValues(candidate); !checked)
        return checked;
    m_values = std::move(candidate);
    return {};
}

QJsonObject Settings::toJson() const
{
    QJsonObject root;
    for (const QString &group : SettingsCatalog::groups())
        root.insert(group, QJsonObject());
    for (const SettingOption &option : SettingsCatalog::options()) {
        QJsonObject group = root.value(option.group()).toObject();
        group.insert(option.name(), option.toJson(m_values.value(option.key())));
        root.insert(option.group(), group);
    }
    return root;
}

Result<void> Settings::applyJson(const QJsonObject &object)
{
    QHash<QString, QVariant> candidate = m_values;
    for (auto group = object.constBegin(); group != object.constEnd(); ++group) {
        if (!SettingsCatalog::groups().contains(group.key()))
            return fail(ErrorKind::Invalid, u"settings.unknown_key"_s, u"There is no settings group \"%1\"."_s.arg(group.key()),
                        u"The top level may hold only: %1."_s.arg(SettingsCatalog::groups().join(u", "_s)));
        if (!group.value().isObject())
            return fail(ErrorKind::Invalid, u"settings.invalid_value"_s,
                        u"The settings group \"%1\" must be a JSON object."_s.arg(group.key()),
                        u"Write it as \"%1\": { \"option\": value, ... }."_s.arg(group.key()));
        const QJsonObject options = group.value().toObject();
        for (auto entry = options.constBegin(); entry != options.constEnd(); ++entry) {
            const QString key = group.key() + u'.' + entry.key();
            const SettingOption *option = SettingsCatalog::find(key);
            if (!option)
                return std::unexpected(unknownKeyError(key));
            const auto value = option->fromJson(entry.value());
            if (!value)
                return std::unexpected(value.error());
            candidate.insert(key, *value);
        }
    }
    if (auto checked = validateValues(candidate); !checked)
        return checked;
    m_values = std::move(candidate);
    return {};
}

Result<void> Settings::applyJsonDocument(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = int(json.left(parseError.offset).count('\n')) + 1;
        return fail(ErrorKind::Invalid, u"settings.invalid_file"_s,
                    u"The settings file is not valid JSON: %1 at line %2."_s.arg(parseError.errorString()).arg(line),
                    u"Fix the file (compare with the output of `orderbridge-cli config export`)."_s);
    }
    if (!document.isObject())
        return fail(ErrorKind::Invalid, u"settings.invalid_file"_s, u"The settings file must hold one JSON object."_s,
                    u"Write it as {\"orders\":{...},\"advanced\":{...},\"engine\":{...}}."_s);
    return applyJson(document.object());
}

Result<void> Settings::validate() const
{
    return validateValues(m_values);
}

Result<void> Settings::validateValues(const QHash<QString, QVariant> &values)
{
    if (!values.value(u"orders.sync_all_orders"_s).toBool()
        && values.value(u"orders.order_statuses"_s).toStringList().isEmpty()) {
        Error error{u"settings.invalid_combination"_s,
                    u"orders.sync_all_orders is false, but orders.order_statuses lists no status: no order would "
                    u"ever be synchronized."_s,
                    u"List the Magento order statuses to synchronize first (for example `config set "
                    u"orders.order_statuses processing,complete`), or set orders.sync_all_orders to true."_s,
                    {u"orders.sync_all_orders"_s, u"orders.order_statuses"_s},
                    ErrorKind::Invalid};
        return std::unexpected(error);
    }
    return {};
}

bool Settings::automatedSynchronization() const
{
    return m_values.value(u"orders.automated_synchronization"_s).toBool();
}

ZeroGrandTotal Settings::zeroGrandTotal() const
{
    return m_values.value(u"orders.zero_grand_total"_s).toString() == u"do_not_synchronize"_s
               ? ZeroGrandTotal::DoNotSynchronize
               : ZeroGrandTotal::Synchronize;
}

bool Settings::synchronizeOrderNotes() const
{
    return m_values.value(u"orders.synchronize_order_notes"_s).toBool();
}

bool Settings::notifyRunErrors() const
{
    return m_values.value(u"orders.notify_run_errors"_s).toBool();
}

NoteObject Settings::noteObject() const
{
    return m_values.value(u"orders.note_object"_s).toString() == u"content_note"_s ? NoteObject::ContentNote
                                                                                    : NoteObject::Note;
}

QString Settings::defaultStatus() const
{
    return m_values.value(u"orders.default_status"_s).toString();
}

bool Settings::syncAllOrders() const
{
    return m_values.value(u"orders.sync_all_orders"_s).toBool();
}

QStringList Settings::orderStatuses() const
{
    return m_values.value(u"orders.order_statuses"_s).toStringList();
}

bool Settings::shouldSyncStatus(const QString &magentoStatus) const
{
    return syncAllOrders() || orderStatuses().contains(magentoStatus);
}

QDateTime Settings::syncSince() const
{
    return SettingOption::parseDateTime(m_values.value(u"orders.sync_since"_s).toString());
}

bool Settings::isWithinSyncSince(const QDateTime &createdAt) const
{
    const QDateTime since = syncSince();
    // An order without a readable created_at is kept: leaving out an order by mistake loses it silently.
    return !since.isValid() || !createdAt.isValid() || createdAt >= since;
}

int Settings::rescanWindowMinutes() const
{
    return m_values.value(u"orders.rescan_window_minutes"_s).toInt();
}

int Settings::commentSweepDays() const
{
    return m_values.value(u"orders.comment_sweep_days"_s).toInt();
}

CreateOrderMode Settings::createOrder() const
{
    const QString mode = m_values.value(u"advanced.create_order"_s).toString();
    if (mode == u"every"_s)
        return CreateOrderMode::Every;
    if (mode == u"no"_s)
        return CreateOrderMode::No;
    return CreateOrderMode::Paid;
}

CreateOpportunityMode Settings::createOpportunity() const
{
    return m_values.value(u"advanced.create_opportunity"_s).toString() == u"every"_s ? CreateOpportunityMode::Every
                                                                                     : CreateOpportunityMode::No;
}

int Settings::salesCycleLengthDays() const
{
    return m_values.value(u"advanced.sales_cycle_length_days"_s).toInt();
}

QString Settings::opportunityStageDraft() const
{
    return m_values.value(u"advanced.opportunity_stage_draft"_s).toString();
}

QString Settings::opportunityStageConverted() const
{
    return m_values.value(u"advanced.opportunity_stage_converted"_s).toString();
}

QString Settings::opportunityStageCart() const
{
    return m_values.value(u"advanced.opportunity_stage_cart"_s).toString();
}

QString Settings::priceBook() const
{
    return m_values.value(u"advanced.price_book"_s).toString();
}

bool Settings::createMissingProducts() const
{
    return m_values.value(u"advanced.create_missing_products"_s).toBool();
}

bool Settings::bookBaseCurrency() const
{
    return m_values.value(u"advanced.book_base_currency"_s).toBool();
}

bool Settings::allowDuplicateSave() const
{
    return m_values.value(u"advanced.allow_duplicate_save"_s).toBool();
}

PersonAccountsMode Settings::personAccounts() const
{
    const QString mode = m_values.value(u"advanced.person_accounts"_s).toString();
    if (mode == u"yes"_s)
        return PersonAccountsMode::Yes;
    return mode == u"no"_s ? PersonAccountsMode::No : PersonAccountsMode::Auto;
}

int Settings::pollingIntervalSeconds() const
{
    return m_values.value(u"engine.polling_interval_seconds"_s).toInt();
}

int Settings::batchSize() const
{
    return m_values.value(u"engine.batch_size"_s).toInt();
}

int Settings::maxAttempts() const
{
    return m_values.value(u"engine.max_attempts"_s).toInt();
}

int Settings::requestTimeoutMs() const
{
    return m_values.value(u"engine.request_timeout_seconds"_s).toInt() * 1000;
}

int Settings::concurrentCalls() const
{
    return m_values.value(u"engine.concurrent_calls"_s).toInt();
}

int Settings::apiSharePercent() const
{
    return m_values.value(u"engine.api_share_percent"_s).toInt();
}

} // namespace OrderBridge
