#include "store/connectionprofilerepository.h"

#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString columns = u"id, name, magento_base_url, magento_auth_mode, magento_store_code, salesforce_login_url,"
                        u" salesforce_flow, salesforce_client_id, salesforce_username, salesforce_api_version,"
                        u" is_active, magento_ca_file, salesforce_ca_file"_s;

std::unexpected<Error> sqlFailure(const QString &what, const QSqlError &error)
{
    QString hint = u"Check that the database file is writable."_s;
    if (error.text().contains(u"UNIQUE"_s, Qt::CaseInsensitive))
        hint = u"Profile names must be unique: choose another name."_s;
    else if (error.text().contains(u"CHECK"_s, Qt::CaseInsensitive))
        hint = u"Use a non-empty name, a Magento auth mode of integration_bearer, oauth1 or admin_token, and a "
               u"Salesforce flow of web_server, jwt_bearer or username_password."_s;
    return fail(u"store.profile_failed"_s, u"%1: %2."_s.arg(what, error.text()), hint);
}

// Qt Sql binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "not set".
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

} // namespace

ConnectionProfileRepository::ConnectionProfileRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<QList<ConnectionProfile>> ConnectionProfileRepository::select(const QString &where,
                                                                     const QVariant &argument) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"SELECT "_s + columns + u" FROM connection_profiles "_s + where + u" ORDER BY name"_s);
    if (argument.isValid())
        query.addBindValue(argument);
    if (!query.exec())
        return sqlFailure(u"The connection profiles cannot be read"_s, query.lastError());
    QList<ConnectionProfile> profiles;
    while (query.next()) {
        ConnectionProfile profile;
        profile.id = query.value(0).toLongLong();
        profile.name = query.value(1).toString();
        profile.magentoBaseUrl = query.value(2).toString();
        // The table's CHECK admits only the names magentoAuthModeName() and salesforceFlowName() give.
        profile.magentoAuthMode = magentoAuthModeFromName(query.value(3).toString()).value_or(MagentoAuthMode::IntegrationToken);
        profile.magentoStoreCode = query.value(4).toString();
        profile.salesforceLoginUrl = query.value(5).toString();
        profile.salesforceFlow = salesforceFlowFromName(query.value(6).toString()).value_or(SalesforceFlow::WebServer);
        profile.salesforceClientId = query.value(7).toString();
        profile.salesforceUsername = query.value(8).toString();
        profile.salesforceApiVersion = query.value(9).toString();
        profile.active = query.value(10).toInt() != 0;
        profile.magentoCaFile = query.value(11).toString();
        profile.salesforceCaFile = query.value(12).toString();
        profiles << profile;
    }
    return profiles;
}

Result<QList<ConnectionProfile>> ConnectionProfileRepository::list() const
{
    return select(QString(), QVariant());
}

Result<std::optional<ConnectionProfile>> ConnectionProfileRepository::findByName(const QString &name) const
{
    const auto found = select(u"WHERE name = ?"_s, name);
    if (!found)
        return std::unexpected(found.error());
    if (found->isEmpty())
        return std::optional<ConnectionProfile>();
    return std::optional<ConnectionProfile>(found->first());
}

Result<std::optional<ConnectionProfile>> ConnectionProfileRepository::active() const
{
    const auto found = select(u"WHERE is_active = ?"_s, 1);
    if (!found)
        return std::unexpected(found.error());
    if (found->isEmpty())
        return std::optional<ConnectionProfile>();
    return std::optional<ConnectionProfile>(found->first());
}

Result<ConnectionProfile> ConnectionProfileRepository::save(const ConnectionProfile &profile) const
{
    if (profile.name.trimmed().isEmpty())
        return fail(u"store.profile_failed"_s, u"A connection profile needs a name."_s,
                    u"Give the profile a non-empty name, such as \"production\"."_s);
    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return sqlFailure(u"The connection profile cannot be saved"_s, db.lastError());
    ConnectionProfile saved = profile;
    std::optional<QSqlError> failure;
    {
        QSqlQuery query(db);
        if (profile.active && !query.exec(u"UPDATE connection_profiles SET is_active = 0 WHERE is_active = 1"_s))
            failure = query.lastError();
        if (!failure) {
            if (profile.id == 0)
                query.prepare(u"INSERT INTO connection_profiles (name, magento_base_url, magento_auth_mode,"
                              u" magento_store_code, salesforce_login_url, salesforce_flow, salesforce_client_id,"
                              u" salesforce_username, salesforce_api_version, is_active,"
                              u" magento_ca_file, salesforce_ca_file)"
                              u" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
            else
                query.prepare(u"UPDATE connection_profiles SET name = ?, magento_base_url = ?, magento_auth_mode = ?,"
                              u" magento_store_code = ?, salesforce_login_url = ?, salesforce_flow = ?,"
                              u" salesforce_client_id = ?, salesforce_username = ?, salesforce_api_version = ?,"
                              u" is_active = ?, magento_ca_file = ?, salesforce_ca_file = ?, updated_at = "_s
                              + m_database->nowExpression() + u" WHERE id = ?"_s);
            query.addBindValue(text(profile.name));
            query.addBindValue(text(profile.magentoBaseUrl));
            query.addBindValue(text(magentoAuthModeName(profile.magentoAuthMode)));
            query.addBindValue(text(profile.magentoStoreCode));
            query.addBindValue(text(profile.salesforceLoginUrl));
            query.addBindValue(text(salesforceFlowName(profile.salesforceFlow)));
            query.addBindValue(text(profile.salesforceClientId));
            query.addBindValue(text(profile.salesforceUsername));
            query.addBindValue(text(profile.salesforceApiVersion));
            query.addBindValue(profile.active ? 1 : 0);
            query.addBindValue(text(profile.magentoCaFile));
            query.addBindValue(text(profile.salesforceCaFile));
            if (profile.id != 0)
                query.addBindValue(profile.id);
            if (!query.exec())
                failure = query.lastError();
            else if (profile.id == 0 && query.next()) // RETURNING id: QPSQL has no lastInsertId() without OIDs
                saved.id = query.value(0).toLongLong();
            else if (query.numRowsAffected() != 1)
                failure = QSqlError(u"no profile with id %1"_s.arg(profile.id), {}, QSqlError::StatementError);
        }
    }
    if (!failure && !db.commit())
        failure = db.lastError();
    if (failure) {
        db.rollback();
        return sqlFailure(u"The connection profile \"%1\" cannot be saved"_s.arg(profile.name), *failure);
    }
    return saved;
}

Result<void> ConnectionProfileRepository::remove(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(u"DELETE FROM connection_profiles WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec())
        return sqlFailure(u"The connection profile cannot be removed"_s, query.lastError());
    if (query.numRowsAffected() != 1)
        return fail(u"store.profile_not_found"_s, u"There is no connection profile with id %1."_s.arg(id),
                    u"List the profiles to find the right id."_s);
    return {};
}

} // namespace OrderBridge
