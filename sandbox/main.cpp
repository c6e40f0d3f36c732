#include "catalog.h"
#include "currencyrates.h"
#include "magentoemulator.h"
#include "salesforceemulator.h"
#include "sandboxconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimeZone>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

int g_signalFds[2] = {-1, -1};

void handleSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1);
}

// A comma-separated list of distinct currency codes the sandbox knows.
bool parseCurrencies(const QString &text, QStringList *out)
{
    out->clear();
    for (const QString &part : text.split(u',')) {
        const QString code = part.trimmed().toUpper();
        if (Sandbox::unitsPerUsd(code) <= 0 || out->contains(code))
            return false;
        *out << code;
    }
    return !out->isEmpty();
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "orderbridge-sandbox: %s\n", qPrintable(message));
    return 2;
}

// "--stores default,fr:Europe/Paris": store codes as Magento allows them, each with an optional time zone.
QString parseStores(const QString &text, QList<Sandbox::StoreViewConfig> *stores)
{
    static const QRegularExpression code(u"^[a-z][a-z0-9_]*$"_s);
    stores->clear();
    const QStringList entries = text.split(u',');
    for (const QString &entry : entries) {
        Sandbox::StoreViewConfig view;
        view.code = entry.section(u':', 0, 0).trimmed();
        if (entry.contains(u':'))
            view.timeZone = entry.section(u':', 1).trimmed();
        if (!code.match(view.code).hasMatch() || view.code == u"admin"_s || view.code == u"all"_s)
            return u"--stores: '%1' is not a store code (a-z, 0-9, _, starting with a letter; not admin or all)"_s.arg(view.code);
        if (!QTimeZone::isTimeZoneIdAvailable(view.timeZone.toLatin1()))
            return u"--stores: '%1' is not a time zone, e.g. America/Los_Angeles or Europe/Paris"_s.arg(view.timeZone);
        for (const Sandbox::StoreViewConfig &other : std::as_const(*stores)) {
            if (other.code == view.code)
                return u"--stores: the store code '%1' is named twice"_s.arg(view.code);
        }
        stores->append(view);
    }
    return {};
}

