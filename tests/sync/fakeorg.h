#pragma once

// A Magento store and a Salesforce org answered by a FakeNetwork, for the unit tests of the classes
// the sync worker forwards to (no thread, no sandbox): the Salesforce sign-in (password flow), the
// describe of any object, SOQL on OrderStatus, Pricebook2 and PermissionSetAssignment, and Magento's order search. What it
// answers can be changed between steps; the requests are counted by path.

#include "fakenetwork.h"

#include "store/database.h"
#include "sync/orgsession.h"
#include "sync/syncworkerconfig.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <memory>

class FakeOrg
{
public:
    /// A connection to the fake store and org over `database`.
    static OrderBridge::SyncWorkerConfig config(std::shared_ptr<OrderBridge::Database> database)
    {
        OrderBridge::SyncWorkerConfig config;
        config.database = std::move(database);
        config.magento.baseUrl = QUrl(QStringLiteral("https://shop.test"));
        config.magento.authMode = OrderBridge::MagentoAuthMode::IntegrationToken;
        config.magentoSecrets.integrationToken = QStringLiteral("int-token");
        config.salesforce.loginUrl = QUrl(QStringLiteral("https://login.test"));
        config.salesforce.flow = OrderBridge::SalesforceAuthConfig::Flow::Password;
        config.salesforce.clientId = QStringLiteral("client");
        config.salesforce.clientSecret = QStringLiteral("secret");
        config.salesforce.username = QStringLiteral("user@example.com");
        config.salesforce.password = QStringLiteral("password");
        return config;
    }

    /// The session's network: a FakeNetwork that asks this org.
    OrderBridge::OrgSession::NetworkFactory network()
    {
        return [this](QObject *parent) {
            auto *net = new FakeNetwork(parent);
            net->handler = [this](const FakeRequest &request) { return answer(request); };
            return net;
        };
    }

    /// Requests seen, by path (query left out).
    [[nodiscard]] int count(const QString &pathEnd) const
    {
        int n = 0;
        for (const QString &path : m_paths)
            n += path.endsWith(pathEnd) ? 1 : 0;
        return n;
    }

    bool signInRefused = false;
    QHash<QString, QJsonArray> fields{
        {QStringLiteral("Order"), {field(QStringLiteral("Magento_ID__c"), true), statusField()}},
        {QStringLiteral("OrderItem"), {field(QStringLiteral("Magento_Item_ID__c"), true)}},
        {QStringLiteral("Account"), {field(QStringLiteral("Magento_ID__c"), true)}},
        {QStringLiteral("Contact"), {field(QStringLiteral("Magento_ID__c"), false)}},
    };
    QJsonArray orderStatuses{status(QStringLiteral("Draft"), QStringLiteral("Draft"), true),
                             status(QStringLiteral("Activated"), QStringLiteral("Activated"), false),
                             status(QStringLiteral("Retired"), QStringLiteral("Draft"), false)};
    QJsonArray priceBooks{QJsonObject{{QStringLiteral("Id"), QStringLiteral("01s000000000001AAA")}}};
    /// The user's assignments (the profile's set): both Order permissions.
    QJsonArray permissionSetAssignments{assignment(true, true)};
    QJsonArray magentoOrders;
    qint64 magentoTotal = 42;

    static QJsonObject field(const QString &name, bool externalId)
    {
        return {{QStringLiteral("name"), name},         {QStringLiteral("type"), QStringLiteral("string")},
                {QStringLiteral("length"), 255},        {QStringLiteral("createable"), true},
                {QStringLiteral("updateable"), true},   {QStringLiteral("externalId"), externalId},
                {QStringLiteral("unique"), externalId}};
    }

    static QJsonObject statusField()
    {
        QJsonArray values;
        for (const QString &value : {QStringLiteral("Draft"), QStringLiteral("Activated")})
            values.append(QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("label"), value},
                                      {QStringLiteral("active"), true}});
        values.append(QJsonObject{{QStringLiteral("value"), QStringLiteral("Retired")},
                                  {QStringLiteral("label"), QStringLiteral("Retired")}, {QStringLiteral("active"), false}});
        QJsonObject status = field(QStringLiteral("Status"), false);
        status.insert(QStringLiteral("type"), QStringLiteral("picklist"));
        status.insert(QStringLiteral("picklistValues"), values);
        return status;
    }

    static QJsonObject assignment(bool activateOrder, bool editActivatedOrders)
    {
        return {{QStringLiteral("PermissionSet"),
                 QJsonObject{{QStringLiteral("PermissionsActivateOrder"), activateOrder},
                             {QStringLiteral("PermissionsEditActivatedOrders"), editActivatedOrders}}}};
    }

    static QJsonObject status(const QString &value, const QString &category, bool isDefault)
    {
        return {{QStringLiteral("ApiName"), value},
                {QStringLiteral("MasterLabel"), value},
                {QStringLiteral("StatusCode"), category},
                {QStringLiteral("IsDefault"), isDefault}};
    }

private:
    static FakeResponse json(const QJsonValue &value, int status = 200)
    {
        const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                                : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        return FakeResponse{status, body, {{"Sforce-Limit-Info", "api-usage=10/15000"}}, QNetworkReply::NoError};
    }

    static FakeResponse records(const QJsonArray &rows)
    {
        return json(QJsonObject{{QStringLiteral("totalSize"), rows.size()}, {QStringLiteral("done"), true},
                                {QStringLiteral("records"), rows}});
    }

    FakeResponse answer(const FakeRequest &request)
    {
        const QString path = request.url.path();
        m_paths << path;
        if (path == QStringLiteral("/services/oauth2/token")) {
            if (signInRefused)
                return json(QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                                        {QStringLiteral("error_description"), QStringLiteral("authentication failure")}},
                            400);
            return json(QJsonObject{{QStringLiteral("access_token"), QStringLiteral("token")},
                                    {QStringLiteral("instance_url"), QStringLiteral("https://org.test")},
                                    {QStringLiteral("id"), QStringLiteral("https://login.test/id/00D000000000001AAA/005000000000001AAA")},
                                    {QStringLiteral("issued_at"), QStringLiteral("1700000000000")},
                                    {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
        }
        if (path.endsWith(QStringLiteral("/describe"))) {
            const QString object = path.section(QLatin1Char('/'), -2, -2);
            return json(QJsonObject{{QStringLiteral("name"), object}, {QStringLiteral("fields"), fields.value(object)}});
        }
        if (path.endsWith(QStringLiteral("/query"))) {
            const QString soql = QUrlQuery(request.url).queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
            if (soql.contains(QStringLiteral("FROM OrderStatus")))
                return records(orderStatuses);
            if (soql.contains(QStringLiteral("FROM Pricebook2")))
                return records(priceBooks);
            if (soql.contains(QStringLiteral("FROM PermissionSetAssignment")))
                return records(permissionSetAssignments);
            return records({});
        }
        if (path == QStringLiteral("/rest/V1/orders"))
            return json(QJsonObject{{QStringLiteral("items"), magentoOrders}, {QStringLiteral("total_count"), magentoTotal}});
        return json(QJsonArray{}, 404);
    }

    QStringList m_paths;
};
