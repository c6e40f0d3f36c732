#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

/// Value types the Demo Store panel exchanges with DemoStoreClient across threads.

/// One row of the product picker. A configurable product appears once per option (its size variants),
/// ordered by the parent's SKU with that option chosen; a bundle appears once and is ordered with its
/// default options; the variants of configurables do not appear on their own.
struct DemoProduct
{
    QString sku;                ///< the SKU that goes into the cart (a configurable's parent SKU)
    QString displaySku;         ///< what the shopper sees (the variant's own SKU for configurables)
    QString name;
    QString type;               ///< simple, virtual, configurable, bundle
    double price = 0;           ///< 0 with priceFromOptions for a dynamically priced bundle
    bool priceFromOptions = false;
    QString optionAttributeId;  ///< configurables: the attribute the option belongs to ("size")
    int optionValue = 0;        ///< configurables: the chosen option's value id; 0 for none
    QString optionLabel;        ///< configurables: "S", "M", "L"

    friend bool operator==(const DemoProduct &, const DemoProduct &) = default;
};

/// One line of a Demo Store order.
struct DemoOrderLine
{
    DemoProduct product;
    int qty = 1;
};

/// Who places a Demo Store order. The sandbox store takes guest checkouts, so every order is placed as a
/// guest with this person's name, e-mail and address; guest() is an anonymous shopper.
struct DemoCustomer
{
    QString email;
    QString firstname;
    QString lastname;
    QString street;
    QString city;
    QString postcode;
    QString countryId;
    QString regionCode;
    QString region;
    QString telephone;

    [[nodiscard]] QString displayName() const { return firstname + QLatin1Char(' ') + lastname; }

    /// The fixed demo customers the panel offers, the guest last.
    [[nodiscard]] static QList<DemoCustomer> presets();
    [[nodiscard]] static DemoCustomer guest();
};

/// One of the store's recent orders as the panel lists it.
struct DemoOrder
{
    qint64 entityId = 0;
    QString incrementId;
    QString state;
    QString status;
    QString customerName;
    QString email;
    double grandTotal = 0;
    QString currency;
    QDateTime createdAt;
    bool canInvoice = false;  ///< items are left to invoice and the state allows it
    bool canShip = false;     ///< physical items are left to ship and the state allows it
    int comments = 0;         ///< entries of the order's comment history

    /// Reads a Magento order document (GET /V1/orders/{id}).
    [[nodiscard]] static DemoOrder fromJson(const QJsonObject &order);
};

Q_DECLARE_METATYPE(DemoProduct)
Q_DECLARE_METATYPE(DemoOrderLine)
Q_DECLARE_METATYPE(DemoCustomer)
Q_DECLARE_METATYPE(DemoOrder)
