#pragma once

#include "fieldinfo.h"
#include "salesforceerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrderBridge {

/// An sObject's describe, reduced to the facts the mapping editor and the planner use.
struct SObjectDescribe
{
    QString name;
    QString label;
    QString keyPrefix;
    bool createable = false;
    bool updateable = false;
    QList<FieldInfo> fields;

    /// The field with this API name (case-insensitive, as Salesforce treats names), or nullptr.
    [[nodiscard]] const FieldInfo *field(const QString &apiName) const;
    [[nodiscard]] FieldInfo *field(const QString &apiName);

    /// Parses the JSON of GET …/sobjects/{name}/describe; an object without a name or fields array
    /// is a MALFORMED_RESPONSE error.
    [[nodiscard]] static SalesforceResult<SObjectDescribe> fromJson(const QJsonObject &json);
};

} // namespace OrderBridge
