#pragma once

#include "common/error.h"
#include "settings/settings.h"
#include "sync/consoletypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace OrderBridge {

class Database;

/// The one way settings change, for the console's Apply and `orderbridge-cli config set` alike:
/// each value is parsed as its option requires, the result is validated whole, Default Status is
/// checked against the org's Order Status values when they are known, the settings are stored, and
/// when a rule that decides eligibility changed, the Out of Sync and Skipped orders are queued again
/// so the next run judges them by the new rules.
class SettingsUpdate
{
    Q_DECLARE_TR_FUNCTIONS(SettingsUpdate)

public:
    /// What a stored update changed.
    struct Outcome
    {
        Settings settings;         ///< as stored now
        QStringList changedRules;  ///< eligibility keys whose value changed
        int requeued = 0;          ///< orders queued again for the new rules
    };

    explicit SettingsUpdate(std::shared_ptr<Database> database);

    /// Applies `values` (dotted key -> text as the command line takes it) to the stored settings.
    /// `orgStatuses` are the org's Order Status values (empty when the org was not read: Default
    /// Status is then not checked). Nothing is stored when the result is refused (ErrorKind::Invalid).
    [[nodiscard]] Result<Outcome> apply(const QHash<QString, QString> &values,
                                        const QList<OrderStatusValue> &orgStatuses = {}) const;

    /// The keys whose change makes orders eligible or ineligible.
    [[nodiscard]] static QStringList eligibilityKeys();

private:
    [[nodiscard]] static Result<Settings> merged(const Settings &before, const QHash<QString, QString> &values);
    [[nodiscard]] static std::optional<Error> checkDefaultStatus(const Settings &after,
                                                                 const QList<OrderStatusValue> &orgStatuses);

    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
