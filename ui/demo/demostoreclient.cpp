#include "demo/demostoreclient.h"

#include "magento/magentoclient.h"
#include "magento/magentosearchcriteria.h"
#include "magento/magentotypes.h"

#include <QHash>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::Error;
using OrderBridge::MagentoClient;
using OrderBridge::Result;

namespace {

// The attribute id of the size option when a configurable does not list its options (the sandbox's
// store does not); the store matches the chosen value, which is what decides the variant.
const QString kFallbackSizeAttributeId = u"93"_s;

QString customAttribute(const QJsonObject &product, const QString &code)
{
    for (const QJsonValue &v : product.value(u"custom_attributes"_s).toArray()) {
        const QJsonObject a = v.toObject();
        if (a.value(u"attribute_code"_s).toString() == code)
            return a.value(u"value"_s).toVariant().toString();
    }
    return {};
}

QString optionLabel(const QJsonObject &parent, const QJsonObject &child)
{
    // Variants are named "<parent name>-<option>" (Magento's default naming of generated variants).
    const QString parentName = parent.value(u"name"_s).toString();
    QString childName = child.value(u"name"_s).toString();
    if (childName.startsWith(parentName)) {
        childName = childName.mid(parentName.size());
        while (childName.startsWith(u'-') || childName.startsWith(u' '))
            childName.remove(0, 1);
    }
    return childName.isEmpty() ? child.value(u"sku"_s).toString() : childName;
}

QList<DemoProduct> pickerRows(const QList<QJsonObject> &items)
{
    QHash<qint64, QJsonObject> byId;
    for (const QJsonObject &p : items)
        byId.insert(p.value(u"id"_s).toInteger(), p);
    QList<DemoProduct> rows;
    for (const QJsonObject &p : items) {
        // Only products the storefront shows on their own (visibility 4 = catalog and search), and enabled.
        if (p.value(u"status"_s).toInt(1) != 1 || p.value(u"visibility"_s).toInt(4) == 1)
            continue;
        DemoProduct row;
        row.sku = p.value(u"sku"_s).toString();
        row.displaySku = row.sku;
        row.name = p.value(u"name"_s).toString();
        row.type = p.value(u"type_id"_s).toString();
        row.price = p.value(u"price"_s).toDouble();
        const QJsonObject ext = p.value(u"extension_attributes"_s).toObject();
        if (row.type == u"configurable"_s) {
            QString attributeId = kFallbackSizeAttributeId;
            const QJsonArray options = ext.value(u"configurable_product_options"_s).toArray();
            if (!options.isEmpty())
                attributeId = options.first().toObject().value(u"attribute_id"_s).toVariant().toString();
            for (const QJsonValue &link : ext.value(u"configurable_product_links"_s).toArray()) {
                const QJsonObject child = byId.value(link.toInteger());
                const int value = customAttribute(child, u"size"_s).toInt();
                if (child.isEmpty() || value == 0)
                    continue; // a variant without a size cannot be chosen
                DemoProduct variant = row;
                variant.displaySku = child.value(u"sku"_s).toString();
                variant.price = child.value(u"price"_s).toDouble(row.price);
                variant.optionAttributeId = attributeId;
                variant.optionValue = value;
                variant.optionLabel = optionLabel(p, child);
                rows.append(variant);
            }
            continue;
        }
        if (row.type == u"bundle"_s && row.price == 0)
            row.priceFromOptions = true;
        if (row.type != u"simple"_s && row.type != u"virtual"_s && row.type != u"bundle"_s)
            continue; // grouped and downloadable products need choices the demo does not offer
        rows.append(row);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const DemoProduct &a, const DemoProduct &b) { return a.name.localeAwareCompare(b.name) < 0; });
    return rows;
}

OrderBridge::MagentoAddress addressOf(const DemoCustomer &c)
{
    OrderBridge::MagentoAddress a;
    a.firstname = c.firstname;
    a.lastname = c.lastname;
    a.street = {c.street};
    a.city = c.city;
    a.postcode = c.postcode;
    a.countryId = c.countryId;
    a.regionCode = c.regionCode;
    a.region = c.region;
    a.telephone = c.telephone;
    a.email = c.email;
    return a;
}

} // namespace

