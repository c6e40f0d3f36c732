#include "sync/workerconfigloader.h"

#include "credentials/credentialstore.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

SyncWorkerConfig buildConfig(const ConnectionProfile &profile, const std::shared_ptr<Database> &db,
                             const QHash<QString, QString> &s)
{
    SyncWorkerConfig config;
    config.database = db;
    config.magento.baseUrl = QUrl(profile.magentoBaseUrl);
    config.magento.authMode = profile.magentoAuthMode;
    config.magento.storeCode = profile.magentoStoreCode == u"default"_s ? QString() : profile.magentoStoreCode;
    config.magento.caFile = profile.magentoCaFile;
    config.magento.adminUsername = s.value(u"magento.admin_username"_s);
    config.magentoSecrets.integrationToken = s.value(u"magento.token"_s);
    config.magentoSecrets.adminPassword = s.value(u"magento.admin_password"_s);
    config.magentoSecrets.consumerKey = s.value(u"magento.oauth.consumer_key"_s);
    config.magentoSecrets.consumerSecret = s.value(u"magento.oauth.consumer_secret"_s);
    config.magentoSecrets.accessToken = s.value(u"magento.oauth.access_token"_s);
    config.magentoSecrets.accessTokenSecret = s.value(u"magento.oauth.access_token_secret"_s);
    config.salesforce.loginUrl = QUrl(profile.salesforceLoginUrl);
    config.salesforce.clientId = profile.salesforceClientId;
    config.salesforce.username = profile.salesforceUsername;
    config.salesforce.apiVersion = profile.salesforceApiVersion;
    config.salesforce.caFile = profile.salesforceCaFile;
    config.salesforce.clientSecret = s.value(u"salesforce.client_secret"_s);
    config.salesforce.password = s.value(u"salesforce.password"_s);
    config.salesforce.privateKeyPem = s.value(u"salesforce.private_key"_s).toUtf8();
    config.salesforce.refreshToken = s.value(u"salesforce.refresh_token"_s);
    if (profile.salesforceFlow == SalesforceFlow::UsernamePassword)
        config.salesforce.flow = SalesforceAuthConfig::Flow::Password;
    else if (profile.salesforceFlow == SalesforceFlow::JwtBearer)
        config.salesforce.flow = SalesforceAuthConfig::Flow::Jwt;
    else if (!config.salesforce.refreshToken.isEmpty())
        config.salesforce.flow = SalesforceAuthConfig::Flow::RefreshToken;
    else
        config.salesforce.flow = SalesforceAuthConfig::Flow::Browser;
    return config;
}

} // namespace

WorkerConfigLoader::WorkerConfigLoader(std::shared_ptr<Database> database, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_credentials(credentials)
{
}

WorkerConfigLoader::~WorkerConfigLoader() = default;

QStringList WorkerConfigLoader::secretNames()
{
    return {u"magento.token"_s,
            u"magento.admin_username"_s,
            u"magento.admin_password"_s,
            u"magento.oauth.consumer_key"_s,
            u"magento.oauth.consumer_secret"_s,
            u"magento.oauth.access_token"_s,
            u"magento.oauth.access_token_secret"_s,
            u"salesforce.client_secret"_s,
            u"salesforce.password"_s,
            u"salesforce.private_key"_s,
            u"salesforce.refresh_token"_s};
}

QStringList WorkerConfigLoader::secretNamesOf(MagentoAuthMode mode)
{
    switch (mode) {
    case MagentoAuthMode::IntegrationToken:
        return {u"magento.token"_s};
    case MagentoAuthMode::AdminUser:
        return {u"magento.admin_username"_s, u"magento.admin_password"_s};
    case MagentoAuthMode::OAuth1:
        return {u"magento.oauth.consumer_key"_s, u"magento.oauth.consumer_secret"_s, u"magento.oauth.access_token"_s,
                u"magento.oauth.access_token_secret"_s};
    }
    return {};
}

QStringList WorkerConfigLoader::secretNamesOf(SalesforceFlow flow)
{
    switch (flow) {
    case SalesforceFlow::WebServer:
        return {u"salesforce.client_secret"_s, u"salesforce.refresh_token"_s};
    case SalesforceFlow::UsernamePassword:
        return {u"salesforce.client_secret"_s, u"salesforce.password"_s};
    case SalesforceFlow::JwtBearer:
        return {u"salesforce.private_key"_s};
    }
    return {};
}

void WorkerConfigLoader::load(Callback done)
{
    auto active = ConnectionProfileRepository(m_database).active();
    if (!active) {
        done(std::unexpected(active.error()), {});
        return;
    }
    if (!active->has_value()) {
        done(fail(ErrorKind::NotConfigured, u"sync.not_connected"_s, u"No connection is set up."_s,
                  u"Set up the Magento and Salesforce connections (orderbridge-cli connect magento …, connect salesforce …)."_s),
             {});
        return;
    }
    const ConnectionProfile profile = **active;
    const QStringList names = secretNames();
    auto values = std::make_shared<QHash<QString, QString>>();
    auto remaining = std::make_shared<int>(int(names.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    for (const QString &name : names) {
        m_credentials->read(profile.name, name, this,
                            [this, profile, name, values, remaining, failure, done](const CredentialResult &r) {
                                if (r.ok())
                                    values->insert(name, r.secret);
                                else if (r.error->kind != ErrorKind::NotFound && !failure->has_value())
                                    *failure = *r.error;
                                if (--*remaining > 0)
                                    return;
                                if (failure->has_value())
                                    done(std::unexpected(**failure), profile.name);
                                else
                                    done(buildConfig(profile, m_database, *values), profile.name);
                            });
    }
}

} // namespace OrderBridge
