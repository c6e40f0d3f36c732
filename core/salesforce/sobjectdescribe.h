#pragma once

#include "salesforceerror.h"
#include "salesforcefieldinfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrderBridge {

/// An sObject's describe, reduced to the facts the mapping editor, the validator and the planner use.
struct SObjectDescribe
{
    QString name;
    QString label;
    QString keyPrefix;
    bool createable = false;
    bool updateable = false;
    QList<SalesforceFieldInfo> fields;

    /// The field with this API name (case-insensitive, as Salesforce treats names), or nullptr.
    [[nodiscard]] const SalesforceFieldInfo *field(const QString &apiName) const;
    [[nodiscard]] SalesforceFieldInfo *field(const QString &apiName);

    /// The one describe parser: the JSON of GET …/sobjects/{name}/describe. Fields without a name
    /// are skipped; an object without a name or fields array is a MALFORMED_RESPONSE error.
    [[nodiscard]] static SalesforceResult<SObjectDescribe> fromJson(const QJsonObject &json);
};

} // namespace OrderBridge
