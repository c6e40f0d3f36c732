#include "sync/syncworkerconfig.h"

namespace OrderBridge {

bool SyncWorkerConfig::isConfigured() const
{
    return magento.baseUrl.isValid() && !magento.baseUrl.host().isEmpty() && salesforce.loginUrl.isValid()
        && !salesforce.loginUrl.host().isEmpty();
}

} // namespace OrderBridge
