#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace OrderBridge {

/// How requests to the store are authenticated: the Magento client's mode and a connection profile's.
enum class MagentoAuthMode {
    IntegrationToken, ///< integration access token sent as a Bearer token (needs the store's "standalone Bearer" option)
    AdminUser,        ///< admin user name + password exchanged for an admin token (cached, renewed once on 401)
    OAuth1,           ///< every request signed per OAuth 1.0a (RFC 5849) with the integration's four credentials
};

/// The one text form of a mode, as stored in connection profiles and given to `connect magento --auth`:
/// integration_bearer, admin_token, oauth1. Empty for a value outside the enum.
[[nodiscard]] QString magentoAuthModeName(MagentoAuthMode mode);
/// The mode a text form names; also takes the command line's former spellings "token" and "admin".
[[nodiscard]] std::optional<MagentoAuthMode> magentoAuthModeFromName(QStringView name);

} // namespace OrderBridge
