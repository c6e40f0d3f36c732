#include "salesforceerror.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// The fixes for Salesforce's error codes. lupdate reads them through QT_TRANSLATE_NOOP; stored
// hints stay English and StoredText translates them where they are shown.
struct Hint
{
    const char16_t *code;
    const char *text;
};

constexpr std::array kHints{
    Hint{u"FIELD_INTEGRITY_EXCEPTION",
         QT_TRANSLATE_NOOP("SalesforceError", "Check that every product has an active Price Book Entry in the price "
                                              "book chosen in the Orders settings, and that the order uses that price "
                                              "book.")},
    Hint{u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
         QT_TRANSLATE_NOOP("SalesforceError", "Add the value to the picklist in Salesforce Setup, or fix the Order "
                                              "Status mapping so it names an existing value.")},
    Hint{u"REQUIRED_FIELD_MISSING",
         QT_TRANSLATE_NOOP("SalesforceError", "Map the field named in the error in the field mappings, or give it a "
                                              "default value in Salesforce.")},
    Hint{u"STRING_TOO_LONG",
         QT_TRANSLATE_NOOP("SalesforceError", "The value is longer than the Salesforce field allows: lengthen the field "
                                              "in Setup or map a shorter value.")},
    Hint{u"DUPLICATE_VALUE",
         QT_TRANSLATE_NOOP("SalesforceError", "A record with this unique value already exists: make the external ID "
                                              "unique or merge the duplicate records in Salesforce.")},
    Hint{u"ENTITY_IS_LOCKED",
         QT_TRANSLATE_NOOP("SalesforceError", "The record is locked (an activated order, or an approval): the Default "
                                              "Status must be a value of the Draft group so the order can be edited.")},
    Hint{u"INVALID_FIELD",
         QT_TRANSLATE_NOOP("SalesforceError", "Create the custom field in Salesforce Setup (check its API name ends in "
                                              "__c), or fix the field mapping.")},
    Hint{u"INVALID_FIELD_FOR_INSERT_UPDATE",
         QT_TRANSLATE_NOOP("SalesforceError", "The field cannot be written (read-only, formula or not createable): "
                                              "remove it from the field mappings.")},
    Hint{u"REQUEST_LIMIT_EXCEEDED",
         QT_TRANSLATE_NOOP("SalesforceError", "The org's daily API allowance is used up: synchronization resumes when "
                                              "the rolling 24-hour allowance frees calls, or ask Salesforce for a "
                                              "larger allowance.")},
    Hint{u"INVALID_SESSION_ID",
         QT_TRANSLATE_NOOP("SalesforceError", "The Salesforce session expired and could not be renewed: connect to "
                                              "Salesforce again.")},
    Hint{u"UNABLE_TO_LOCK_ROW",
         QT_TRANSLATE_NOOP("SalesforceError", "Another process was editing the same record; the operation is retried "
                                              "automatically.")},
    Hint{u"INVALID_CROSS_REFERENCE_KEY",
         QT_TRANSLATE_NOOP("SalesforceError", "A referenced record (account, price book, product) does not exist or is "
                                              "not visible to the integration user: check the IDs in the settings and "
                                              "the user's sharing.")},
    Hint{u"MALFORMED_ID",
         QT_TRANSLATE_NOOP("SalesforceError", "An ID has the wrong format or object type: check the IDs in the "
                                              "settings.")},
    Hint{u"NOT_FOUND",
         QT_TRANSLATE_NOOP("SalesforceError", "The record or resource does not exist: check the object and external ID "
                                              "field names and the API version.")},
    Hint{u"ENTITY_IS_DELETED",
         QT_TRANSLATE_NOOP("SalesforceError", "The record was deleted in Salesforce: restore it from the Recycle Bin or "
                                              "clear the stored link so it is created again.")},
    Hint{u"INVALID_TYPE",
         QT_TRANSLATE_NOOP("SalesforceError", "The object does not exist or the integration user cannot see it: check "
                                              "the object name and the user's profile.")},
    Hint{u"MALFORMED_QUERY",
         QT_TRANSLATE_NOOP("SalesforceError", "The generated SOQL was refused: report this together with the log.")},
    Hint{u"STANDARD_PRICE_NOT_DEFINED",
         QT_TRANSLATE_NOOP("SalesforceError", "Create the product's entry in the Standard Price Book before adding it "
                                              "to another price book.")},
    Hint{u"DUPLICATES_DETECTED",
         QT_TRANSLATE_NOOP("SalesforceError", "A duplicate rule in Salesforce matched this record to an existing one. "
                                              "Set advanced.allow_duplicate_save to yes (Orders configuration, "
                                              "Advanced) to save past rules with an Alert action; a rule with a Block "
                                              "action must be changed to Alert, or the integration user excluded from "
                                              "it, in Setup > Duplicate Rules.")},
    Hint{u"FIELD_CUSTOM_VALIDATION_EXCEPTION",
         QT_TRANSLATE_NOOP("SalesforceError", "A validation rule in the org refused the record: adjust the mapped "
                                              "values or the rule.")},
    Hint{u"CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
         QT_TRANSLATE_NOOP("SalesforceError", "A trigger or flow in the org failed on this record: see the message and "
                                              "fix the automation or the data.")},
    Hint{u"INSUFFICIENT_ACCESS_OR_READONLY",
         QT_TRANSLATE_NOOP("SalesforceError", "The integration user lacks permission: grant Create/Edit on the object "
                                              "in its profile or permission set.")},
    Hint{u"INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
         QT_TRANSLATE_NOOP("SalesforceError", "The integration user cannot see a referenced record: check sharing on "
                                              "the account or price book.")},
    Hint{u"PROCESSING_HALTED",
         QT_TRANSLATE_NOOP("SalesforceError", "Rolled back because another record of the same request failed: fix that "
                                              "error; this record is retried with it.")},
    Hint{u"ALL_OR_NONE_OPERATION_ROLLED_BACK",
         QT_TRANSLATE_NOOP("SalesforceError", "Rolled back because another record of the same request failed: fix that "
                                              "error; this record is retried with it.")},
    Hint{u"API_DISABLED_FOR_ORG",
         QT_TRANSLATE_NOOP("SalesforceError", "The org's edition has no API access: use an edition with API access or "
                                              "enable it.")},
    Hint{u"API_CURRENTLY_DISABLED",
         QT_TRANSLATE_NOOP("SalesforceError", "API access is disabled for the integration user: enable \"API Enabled\" "
                                              "in its profile.")},
    Hint{u"JSON_PARSER_ERROR",
         QT_TRANSLATE_NOOP("SalesforceError", "Salesforce could not read the request: report this together with the "
                                              "log.")},
    Hint{u"MALFORMED_RESPONSE",
         QT_TRANSLATE_NOOP("SalesforceError", "Salesforce sent a reply that could not be read; the operation is "
                                              "retried, and if it persists check for a proxy between this computer and "
                                              "Salesforce.")},
    Hint{u"NETWORK_ERROR",
         QT_TRANSLATE_NOOP("SalesforceError", "Check the network connection and the instance URL.")},
    Hint{u"TIMEOUT",
         QT_TRANSLATE_NOOP("SalesforceError", "Salesforce did not answer in time; check the network connection.")},
    Hint{u"invalid_grant",
         QT_TRANSLATE_NOOP("SalesforceError", "Check the username, and that the password has the security token "
                                              "appended (or that this computer's IP is trusted); check that the "
                                              "username-password flow is enabled for the org (\"Allow OAuth "
                                              "Username-Password Flows\") and that the connected app is allowed for the "
                                              "user.")},
    Hint{u"invalid_client_id",
         QT_TRANSLATE_NOOP("SalesforceError", "The consumer key is not known to this org: copy it again from the "
                                              "connected app and check the login URL (login.salesforce.com, "
                                              "test.salesforce.com or My Domain).")},
    Hint{u"invalid_client",
         QT_TRANSLATE_NOOP("SalesforceError", "The consumer secret is wrong: copy it again from the connected app.")},
    Hint{u"invalid_client_credentials",
         QT_TRANSLATE_NOOP("SalesforceError", "The consumer secret is wrong: copy it again from the connected app.")},
    Hint{u"unsupported_grant_type",
         QT_TRANSLATE_NOOP("SalesforceError", "The flow is not enabled for the connected app: enable it in its OAuth "
                                              "settings.")},
    Hint{u"invalid_app_access",
         QT_TRANSLATE_NOOP("SalesforceError", "The user is not allowed to use the connected app: pre-authorize it "
                                              "(Permitted Users: Admin approved users are pre-authorized, then add the "
                                              "user's profile or permission set).")},
    Hint{u"inactive_user",
         QT_TRANSLATE_NOOP("SalesforceError", "The integration user is deactivated: activate it or use another user.")},
    Hint{u"inactive_org",
         QT_TRANSLATE_NOOP("SalesforceError", "The org is locked, closed or suspended: contact the Salesforce "
                                              "administrator.")},
    Hint{u"rate_limit_exceeded",
         QT_TRANSLATE_NOOP("SalesforceError", "Too many sign-in attempts: wait a few minutes and try again.")},
    Hint{u"invalid_request",
         QT_TRANSLATE_NOOP("SalesforceError", "The sign-in request was refused: check the redirect URI and PKCE "
                                              "settings of the connected app.")},
    Hint{u"access_denied",
         QT_TRANSLATE_NOOP("SalesforceError", "The sign-in was cancelled in the browser: connect again and allow "
                                              "access.")},
    Hint{u"redirect_uri_mismatch",
         QT_TRANSLATE_NOOP("SalesforceError", "Add the loopback callback URL shown in the error to the connected app's "
                                              "Callback URLs.")},
};

