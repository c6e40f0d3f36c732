#pragma once

// The connections a test builds from orderbridge-sandbox's ready line, and the storefront checkout
// it places there: one place for what the integration tests used to spell out each on their own.

#include "asyncresult.h"
#include "sandboxprocess.h"

#include "common/error.h"
#include "magento/magentoclient.h"
#include "magento/magentotypes.h"
#include "salesforce/salesforceauthenticator.h"
#include "store/connectionprofile.h"
#include "store/database.h"
#include "sync/syncworker.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

#include <memory>

namespace SandboxConnections {

/// The sandbox's Magento REST API signed with OAuth 1.0a, HMAC-SHA256, the one way a stock 2.4.8 store
/// takes an integration's requests (`magento` object of the ready line).
inline OrderBridge::MagentoConnection magento(const QJsonObject &mg)
{
    OrderBridge::MagentoConnection connection;
    connection.baseUrl = QUrl(mg.value(QStringLiteral("base_url")).toString());
    connection.authMode = OrderBridge::MagentoAuthMode::OAuth1;
    return connection;
}

/// The integration's four OAuth 1.0a credentials.
inline OrderBridge::MagentoSecrets magentoSecrets(const QJsonObject &mg)
{
    OrderBridge::MagentoSecrets secrets;
    secrets.consumerKey = mg.value(QStringLiteral("consumer_key")).toString();
    secrets.consumerSecret = mg.value(QStringLiteral("consumer_secret")).toString();
    secrets.accessToken = mg.value(QStringLiteral("access_token")).toString();
    secrets.accessTokenSecret = mg.value(QStringLiteral("access_token_secret")).toString();
    return secrets;
}

/// The same four as the keychain names them (profile secrets for WorkerHost::applyConnection and the like).
inline QJsonObject magentoKeychainSecrets(const QJsonObject &mg)
{
    return QJsonObject{{QStringLiteral("magento.oauth.consumer_key"), mg.value(QStringLiteral("consumer_key"))},
                       {QStringLiteral("magento.oauth.consumer_secret"), mg.value(QStringLiteral("consumer_secret"))},
                       {QStringLiteral("magento.oauth.access_token"), mg.value(QStringLiteral("access_token"))},
                       {QStringLiteral("magento.oauth.access_token_secret"), mg.value(QStringLiteral("access_token_secret"))}};
}

/// A Magento client on the sandbox store (`mg`: the `magento` object of its ready line), standing for
/// the storefront customer and the shop admin.
inline std::unique_ptr<OrderBridge::MagentoClient> magentoClient(QNetworkAccessManager *network, const QJsonObject &mg)
{
    return std::make_unique<OrderBridge::MagentoClient>(network, magento(mg), magentoSecrets(mg));
}

/// The sandbox org's username-password sign-in (`salesforce` object of the ready line).
inline OrderBridge::SalesforceAuthConfig salesforce(const QJsonObject &sf)
{
    OrderBridge::SalesforceAuthConfig config;
    config.flow = OrderBridge::SalesforceAuthConfig::Flow::Password;
    config.loginUrl = QUrl(sf.value(QStringLiteral("login_url")).toString());
    config.clientId = sf.value(QStringLiteral("client_id")).toString();
    config.clientSecret = sf.value(QStringLiteral("client_secret")).toString();
    config.username = sf.value(QStringLiteral("username")).toString();
    config.password = sf.value(QStringLiteral("password")).toString();
    return config;
}

/// A sync worker configuration over `database` with both connections of a started sandbox.
inline OrderBridge::SyncWorkerConfig workerConfig(const SandboxProcess &sandbox, std::shared_ptr<OrderBridge::Database> database)
{
    OrderBridge::SyncWorkerConfig config;
    config.database = std::move(database);
    config.magento = magento(sandbox.magento());
    config.magentoSecrets = magentoSecrets(sandbox.magento());
    config.salesforce = salesforce(sandbox.salesforce());
    return config;
}

/// The connection profile `name` for the sandbox as the console or `orderbridge-cli connect` saves
/// it: OAuth 1.0a, username-password flow (the secrets are not part of a profile).
inline OrderBridge::ConnectionProfile profile(const SandboxProcess &sandbox, const QString &name)
{
    OrderBridge::ConnectionProfile p;
    p.name = name;
    p.magentoBaseUrl = sandbox.magento().value(QStringLiteral("base_url")).toString();
    p.magentoAuthMode = OrderBridge::MagentoAuthMode::OAuth1;
    p.salesforceLoginUrl = sandbox.salesforce().value(QStringLiteral("login_url")).toString();
    p.salesforceFlow = OrderBridge::SalesforceFlow::UsernamePassword;
    p.salesforceClientId = sandbox.salesforce().value(QStringLiteral("client_id")).toString();
    p.salesforceUsername = sandbox.salesforce().value(QStringLiteral("username")).toString();
    return p;
}

/// A customer's address with e-mail and telephone (no region), as the storefront checkout takes it.
inline OrderBridge::MagentoAddress address(const QString &firstname, const QString &lastname, const QString &street,
                                           const QString &city, const QString &postcode, const QString &countryId,
                                           const QString &telephone, const QString &email)
{
    OrderBridge::MagentoAddress a;
    a.firstname = firstname;
    a.lastname = lastname;
    a.street = {street};
    a.city = city;
    a.postcode = postcode;
    a.countryId = countryId;
    a.telephone = telephone;
    a.email = email;
    return a;
}

/// A storefront guest checkout of `lines` by `customer`, shipped and billed to the same address, with
/// the customer's e-mail.
inline OrderBridge::MagentoGuestCheckout guestCheckout(const QList<OrderBridge::MagentoGuestCheckout::Line> &lines,
                                                       const OrderBridge::MagentoAddress &customer)
{
    OrderBridge::MagentoGuestCheckout checkout;
    checkout.lines = lines;
    checkout.email = customer.email;
    checkout.shippingAddress = customer;
    checkout.billingAddress = customer;
    return checkout;
}

/// Places `checkout` in the store through `magento` and waits for it: the new order's entity ID, or
/// the error (not answering within `ms` is one too).
inline OrderBridge::Result<qint64> placeOrder(OrderBridge::MagentoClient &magento, QObject *context,
                                              const OrderBridge::MagentoGuestCheckout &checkout, int ms = 60000)
{
    Waiter<OrderBridge::Result<qint64>> placed;
    magento.placeGuestOrder(checkout, context, placed.callback());
    if (!placed.wait(ms))
        return OrderBridge::fail(QStringLiteral("test.timeout"), QStringLiteral("The sandbox store did not answer the checkout."),
                                 QStringLiteral("Check that orderbridge-sandbox is still running."));
    return *placed.result;
}

/// Invoices order `entityId` as the shop admin does (the order is paid) and reads it back: the order
/// as the store now holds it, or the first error (not answering within `ms` is one too).
inline OrderBridge::Result<OrderBridge::MagentoOrder> invoiceOrder(OrderBridge::MagentoClient &magento, QObject *context,
                                                                   qint64 entityId, int ms = 60000)
{
    Waiter<OrderBridge::Result<qint64>> invoiced;
    magento.createInvoice(entityId, OrderBridge::MagentoInvoiceRequest{}, context, invoiced.callback());
    if (!invoiced.wait(ms))
        return OrderBridge::fail(QStringLiteral("test.timeout"), QStringLiteral("The sandbox store did not answer the invoice."),
                                 QStringLiteral("Check that orderbridge-sandbox is still running."));
    if (!invoiced.result->has_value())
        return std::unexpected(invoiced.result->error());
    Waiter<OrderBridge::Result<OrderBridge::MagentoOrder>> fetched;
    magento.fetchOrder(entityId, context, fetched.callback());
    if (!fetched.wait(ms))
        return OrderBridge::fail(QStringLiteral("test.timeout"), QStringLiteral("The sandbox store did not answer the order read."),
                                 QStringLiteral("Check that orderbridge-sandbox is still running."));
    return *fetched.result;
}

} // namespace SandboxConnections
