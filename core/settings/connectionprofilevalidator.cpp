#include "settings/connectionprofilevalidator.h"

#include "network/cacertificates.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

Error problem(const QString &field, const QString &message, const QString &hint)
{
    return Error{u"connection.invalid"_s, message, hint, {field}, ErrorKind::Invalid};
}

/// Empty when `text` is a usable https address (http only for this computer).
std::optional<Error> urlProblem(const QString &field, const QString &text, const QString &what, const QString &example)
{
    const QString address = text.trimmed();
    if (address.isEmpty())
        return problem(field, ConnectionProfileValidator::tr("%1 is empty.").arg(what), ConnectionProfileValidator::tr("Enter the address, e.g. %1.").arg(example));
    // Checked before parsing: QUrl reads "localhost:8080" as the scheme "localhost".
    if (!address.contains(u"://"_s)) {
        const QUrl withHttps(u"https://"_s + address, QUrl::StrictMode);
        if (withHttps.isValid() && !withHttps.host().isEmpty())
            return problem(field, ConnectionProfileValidator::tr("%1 \"%2\" has no scheme.").arg(what, address),
                           ConnectionProfileValidator::tr("Write it with https://, as https://%1.").arg(address));
        return problem(field, ConnectionProfileValidator::tr("%1 \"%2\" is not a web address.").arg(what, address),
                       ConnectionProfileValidator::tr("Enter it as %1.").arg(example));
    }
    const QUrl url(address, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s) || url.hasQuery()
        || url.hasFragment())
        return problem(field, ConnectionProfileValidator::tr("%1 \"%2\" is not a web address.").arg(what, address),
                       ConnectionProfileValidator::tr("Enter it as %1.").arg(example));
    // Plain HTTP only on this machine (the sandbox, a local test store): secrets travel in the clear.
    if (scheme == u"http"_s && !ConnectionProfileValidator::isLoopbackHost(url.host()))
        return problem(field, ConnectionProfileValidator::tr("%1 \"%2\" must use https.").arg(what, address),
                       ConnectionProfileValidator::tr("Plain http is accepted only for this computer (localhost, 127.0.0.1, ::1); "
                             "write https://%1.")
                           .arg(url.host() + url.path()));
    return std::nullopt;
}

} // namespace

bool ConnectionProfileValidator::isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<Error> ConnectionProfileValidator::validate(const ConnectionProfile &p)
{
    if (p.name.trimmed().isEmpty())
        return problem(u"name"_s, tr("The connection has no name."), tr("Give it a name, for example \"default\"."));
    if (auto magento = validateMagento(p))
        return magento;
    return validateSalesforce(p);
}

std::optional<Error> ConnectionProfileValidator::validateMagento(const ConnectionProfile &p)
{
    if (auto bad = urlProblem(u"magento_base_url"_s, p.magentoBaseUrl, tr("The store URL"), u"https://shop.example.com"_s))
        return bad;
    // Empty means the default store view.
    static const QRegularExpression storeCodePattern(u"^[A-Za-z][A-Za-z0-9_]*$"_s);
    if (!p.magentoStoreCode.isEmpty() && !storeCodePattern.match(p.magentoStoreCode).hasMatch())
        return problem(u"magento_store_code"_s, tr("The store code \"%1\" is not a Magento store code.").arg(p.magentoStoreCode),
                       tr("Use the code from Stores › All Stores: letters, digits and _, starting with a letter."));
    if (magentoAuthModeName(p.magentoAuthMode).isEmpty())
        return problem(u"magento_auth_mode"_s, tr("The Magento authentication mode is not one OrderBridge knows."),
                       tr("Choose an integration token, an admin user or OAuth 1.0a keys."));
    if (const auto ca = CaCertificates::read(p.magentoCaFile, CaCertificates::Side::Magento); !ca)
        return ca.error();
    return std::nullopt;
}

std::optional<Error> ConnectionProfileValidator::validateSalesforce(const ConnectionProfile &p)
{
    if (auto bad = urlProblem(u"salesforce_login_url"_s, p.salesforceLoginUrl, tr("The Salesforce login URL"),
                              u"https://login.salesforce.com"_s))
        return bad;
    if (salesforceFlowName(p.salesforceFlow).isEmpty())
        return problem(u"salesforce_flow"_s, tr("The Salesforce sign-in flow is not one OrderBridge knows."),
                       tr("Choose browser sign-in, username and password, or a JWT key file."));
    const QString clientId = p.salesforceClientId.trimmed();
    if (clientId.isEmpty() || clientId.contains(u' '))
        return problem(u"salesforce_client_id"_s, tr("The consumer key (client ID) is missing."),
                       tr("Copy it from the connected app (Setup › App Manager › View › Manage Consumer Details)."));
    if (p.salesforceFlow != SalesforceFlow::WebServer && p.salesforceUsername.trimmed().isEmpty())
        return problem(u"salesforce_username"_s, tr("This sign-in needs the Salesforce username."),
                       tr("Enter the user's username, e.g. integration@example.com."));
    static const QRegularExpression versionPattern(u"^[1-9][0-9]\\.0$"_s);
    if (!p.salesforceApiVersion.isEmpty() && !versionPattern.match(p.salesforceApiVersion).hasMatch())
        return problem(u"salesforce_api_version"_s, tr("\"%1\" is not a Salesforce API version.").arg(p.salesforceApiVersion),
                       tr("Write it like 62.0, or leave it empty for OrderBridge's default."));
    if (const auto ca = CaCertificates::read(p.salesforceCaFile, CaCertificates::Side::Salesforce); !ca)
        return ca.error();
    return std::nullopt;
}

Result<MagentoAuthMode> ConnectionProfileValidator::magentoAuthMode(const QString &text)
{
    if (const auto mode = magentoAuthModeFromName(text.trimmed()))
        return *mode;
    return std::unexpected(problem(u"magento_auth_mode"_s, tr("\"%1\" is not a Magento authentication mode.").arg(text),
                                   tr("Use integration_bearer, admin_token or oauth1.")));
}

Result<SalesforceFlow> ConnectionProfileValidator::salesforceFlow(const QString &text)
{
    if (const auto flow = salesforceFlowFromName(text.trimmed()))
        return *flow;
    return std::unexpected(problem(u"salesforce_flow"_s, tr("\"%1\" is not a Salesforce sign-in flow.").arg(text),
                                   tr("Use web_server, username_password or jwt_bearer.")));
}

} // namespace OrderBridge