struct DemoStoreClient::Checkout
{
    QList<DemoOrderLine> lines;
    DemoCustomer customer;
    QString cartId;
    int step = 0;
};

DemoStoreClient::DemoStoreClient(OrderBridge::MagentoConnection connection, OrderBridge::MagentoSecrets secrets,
                                 QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_secrets(std::move(secrets))
{
}

DemoStoreClient::~DemoStoreClient() = default;

MagentoClient *DemoStoreClient::client()
{
    // Created on first use, so the network objects live on the thread the client was moved to.
    if (!m_client) {
        m_network = new QNetworkAccessManager(this);
        m_client = new MagentoClient(m_network, m_connection, m_secrets, {}, this);
    }
    return m_client;
}

void DemoStoreClient::loadProducts()
{
    client()->fetchProducts(OrderBridge::MagentoSearchCriteria(), this,
                            [this](Result<OrderBridge::MagentoRecordPage> page) {
        if (!page) {
            Q_EMIT actionFailed(Action::LoadProducts, 0, page.error());
            return;
        }
        Q_EMIT productsLoaded(pickerRows(page->items));
    });
}

void DemoStoreClient::loadOrders()
{
    OrderBridge::MagentoSearchCriteria criteria;
    criteria.orderBy(u"entity_id"_s, OrderBridge::MagentoSearchCriteria::Direction::Descending)
        .setPageSize(RecentOrders)
        .setCurrentPage(1);
    client()->fetchOrders(criteria, this, [this](Result<OrderBridge::MagentoOrderPage> page) {
        if (!page) {
            Q_EMIT actionFailed(Action::LoadOrders, 0, page.error());
            return;
        }
        QList<DemoOrder> orders;
        orders.reserve(page->orders.size());
        for (const OrderBridge::MagentoOrder &order : std::as_const(page->orders))
            orders.append(DemoOrder::fromJson(order.json));
        Q_EMIT ordersLoaded(orders);
    });
}

void DemoStoreClient::placeOrder(const QList<DemoOrderLine> &lines, const DemoCustomer &customer)
{
    QList<DemoOrderLine> wanted;
    for (const DemoOrderLine &line : lines) {
        if (line.qty > 0)
            wanted.append(line);
    }
    if (wanted.isEmpty()) {
        Q_EMIT actionFailed(Action::PlaceOrder, 0,
                            Error{u"demo.empty_cart"_s, tr("The cart is empty."),
                                  tr("Set a quantity for at least one product."), {}});
        return;
    }
    auto run = std::make_shared<Checkout>();
    run->lines = wanted;
    run->customer = customer;
    checkoutStep(run);
}

// The storefront's guest checkout, as the Luma checkout page drives it: create a cart, add each line,
// set the shipping address and method, then pay and place the order.
void DemoStoreClient::checkoutStep(const std::shared_ptr<Checkout> &run)
{
    const auto lineCount = run->lines.size();
    const QString cartPath = u"guest-carts/"_s + QString::fromLatin1(QUrl::toPercentEncoding(run->cartId));
    auto next = [this, run, lineCount](Result<QJsonValue> result) {
        if (!result) {
            Q_EMIT actionFailed(Action::PlaceOrder, 0, result.error());
            return;
        }
        if (run->step == 0) {
            run->cartId = result->isString() ? result->toString() : QString::number(result->toInteger());
        } else if (run->step == lineCount + 2) {
            const qint64 entityId = result->isString() ? result->toString().toLongLong() : result->toInteger();
            client()->fetchOrder(entityId, this, [this, entityId](Result<OrderBridge::MagentoOrder> order) {
                if (!order) {
                    Q_EMIT actionFailed(Action::PlaceOrder, entityId, order.error());
                    return;
                }
                Q_EMIT orderPlaced(order->incrementId, entityId);
            });
            return;
        }
        ++run->step;
        checkoutStep(run);
    };

    const OrderBridge::MagentoAddress address = addressOf(run->customer);
    if (run->step == 0) {
        client()->request("POST", u"guest-carts"_s, {}, QJsonValue::Undefined, MagentoClient::RetrySafety::Safe, this,
                          next);
    } else if (run->step <= lineCount) {
        const DemoOrderLine &line = run->lines.at(run->step - 1);
        QJsonObject item{{u"sku"_s, line.product.sku}, {u"qty"_s, line.qty}, {u"quote_id"_s, run->cartId}};
        if (line.product.optionValue != 0) {
            const QJsonArray options{QJsonObject{{u"option_id"_s, line.product.optionAttributeId},
                                                 {u"option_value"_s, line.product.optionValue}}};
            item.insert(u"product_option"_s,
                        QJsonObject{{u"extension_attributes"_s,
                                     QJsonObject{{u"configurable_item_options"_s, options}}}});
        }
        client()->request("POST", cartPath + u"/items"_s, {}, QJsonObject{{u"cartItem"_s, item}},
                          MagentoClient::RetrySafety::NotSafe, this, next);
    } else if (run->step == lineCount + 1) {
        const QJsonObject info{{u"shipping_address"_s, address.toJson()},
                               {u"billing_address"_s, address.toJson()},
                               {u"shipping_carrier_code"_s, u"flatrate"_s},
                               {u"shipping_method_code"_s, u"flatrate"_s}};
        client()->request("POST", cartPath + u"/shipping-information"_s, {},
                          QJsonObject{{u"addressInformation"_s, info}}, MagentoClient::RetrySafety::Safe, this, next);
    } else {
        const QJsonObject body{{u"email"_s, run->customer.email},
                               {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}},
                               {u"billingAddress"_s, address.toJson()}};
        client()->request("POST", cartPath + u"/payment-information"_s, {}, body,
                          MagentoClient::RetrySafety::NotSafe, this, next);
    }
}

