#pragma once

#include "common/error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QByteArray>
#include <QString>

namespace OrderBridge {

/// Identifies one version of an order for change detection. Magento's updated_at has one-second
/// resolution, so two changes within the same second (place, then invoice) share it: the content
/// fingerprint tells such versions apart. The feed's position (operator<) ignores it.
struct MagentoOrderKey
{
    qint64 entityId = 0;
    QDateTime updatedAt;
    QByteArray fingerprint; ///< stable digest of the order JSON; empty for keys from older state

    friend bool operator==(const MagentoOrderKey &a, const MagentoOrderKey &b)
    {
        return a.entityId == b.entityId && a.updatedAt == b.updatedAt && a.fingerprint == b.fingerprint;
    }
    /// Change-feed order: updated_at, then entity_id.
    friend bool operator<(const MagentoOrderKey &a, const MagentoOrderKey &b)
    {
        if (a.updatedAt != b.updatedAt)
            return a.updatedAt < b.updatedAt;
        return a.entityId < b.entityId;
    }
};

inline size_t qHash(const MagentoOrderKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.entityId, key.updatedAt.toSecsSinceEpoch(), key.fingerprint);
}

/// An order as Magento sent it: the fields the engine keys on, typed, and the whole JSON for mappings.
struct MagentoOrder
{
    qint64 entityId = 0;
    QString incrementId;
    QString state;
    QString status;
    QDateTime createdAt;
    QDateTime updatedAt;
    QJsonObject json;
    /// The order's JSON text (Magento's own when the reply was at hand, else `json` serialised once): the
    /// fingerprint is its digest and the sync queue stores it.
    QByteArray compactJson;

    QByteArray fingerprint;

    [[nodiscard]] MagentoOrderKey key() const { return {entityId, updatedAt, fingerprint}; }
    /// Checks and extracts entity_id, increment_id and updated_at; the error names the missing field.
    /// `text` is the order's JSON text as Magento sent it, when the caller has it: kept as compactJson
    /// instead of serialising `json` again.
    [[nodiscard]] static Result<MagentoOrder> fromJson(const QJsonObject &json, QByteArrayView text = {});
};

/// One page of GET /V1/orders. Items Magento sent that are not valid orders are kept as errors, not dropped silently.
struct MagentoOrderPage
{
    QList<MagentoOrder> orders;
    QList<Error> rejected;
    qint64 totalCount = 0;
    int itemCount = 0;       ///< items in the reply, valid or not

    /// Parses a search result {"items":[...],"total_count":n}; fails only when the envelope itself is wrong.
    /// `body` is the reply's text `value` was parsed from, when the caller has it (see MagentoOrder::fromJson).
    [[nodiscard]] static Result<MagentoOrderPage> fromJson(const QJsonValue &value, QByteArrayView body = {});
};

/// A store view's settings as GET /V1/store/storeConfigs lists them (the fields the sync uses).
struct MagentoStoreConfig
{
    qint64 id = 0;
    QString code;
    QString timeZone; ///< IANA name, e.g. "America/Los_Angeles"

    /// Parses the storeConfigs array; fails when it is not an array of objects with an id.
    [[nodiscard]] static Result<QList<MagentoStoreConfig>> listFromJson(const QJsonValue &value);
};

/// One page of any other list endpoint (products, invoices, shipments), as JSON objects.
struct MagentoRecordPage
{
    QList<QJsonObject> items;
    qint64 totalCount = 0;

    [[nodiscard]] static Result<MagentoRecordPage> fromJson(const QJsonValue &value);
};

/// An order comment (status history entry).
struct MagentoComment
{
    qint64 entityId = 0;
    qint64 orderId = 0;       ///< parent_id
    QString comment;
    QString status;
    QString entityName;       ///< "order", "invoice", "shipment", "creditmemo"
    QDateTime createdAt;
    bool customerNotified = false;
    bool visibleOnFront = false;

    [[nodiscard]] static Result<MagentoComment> fromJson(const QJsonObject &json);
};

/// A new order comment for POST /V1/orders/{id}/comments.
struct MagentoNewComment
{
    QString comment;
    QString status;           ///< empty: keep the order's status
    bool notifyCustomer = false;
    bool visibleOnFront = false;
};

/// A line of an invoice or shipment request: order_item_id and quantity.
struct MagentoItemQty
{
    qint64 orderItemId = 0;
    double qty = 0;
};

/// POST /V1/order/{id}/invoice. No items: a full invoice.
struct MagentoInvoiceRequest
{
    QList<MagentoItemQty> items;
    bool capture = true;
    bool notify = false;
    QString comment;
};

/// A shipment tracking number.
struct MagentoTrack
{
    QString trackNumber;
    QString title;
    QString carrierCode;
};

/// POST /V1/order/{id}/ship. No items: everything left to ship.
struct MagentoShipmentRequest
{
    QList<MagentoItemQty> items;
    QList<MagentoTrack> tracks;
    bool notify = false;
    QString comment;
};

/// An address for the guest checkout.
struct MagentoAddress
{
    QString firstname;
    QString lastname;
    QStringList street;
    QString city;
    QString postcode;
    QString countryId;
    QString regionCode;
    QString region;
    QString telephone;
    QString email;

    [[nodiscard]] QJsonObject toJson() const;
};

/// The storefront guest checkout: cart, items, shipping, payment -> order.
struct MagentoGuestCheckout
{
    struct Line
    {
        QString sku;
        double qty = 1;
    };
    QList<Line> lines;
    QString email;
    MagentoAddress shippingAddress;
    MagentoAddress billingAddress;
    QString shippingCarrierCode = QStringLiteral("flatrate");
    QString shippingMethodCode = QStringLiteral("flatrate");
    QString paymentMethod = QStringLiteral("checkmo");
};

} // namespace OrderBridge