constexpr const char *kRequiredFieldHint =
    QT_TRANSLATE_NOOP("SalesforceError", "Map %1 in the field mappings, or give it a default value in Salesforce.");
constexpr const char *kInvalidFieldHint =
    QT_TRANSLATE_NOOP("SalesforceError", "Create the custom field %1 in Salesforce Setup, or fix the field mapping.");
constexpr const char *kActivatedOrderEditHint =
    QT_TRANSLATE_NOOP("SalesforceError", "The order is Activated in Salesforce, and changing an Activated order or its "
                                         "products needs the \"Edit Activated Orders\" permission. Grant it to the "
                                         "integration user (a permission set with Edit Activated Orders), or map the "
                                         "Magento statuses so orders reach an Activated status only once they no "
                                         "longer change; then retry the order.");

constexpr const char *kActivateOrderHint =
    QT_TRANSLATE_NOOP("SalesforceError", "Salesforce refused to activate the order: setting an Activated status needs "
                                         "the \"Activate Orders\" permission (and later changes to the order \"Edit "
                                         "Activated Orders\"). Run `orderbridge-cli setup salesforce`, or Prepare "
                                         "Salesforce… on Salesforce › Connection in the console, to grant both to the "
                                         "integration user (or turn them on in a permission set assigned to it); then "
                                         "retry the order.");

