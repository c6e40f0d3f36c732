#include "salesforceerror.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QHash<QString, QString> &hintTable()
{
    static const QHash<QString, QString> table{
        {u"FIELD_INTEGRITY_EXCEPTION"_s,
         u"Check that every product has an active Price Book Entry in the price book chosen in the Orders "
         "settings, and that the order uses that price book."_s},
        {u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s,
         u"Add the value to the picklist in Salesforce Setup, or fix the Order Status mapping so it names an "
         "existing value."_s},
        {u"REQUIRED_FIELD_MISSING"_s,
         u"Map the field named in the error in the field mappings, or give it a default value in Salesforce."_s},
        {u"STRING_TOO_LONG"_s,
         u"The value is longer than the Salesforce field allows: lengthen the field in Setup or map a shorter "
         "value."_s},
        {u"DUPLICATE_VALUE"_s,
         u"A record with this unique value already exists: make the external ID unique or merge the duplicate "
         "records in Salesforce."_s},
        {u"ENTITY_IS_LOCKED"_s,
         u"The record is locked (an activated order, or an approval): the Default Status must be a value of the "
         "Draft group so the order can be edited."_s},
        {u"INVALID_FIELD"_s,
         u"Create the custom field in Salesforce Setup (check its API name ends in __c), or fix the field "
         "mapping."_s},
        {u"INVALID_FIELD_FOR_INSERT_UPDATE"_s,
         u"The field cannot be written (read-only, formula or not createable): remove it from the field "
         "mappings."_s},
        {u"REQUEST_LIMIT_EXCEEDED"_s,
         u"The org's daily API allowance is used up: synchronization resumes when the rolling 24-hour "
         "allowance frees calls, or ask Salesforce for a larger allowance."_s},
        {u"INVALID_SESSION_ID"_s,
         u"The Salesforce session expired and could not be renewed: connect to Salesforce again."_s},
        {u"UNABLE_TO_LOCK_ROW"_s,
         u"Another process was editing the same record; the operation is retried automatically."_s},
        {u"INVALID_CROSS_REFERENCE_KEY"_s,
         u"A referenced record (account, price book, product) does not exist or is not visible to the "
         "integration user: check the IDs in the settings and the user's sharing."_s},
        {u"MALFORMED_ID"_s, u"An ID has the wrong format or object type: check the IDs in the settings."_s},
        {u"NOT_FOUND"_s,
         u"The record or resource does not exist: check the object and external ID field names and the API "
         "version."_s},
        {u"ENTITY_IS_DELETED"_s,
         u"The record was deleted in Salesforce: restore it from the Recycle Bin or clear the stored link so it "
         "is created again."_s},
        {u"INVALID_TYPE"_s,
         u"The object does not exist or the integration user cannot see it: check the object name and the "
         "user's profile."_s},
        {u"MALFORMED_QUERY"_s, u"The generated SOQL was refused: report this together with the log."_s},
        {u"STANDARD_PRICE_NOT_DEFINED"_s,
         u"Create the product's entry in the Standard Price Book before adding it to another price book."_s},
        {u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_s,
         u"A validation rule in the org refused the record: adjust the mapped values or the rule."_s},
        {u"CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY"_s,
         u"A trigger or flow in the org failed on this record: see the message and fix the automation or the "
         "data."_s},
        {u"INSUFFICIENT_ACCESS_OR_READONLY"_s,
         u"The integration user lacks permission: grant Create/Edit on the object in its profile or permission "
         "set."_s},
        {u"INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY"_s,
         u"The integration user cannot see a referenced record: check sharing on the account or price book."_s},
        {u"PROCESSING_HALTED"_s,
         u"Rolled back because another record of the same request failed: fix that error; this record is "
         "retried with it."_s},
        {u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_s,
         u"Rolled back because another record of the same request failed: fix that error; this record is "
         "retried with it."_s},
        {u"API_DISABLED_FOR_ORG"_s,
         u"The org's edition has no API access: use an edition with API access or enable it."_s},
        {u"API_CURRENTLY_DISABLED"_s,
         u"API access is disabled for the integration user: enable \"API Enabled\" in its profile."_s},
        {u"JSON_PARSER_ERROR"_s, u"Salesforce could not read the request: report this together with the log."_s},
        {u"MALFORMED_RESPONSE"_s,
         u"Salesforce sent a reply that could not be read; the operation is retried, and if it persists check "
         "for a proxy between this computer and Salesforce."_s},
        {u"NETWORK_ERROR"_s, u"Check the network connection and the instance URL."_s},
        {u"TIMEOUT"_s, u"Salesforce did not answer in time; check the network connection."_s},
        // OAuth error codes
        {u"invalid_grant"_s,
         u"Check the username, and that the password has the security token appended (or that this computer's "
         "IP is trusted); check that the username-password flow is enabled for the org (\"Allow OAuth "
         "Username-Password Flows\") and that the connected app is allowed for the user."_s},
        {u"invalid_client_id"_s,
         u"The consumer key is not known to this org: copy it again from the connected app and check the login "
         "URL (login.salesforce.com, test.salesforce.com or My Domain)."_s},
        {u"invalid_client"_s, u"The consumer secret is wrong: copy it again from the connected app."_s},
        {u"invalid_client_credentials"_s, u"The consumer secret is wrong: copy it again from the connected app."_s},
        {u"unsupported_grant_type"_s, u"The flow is not enabled for the connected app: enable it in its OAuth "
                                        "settings."_s},
        {u"invalid_app_access"_s,
         u"The user is not allowed to use the connected app: pre-authorize it (Permitted Users: Admin approved "
         "users are pre-authorized, then add the user's profile or permission set)."_s},
        {u"inactive_user"_s, u"The integration user is deactivated: activate it or use another user."_s},
        {u"inactive_org"_s, u"The org is locked, closed or suspended: contact the Salesforce administrator."_s},
        {u"rate_limit_exceeded"_s, u"Too many sign-in attempts: wait a few minutes and try again."_s},
        {u"invalid_request"_s,
         u"The sign-in request was refused: check the redirect URI and PKCE settings of the connected app."_s},
        {u"access_denied"_s, u"The sign-in was cancelled in the browser: connect again and allow access."_s},
        {u"redirect_uri_mismatch"_s,
         u"Add the loopback callback URL shown in the error to the connected app's Callback URLs."_s},
    };
    return table;
}

} // namespace

