#pragma once

// One orderbridge-sandbox started for a test, with a signed-in OrgQuery for the org and a Magento
// client for the store: the setup every *_sandbox sync test repeats.

#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"

#include "magento/magentoclient.h"
#include "sync/syncengine.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QStringList>

#include <memory>

struct SandboxOrg
{
    SandboxProcess sandbox;
    std::unique_ptr<OrgQuery> org;
    std::unique_ptr<OrderBridge::MagentoClient> magento;

    /// Starts the sandbox with `args`, signs in to its org and makes the store's client on `network`;
    /// false with a warning naming what failed.
    bool start(QNetworkAccessManager *network, const QStringList &args)
    {
        if (!sandbox.start(args)) {
            qWarning("%s", qPrintable(sandbox.errorString()));
            return false;
        }
        org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(sandbox.salesforce()));
        if (!org->connect()) {
            qWarning("%s", qPrintable(org->errorString()));
            return false;
        }
        magento = SandboxConnections::magentoClient(network, sandbox.magento());
        return true;
    }

    /// The store's first 200 orders as Magento JSON; empty (with a warning) when the store did not answer.
    QList<QJsonObject> orders(QObject *context)
    {
        Waiter<OrderBridge::Result<OrderBridge::MagentoOrderPage>> page;
        OrderBridge::MagentoSearchCriteria criteria;
        criteria.setPageSize(200);
        magento->fetchOrders(criteria, context, page.callback());
        if (!page.wait() || !page.result->has_value()) {
            qWarning("the store's orders could not be read");
            return {};
        }
        QList<QJsonObject> out;
        for (const OrderBridge::MagentoOrder &m : (*page.result)->orders)
            out << m.json;
        return out;
    }

    /// One SyncEngine::syncBatch() over the signed-in client; an empty outcome (with a warning) when the
    /// batch as a whole failed or timed out.
    OrderBridge::BatchOutcome sync(const QList<QJsonObject> &batch, const OrderBridge::SyncEngine::Config &config)
    {
        OrderBridge::SyncEngine engine(org->client());
        Waiter<OrderBridge::Result<OrderBridge::BatchOutcome>> done;
        engine.syncBatch(batch, config, done.callback());
        if (!done.wait(120000) || !done.result->has_value()) {
            qWarning("sync batch failed or timed out");
            return {};
        }
        return **done.result;
    }
};
