#include "logging.h"

Q_LOGGING_CATEGORY(lcSettings, "orderbridge.settings")
Q_LOGGING_CATEGORY(lcStore, "orderbridge.store")
Q_LOGGING_CATEGORY(lcMapping, "orderbridge.mapping")
Q_LOGGING_CATEGORY(lcCredentials, "orderbridge.credentials")
Q_LOGGING_CATEGORY(lcMagento, "orderbridge.magento")
Q_LOGGING_CATEGORY(lcSalesforce, "orderbridge.salesforce")
Q_LOGGING_CATEGORY(lcSync, "orderbridge.sync")
Q_LOGGING_CATEGORY(lcCli, "orderbridge.cli")
