#pragma once

#include <QString>

namespace OrderBridge {

/// Where and how to connect to one Magento store and one Salesforce org. Holds no secrets: those
/// live in the credential store under keys namespaced by the profile name.
struct ConnectionProfile
{
    qint64 id = 0; ///< 0 until saved
    QString name;
    QString magentoBaseUrl;
    QString magentoAuthMode = QStringLiteral("integration_bearer"); ///< integration_bearer | oauth1 | admin_token
    QString magentoStoreCode = QStringLiteral("default");
    QString salesforceLoginUrl = QStringLiteral("https://login.salesforce.com");
    QString salesforceFlow = QStringLiteral("web_server"); ///< web_server | jwt_bearer | username_password
    QString salesforceClientId;
    QString salesforceUsername;
    QString salesforceApiVersion;
    bool active = false;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace OrderBridge