struct SignInText
{
    SalesforceError::SignInHint id;
    const char *text;
};

constexpr std::array kSignInHints{
    SignInText{SalesforceError::SignInHint::BlockedPasswordFlow,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "Check the username and the password (with the security token appended unless this "
                                 "computer's IP address is trusted). If they are right, the org blocks the "
                                 "username-password flow, as orgs created since Summer '23 do by default: choose the "
                                 "browser or JWT sign-in in Salesforce \u203a Connection (`orderbridge-cli connect "
                                 "salesforce --flow browser|jwt`), or have an administrator turn on \"Allow OAuth "
                                 "Username-Password Flows\" in Setup \u203a OAuth and OpenID Connect Settings.")},
    SignInText{SalesforceError::SignInHint::RefreshTokenDropped,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "The stored refresh token expired or was revoked, and OrderBridge dropped it: connect "
                                 "to Salesforce again. The next sync or Test Connection starts the browser sign-in (on "
                                 "the command line, `orderbridge-cli connect salesforce …` also drops it).")},
    SignInText{SalesforceError::SignInHint::RefreshTokenExpired,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "The stored refresh token expired or was revoked: connect to Salesforce again.")},
    SignInText{SalesforceError::SignInHint::JwtAudience,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "Salesforce refused the JWT audience taken from the login URL: a sandbox org signs in "
                                 "through https://test.salesforce.com or its *.sandbox.my.salesforce.com My Domain, a "
                                 "production org through https://login.salesforce.com or its *.my.salesforce.com My "
                                 "Domain. Correct the login URL.")},
    SignInText{SalesforceError::SignInHint::JwtNotApproved,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "Pre-authorize the connected app for this user: in the app's policies choose \"Admin "
                                 "approved users are pre-authorized\" and add the user's profile or permission set "
                                 "(the JWT flow has no consent screen).")},
    SignInText{SalesforceError::SignInHint::JwtSignature,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "The JWT signature was refused: upload the certificate that belongs to this private "
                                 "key to the connected app.")},
    SignInText{SalesforceError::SignInHint::IpRestricted,
               QT_TRANSLATE_NOOP("SalesforceError",
                                 "This computer's IP address is not trusted: append the security token to the password "
                                 "or relax the connected app's IP restrictions.")},
    SignInText{SalesforceError::SignInHint::Pkce,
               QT_TRANSLATE_NOOP("SalesforceError", "The PKCE check failed: start the browser sign-in again.")},
};

} // namespace

