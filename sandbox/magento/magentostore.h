#pragma once

#include "catalog.h"
#include "magentoerror.h"
#include "ordersearchindex.h"
#include "searchcriteria.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <vector>

namespace Sandbox {

/// The data of the emulated store: generated orders (materialized lazily from the seed, so that
/// 10,000 orders cost nothing at start-up), orders placed through the storefront, invoices,
/// shipments, guest carts, and the order state machine as Magento runs it.
class MagentoStore
{
public:
    /// A store view (ids from 1); each has its own order number sequence, as Magento's sequence_order_<id>.
    struct StoreView
    {
        int id = 1;
        QString code;
        QString name;
    };

    MagentoStore(const Catalog &catalog, quint64 seed, int generatedOrders);

    /// The store views orders are placed in (default: the one "default"); generated orders take turns.
    void setStoreViews(const QList<StoreView> &views) { m_storeViews = views; }
    [[nodiscard]] const QList<StoreView> &storeViews() const { return m_storeViews; }

    /// Back to the seeded state.
    void reset();
    /// --magento-currencies: every fifth generated order (entity_id 4, 9, 14, ...) is placed in `code`, the
    /// store's second display currency, at `baseToOrderRate` units per base-currency unit (USD).
    void setDisplayCurrency(const QString &code, double baseToOrderRate);
    [[nodiscard]] quint64 seed() const { return m_seed; }
    [[nodiscard]] int generatedOrders() const { return m_generated; }
    /// Bumped on every change, so the caller can persist in batches.
    [[nodiscard]] quint64 revision() const { return m_revision; }

    // Orders
    [[nodiscard]] int orderCount() const { return int(m_slots.size()); }
    [[nodiscard]] bool hasOrder(int entityId) const { return entityId >= 1 && entityId <= orderCount(); }
    /// The order's top-level fields and sub-entities (materializes it).
    const QJsonObject &orderCore(int entityId);
    /// The order as GET /V1/orders/{id} returns it, compact JSON, cached until it changes.
    const QByteArray &orderBytes(int entityId);
    /// Materializes every order (a search over arbitrary fields needs them all).
    void materializeAll();
    /// A search answered from the sorted views of created_at and updated_at in O(log n + page) (materializes
    /// every order first); std::nullopt when the criteria need a scan of every order.
    [[nodiscard]] std::optional<OrderSearchIndex::Page> indexedSearch(const SearchCriteria &criteria);
    /// Materializes and renders up to `count` more orders in the background; false once all are.
    bool materializeSome(int count);
    /// How many orders the background pass has prepared so far.
    [[nodiscard]] int warmOrders() const;

    // Actions: each bumps updated_at and appends to status_histories.
    MagentoResult<int> invoice(int orderId, const QJsonObject &body);
    MagentoResult<int> ship(int orderId, const QJsonObject &body);
    MagentoResult<bool> cancel(int orderId);
    MagentoResult<bool> hold(int orderId);
    MagentoResult<bool> unhold(int orderId);
    MagentoResult<bool> addComment(int orderId, const QJsonObject &statusHistory);

    // Invoices and shipments (materializeAll() first for complete lists)
    [[nodiscard]] const QMap<int, QJsonObject> &invoices() const { return m_invoices; }
    [[nodiscard]] const QMap<int, QJsonObject> &shipments() const { return m_shipments; }

    // Storefront guest checkout
    /// A cart of the store view at `storeIndex` in storeViews().
    QString createGuestCart(int storeIndex = 0);
    MagentoResult<QJsonObject> addCartItem(const QString &cartId, const QJsonObject &cartItem);
    MagentoResult<QJsonArray> cartItems(const QString &cartId);
    MagentoResult<QJsonObject> setShippingInformation(const QString &cartId, const QJsonObject &addressInformation);
    MagentoResult<int> placeGuestOrder(const QString &cartId, const QJsonObject &body);
    /// Test convenience (POST /__sandbox/large-order): a guest order of `lines` lines, one simple
    /// product of the catalog each, in turn; returns its entity_id.
    MagentoResult<int> placeLargeOrder(int lines);
    /// Test hook: moves order `orderId`'s created_at and updated_at `seconds` into the past, as a row
    /// whose transaction committed that much later than its timestamps.
    MagentoResult<bool> backdate(int orderId, qint64 seconds);

    // Catalog and customers
    [[nodiscard]] QJsonObject productJson(const CatalogProduct &product) const;
    [[nodiscard]] QJsonObject customerJson(const CatalogCustomer &customer) const;
    [[nodiscard]] const Catalog &catalog() const { return m_catalog; }

