#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// One error Salesforce reported, in either of its shapes: `errorCode` (REST and composite
/// bodies) or `statusCode` (sObject Collections save results), with the HTTP status it came with
/// and a hint naming the fix. Converts implicitly to OrderBridge::Error.
struct SalesforceError
{
    QString errorCode;
    QString message;
    QStringList fields;
    int httpStatus = 0;
    QString hint;

    /// The generic error the rest of core uses; the HTTP status is kept in the message.
    [[nodiscard]] Error toError() const;
    operator Error() const { return toError(); } // NOLINT(google-explicit-constructor): lets Result<T> take it

    /// An error of the client itself (network, malformed reply, auth), with its hint.
    static SalesforceError make(const QString &code, const QString &message, int httpStatus = 0,
                                const QString &hint = {});

    /// Parses a REST error body: a JSON array of {message, errorCode|statusCode, fields}, or (as
    /// some routes send) a single such object. A body that is neither yields one MALFORMED_RESPONSE
    /// error that quotes the start of the body; the result is never empty.
    static QList<SalesforceError> parseBody(const QByteArray &body, int httpStatus);
    /// Parses an `errors` array of a save result or composite sub-response (both key names).
    static QList<SalesforceError> parseArray(const QJsonArray &errors, int httpStatus);

    /// The fix for a Salesforce error code, or an empty string for codes without advice (English).
    static QString hintFor(const QString &errorCode);
    /// What kind of failure a Salesforce error code is (e.g. REQUEST_LIMIT_EXCEEDED: RequestLimit).
    [[nodiscard]] static ErrorKind kindOf(const QString &errorCode);
    /// The English sources of every hint hintFor() and the parsers give (translation context
    /// "SalesforceError", %1 for field names), so stored hints can be translated where shown.
    static QStringList hintSources();
    /// The fix when Salesforce refuses a change to an Activated order: the "Edit Activated Orders"
    /// permission (English; a hintSources() entry).
    static QString activatedOrderEditHint();
    /// The fix when Salesforce refuses to activate an order: the "Activate Orders" permission
    /// (English; a hintSources() entry).
    static QString activateOrderHint();

    /// The sign-in fixes that depend on more than the error code (the grant, the error description).
    enum class SignInHint {
        BlockedPasswordFlow, ///< invalid_grant / authentication failure of the password grant
        RefreshTokenDropped, ///< a refused refresh token, dropped by the authenticator
        RefreshTokenExpired, ///< "expired access/refresh token"
        JwtAudience,         ///< "audience is invalid"
        JwtNotApproved,      ///< the user has not approved the connected app
        JwtSignature,        ///< invalid assertion / signature
        IpRestricted,
        Pkce,
    };
    /// The English text of a sign-in fix (a hintSources() entry, so it is translated where shown).
    static QString signInHint(SignInHint which);
};

template<typename T>
using SalesforceResult = std::expected<T, SalesforceError>;

/// Convenience for the error side of a SalesforceResult.
inline std::unexpected<SalesforceError> sfFail(const QString &code, const QString &message, int httpStatus = 0,
                                               const QString &hint = {})
{
    return std::unexpected<SalesforceError>(SalesforceError::make(code, message, httpStatus, hint));
}

} // namespace OrderBridge
