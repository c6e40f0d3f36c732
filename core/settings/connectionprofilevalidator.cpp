#include "settings/connectionprofilevalidator.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

std::optional<Error> ConnectionProfileValidator::validate(const ConnectionProfile &p)
{
    const auto problem = [](const QString &field, const QString &message, const QString &hint) {
        return Error{u"connection.invalid"_s, message, hint, {field}, ErrorKind::Invalid};
    };
    const auto badUrl = [](const QString &text) {
        const QUrl url(text.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return true;
        if (url.scheme() == u"https"_s)
            return false;
        // Plain HTTP only on this machine (the sandbox, a local test store): secrets travel in the clear.
        const QString host = url.host();
        return url.scheme() != u"http"_s || !(host == u"localhost"_s || host == u"127.0.0.1"_s || host == u"::1"_s);
    };
    if (p.name.trimmed().isEmpty())
        return problem(u"name"_s, tr("The connection has no name."), tr("Give it a name, for example \"default\"."));
    if (badUrl(p.magentoBaseUrl))
        return problem(u"magento_base_url"_s, tr("The Magento URL \"%1\" is not a valid https address.").arg(p.magentoBaseUrl),
                       tr("Enter the store's address, for example https://shop.example.com (http only for localhost)."));
    static const QStringList modes{u"integration_bearer"_s, u"oauth1"_s, u"admin_token"_s};
    if (!modes.contains(p.magentoAuthMode))
        return problem(u"magento_auth_mode"_s, tr("\"%1\" is not a Magento authentication mode.").arg(p.magentoAuthMode),
                       tr("Choose an integration token, an admin user or OAuth 1.0a keys."));
    if (badUrl(p.salesforceLoginUrl))
        return problem(u"salesforce_login_url"_s,
                       tr("The Salesforce login URL \"%1\" is not a valid https address.").arg(p.salesforceLoginUrl),
                       tr("Use https://login.salesforce.com, https://test.salesforce.com or your My Domain address."));
    static const QStringList flows{u"web_server"_s, u"jwt_bearer"_s, u"username_password"_s};
    if (!flows.contains(p.salesforceFlow))
        return problem(u"salesforce_flow"_s, tr("\"%1\" is not a Salesforce sign-in flow.").arg(p.salesforceFlow),
                       tr("Choose browser sign-in, username and password, or a JWT key file."));
    if (p.salesforceClientId.trimmed().isEmpty())
        return problem(u"salesforce_client_id"_s, tr("The Salesforce consumer key (client ID) is empty."),
                       tr("Copy the consumer key of the connected app from Salesforce Setup › App Manager."));
    if (p.salesforceFlow != u"web_server"_s && p.salesforceUsername.trimmed().isEmpty())
        return problem(u"salesforce_username"_s, tr("This Salesforce sign-in flow needs a username."),
                       tr("Enter the Salesforce username of the integration user."));
    return std::nullopt;
}

} // namespace OrderBridge
