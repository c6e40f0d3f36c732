#include "store/settingsrepository.h"

#include "common/logging.h"
#include "settings/settingscatalog.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SettingsRepository::SettingsRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<Settings> SettingsRepository::load() const
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"SELECT key, value FROM settings"_s))
        return fail(u"store.read_failed"_s, u"The settings cannot be read: %1."_s.arg(query.lastError().text()),
                    u"Check that the database file is readable."_s);
    QHash<QString, QVariant> values;
    while (query.next()) {
        const QString key = query.value(0).toString();
        const SettingOption *option = SettingsCatalog::find(key);
        if (!option) {
            qCWarning(lcSettings) << "Ignoring unknown stored setting" << key;
            continue;
        }
        const auto value = option->fromStorage(query.value(1).toString());
        if (!value) {
            qCWarning(lcSettings) << "Stored value of" << key << "is invalid; using the default:"
                                  << value.error().message;
            continue;
        }
        values.insert(key, *value);
    }
    auto settings = Settings::fromValues(values);
    if (!settings) {
        // Only a cross-field rule can fail here; fall back to the rule-abiding default of the pair.
        qCWarning(lcSettings) << "Stored settings break a rule; using defaults for" << settings.error().fields
                              << ":" << settings.error().message;
        for (const QString &key : std::as_const(settings.error().fields))
            values.remove(key);
        return Settings::fromValues(values);
    }
    return settings;
}

Result<void> SettingsRepository::save(const Settings &settings) const
{
    if (auto valid = settings.validate(); !valid)
        return valid;
    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return fail(u"store.write_failed"_s, u"The settings cannot be saved: %1."_s.arg(db.lastError().text()),
                    u"Close other programs using the database and try again."_s);
    QString failure;
    {
        QSqlQuery query(db);
        // Portable upsert (SQLite 3.24+, PostgreSQL 9.5+); IS DISTINCT FROM needs SQLite 3.39+ (Debian 12: 3.40).
        query.prepare(u"INSERT INTO settings (key, value, updated_at) VALUES (?, ?, "_s + m_database->nowExpression()
                      + u") ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"
                        u" WHERE settings.value IS DISTINCT FROM excluded.value"_s);
        for (const SettingOption &option : SettingsCatalog::options()) {
            query.bindValue(0, option.key());
            query.bindValue(1, option.toStorage(settings.value(option.key())));
            if (!query.exec()) {
                failure = query.lastError().text();
                break;
            }
        }
    }
    if (failure.isEmpty() && !db.commit())
        failure = db.lastError().text();
    if (!failure.isEmpty()) {
        db.rollback();
        return fail(u"store.write_failed"_s, u"The settings cannot be saved: %1; nothing was changed."_s.arg(failure),
                    u"Check that the disk is not full and the data folder is writable."_s);
    }
    return {};
}

} // namespace OrderBridge
