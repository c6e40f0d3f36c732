#include "saveresult.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SaveResult SaveResult::fromJson(const QJsonObject &json, int httpStatus)
{
    SaveResult r;
    r.id = json.value(u"id"_s).toString();
    r.success = json.value(u"success"_s).toBool();
    r.created = json.value(u"created"_s).toBool();
    r.errors = SalesforceError::parseArray(json.value(u"errors"_s).toArray(), httpStatus);
    if (!r.success && r.errors.isEmpty())
        r.errors.append(SalesforceError::make(u"UNKNOWN_ERROR"_s, u"Salesforce reported a failure without an error."_s,
                                              httpStatus));
    return r;
}

SalesforceResult<QList<SaveResult>> SaveResult::fromCollection(const QJsonArray &json, qsizetype expected, int httpStatus)
{
    if (json.size() != expected)
        return sfFail(u"MALFORMED_RESPONSE"_s,
                      u"Salesforce returned %1 results for %2 records."_s.arg(json.size()).arg(expected), httpStatus);
    QList<SaveResult> out;
    out.reserve(json.size());
    for (const QJsonValue &v : json) {
        if (!v.isObject())
            return sfFail(u"MALFORMED_RESPONSE"_s, u"A collection result is not an object."_s, httpStatus);
        out.append(fromJson(v.toObject(), httpStatus));
    }
    return out;
}

SaveResult SaveResult::failed(const SalesforceError &error)
{
    SaveResult r;
    r.errors.append(error);
    return r;
}

} // namespace OrderBridge
