#pragma once

#include "common/error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace OrderBridge {

/// Whether orders with a grand total of zero are synchronized.
enum class ZeroGrandTotal { Synchronize, DoNotSynchronize };
/// When a Salesforce Order is created for a Magento order.
enum class CreateOrderMode { Paid, Every, No };
/// Whether an Opportunity is created for every order.
enum class CreateOpportunityMode { No, Every };
/// Which Salesforce object order notes become.
enum class NoteObject { Note, ContentNote };

/// Whether new customers become Person Accounts: when the org has them (detected), always, or never.
enum class PersonAccountsMode { Auto, Yes, No };

/// The typed settings facade: every option of SettingsCatalog with its current value.
///
/// Every change is validated whole before it is applied: a bad key, a bad value or a combination
/// that breaks a cross-field rule is refused with an Error naming the key(s), the allowed values
/// and the fix, and nothing changes.
///
/// Cross-field rule: when orders.sync_all_orders is false, orders.order_statuses must list at least
/// one status. It is checked on the resulting whole configuration (Error code
/// "settings.invalid_combination", fields naming both keys), so from the command line the statuses
/// are set first, then sync_all_orders is switched off; a JSON import may change both at once.
class Settings
{
public:
    /// All options at their defaults.
    Settings();

    /// Builds settings from stored values (key -> typed value), falling back to the default for
    /// missing keys. Refuses unknown keys, invalid values and broken cross-field rules.
    static Result<Settings> fromValues(const QHash<QString, QVariant> &values);

    [[nodiscard]] QVariant value(const QString &key) const;
    [[nodiscard]] bool isDefault(const QString &key) const;

    /// Parses `text` as the command line gives it ("yes", "15", "processing,complete") and sets it.
    Result<void> set(const QString &key, const QString &text);
    /// Sets a typed value (bool, int, QString or QStringList as the option's type requires).
    Result<void> setValue(const QString &key, const QVariant &value);

    /// `{"orders":{...},"advanced":{...},"engine":{...}}`, every option present.
    [[nodiscard]] QJsonObject toJson() const;
    /// Applies every key the object names (keys it omits keep their current value); all or nothing.
    Result<void> applyJson(const QJsonObject &object);
    /// Parses a settings JSON document and applies it; all or nothing; parse errors name the line.
    Result<void> applyJsonDocument(const QByteArray &json);

    /// Checks the rules that span several options.
    [[nodiscard]] Result<void> validate() const;

    [[nodiscard]] bool automatedSynchronization() const;
    [[nodiscard]] ZeroGrandTotal zeroGrandTotal() const;
    [[nodiscard]] bool synchronizeOrderNotes() const;
    /// Whether the console notifies when a run ends with orders in error.
    [[nodiscard]] bool notifyRunErrors() const;
    [[nodiscard]] NoteObject noteObject() const;
    [[nodiscard]] QString defaultStatus() const;
    [[nodiscard]] bool syncAllOrders() const;
    [[nodiscard]] QStringList orderStatuses() const;
    /// Whether an order with this Magento status is synchronized under sync_all_orders/order_statuses.
    [[nodiscard]] bool shouldSyncStatus(const QString &magentoStatus) const;
    /// Orders created before this moment are left alone unless backfilled (invalid: all history).
    [[nodiscard]] QDateTime syncSince() const;
    /// Whether an order created at `createdAt` is within orders.sync_since.
    [[nodiscard]] bool isWithinSyncSince(const QDateTime &createdAt) const;
    /// The late-commit re-scan window in minutes (0: off).
    [[nodiscard]] int rescanWindowMinutes() const;
    /// How many days back the comment sweep reads open orders by updated_at (0: every open order).
    [[nodiscard]] int commentSweepDays() const;

    [[nodiscard]] CreateOrderMode createOrder() const;
    [[nodiscard]] CreateOpportunityMode createOpportunity() const;
    [[nodiscard]] int salesCycleLengthDays() const;
    [[nodiscard]] QString opportunityStageDraft() const;
    [[nodiscard]] QString opportunityStageConverted() const;
    [[nodiscard]] QString opportunityStageCart() const;
    [[nodiscard]] QString priceBook() const;
    [[nodiscard]] bool createMissingProducts() const;
    /// Single-currency orgs: whether an order placed in another currency is booked with its Magento base-currency
    /// amounts (base_*), when the base currency is the org's; otherwise such an order fails.
    [[nodiscard]] bool bookBaseCurrency() const;
    /// Whether writes carry `Sforce-Duplicate-Rule-Header: allowSave=true`, so duplicate rules with an
    /// Alert action let the integration save (rules with a Block action still refuse).
    [[nodiscard]] bool allowDuplicateSave() const;
    /// New customers as Person Accounts (one Account, its person contact made by Salesforce) instead of
    /// Account + Contact: auto = when the org's Account has IsPersonAccount.
    [[nodiscard]] PersonAccountsMode personAccounts() const;

    [[nodiscard]] int pollingIntervalSeconds() const;
    [[nodiscard]] int batchSize() const;
    [[nodiscard]] int maxAttempts() const;
    [[nodiscard]] int apiSharePercent() const;
    /// How long one request to Magento or Salesforce may take, retries included, in milliseconds.
    [[nodiscard]] int requestTimeoutMs() const;
    /// engine.concurrent_calls: composite graph calls of one batch in flight at once.
    [[nodiscard]] int concurrentCalls() const;

    /// Every key and its typed value.
    [[nodiscard]] const QHash<QString, QVariant> &values() const { return m_values; }

    friend bool operator==(const Settings &a, const Settings &b) { return a.m_values == b.m_values; }

    /// The error for a key that is not in SettingsCatalog.
    static Error unknownKeyError(const QString &key);

private:
    static Result<void> validateValues(const QHash<QString, QVariant> &values);

    QHash<QString, QVariant> m_values;
};

} // namespace OrderBridge
