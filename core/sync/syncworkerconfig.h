#pragma once

#include "magento/magentoconnection.h"
#include "magento/magentosecrets.h"
#include "salesforce/salesforceauthconfig.h"

#include <QMetaType>

#include <memory>

namespace OrderBridge {

class Database;

/// Where the worker connects; secrets were read from the keychain or the secrets file by the caller.
struct SyncWorkerConfig
{
    std::shared_ptr<Database> database;
    MagentoConnection magento;
    MagentoSecrets magentoSecrets;
    SalesforceAuthConfig salesforce;

    /// True when both connections are set up; an unconfigured worker answers network requests with
    /// OrgSession::notConfiguredError().
    [[nodiscard]] bool isConfigured() const;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::SyncWorkerConfig)