Error SalesforceError::toError() const
{
    Error e;
    e.code = errorCode;
    e.message = httpStatus > 0 ? u"Salesforce (HTTP %1): %2"_s.arg(httpStatus).arg(message) : u"Salesforce: "_s + message;
    e.hint = hint;
    e.fields = fields;
    // The wire's code decides the kind once, here, so that no caller compares the text.
    if (errorCode == u"REQUEST_LIMIT_EXCEEDED"_s)
        e.kind = ErrorKind::RequestLimit;
    else if (errorCode == u"NOT_FOUND"_s || errorCode == u"ENTITY_IS_DELETED"_s)
        e.kind = ErrorKind::NotFound;
    return e;
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
    return hintTable().value(errorCode);
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
    const QJsonArray fields = o.value(u"fields"_s).toArray();
    for (const QJsonValue &f : fields)
        e.fields.append(f.toString());
    e.httpStatus = httpStatus;
    e.hint = SalesforceError::hintFor(e.errorCode);
    if (e.errorCode == u"REQUIRED_FIELD_MISSING"_s && !e.fields.isEmpty())
        e.hint = u"Map %1 in the field mappings, or give it a default value in Salesforce."_s.arg(
            e.fields.join(u", "_s));
    else if (e.errorCode == u"INVALID_FIELD"_s && !e.fields.isEmpty())
        e.hint = u"Create the custom field %1 in Salesforce Setup, or fix the field mapping."_s.arg(
            e.fields.join(u", "_s));
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
