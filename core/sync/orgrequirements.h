#pragma once

#include "mapping/fieldmapping.h"
#include "salesforce/salesforcefieldinfo.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// A field the integration writes, with what it must be like in the org.
struct OrgFieldNeed
{
    QString object;
    QString field;
    QString label;
    QString metadataType;   ///< Tooling API CustomField type to create it with ("Text", "Currency"); empty: not ours to create
    QString describeType;   ///< the describe type it must have ("string", "currency"); empty: any
    int length = 0;         ///< length to create a Text field with
    int minLength = 0;      ///< shortest length that holds the values
    int precision = 0;
    int scale = 0;
    bool externalId = false;
    bool unique = false;

    [[nodiscard]] QString fullName() const { return object + u'.' + field; }
    [[nodiscard]] bool creatable() const { return !metadataType.isEmpty(); }
};

/// A system permission the integration user needs, by its PermissionSet field and its label in Setup.
struct OrgPermissionNeed
{
    QString field; ///< "PermissionsActivateOrder"
    QString label; ///< "Activate Orders"
};

/// What the mappings need from the org, and how one field in the org compares with a need. Pure: the
/// OrgSetup reads the org and acts on the answers.
class OrgRequirements
{
    Q_DECLARE_TR_FUNCTIONS(OrgRequirements)

public:
    /// The external IDs the sync matches records by, plus every field the Order and Order Product
    /// mappings write (custom fields of the integration with their exact definition).
    [[nodiscard]] static QList<OrgFieldNeed> fieldsFor(const FieldMappingList &mappings);
    /// The Order Status values the status mappings name.
    [[nodiscard]] static QStringList statusValuesFor(const FieldMappingList &mappings);
    /// The objects the needs are on, in a stable order.
    [[nodiscard]] static QStringList objectsOf(const QList<OrgFieldNeed> &needs);
    /// Empty when `field` (null: not in the describe) meets the need; else what is wrong.
    [[nodiscard]] static QString problem(const OrgFieldNeed &need, const SalesforceFieldInfo *field);
    /// How a person fixes it in Setup, or that setup salesforce does it.
    [[nodiscard]] static QString fix(const OrgFieldNeed &need, const SalesforceFieldInfo *field);
    /// The Order permissions the sync needs when the status mappings name an Activated-category status:
    /// Activate Orders (to activate) and Edit Activated Orders (to edit an Activated order or its
    /// products, and to set it back to Draft).
    [[nodiscard]] static QList<OrgPermissionNeed> orderPermissions();
    /// How a person fixes a missing permission.
    [[nodiscard]] static QString permissionFix(const OrgPermissionNeed &need);
    /// The body of POST tooling/sobjects/CustomField that creates the field.
    [[nodiscard]] static QJsonObject toolingBody(const OrgFieldNeed &need);
    /// The permission set's API name and label.
    static constexpr QStringView PermissionSetName = u"OrderBridge_Integration";
    static constexpr QStringView PermissionSetLabel = u"OrderBridge Integration";
};

} // namespace OrderBridge
