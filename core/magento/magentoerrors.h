#pragma once

#include "common/error.h"
#include "magentoconnection.h"
#include "magentoretrypolicy.h"

#include <QByteArray>
#include <QJsonValue>
#include <QNetworkReply>

namespace OrderBridge::MagentoErrors {

// Error codes of the Magento client (Error::code).
inline constexpr char16_t Unauthorized[] = u"magento.unauthorized";
inline constexpr char16_t TwoFactorRequired[] = u"magento.two_factor_required";
inline constexpr char16_t Forbidden[] = u"magento.forbidden";
inline constexpr char16_t NotFound[] = u"magento.not_found";
inline constexpr char16_t NoRoute[] = u"magento.no_route";
inline constexpr char16_t Validation[] = u"magento.validation";
inline constexpr char16_t BadRequest[] = u"magento.bad_request";
inline constexpr char16_t RateLimited[] = u"magento.rate_limited";
inline constexpr char16_t ServerError[] = u"magento.server_error";
inline constexpr char16_t Unavailable[] = u"magento.unavailable";
inline constexpr char16_t Network[] = u"magento.network";
inline constexpr char16_t Timeout[] = u"magento.timeout";
inline constexpr char16_t Tls[] = u"magento.tls";
inline constexpr char16_t MalformedReply[] = u"magento.malformed_reply";
inline constexpr char16_t Cancelled[] = u"magento.cancelled";

/// Replaces Magento's %1.. (array parameters) and %name (object parameters) placeholders; unknown ones stay.
[[nodiscard]] QString substitute(const QString &message, const QJsonValue &parameters);

/// The failure kind of a finished reply: HTTP status first, then the transport error.
[[nodiscard]] MagentoFailureKind classify(int httpStatus, QNetworkReply::NetworkError networkError, bool timedOut);

/// An error from an HTTP error reply (status >= 400): parses Magento's envelope
/// {"message","parameters","errors","code","trace"} (or an OAuth "oauth_problem=..." form body), substitutes
/// the placeholders, keeps the HTTP status in the message ("... (HTTP 404)"), names field parameters in
/// Error::fields and picks a code and a hint for the auth mode in use. Never fails, whatever the body.
[[nodiscard]] Error fromHttpReply(int httpStatus, const QByteArray &body, MagentoAuthMode authMode);

/// Whether an error means the connection's setup cannot work at all (the store refused the sign-in: 2FA on
/// the admin token, Bearer tokens not allowed, wrong credentials, missing API resources, no such REST route),
/// as opposed to a store that could not be reached or failed for a while.
[[nodiscard]] bool refusesSetup(const Error &error);

/// An error for a transport failure (no HTTP status): dropped connection, timeout, TLS.
[[nodiscard]] Error fromTransport(MagentoFailureKind kind, QNetworkReply::NetworkError networkError,
                                  const QString &detail);

/// An error for a 2xx reply whose body is not what the endpoint promises.
/// No reply from `host` within the call's `seconds` (retries included) during `step` ("GET orders").
[[nodiscard]] Error noReplyWithin(const QString &host, int seconds, const QString &step);
[[nodiscard]] Error malformedReply(const QString &what);

} // namespace OrderBridge::MagentoErrors
