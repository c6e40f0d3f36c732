#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace OrderBridge {

/// How a connection profile signs in to Salesforce (the OAuth 2.0 flow of the connected app).
/// At run time a web-server sign-in with a stored refresh token continues as
/// SalesforceAuthConfig::Flow::RefreshToken.
enum class SalesforceFlow {
    WebServer,        ///< authorization code + PKCE in the system browser; the refresh token is kept
    UsernamePassword, ///< the user's password with the security token appended
    JwtBearer,        ///< a JWT signed with the connected app's certificate key; the app is pre-authorized
};

/// The one text form of a flow, as stored in connection profiles and given to `connect salesforce --flow`:
/// web_server, username_password, jwt_bearer. Empty for a value outside the enum.
[[nodiscard]] QString salesforceFlowName(SalesforceFlow flow);
/// The flow a text form names; also takes the command line's former spellings "browser", "password" and "jwt".
[[nodiscard]] std::optional<SalesforceFlow> salesforceFlowFromName(QStringView name);

} // namespace OrderBridge
