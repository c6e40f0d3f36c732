#pragma once

#include <QString>

namespace Sandbox {

/// A SOQL failure as Salesforce reports it: the REST body is [{"message": message, "errorCode": errorCode}]
/// with HTTP 400.
struct SoqlError
{
    QString errorCode; // MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, INVALID_QUERY_FILTER_OPERATOR
    QString message;
};

} // namespace Sandbox
