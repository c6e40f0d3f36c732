#pragma once

#include "sfdataservice.h"
#include "sfreply.h"
#include "sfrestapi.h"
#include "sfschema.h"

#include <optional>

namespace Sandbox {

/// The setup side of the org: custom fields created through the Tooling API, permission sets, field
/// permissions and their assignments, and the field-level security that follows from them for the user
/// of each request. Only fields created through the Tooling API are subject to it; the fields the org
/// ships are granted by the profile.
class SfAccess
{
public:
    SfAccess(SfSchema &schema, SfRecordStore &store, SfDataService &data);

    /// Recomputes which created fields the current user sees and may edit (before every request, so
    /// grants, revocations, deletions and rolled-back graphs all take effect).
    void refresh();
    /// True when a permission set assigned to the current user (the profile's included) has `permission`.
    [[nodiscard]] bool userHas(const QString &permission) const;
    /// Rules of the setup objects on insert (SfDataService's insert check).
    [[nodiscard]] std::optional<SfError> checkInsert(const QString &type, const QJsonObject &fields) const;
    /// `/services/data/vNN.N/tooling/...`: CustomField create and query.
    [[nodiscard]] SfReply tooling(const SfRestApi::Call &call);

private:
    [[nodiscard]] SfReply createCustomField(const SfRestApi::Call &call);
    [[nodiscard]] SfReply query(const SfRestApi::Call &call) const;
    [[nodiscard]] QStringList assignedSets() const;
    [[nodiscard]] std::optional<SfError> checkFieldPermissions(const QJsonObject &fields) const;
    [[nodiscard]] bool fieldExists(const QString &object, const QString &field) const;

    SfSchema &m_schema;
    SfRecordStore &m_store;
    SfDataService &m_data;
};

} // namespace Sandbox
