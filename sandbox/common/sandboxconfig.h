#pragma once

#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

namespace Sandbox {

/// A store view of the Magento store: its code and the time zone of its locale settings.
struct StoreViewConfig
{
    QString code;
    QString timeZone = QStringLiteral("America/Los_Angeles"); // Magento_Directory's general/locale/timezone default
};

/// Everything orderbridge-sandbox is told on its command line.
struct SandboxConfig
{
    QHostAddress host = QHostAddress::LocalHost;
    quint16 magentoPort = 0;
    quint16 salesforcePort = 0;
    quint64 seed = 1;
    int orders = 200;
    QString stateFile;                 // empty: state lives in memory only
    int latencyMs = 0;
    double faultRate = 0.0;
    qint64 apiLimit = 15000;           // Salesforce daily API allowance
    int sessionTtlSeconds = 7200;      // Salesforce session lifetime
    double missingPriceEntries = 0.0;  // share of catalog SKUs without price book entries
    bool magentoInputLimits = false;   // Magento's Web API input limits (pageSize <= 300, absent -> 20)
    bool magentoTwoFactorAuth = true;  // Magento_TwoFactorAuth on: no admin token from /V1/integration/admin/token
    bool magentoIntegrationBearer = false; // oauth/consumer/enable_integration_as_bearer (2.4.4+ default 0)
    bool freshOrg = false;             // Salesforce: none of the integration's custom fields
    bool noCustomizeApplication = false; // Salesforce: the user lacks Customize Application
    bool blockPasswordFlow = false;    // the org blocks the OAuth username-password flow (Summer '23+ default)
    bool editActivatedOrders = true;   // the integration user holds "Edit Activated Orders"
    bool stateCountryPicklists = false; // Salesforce: *CountryCode / *StateCode, names must be integration values
    bool duplicateRules = false;       // Salesforce: active Alert duplicate rules (Contact e-mail, Account name)
    QStringList currencies;            // Salesforce --currencies: active codes, first corporate; empty: one currency
    QStringList magentoCurrencies;     // Magento --magento-currencies: base (USD), then a display currency
    QList<StoreViewConfig> stores{StoreViewConfig{QStringLiteral("default")}}; // Magento store views, ids 1, 2, …
    bool personAccounts = false;       // Salesforce: Person Accounts enabled, the user's default record type a person one
    int graphLockRows = 0;             // Salesforce: the first graph of each of the first N /composite/graph calls rolls back (UNABLE_TO_LOCK_ROW)
    /// --tls-cert/--tls-key: both APIs serve HTTPS with this certificate and key; null (the default): plain http.
    QSslConfiguration tls;
    [[nodiscard]] bool usesTls() const { return !tls.localCertificate().isNull(); }
    /// The scheme of the printed and self-referring URLs.
    [[nodiscard]] QString scheme() const { return usesTls() ? QStringLiteral("https") : QStringLiteral("http"); }
};

} // namespace Sandbox
