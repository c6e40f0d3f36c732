#pragma once

#include <QString>

namespace OrderBridge {

/// The secrets a MagentoConnection needs, fetched by the caller from the keychain.
/// Never logged, never written to settings; only the fields of the chosen auth mode are used.
struct MagentoSecrets
{
    QString integrationToken;   ///< MagentoAuthMode::IntegrationToken
    QString adminPassword;      ///< MagentoAuthMode::AdminUser
    QString consumerKey;        ///< MagentoAuthMode::OAuth1 ...
    QString consumerSecret;
    QString accessToken;
    QString accessTokenSecret;
};

} // namespace OrderBridge