// "--tls-cert FILE --tls-key FILE": the PEM certificate (chain) both APIs present and its unencrypted PEM
// RSA or EC private key.
QString loadTls(const QString &certFile, const QString &keyFile, QSslConfiguration *tls)
{
    if (certFile.isEmpty() != keyFile.isEmpty())
        return u"--tls-cert and --tls-key go together: give both, or neither for plain http"_s;
    if (certFile.isEmpty())
        return {};
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (chain.isEmpty())
        return u"--tls-cert: '%1' holds no PEM certificate"_s.arg(certFile);
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly))
        return u"--tls-key: cannot read '%1': %2"_s.arg(keyFile, file.errorString());
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return u"--tls-key: '%1' holds no unencrypted PEM RSA or EC private key"_s.arg(keyFile);
    *tls = QSslConfiguration::defaultConfiguration();
    tls->setLocalCertificateChain(chain);
    tls->setPrivateKey(key);
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"orderbridge-sandbox"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local Magento 2 store and Salesforce org on loopback, for the OrderBridge demo and tests."_s);
    parser.addHelpOption();
    const QCommandLineOption hostOpt(u"host"_s, u"Loopback address to bind."_s, u"ADDR"_s, u"127.0.0.1"_s);
    const QCommandLineOption magentoPortOpt(u"magento-port"_s, u"Magento port (0 picks a free one)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption sfPortOpt(u"salesforce-port"_s, u"Salesforce port (0 picks a free one)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"Seed of the data generator and fault injection."_s, u"N"_s, u"1"_s);
    const QCommandLineOption ordersOpt(u"orders"_s, u"Number of generated orders."_s, u"N"_s, u"200"_s);
    const QCommandLineOption stateOpt(u"state"_s, u"File the store's state is kept in across restarts."_s, u"FILE"_s);
    const QCommandLineOption latencyOpt(u"latency-ms"_s, u"Delay added to every reply."_s, u"N"_s, u"0"_s);
    const QCommandLineOption faultOpt(u"fault-rate"_s, u"Share of replies that fail (0..1)."_s, u"P"_s, u"0"_s);
    const QCommandLineOption apiLimitOpt(u"api-limit"_s, u"Salesforce daily API allowance."_s, u"M"_s, u"15000"_s);
    const QCommandLineOption ttlOpt(u"session-ttl"_s, u"Salesforce session lifetime in seconds."_s, u"SECONDS"_s, u"7200"_s);
    const QCommandLineOption missingOpt(u"missing-price-entries"_s,
                                        u"Share of SKUs without Salesforce price book entries (0..1)."_s, u"SHARE"_s, u"0"_s);
    const QCommandLineOption duplicateRulesOpt(u"duplicate-rules"_s,
                                               u"Salesforce: active duplicate rules with an Alert action (Contact by "
                                               "e-mail, Account by name)."_s);
    parser.addOption(duplicateRulesOpt);
    const QCommandLineOption lockRowsOpt(u"graph-lock-rows"_s,
                                         u"Salesforce: in each of the first N /composite/graph calls the first "
                                         "graph rolls back with UNABLE_TO_LOCK_ROW."_s,
                                         u"N"_s, u"0"_s);
    parser.addOption(lockRowsOpt);
    const QCommandLineOption picklistsOpt(u"state-country-picklists"_s,
                                          u"Salesforce: State and Country/Territory Picklists (ISO codes in "
                                          "*CountryCode / *StateCode, names in *Country / *State)."_s);
    parser.addOption(picklistsOpt);
    const QCommandLineOption personAccountsOpt(u"person-accounts"_s,
                                               u"Salesforce: Person Accounts enabled; the integration user's default "
                                               "Account record type is the person account one."_s);
    parser.addOption(personAccountsOpt);
    parser.addOptions({hostOpt, magentoPortOpt, sfPortOpt, seedOpt, ordersOpt, stateOpt, latencyOpt, faultOpt,
                       apiLimitOpt, ttlOpt, missingOpt});
    const QCommandLineOption inputLimitsOpt(u"magento-input-limits"_s,
                                            u"Magento's Web API input limits: pageSize above 300 refused, absent 20."_s);
    parser.addOption(inputLimitsOpt);
    const QCommandLineOption freshOrgOpt(u"fresh-org"_s,
                                         u"Salesforce: a fresh org without the integration's custom fields or permission set."_s);
    parser.addOption(freshOrgOpt);
    const QCommandLineOption noCustomizeOpt(u"no-customize-application"_s,
                                            u"Salesforce: the integration user may not customise the application "
                                            "(create fields, permission sets or assignments)."_s);
    parser.addOption(noCustomizeOpt);
    const QCommandLineOption blockPasswordOpt(
        u"block-password-flow"_s, u"The org blocks the OAuth username-password flow (new orgs since Summer '23)."_s);
    parser.addOption(blockPasswordOpt);
    const QCommandLineOption noEditActivatedOpt(
        u"no-edit-activated-orders"_s, u"The integration user lacks \"Edit Activated Orders\": activated orders are read-only."_s);
    parser.addOption(noEditActivatedOpt);
    const QCommandLineOption currenciesOpt(u"currencies"_s,
                                           u"Salesforce: multiple currencies, these active ISO codes (the first is the "
                                           "corporate currency and the integration user's)."_s, u"CODES"_s);
    parser.addOption(currenciesOpt);
    const QCommandLineOption magentoCurrenciesOpt(u"magento-currencies"_s,
                                                  u"Magento: base currency (USD) and a display currency; every fifth "
                                                  "generated order is placed in the display currency."_s, u"CODES"_s);
    parser.addOption(magentoCurrenciesOpt);
    const QCommandLineOption twoFactorOpt(u"magento-2fa"_s,
                                          u"Magento: two-factor authentication for admin users (on, as a stock 2.4 "
                                          "store; off allows POST /V1/integration/admin/token)."_s,
                                          u"on|off"_s, u"on"_s);
    parser.addOption(twoFactorOpt);
    const QCommandLineOption bearerOpt(u"magento-bearer"_s,
                                       u"Magento: integration access tokens as standalone Bearer tokens (off, as a "
                                       "stock 2.4.4+ store; on as with the OAuth setting set to Yes)."_s,
                                       u"on|off"_s, u"off"_s);
    parser.addOption(bearerOpt);
    const QCommandLineOption storesOpt(
        u"stores"_s,
        u"Magento store views, each with its own order numbers: CODE[:TIME_ZONE],… (default: default:America/Los_Angeles)."_s,
        u"LIST"_s, u"default"_s);
    parser.addOption(storesOpt);
    const QCommandLineOption tlsCertOpt(u"tls-cert"_s,
                                        u"Serve both APIs over HTTPS with this PEM certificate (chain); the ready "
                                        "line's URLs become https. Needs --tls-key."_s, u"FILE"_s);
    const QCommandLineOption tlsKeyOpt(u"tls-key"_s, u"The unencrypted PEM private key of --tls-cert."_s, u"FILE"_s);
    parser.addOptions({tlsCertOpt, tlsKeyOpt});
    parser.process(app);

    Sandbox::SandboxConfig config;
    bool ok = config.host.setAddress(parser.value(hostOpt));
    if (!ok || !config.host.isLoopback())
        return usageError(u"--host must be a loopback address, got '%1'"_s.arg(parser.value(hostOpt)));
    auto toPort = [&](const QCommandLineOption &o, quint16 *out) {
        bool good = false;
        const uint v = parser.value(o).toUInt(&good);
        if (!good || v > 65535)
            return false;
        *out = quint16(v);
        return true;
    };
    if (!toPort(magentoPortOpt, &config.magentoPort))
        return usageError(u"--magento-port takes a port number 0..65535"_s);
    if (!toPort(sfPortOpt, &config.salesforcePort))
        return usageError(u"--salesforce-port takes a port number 0..65535"_s);
    config.seed = parser.value(seedOpt).toULongLong(&ok);
    if (!ok)
        return usageError(u"--seed takes a whole number"_s);
    config.orders = parser.value(ordersOpt).toInt(&ok);
    if (!ok || config.orders < 0)
        return usageError(u"--orders takes a whole number >= 0"_s);
    config.stateFile = parser.value(stateOpt);
    config.latencyMs = parser.value(latencyOpt).toInt(&ok);
    if (!ok || config.latencyMs < 0)
        return usageError(u"--latency-ms takes a whole number >= 0"_s);
    config.faultRate = parser.value(faultOpt).toDouble(&ok);
    if (!ok || config.faultRate < 0 || config.faultRate > 1)
        return usageError(u"--fault-rate takes a share between 0 and 1"_s);
    config.apiLimit = parser.value(apiLimitOpt).toLongLong(&ok);
    if (!ok || config.apiLimit < 0)
        return usageError(u"--api-limit takes a whole number >= 0"_s);
    config.sessionTtlSeconds = parser.value(ttlOpt).toInt(&ok);
    if (!ok || config.sessionTtlSeconds <= 0)
        return usageError(u"--session-ttl takes a whole number of seconds > 0"_s);
    config.magentoInputLimits = parser.isSet(inputLimitsOpt);
    config.missingPriceEntries = parser.value(missingOpt).toDouble(&ok);
    if (!ok || config.missingPriceEntries < 0 || config.missingPriceEntries > 1)
        return usageError(u"--missing-price-entries takes a share between 0 and 1"_s);
    config.freshOrg = parser.isSet(freshOrgOpt);
    config.noCustomizeApplication = parser.isSet(noCustomizeOpt);
    config.blockPasswordFlow = parser.isSet(blockPasswordOpt);
    config.editActivatedOrders = !parser.isSet(noEditActivatedOpt);
    config.graphLockRows = parser.value(lockRowsOpt).toInt(&ok);
    if (!ok || config.graphLockRows < 0)
        return usageError(u"--graph-lock-rows takes a whole number of graphs >= 0"_s);

    const auto onOff = [&](const QCommandLineOption &o, bool *out) {
        const QString v = parser.value(o);
        if (v != u"on"_s && v != u"off"_s)
            return false;
        *out = v == u"on"_s;
        return true;
    };
    if (!onOff(twoFactorOpt, &config.magentoTwoFactorAuth))
        return usageError(u"--magento-2fa takes on or off"_s);
    if (!onOff(bearerOpt, &config.magentoIntegrationBearer))
        return usageError(u"--magento-bearer takes on or off"_s);

    config.duplicateRules = parser.isSet(duplicateRulesOpt);
    if (const QString problem = parseStores(parser.value(storesOpt), &config.stores); !problem.isEmpty())
        return usageError(problem);
    config.stateCountryPicklists = parser.isSet(picklistsOpt);
    if (parser.isSet(currenciesOpt) && !parseCurrencies(parser.value(currenciesOpt), &config.currencies))
        return usageError(u"--currencies takes distinct ISO codes from %1, e.g. USD,EUR"_s.arg(Sandbox::knownCurrencies().join(u", "_s)));
    if (parser.isSet(magentoCurrenciesOpt)
        && (!parseCurrencies(parser.value(magentoCurrenciesOpt), &config.magentoCurrencies)
            || config.magentoCurrencies.size() != 2 || config.magentoCurrencies.first() != u"USD"))
        return usageError(u"--magento-currencies takes the base currency USD and one display currency, e.g. USD,EUR"_s);
    config.personAccounts = parser.isSet(personAccountsOpt);
    if (const QString problem = loadTls(parser.value(tlsCertOpt), parser.value(tlsKeyOpt), &config.tls); !problem.isEmpty())
        return usageError(problem);

    const Sandbox::Catalog catalog = Sandbox::generateCatalog(config.seed);
    Sandbox::MagentoEmulator magento(config, catalog);
    Sandbox::SalesforceEmulator salesforce(config, catalog);
    QString error;
    if (!magento.start(&error) || !salesforce.start(&error)) {
        std::fprintf(stderr, "orderbridge-sandbox: %s\n", qPrintable(error));
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return 1;
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &c, 1);
        QCoreApplication::quit();
    });
    std::signal(SIGINT, handleSignal);
    std::signal(SIGTERM, handleSignal);

    const QJsonObject ready{{u"magento"_s, magento.readyInfo()}, {u"salesforce"_s, salesforce.readyInfo()}};
    std::fputs(QJsonDocument(ready).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    const int rc = app.exec();
    magento.saveState();
    salesforce.saveState();
    return rc;
}
