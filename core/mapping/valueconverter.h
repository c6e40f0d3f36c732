#pragma once

#include "common/error.h"
#include "salesforce/salesforcefieldinfo.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace OrderBridge {

/// Converts Magento JSON values to the JSON a Salesforce field accepts. Pure functions.
///
/// - text types: numbers print without a trailing ".0", booleans as true/false; arrays are joined with
///   newlines for textarea, ";" for multipicklist and ", " otherwise; multi-line text going into a
///   single-line field has its lines joined with ", "; then text is cut to the field length
///   (by code points) and the original is reported.
/// - currency/double/percent: JSON numbers or numeric strings; rounded to the field scale; too many digits is an error.
/// - int/long: whole numbers only.
/// - boolean: true/false, 0/1, "true"/"false", "yes"/"no", "y"/"n", "on"/"off", "1"/"0".
/// - date: Magento "YYYY-MM-DD HH:MM:SS" (UTC), "YYYY-MM-DD" or ISO 8601 -> "YYYY-MM-DD" (the UTC date).
/// - datetime: same inputs -> "YYYY-MM-DDTHH:MM:SS.000+0000".
class ValueConverter
{
public:
    struct Converted
    {
        QJsonValue value;
        /// Set when the text was cut to the field length: the full text before cutting.
        std::optional<QString> truncatedFrom;
    };

    /// Converts `value` for `field`; an error (code "mapping.value") says why the value does not fit.
    static Result<Converted> convert(const QJsonValue &value, const SalesforceFieldInfo &field);

    /// True for undefined, null, empty or blank strings and arrays holding only empty values.
    static bool isEmpty(const QJsonValue &value);

    /// Text form of a scalar or array (used for defaults, status lookups and messages).
    static QString toText(const QJsonValue &value, const QString &arraySeparator = QStringLiteral(", "));
};

} // namespace OrderBridge
