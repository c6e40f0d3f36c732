#pragma once

#include "sferror.h"
#include "sfschema.h"

#include <QJsonObject>

#include <optional>

namespace Sandbox {

/// State and Country/Territory Picklists (--state-country-picklists): each address gets `<prefix>CountryCode`
/// and a dependent `<prefix>StateCode` picklist of ISO codes; the text fields `<prefix>Country` and
/// `<prefix>State` then only take the integration values (the names), and both halves are kept in step.
class SfAddressPicklists
{
public:
    /// Adds the code fields after each address of the object (addresses are found by their Country field).
    static void addFields(SfObjectType &object);
    /// Checks and completes the address halves of a save: `given` holds the fields the request set,
    /// `record` the record as it will be saved. The FIELD_INTEGRITY_EXCEPTION Salesforce answers otherwise.
    [[nodiscard]] static std::optional<SfError> apply(const SfObjectType &type, const QJsonObject &given,
                                                      QJsonObject &record);
};

} // namespace Sandbox
