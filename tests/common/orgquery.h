#pragma once

// A test's own look at the (sandbox) org: signs in with its own client and runs SOQL, so a test can
// check what the code under test wrote into Salesforce.

#include "asyncresult.h"

#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

class OrgQuery
{
public:
    explicit OrgQuery(const OrderBridge::SalesforceAuthConfig &config)
        : m_auth(&m_network, config)
        , m_client(&m_network, &m_auth)
    {
    }

    /// Signs in; false (with errorString()) when the org did not answer or refused.
    [[nodiscard]] bool connect(int ms = 60000)
    {
        Waiter<OrderBridge::SalesforceResult<OrderBridge::SalesforceSession>> session;
        m_client.connectToOrg(session.callback());
        if (!session.wait(ms)) {
            m_error = QStringLiteral("the org did not answer the sign-in");
            return false;
        }
        if (!session.result->has_value()) {
            m_error = errorText(*session.result);
            return false;
        }
        m_instanceUrl = (*session.result)->instanceUrl;
        return true;
    }

    [[nodiscard]] QString errorString() const { return m_error; }
    /// The instance URL of the signed-in session (empty before connect()).
    [[nodiscard]] QUrl instanceUrl() const { return m_instanceUrl; }
    /// The signed-in client, for what a test does besides queries.
    OrderBridge::SalesforceClient *client() { return &m_client; }

    /// The rows a SOQL statement returns; empty (with a warning naming the statement) when it failed.
    QList<QJsonObject> soql(const QString &statement, int ms = 60000)
    {
        Waiter<OrderBridge::SalesforceResult<QList<QJsonObject>>> rows;
        m_client.queryText(statement, rows.callback());
        if (!rows.wait(ms) || !rows.result->has_value()) {
            qWarning("SOQL failed: %s: %s", qPrintable(statement), rows.result ? qPrintable(errorText(*rows.result)) : "timeout");
            return {};
        }
        return **rows.result;
    }

private:
    QNetworkAccessManager m_network;
    OrderBridge::SalesforceAuthenticator m_auth;
    OrderBridge::SalesforceClient m_client;
    QString m_error;
    QUrl m_instanceUrl;
};
