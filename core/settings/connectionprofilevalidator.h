#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <QCoreApplication>

#include <optional>

namespace OrderBridge {

/// The one rule for connection profiles, used by the console's connection page, the command line's
/// `connect` and the worker before it stores a profile.
///
/// Addresses use https; plain http only for this computer (localhost, 127.0.0.0/8, ::1), since
/// secrets travel with every request. An address without a scheme is refused with the https form
/// as the fix. Each refusal is an Error with code "connection.invalid" whose `fields` holds the one
/// field at fault, named as the connection_profiles column: name, magento_base_url,
/// magento_store_code, magento_auth_mode, salesforce_login_url, salesforce_flow,
/// salesforce_client_id, salesforce_username, salesforce_api_version, magento_ca_file, salesforce_ca_file
/// (CaCertificates::read: an existing, readable PEM file with a current certificate, or empty).
class ConnectionProfileValidator
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfileValidator)

public:
    /// Checks a whole profile before it is stored or used; the first problem, or nothing.
    [[nodiscard]] static std::optional<Error> validate(const ConnectionProfile &profile);
    /// Checks only the Magento fields (`connect magento` sets just those).
    [[nodiscard]] static std::optional<Error> validateMagento(const ConnectionProfile &profile);
    /// Checks only the Salesforce fields (`connect salesforce` sets just those).
    [[nodiscard]] static std::optional<Error> validateSalesforce(const ConnectionProfile &profile);

    /// Reads a Magento authentication mode typed as text (magentoAuthModeFromName); the refusal names
    /// magento_auth_mode and lists the spellings.
    [[nodiscard]] static Result<MagentoAuthMode> magentoAuthMode(const QString &text);
    /// Reads a Salesforce sign-in flow typed as text (salesforceFlowFromName); the refusal names
    /// salesforce_flow and lists the spellings.
    [[nodiscard]] static Result<SalesforceFlow> salesforceFlow(const QString &text);

    /// True for the hosts plain http is allowed to: localhost, 127.0.0.0/8 and ::1.
    [[nodiscard]] static bool isLoopbackHost(const QString &host);
};

} // namespace OrderBridge