QString SalesforceError::signInHint(SignInHint which)
{
    for (const SignInText &h : kSignInHints) {
        if (h.id == which)
            return QString::fromUtf8(h.text);
    }
    return {};
}

Error SalesforceError::toError() const
{
    Error e;
    e.code = errorCode;
    e.message = httpStatus > 0 ? u"Salesforce (HTTP %1): %2"_s.arg(httpStatus).arg(message) : u"Salesforce: "_s + message;
    e.hint = hint;
    e.fields = fields;
    e.kind = kindOf(errorCode);
    return e;
}

ErrorKind SalesforceError::kindOf(const QString &errorCode)
{
    // The wire's code decides the kind once, here, so that no caller compares the text.
    if (errorCode == u"REQUEST_LIMIT_EXCEEDED"_s)
        return ErrorKind::RequestLimit;
    if (errorCode == u"NOT_FOUND"_s || errorCode == u"ENTITY_IS_DELETED"_s)
        return ErrorKind::NotFound;
    return ErrorKind::Failed;
}

SalesforceError SalesforceError::make(const QString &code, const QString &message, int httpStatus, const QString &hint)
{
    SalesforceError e;
    e.errorCode = code;
    e.message = message;
    e.httpStatus = httpStatus;
    e.hint = hint.isEmpty() ? hintFor(code) : hint;
    return e;
}

QString SalesforceError::hintFor(const QString &errorCode)
{
    for (const Hint &h : kHints) {
        if (errorCode == QStringView(h.code))
            return QString::fromUtf8(h.text);
    }
    return {};
}

QStringList SalesforceError::hintSources()
{
    QStringList sources;
    for (const Hint &h : kHints) {
        const QString text = QString::fromUtf8(h.text);
        if (!sources.contains(text))
            sources << text;
    }
    sources << QString::fromUtf8(kRequiredFieldHint) << QString::fromUtf8(kInvalidFieldHint)
            << activatedOrderEditHint() << activateOrderHint();
    for (const SignInText &h : kSignInHints)
        sources << QString::fromUtf8(h.text);
    return sources;
}

