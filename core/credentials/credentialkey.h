#pragma once

#include "common/error.h"

#include <QString>

namespace OrderBridge {

/// Names of the secrets a connection profile can hold; the keychain key is "<profile>/<name>".
namespace SecretNames {
inline constexpr QLatin1StringView MagentoToken{"magento.token"};
inline constexpr QLatin1StringView MagentoAdminPassword{"magento.admin_password"};
inline constexpr QLatin1StringView MagentoOAuthConsumerSecret{"magento.oauth.consumer_secret"};
inline constexpr QLatin1StringView MagentoOAuthAccessTokenSecret{"magento.oauth.access_token_secret"};
inline constexpr QLatin1StringView SalesforceClientSecret{"salesforce.client_secret"};
inline constexpr QLatin1StringView SalesforceRefreshToken{"salesforce.refresh_token"};
inline constexpr QLatin1StringView SalesforcePassword{"salesforce.password"};
inline constexpr QLatin1StringView SalesforceSecurityToken{"salesforce.security_token"};
inline constexpr QLatin1StringView SalesforcePrivateKey{"salesforce.private_key"};
} // namespace SecretNames

/// A secret's address: the connection profile it belongs to and the secret's name within it.
/// Profiles keep their secrets apart because every key is prefixed with the profile name.
struct CredentialKey
{
    QString profile;
    QString name;

    /// Validates both parts; the error names the offending part and the allowed form.
    [[nodiscard]] static Result<CredentialKey> make(const QString &profile, const QString &name);

    /// The key under which the secret is stored: "<profile>/<name>".
    [[nodiscard]] QString storageKey() const { return profile + u'/' + name; }

    friend bool operator==(const CredentialKey &, const CredentialKey &) = default;
};

} // namespace OrderBridge
