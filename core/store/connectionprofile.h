#pragma once

#include "magento/magentoauthmode.h"
#include "salesforce/salesforceflow.h"

#include <QString>

namespace OrderBridge {

/// Where and how to connect to one Magento store and one Salesforce org. Holds no secrets: those
/// live in the credential store under keys namespaced by the profile name. The modes are typed;
/// their one text form (stored, typed on the command line) comes from magentoAuthModeName() and
/// salesforceFlowName(). ConnectionProfileValidator is the one rule for the other fields.
struct ConnectionProfile
{
    qint64 id = 0; ///< 0 until saved
    QString name;
    QString magentoBaseUrl;
    MagentoAuthMode magentoAuthMode = MagentoAuthMode::IntegrationToken;
    QString magentoStoreCode = QStringLiteral("default");
    QString salesforceLoginUrl = QStringLiteral("https://login.salesforce.com");
    SalesforceFlow salesforceFlow = SalesforceFlow::WebServer;
    QString salesforceClientId;
    QString salesforceUsername;
    QString salesforceApiVersion; ///< e.g. 62.0; empty for OrderBridge's default
    QString magentoCaFile;        ///< PEM file of CAs trusted for the store besides the system's; empty: system only
    QString salesforceCaFile;     ///< the same for the org (login server and instance)
    bool active = false;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace OrderBridge
