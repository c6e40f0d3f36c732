#pragma once

#include "common/error.h"
#include "demo/demostoretypes.h"
#include "magento/magentoconnection.h"
#include "magento/magentosecrets.h"

#include <QJsonValue>
#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace OrderBridge {
class MagentoClient;
}

/// The Demo Store's shopper and back office: places orders in the sandbox's Magento store through its
/// storefront guest checkout and invoices, comments on and ships them through the admin REST API.
///
/// Lives on the worker thread (moveToThread before the first call; its network objects are created
/// there on first use): call the slots by queued invocation, answers come back as signals. Every action
/// answers once: actionDone or actionFailed (with Magento's error text).
///
/// Products with options: a configurable product is offered once per size, ordered by the parent SKU with
/// the size chosen (configurable_item_options); a bundle is offered with its default options; the
/// variants of configurables are not offered on their own.
class DemoStoreClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoStoreClient)

public:
    enum class Action { LoadProducts, LoadOrders, PlaceOrder, Invoice, Comment, Ship };
    Q_ENUM(Action)

    /// How many of the newest orders loadOrders() lists.
    static constexpr int RecentOrders = 15;

    DemoStoreClient(OrderBridge::MagentoConnection connection, OrderBridge::MagentoSecrets secrets,
                    QObject *parent = nullptr);
    ~DemoStoreClient() override;

public Q_SLOTS:
    /// The catalog as picker rows: productsLoaded or actionFailed(LoadProducts).
    void loadProducts();
    /// The store's newest orders: ordersLoaded or actionFailed(LoadOrders).
    void loadOrders();
    /// Guest checkout of `lines` for `customer` (flat rate shipping, check / money order):
    /// orderPlaced or actionFailed(PlaceOrder).
    void placeOrder(const QList<DemoOrderLine> &lines, const DemoCustomer &customer);
    /// Invoices (and captures) every open item of the order.
    void invoice(qint64 entityId);
    /// Adds `text` to the order's comment history, keeping its status.
    void addComment(qint64 entityId, const QString &text);
    /// Ships every open physical item of the order.
    void ship(qint64 entityId);

Q_SIGNALS:
    void productsLoaded(const QList<DemoProduct> &products);
    void ordersLoaded(const QList<DemoOrder> &orders);
    void orderPlaced(const QString &incrementId, qint64 entityId);
    /// Invoice, Comment or Ship succeeded on the order; `incrementId` as the store shows it.
    void actionDone(DemoStoreClient::Action action, qint64 entityId, const QString &incrementId);
    void actionFailed(DemoStoreClient::Action action, qint64 entityId, const OrderBridge::Error &error);

private:
    struct Checkout;
    OrderBridge::MagentoClient *client();
    void checkoutStep(const std::shared_ptr<Checkout> &run);
    void finishAction(Action action, qint64 entityId);

    OrderBridge::MagentoConnection m_connection;
    OrderBridge::MagentoSecrets m_secrets;
    QNetworkAccessManager *m_network = nullptr;
    OrderBridge::MagentoClient *m_client = nullptr;
};