void DemoStoreClient::invoice(qint64 entityId)
{
    client()->createInvoice(entityId, OrderBridge::MagentoInvoiceRequest{}, this, [this, entityId](Result<qint64> r) {
        if (!r) {
            Q_EMIT actionFailed(Action::Invoice, entityId, r.error());
            return;
        }
        finishAction(Action::Invoice, entityId);
    });
}

void DemoStoreClient::addComment(qint64 entityId, const QString &text)
{
    if (text.trimmed().isEmpty()) {
        Q_EMIT actionFailed(Action::Comment, entityId,
                            Error{u"demo.empty_comment"_s, tr("The comment is empty."),
                                  tr("Write the comment to add."), {}});
        return;
    }
    OrderBridge::MagentoNewComment comment;
    comment.comment = text.trimmed();
    client()->addComment(entityId, comment, this, [this, entityId](Result<bool> r) {
        if (!r) {
            Q_EMIT actionFailed(Action::Comment, entityId, r.error());
            return;
        }
        if (!*r) {
            Q_EMIT actionFailed(Action::Comment, entityId,
                                Error{u"demo.comment_refused"_s, tr("The store did not add the comment."),
                                      tr("Reload the orders and try again."), {}});
            return;
        }
        finishAction(Action::Comment, entityId);
    });
}

void DemoStoreClient::ship(qint64 entityId)
{
    OrderBridge::MagentoShipmentRequest request;
    request.tracks = {OrderBridge::MagentoTrack{u"DEMO-%1"_s.arg(entityId), u"Flat Rate"_s, u"flatrate"_s}};
    client()->createShipment(entityId, request, this, [this, entityId](Result<qint64> r) {
        if (!r) {
            Q_EMIT actionFailed(Action::Ship, entityId, r.error());
            return;
        }
        finishAction(Action::Ship, entityId);
    });
}

void DemoStoreClient::finishAction(Action action, qint64 entityId)
{
    client()->fetchOrder(entityId, this, [this, action, entityId](Result<OrderBridge::MagentoOrder> order) {
        // The action itself went through; the order number is only for the message.
        Q_EMIT actionDone(action, entityId, order ? order->incrementId : QString::number(entityId));
    });
}