QString SalesforceError::activatedOrderEditHint()
{
    return QString::fromUtf8(kActivatedOrderEditHint);
}

QString SalesforceError::activateOrderHint()
{
    return QString::fromUtf8(kActivateOrderHint);
}

namespace {

SalesforceError fromObject(const QJsonObject &o, int httpStatus)
{
    SalesforceError e;
    e.errorCode = o.value(u"errorCode"_s).toString();
    if (e.errorCode.isEmpty())
        e.errorCode = o.value(u"statusCode"_s).toString();
    if (e.errorCode.isEmpty())
        e.errorCode = u"UNKNOWN_ERROR"_s;
    e.message = o.value(u"message"_s).toString();
    // "Use one of these records?" alone does not say which rule or which record matched.
    const QJsonObject duplicates = o.value(u"duplicateResult"_s).toObject();
    if (!duplicates.isEmpty()) {
        QStringList matched;
        for (const QJsonValue &m : duplicates.value(u"matchResults"_s).toArray()) {
            for (const QJsonValue &r : m.toObject().value(u"matchRecords"_s).toArray())
                matched << r.toObject().value(u"record"_s).toObject().value(u"Id"_s).toString();
        }
        e.message += u" (duplicate rule %1 on %2; matching records: %3)"_s.arg(
            duplicates.value(u"duplicateRule"_s).toString(), duplicates.value(u"duplicateRuleEntityType"_s).toString(),
            matched.join(u", "_s));
    }
    const QJsonArray fields = o.value(u"fields"_s).toArray();
    for (const QJsonValue &f : fields)
        e.fields.append(f.toString());
    e.httpStatus = httpStatus;
    e.hint = SalesforceError::hintFor(e.errorCode);
    if (e.errorCode == u"REQUIRED_FIELD_MISSING"_s && !e.fields.isEmpty())
        e.hint = QString::fromUtf8(kRequiredFieldHint).arg(e.fields.join(u", "_s));
    else if (e.errorCode == u"INVALID_FIELD"_s && !e.fields.isEmpty())
        e.hint = QString::fromUtf8(kInvalidFieldHint).arg(e.fields.join(u", "_s));
    return e;
}

bool looksLikeError(const QJsonObject &o)
{
    return o.contains(u"errorCode"_s) || o.contains(u"statusCode"_s) || o.contains(u"message"_s);
}

} // namespace

QList<SalesforceError> SalesforceError::parseArray(const QJsonArray &errors, int httpStatus)
{
    QList<SalesforceError> out;
    for (const QJsonValue &v : errors) {
        if (v.isObject())
            out.append(fromObject(v.toObject(), httpStatus));
        else
            out.append(make(u"MALFORMED_RESPONSE"_s, u"an error entry is not an object"_s, httpStatus));
    }
    return out;
}

QList<SalesforceError> SalesforceError::parseBody(const QByteArray &body, int httpStatus)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    QList<SalesforceError> out;
    if (doc.isArray()) {
        out = parseArray(doc.array(), httpStatus);
    } else if (doc.isObject() && looksLikeError(doc.object())) {
        out.append(fromObject(doc.object(), httpStatus));
    } else if (doc.isObject() && doc.object().contains(u"error"_s)) {
        // An OAuth-shaped object on a REST route.
        const QJsonObject o = doc.object();
        out.append(make(o.value(u"error"_s).toString(), o.value(u"error_description"_s).toString(), httpStatus));
    }
    if (out.isEmpty()) {
        const QString start = QString::fromUtf8(body.left(200)).simplified();
        out.append(make(u"MALFORMED_RESPONSE"_s,
                        start.isEmpty() ? u"an error reply without a body"_s
                                        : u"an error reply that is not a Salesforce error list: %1"_s.arg(start),
                        httpStatus));
    }
    return out;
}

} // namespace OrderBridge