    // Persistence
    [[nodiscard]] QJsonObject toState() const;
    /// Restores a state written by toState(); false with a message when it does not fit.
    bool fromState(const QJsonObject &state, QString *error);

    /// "YYYY-MM-DD HH:MM:SS" in UTC.
    static QString timestamp(qint64 secsSinceEpoch);

private:
    struct Slot
    {
        QJsonObject core;
        QByteArray bytes;
        bool materialized = false;
        bool dirty = false;
    };
    struct Line
    {
        const CatalogProduct *product = nullptr;
        const CatalogProduct *child = nullptr; // configurable: the chosen variant
        double qty = 1;
    };
    struct Customer
    {
        int id = 0; // 0: guest
        QString email;
        QString firstname;
        QString lastname;
        QJsonObject address; // street, city, postcode, country_id, region_code, telephone
    };
    struct Cart
    {
        int quoteId = 0;
        QList<Line> lines;
        QList<int> itemIds;
        QJsonObject shippingAddress;
        QJsonObject billingAddress;
        QString carrier;
        QString method;
        bool active = true;
        int storeIndex = 0;
    };

    /// What a generated order is drawn as, before its JSON is built: the seed's draws, in their order.
    struct OrderPlan
    {
        qint64 created = 0;
        Customer customer;
        QList<Line> lines;
        QString coupon;
        QString carrier;
        QString payment;
        QString target; // the state the order is walked to
        qint64 invoicedAt = 0;
        qint64 shippedAt = 0;
    };
    [[nodiscard]] OrderPlan planOrder(int entityId) const;
    /// The created_at and updated_at generateOrder() gives the planned order, without building it.
    [[nodiscard]] static std::pair<QString, QString> plannedTimes(const OrderPlan &plan);
    /// Files every order in the search index; generated orders not built yet by their planned times.
    void fileAllOrders();
    Slot &slot(int entityId);
    /// Stores a changed order: its cached JSON dropped, marked for the state file, refiled in the search index.
    void storeChanged(int entityId, const QJsonObject &order);
    void materialize(int entityId);
    QJsonObject generateOrder(int entityId);
    QJsonObject buildOrder(int entityId, const Customer &customer, const QList<Line> &lines, const QString &carrier,
                           const QString &coupon, const QString &paymentMethod, const QString &createdAt,
                           int quoteId) const;
    QByteArray renderOrder(const QJsonObject &core) const;
    /// Puts a new order into a store view with the view's next order number (several store views only).
    void assignStore(QJsonObject &order, int storeIndex, int sequence) const;
    [[nodiscard]] int nextSequence(int storeIndex) const;
    void touch(int entityId, QJsonObject &order, const QString &comment, const QString &entityName);

    MagentoResult<int> invoiceOrder(QJsonObject &order, const QJsonObject &body, int invoiceId, const QString &now);
    MagentoResult<int> shipOrder(QJsonObject &order, const QJsonObject &body, int shipmentId, const QString &now);
    bool cancelOrder(QJsonObject &order);
    void refundOrder(QJsonObject &order);
    void checkComplete(QJsonObject &order) const;
    static void toDisplayCurrency(QJsonObject &order, const QString &code, double rate);
    void appendHistory(QJsonObject &order, const QString &comment, const QString &entityName, int historyId,
                       const QString &createdAt, int notified = 0, int visible = 0) const;

    QString nowText() const;
    int nextHistoryId();
    Cart *activeCart(const QString &cartId, MagentoError *error);
    MagentoResult<QJsonObject> cartTotals(const Cart &cart) const;

    const Catalog &m_catalog;
    QList<StoreView> m_storeViews{{1, QStringLiteral("default"), QStringLiteral("Default Store View")}};
    quint64 m_seed;
    int m_generated;
    quint64 m_revision = 0;
    std::vector<Slot> m_slots;
    QMap<int, QJsonObject> m_invoices;
    QMap<int, QJsonObject> m_shipments;
    QSet<int> m_createdInvoices;  // made through the API (persisted), not by the generator
    QSet<int> m_createdShipments;
    QHash<QString, Cart> m_carts;
    int m_nextInvoiceId = 0;
    int m_nextShipmentId = 0;
    int m_nextHistoryId = 0;
    int m_nextQuoteId = 0;
    int m_nextCartItemId = 0;
    int m_materializeCursor = 1;
    int m_materialized = 0; // orders materialized so far, so that materializeAll() is O(1) once all are
    OrderSearchIndex m_searchIndex;
    // While generating an order, ids come from the order's own deterministic range.
    int m_genHistory = 0;
    QString m_displayCurrency; // empty: every order in the base currency, as a stock store
    double m_displayRate = 1.0;
};

} // namespace Sandbox
