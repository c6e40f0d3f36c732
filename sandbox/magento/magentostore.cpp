#include "magentostore.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <random>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

constexpr int kItemIdsPerOrder = 32;
constexpr int kHistoryIdsPerOrder = 8;
constexpr qint64 kGeneratedEnd = 1767225600; // 2026-01-01 00:00:00 UTC: generated orders lie before it
constexpr qint64 kOrderSpacing = 2700;

double r2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

quint64 splitmix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QString incrementId(int id)
{
    return u"%1"_s.arg(id, 9, 10, QChar(u'0'));
}

struct Region
{
    const char16_t *code;
    const char16_t *name;
    int id;
    double taxRate;
};

constexpr Region kRegions[] = {
    {u"NY", u"New York", 43, 8.875}, {u"TX", u"Texas", 57, 6.25},  {u"CA", u"California", 12, 8.25},
    {u"OR", u"Oregon", 49, 0.0},     {u"IL", u"Illinois", 23, 6.25},
};

const Region *regionByCode(const QString &code)
{
    for (const auto &r : kRegions) {
        if (code == QStringView(r.code))
            return &r;
    }
    return nullptr;
}

QString paymentTitle(const QString &method)
{
    return method == u"banktransfer"_s ? u"Bank Transfer Payment"_s : u"Check / Money order"_s;
}

struct Carrier
{
    QString code;
    QString method;
    QString description;
};

Carrier carrierFor(const QString &code)
{
    if (code == u"freeshipping"_s)
        return {u"freeshipping"_s, u"freeshipping"_s, u"Free Shipping - Free"_s};
    if (code == u"tablerate"_s)
        return {u"tablerate"_s, u"bestway"_s, u"Best Way - Table Rate"_s};
    return {u"flatrate"_s, u"flatrate"_s, u"Flat Rate - Fixed"_s};
}

double num(const QJsonObject &o, const QString &key)
{
    return o.value(key).toDouble();
}

void add(QJsonObject &o, const QString &key, double delta)
{
    o.insert(key, r2(o.value(key).toDouble() + delta));
}

// Lines whose amounts count: simple and virtual products, configurable parents, bundle options.
bool isPriced(const QJsonObject &item, const QHash<int, QString> &typeById)
{
    if (item.value(u"product_type"_s).toString() == u"bundle"_s)
        return false;
    const int parent = item.value(u"parent_item_id"_s).toInt();
    return parent == 0 || typeById.value(parent) != u"configurable"_s;
}

// Magento keeps every amount twice: in the order currency and, under base_*, in the base currency.
void convertAmounts(QJsonObject &o, double rate)
{
    const QStringList keys = o.keys();
    for (const QString &key : keys) {
        const QJsonValue v = o.value(key);
        if (v.isObject()) {
            QJsonObject child = v.toObject();
            convertAmounts(child, rate);
            o.insert(key, child);
        } else if (v.isArray()) {
            QJsonArray list = v.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (!list.at(i).isObject())
                    continue;
                QJsonObject child = list.at(i).toObject();
                convertAmounts(child, rate);
                list.replace(i, child);
            }
            o.insert(key, list);
        } else if (key.startsWith(u"base_"_s) && v.isDouble() && o.value(key.mid(5)).isDouble()) {
            o.insert(key.mid(5), r2(v.toDouble() * rate));
        }
    }
}

QHash<int, QString> typesById(const QJsonArray &items)
{
    QHash<int, QString> out;
    for (const auto &v : items) {
        const QJsonObject o = v.toObject();
        out.insert(o.value(u"item_id"_s).toInt(), o.value(u"product_type"_s).toString());
    }
    return out;
}

} // namespace

MagentoStore::MagentoStore(const Catalog &catalog, quint64 seed, int generatedOrders)
    : m_catalog(catalog)
    , m_seed(seed)
    , m_generated(generatedOrders)
{
    reset();
}

void MagentoStore::reset()
{
    m_slots.clear();
    m_slots.resize(size_t(m_generated));
    m_invoices.clear();
    m_shipments.clear();
    m_createdInvoices.clear();
    m_createdShipments.clear();
    m_carts.clear();
    m_nextInvoiceId = m_generated + 1;
    m_nextShipmentId = m_generated + 1;
    m_nextHistoryId = (m_generated + 1) * kHistoryIdsPerOrder;
    m_nextQuoteId = m_generated + 1;
    m_nextCartItemId = (m_generated + 1) * kItemIdsPerOrder;
    m_materializeCursor = 1;
    m_materialized = 0;
    m_searchIndex.clear();
    ++m_revision;
}

QString MagentoStore::timestamp(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString MagentoStore::nowText() const
{
    return timestamp(QDateTime::currentSecsSinceEpoch());
}

int MagentoStore::nextHistoryId()
{
    if (m_genHistory > 0)
        return m_genHistory++;
    return m_nextHistoryId++;
}

MagentoStore::Slot &MagentoStore::slot(int entityId)
{
    return m_slots[size_t(entityId - 1)];
}

void MagentoStore::storeChanged(int entityId, const QJsonObject &order)
{
    Slot &s = slot(entityId);
    s.core = order;
    s.bytes.clear();
    s.dirty = true;
    m_searchIndex.update(entityId, s.core);
}

void MagentoStore::materialize(int entityId)
{
    Slot &s = slot(entityId);
    if (s.materialized)
        return;
    s.core = generateOrder(entityId);
    s.materialized = true;
    ++m_materialized;
    m_searchIndex.update(entityId, s.core);
}

bool MagentoStore::materializeSome(int count)
{
    while (count-- > 0 && m_materializeCursor <= orderCount())
        (void)orderBytes(m_materializeCursor++);
    return m_materializeCursor <= orderCount();
}

int MagentoStore::warmOrders() const
{
    return m_materializeCursor - 1;
}

void MagentoStore::materializeAll()
{
    if (m_materialized == orderCount())
        return;
    for (int id = 1; id <= orderCount(); ++id)
        materialize(id);
}

std::optional<OrderSearchIndex::Page> MagentoStore::indexedSearch(const SearchCriteria &criteria)
{
    fileAllOrders();
    return m_searchIndex.search(criteria, orderCount());
}

void MagentoStore::fileAllOrders()
{
    // Building 100,000 orders takes the better part of a minute: the index needs only their times, which the
    // seed's draws fix before any JSON is built. Each order is filed again, unchanged, when it is built.
    if (m_searchIndex.filedCount() == orderCount())
        return;
    for (int id = 1; id <= orderCount(); ++id) {
        if (m_searchIndex.isFiled(id))
            continue;
        const Slot &s = slot(id);
        if (s.materialized) {
            m_searchIndex.update(id, s.core);
        } else {
            const auto [created, updated] = plannedTimes(planOrder(id));
            m_searchIndex.updateTimes(id, created, updated);
        }
    }
}

std::pair<QString, QString> MagentoStore::plannedTimes(const OrderPlan &plan)
{
    const QString &t = plan.target;
    qint64 updated = plan.created;
    if (t == u"processing"_s)
        updated = plan.invoicedAt;
    else if (t == u"complete"_s)
        updated = plan.shippedAt;
    else if (t == u"closed"_s)
        updated = plan.shippedAt + 86400 * 3;
    else if (t == u"canceled"_s)
        updated = plan.created + 7200;
    else if (t == u"holded"_s)
        updated = plan.created + 5400;
    return {timestamp(plan.created), timestamp(updated)};
}

const QJsonObject &MagentoStore::orderCore(int entityId)
{
    materialize(entityId);
    return slot(entityId).core;
}

const QByteArray &MagentoStore::orderBytes(int entityId)
{
    materialize(entityId);
    Slot &s = slot(entityId);
    if (s.bytes.isEmpty())
        s.bytes = renderOrder(s.core);
    return s.bytes;
}

QByteArray MagentoStore::renderOrder(const QJsonObject &core) const
{
    // Magento repeats each child line's parent inside it ("parent_item") and lists the items again in
    // the shipping assignment. The items are serialized once and spliced into both places, which is
    // several times cheaper than building the duplicated JSON tree.
    const QJsonArray items = core.value(u"items"_s).toArray();
    QHash<int, QByteArray> itemBytes;
    QByteArray rendered = "[";
    for (const auto &v : items) {
        const QJsonObject item = v.toObject();
        QByteArray bytes = QJsonDocument(item).toJson(QJsonDocument::Compact);
        itemBytes.insert(item.value(u"item_id"_s).toInt(), bytes);
        const int parent = item.value(u"parent_item_id"_s).toInt();
        if (parent != 0 && itemBytes.contains(parent)) {
            bytes.chop(1);
            bytes += ",\"parent_item\":" + itemBytes.value(parent) + '}';
        }
        if (rendered.size() > 1)
            rendered += ',';
        rendered += bytes;
    }
    rendered += ']';

    QJsonObject shell = core;
    shell.insert(u"items"_s, QJsonArray{});
    QByteArray out = QJsonDocument(shell).toJson(QJsonDocument::Compact);
    // Both "items" keys of an order (top level and shipping assignment) hold an empty array in the shell.
    out.replace(QByteArrayView("\"items\":[]"), QByteArray("\"items\":" + rendered));
    return out;
}

QJsonObject MagentoStore::buildOrder(int entityId, const Customer &customer, const QList<Line> &lines,
                                     const QString &carrierCode, const QString &coupon,
                                     const QString &paymentMethod, const QString &createdAt, int quoteId) const
{
    const QString regionCode = customer.address.value(u"region_code"_s).toString();
    const Region *region = customer.address.value(u"country_id"_s).toString() == u"US"_s
                               ? regionByCode(regionCode) : nullptr;
    const double rate = region ? region->taxRate : 0.0;
    const double discountPct = coupon == u"FREE100"_s ? 100.0 : (coupon == u"SAVE10"_s ? 10.0 : 0.0);

    QJsonArray items;
    int k = 0;
    double subtotal = 0, discount = 0, tax = 0, weight = 0, qtyOrdered = 0, shippableQty = 0;
    bool allVirtual = true;
    auto makeItem = [&](const CatalogProduct *product, const QString &sku, const QString &name, const QString &type,
                        double qty, double price, int parentItemId, bool priced) {
        const int itemId = entityId * kItemIdsPerOrder + k++;
        const bool isVirtual = product->type == u"virtual"_s;
        const double row = r2(price * qty);
        const double disc = priced ? r2(row * discountPct / 100.0) : 0.0;
        const double itemTax = priced ? r2((row - disc) * rate / 100.0) : 0.0;
        QJsonObject it{
            {u"item_id"_s, itemId},           {u"order_id"_s, entityId},
            {u"quote_item_id"_s, itemId},     {u"product_id"_s, product->id},
            {u"product_type"_s, type},        {u"sku"_s, sku},
            {u"name"_s, name},                {u"store_id"_s, 1},
            {u"created_at"_s, createdAt},     {u"updated_at"_s, createdAt},
            {u"qty_ordered"_s, qty},          {u"qty_invoiced"_s, 0},
            {u"qty_shipped"_s, 0},            {u"qty_canceled"_s, 0},
            {u"qty_refunded"_s, 0},           {u"price"_s, price},
            {u"base_price"_s, price},         {u"original_price"_s, priced ? price : product->price},
            {u"base_original_price"_s, priced ? price : product->price},
            {u"price_incl_tax"_s, r2(price * (1 + rate / 100.0))},
            {u"base_price_incl_tax"_s, r2(price * (1 + rate / 100.0))},
            {u"row_total"_s, row},            {u"base_row_total"_s, row},
            {u"row_total_incl_tax"_s, r2(row + itemTax)}, {u"base_row_total_incl_tax"_s, r2(row + itemTax)},
            {u"tax_amount"_s, itemTax},       {u"base_tax_amount"_s, itemTax},
            {u"tax_percent"_s, priced ? rate : 0.0}, {u"tax_invoiced"_s, 0},
            {u"base_tax_invoiced"_s, 0},      {u"discount_amount"_s, disc},
            {u"base_discount_amount"_s, disc}, {u"discount_percent"_s, priced ? discountPct : 0.0},
            {u"discount_invoiced"_s, 0},      {u"base_discount_invoiced"_s, 0},
            {u"amount_refunded"_s, 0},        {u"base_amount_refunded"_s, 0},
            {u"row_invoiced"_s, 0},           {u"base_row_invoiced"_s, 0},
            {u"weight"_s, product->weight},   {u"row_weight"_s, r2(product->weight * qty)},
            {u"is_virtual"_s, isVirtual ? 1 : 0}, {u"is_qty_decimal"_s, 0},
            {u"no_discount"_s, 0},            {u"free_shipping"_s, 0},
            {u"discount_tax_compensation_amount"_s, 0}, {u"base_discount_tax_compensation_amount"_s, 0},
        };
        if (parentItemId != 0)
            it.insert(u"parent_item_id"_s, parentItemId);
        if (disc > 0)
            it.insert(u"applied_rule_ids"_s, u"1"_s);
        if (priced) {
            subtotal += row;
            discount += disc;
            tax += itemTax;
        }
        return it;
    };

    for (const Line &line : lines) {
        const CatalogProduct *p = line.product;
        const double q = line.qty;
        qtyOrdered += q;
        if (p->type != u"virtual"_s) {
            allVirtual = false;
            shippableQty += q;
            weight += p->weight * q;
        }
        if (p->type == u"configurable"_s && line.child) {
            QJsonObject parent = makeItem(p, line.child->sku, p->name, u"configurable"_s, q, line.child->price, 0, true);
            parent.insert(u"product_option"_s,
                          QJsonObject{{u"extension_attributes"_s,
                                       QJsonObject{{u"configurable_item_options"_s,
                                                    QJsonArray{QJsonObject{{u"option_id"_s, u"93"_s},
                                                                           {u"option_value"_s, line.child->optionValue}}}}}}});
            const int parentId = parent.value(u"item_id"_s).toInt();
            items.append(parent);
            items.append(makeItem(line.child, line.child->sku, line.child->name, u"simple"_s, q, 0.0, parentId, false));
        } else if (p->type == u"bundle"_s) {
            // SKU type "fixed": the line keeps the bundle's SKU; "dynamic": the options' SKUs are appended in the
            // order of the buy request's selections (Bundle\Model\Product\Type::getSku), here the reverse of the lines.
            QString sku = p->sku;
            QJsonArray bundleOptions;
            for (auto cid = p->childIds.crbegin(); cid != p->childIds.crend(); ++cid) {
                if (p->dynamicSku)
                    sku += u'-' + m_catalog.productById(*cid)->sku;
                const int option = int(p->childIds.indexOf(*cid)) + 1;
                bundleOptions.prepend(QJsonObject{{u"option_id"_s, option}, {u"option_qty"_s, 1},
                                                  {u"option_selections"_s, QJsonArray{*cid}}});
            }
            QJsonObject parent = makeItem(p, sku, p->name, u"bundle"_s, q, 0.0, 0, false);
            parent.insert(u"product_option"_s,
                          QJsonObject{{u"extension_attributes"_s, QJsonObject{{u"bundle_options"_s, bundleOptions}}}});
            const int parentId = parent.value(u"item_id"_s).toInt();
            const qsizetype parentIndex = items.size();
            items.append(parent);
            double price = 0, row = 0, ptax = 0, pdisc = 0;
            for (int cid : p->childIds) {
                const CatalogProduct *c = m_catalog.productById(cid);
                const QJsonObject child = makeItem(c, c->sku, c->name, u"simple"_s, q, c->price, parentId, true);
                price += c->price;
                row += num(child, u"row_total"_s);
                ptax += num(child, u"tax_amount"_s);
                pdisc += num(child, u"discount_amount"_s);
                items.append(child);
            }
            // The bundle line shows the sum of its options; the options carry the amounts.
            for (const auto &[key, value] : {std::pair{u"price"_s, price}, {u"base_price"_s, price},
                                             {u"original_price"_s, price}, {u"base_original_price"_s, price},
                                             {u"row_total"_s, row}, {u"base_row_total"_s, row},
                                             {u"tax_amount"_s, ptax}, {u"base_tax_amount"_s, ptax},
                                             {u"discount_amount"_s, pdisc}, {u"base_discount_amount"_s, pdisc},
                                             {u"row_total_incl_tax"_s, row + ptax},
                                             {u"price_incl_tax"_s, (row + ptax) / q},
                                             {u"base_price_incl_tax"_s, (row + ptax) / q},
                                             {u"base_row_total_incl_tax"_s, row + ptax}})
                parent.insert(key, r2(value));
            items.replace(parentIndex, parent);
        } else {
            items.append(makeItem(p, p->sku, p->name, p->type, q, p->price, 0, true));
        }
    }

    const Carrier carrier = carrierFor(carrierCode);
    double shipping = 0;
    if (!allVirtual) {
        if (carrier.code == u"flatrate"_s)
            shipping = 5.0 * shippableQty;
        else if (carrier.code == u"tablerate"_s)
            shipping = 10.0;
    }
    subtotal = r2(subtotal);
    discount = r2(discount);
    tax = r2(tax);
    const double grand = r2(subtotal - discount + shipping + tax);

    auto address = [&](const QString &type, int addressId) {
        QJsonObject a{{u"address_type"_s, type},
                      {u"entity_id"_s, addressId},
                      {u"parent_id"_s, entityId},
                      {u"firstname"_s, customer.firstname},
                      {u"lastname"_s, customer.lastname},
                      {u"email"_s, customer.email},
                      {u"street"_s, customer.address.value(u"street"_s)},
                      {u"city"_s, customer.address.value(u"city"_s)},
                      {u"postcode"_s, customer.address.value(u"postcode"_s)},
                      {u"country_id"_s, customer.address.value(u"country_id"_s)},
                      {u"telephone"_s, customer.address.value(u"telephone"_s)}};
        if (region) {
            a.insert(u"region"_s, QString::fromUtf16(region->name));
            a.insert(u"region_code"_s, QString::fromUtf16(region->code));
            a.insert(u"region_id"_s, region->id);
        }
        if (customer.id != 0) {
            a.insert(u"customer_id"_s, customer.id);
            a.insert(u"customer_address_id"_s, customer.id);
        }
        return a;
    };

    const QString protect = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(QByteArray::number(quint64(m_seed)) + '/' + QByteArray::number(entityId)),
                                 QCryptographicHash::Sha1).toHex().left(6));
    QJsonObject order{
        {u"entity_id"_s, entityId},
        {u"increment_id"_s, incrementId(entityId)},
        {u"state"_s, u"new"_s},
        {u"status"_s, u"pending"_s},
        {u"protect_code"_s, protect},
        {u"created_at"_s, createdAt},
        {u"updated_at"_s, createdAt},
        {u"store_id"_s, 1},
        {u"store_name"_s, u"Main Website\nMain Website Store\nDefault Store View"_s},
        {u"customer_email"_s, customer.email},
        {u"customer_firstname"_s, customer.firstname},
        {u"customer_lastname"_s, customer.lastname},
        {u"customer_group_id"_s, customer.id != 0 ? 1 : 0},
        {u"customer_is_guest"_s, customer.id != 0 ? 0 : 1},
        {u"customer_note_notify"_s, 1},
        {u"email_sent"_s, 1},
        {u"quote_id"_s, quoteId},
        {u"remote_ip"_s, u"127.0.0.1"_s},
        {u"base_currency_code"_s, u"USD"_s},
        {u"global_currency_code"_s, u"USD"_s},
        {u"order_currency_code"_s, u"USD"_s},
        {u"store_currency_code"_s, u"USD"_s},
        {u"base_to_global_rate"_s, 1},
        {u"base_to_order_rate"_s, 1},
        {u"store_to_base_rate"_s, 0},
        {u"store_to_order_rate"_s, 0},
        {u"subtotal"_s, subtotal},
        {u"base_subtotal"_s, subtotal},
        {u"subtotal_incl_tax"_s, r2(subtotal + tax)},
        {u"base_subtotal_incl_tax"_s, r2(subtotal + tax)},
        {u"discount_amount"_s, -discount},
        {u"base_discount_amount"_s, -discount},
        {u"shipping_amount"_s, shipping},
        {u"base_shipping_amount"_s, shipping},
        {u"shipping_incl_tax"_s, shipping},
        {u"base_shipping_incl_tax"_s, shipping},
        {u"shipping_tax_amount"_s, 0},
        {u"base_shipping_tax_amount"_s, 0},
        {u"shipping_discount_amount"_s, 0},
        {u"base_shipping_discount_amount"_s, 0},
        {u"tax_amount"_s, tax},
        {u"base_tax_amount"_s, tax},
        {u"discount_tax_compensation_amount"_s, 0},
        {u"base_discount_tax_compensation_amount"_s, 0},
        {u"grand_total"_s, grand},
        {u"base_grand_total"_s, grand},
        {u"total_due"_s, grand},
        {u"base_total_due"_s, grand},
        {u"total_qty_ordered"_s, qtyOrdered},
        {u"total_item_count"_s, items.size()},
        {u"weight"_s, r2(weight)},
        {u"is_virtual"_s, allVirtual ? 1 : 0},
        {u"billing_address_id"_s, entityId * 2},
        {u"billing_address"_s, address(u"billing"_s, entityId * 2)},
        {u"items"_s, items},
        {u"status_histories"_s, QJsonArray{}},
    };
    if (customer.id != 0)
        order.insert(u"customer_id"_s, customer.id);
    if (!coupon.isEmpty()) {
        order.insert(u"coupon_code"_s, coupon);
        order.insert(u"discount_description"_s, coupon);
        order.insert(u"applied_rule_ids"_s, u"1"_s);
    }
    if (!allVirtual)
        order.insert(u"shipping_description"_s, carrier.description);
    const QString title = paymentTitle(paymentMethod);
    order.insert(u"payment"_s, QJsonObject{
        {u"account_status"_s, QJsonValue::Null},
        {u"additional_information"_s, paymentMethod == u"banktransfer"_s ? QJsonArray{title, u""_s} : QJsonArray{title}},
        {u"amount_ordered"_s, grand},
        {u"base_amount_ordered"_s, grand},
        {u"shipping_amount"_s, shipping},
        {u"base_shipping_amount"_s, shipping},
        {u"cc_last4"_s, QJsonValue::Null},
        {u"entity_id"_s, entityId},
        {u"method"_s, paymentMethod},
        {u"parent_id"_s, entityId},
    });
    QJsonObject total{{u"shipping_amount"_s, shipping},     {u"base_shipping_amount"_s, shipping},
                      {u"shipping_incl_tax"_s, shipping},   {u"base_shipping_incl_tax"_s, shipping},
                      {u"shipping_tax_amount"_s, 0},        {u"base_shipping_tax_amount"_s, 0},
                      {u"shipping_discount_amount"_s, 0},   {u"base_shipping_discount_amount"_s, 0},
                      {u"shipping_discount_tax_compensation_amount"_s, 0},
                      {u"base_shipping_discount_tax_compensation_amnt"_s, 0}};
    QJsonObject shippingObj{{u"total"_s, total}};
    if (!allVirtual) {
        shippingObj.insert(u"address"_s, address(u"shipping"_s, entityId * 2 - 1));
        shippingObj.insert(u"method"_s, QString(carrier.code + u'_' + carrier.method));
    }
    order.insert(u"extension_attributes"_s, QJsonObject{
        {u"shipping_assignments"_s, QJsonArray{QJsonObject{{u"shipping"_s, shippingObj}, {u"items"_s, QJsonArray{}}}}},
        {u"payment_additional_info"_s, QJsonArray{QJsonObject{{u"key"_s, u"method_title"_s}, {u"value"_s, title}}}},
        {u"converting_from_quote"_s, true},
    });
    return order;
}

void MagentoStore::setDisplayCurrency(const QString &code, double baseToOrderRate)
{
    m_displayCurrency = code;
    m_displayRate = baseToOrderRate;
    reset();
}

// As a store with a display currency places it: amounts converted and rounded, base_* kept in the base currency.
void MagentoStore::toDisplayCurrency(QJsonObject &order, const QString &code, double rate)
{
    convertAmounts(order, rate);
    order.insert(u"order_currency_code"_s, code);
    order.insert(u"base_to_order_rate"_s, rate);
    order.insert(u"store_to_order_rate"_s, rate);
}

MagentoStore::OrderPlan MagentoStore::planOrder(int entityId) const
{
    OrderPlan plan;
    std::mt19937_64 rng(splitmix(m_seed * 1000003ULL + quint64(entityId)));
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };

    const qint64 created = plan.created = kGeneratedEnd - qint64(m_generated - entityId + 1) * kOrderSpacing + pick(1800);

    Customer &customer = plan.customer;
    const auto &customers = m_catalog.customers;
    if (!customers.isEmpty()) {
        const CatalogCustomer &c = customers.at(pick(int(customers.size())));
        const bool guest = entityId % 5 == 2 || chance(0.35);
        customer.id = guest ? 0 : c.id;
        const CatalogCustomer &who = guest ? customers.at(pick(int(customers.size()))) : c;
        customer.firstname = who.firstname;
        customer.lastname = who.lastname;
        customer.email = guest ? u"guest%1@example.org"_s.arg(entityId) : c.email;
        customer.address = QJsonObject{{u"street"_s, QJsonArray{who.street}}, {u"city"_s, who.city},
                                       {u"postcode"_s, who.postcode}, {u"country_id"_s, who.countryId},
                                       {u"region_code"_s, who.regionCode}, {u"telephone"_s, who.telephone}};
    } else {
        customer.firstname = u"Jane"_s;
        customer.lastname = u"Doe"_s;
        customer.email = u"guest%1@example.org"_s.arg(entityId);
        customer.address = QJsonObject{{u"street"_s, QJsonArray{u"123 Oak Ave"_s}}, {u"city"_s, u"Purchase"_s},
                                       {u"postcode"_s, u"10577"_s}, {u"country_id"_s, u"US"_s},
                                       {u"region_code"_s, u"NY"_s}, {u"telephone"_s, u"512-555-1111"_s}};
    }

    QList<const CatalogProduct *> simples, configurables, bundles, virtuals;
    for (const auto &p : m_catalog.products) {
        if (p.newInCatalog)
            continue; // not yet in the catalog when these orders were placed
        if (p.type == u"configurable"_s)
            configurables.append(&p);
        else if (p.type == u"bundle"_s)
            bundles.append(&p);
        else if (p.type == u"virtual"_s)
            virtuals.append(&p);
        else if (p.parentId == 0)
            simples.append(&p);
    }
    QList<Line> &lines = plan.lines;
    const int lineCount = 1 + pick(3);
    for (int i = 0; i < lineCount && !simples.isEmpty(); ++i) {
        Line line;
        line.qty = 1 + pick(i == 0 ? 3 : 2);
        const int kind = (entityId == 3 && i == 0) ? 1 : (entityId == 4 && i == 0) ? 2 : pick(10);
        if (kind == 1 && !configurables.isEmpty()) {
            line.product = configurables.at(pick(int(configurables.size())));
            line.child = m_catalog.productById(line.product->childIds.at(pick(int(line.product->childIds.size()))));
        } else if (kind == 2 && !bundles.isEmpty()) {
            line.product = bundles.at(pick(int(bundles.size())));
            line.qty = 1;
        } else if (kind == 3 && !virtuals.isEmpty() && i > 0) {
            line.product = virtuals.at(pick(int(virtuals.size())));
            line.qty = 1;
        } else {
            line.product = simples.at(pick(int(simples.size())));
        }
        bool duplicate = false;
        for (const Line &l : lines)
            duplicate = duplicate || l.product == line.product;
        if (!duplicate)
            lines.append(line);
    }
    if (lines.isEmpty() && !m_catalog.products.isEmpty())
        lines.append(Line{&m_catalog.products.first(), nullptr, 1});

    const bool zeroTotal = entityId == 9 || chance(0.03);
    QString &coupon = plan.coupon;
    if (zeroTotal)
        coupon = u"FREE100"_s;
    else if (entityId == 10 || chance(0.2))
        coupon = u"SAVE10"_s;
    static const QString carriers[] = {u"flatrate"_s, u"tablerate"_s, u"freeshipping"_s};
    plan.carrier = zeroTotal ? u"freeshipping"_s : carriers[pick(3)];
    plan.payment = chance(0.3) ? u"banktransfer"_s : u"checkmo"_s;

    static const char16_t *states[] = {u"new", u"pending_payment", u"processing", u"complete",
                                       u"closed", u"canceled", u"holded", u"payment_review"};
    static constexpr int weights[] = {20, 5, 22, 30, 5, 8, 5, 5};
    int stateIndex = entityId - 1;
    if (entityId > 8 && entityId != 9) {
        int roll = pick(100);
        stateIndex = 0;
        while (roll >= weights[stateIndex]) {
            roll -= weights[stateIndex];
            ++stateIndex;
        }
    }
    if (entityId == 9)
        stateIndex = 0;
    plan.target = QString::fromUtf16(states[stateIndex]);
    plan.invoicedAt = created + 3600 + pick(7200);
    plan.shippedAt = plan.invoicedAt + 86400 + pick(86400);
    return plan;
}

QJsonObject MagentoStore::generateOrder(int entityId)
{
    const OrderPlan plan = planOrder(entityId);
    const qint64 created = plan.created;
    const qint64 invoicedAt = plan.invoicedAt;
    const qint64 shippedAt = plan.shippedAt;
    const QString &target = plan.target;
    QJsonObject order = buildOrder(entityId, plan.customer, plan.lines, plan.carrier, plan.coupon, plan.payment,
                                   timestamp(created), entityId);
    if (!m_displayCurrency.isEmpty() && entityId % 5 == 4)
        toDisplayCurrency(order, m_displayCurrency, m_displayRate);
    if (const int views = int(m_storeViews.size()); views > 1)
        assignStore(order, (entityId - 1) % views, (entityId - 1) / views + 1);

    // Walk the order through its life with the same code the API uses, at generated times.
    m_genHistory = entityId * kHistoryIdsPerOrder;
    if (target == u"pending_payment"_s || target == u"payment_review"_s) {
        order.insert(u"state"_s, target);
        order.insert(u"status"_s, target);
    } else if (target == u"processing"_s || target == u"complete"_s || target == u"closed"_s) {
        const QString at = timestamp(invoicedAt);
        (void)invoiceOrder(order, {}, entityId, at);
        order.insert(u"updated_at"_s, at);
        if (target != u"processing"_s) {
            const QString shipAt = timestamp(shippedAt);
            (void)shipOrder(order, QJsonObject{{u"tracks"_s, QJsonArray{QJsonObject{
                                                   {u"track_number"_s, u"1Z%1"_s.arg(entityId, 10, 10, QChar(u'0'))},
                                                   {u"title"_s, u"United Parcel Service"_s},
                                                   {u"carrier_code"_s, u"ups"_s}}}}},
                            entityId, shipAt);
            order.insert(u"updated_at"_s, shipAt);
        }
        if (target == u"closed"_s) {
            const QString at2 = timestamp(shippedAt + 86400 * 3);
            refundOrder(order);
            appendHistory(order, u"We refunded $%1 offline."_s.arg(num(order, u"total_refunded"_s), 0, 'f', 2),
                          u"creditmemo"_s, nextHistoryId(), at2);
            order.insert(u"updated_at"_s, at2);
        }
    } else if (target == u"canceled"_s) {
        const QString at = timestamp(created + 7200);
        cancelOrder(order);
        appendHistory(order, u"Order canceled."_s, u"order"_s, nextHistoryId(), at);
        order.insert(u"updated_at"_s, at);
    } else if (target == u"holded"_s) {
        const QString at = timestamp(created + 5400);
        order.insert(u"hold_before_state"_s, u"new"_s);
        order.insert(u"hold_before_status"_s, u"pending"_s);
        order.insert(u"state"_s, u"holded"_s);
        order.insert(u"status"_s, u"holded"_s);
        appendHistory(order, u"Order put on hold."_s, u"order"_s, nextHistoryId(), at);
        order.insert(u"updated_at"_s, at);
    }
    m_genHistory = 0;
    return order;
}

void MagentoStore::appendHistory(QJsonObject &order, const QString &comment, const QString &entityName,
                                 int historyId, const QString &createdAt, int notified, int visible) const
{
    QJsonArray histories = order.value(u"status_histories"_s).toArray();
    // Magento lists the newest entry first.
    histories.prepend(QJsonObject{{u"comment"_s, comment},
                                  {u"created_at"_s, createdAt},
                                  {u"entity_id"_s, historyId},
                                  {u"entity_name"_s, entityName},
                                  {u"is_customer_notified"_s, notified},
                                  {u"is_visible_on_front"_s, visible},
                                  {u"parent_id"_s, order.value(u"entity_id"_s).toInt()},
                                  {u"status"_s, order.value(u"status"_s).toString()}});
    order.insert(u"status_histories"_s, histories);
}

void MagentoStore::touch(int entityId, QJsonObject &order, const QString &comment, const QString &entityName)
{
    const QString now = nowText();
    order.insert(u"updated_at"_s, now);
    appendHistory(order, comment, entityName, nextHistoryId(), now);
    storeChanged(entityId, order);
    ++m_revision;
}

void MagentoStore::checkComplete(QJsonObject &order) const
{
    const QString state = order.value(u"state"_s).toString();
    if (state != u"new"_s && state != u"processing"_s)
        return;
    const QJsonArray items = order.value(u"items"_s).toArray();
    bool allInvoiced = true, allShipped = true;
    for (const auto &v : items) {
        const QJsonObject it = v.toObject();
        if (it.contains(u"parent_item_id"_s))
            continue;
        const double open = num(it, u"qty_ordered"_s) - num(it, u"qty_canceled"_s);
        if (num(it, u"qty_invoiced"_s) < open)
            allInvoiced = false;
        if (it.value(u"is_virtual"_s).toInt() == 0 && num(it, u"qty_shipped"_s) + num(it, u"qty_refunded"_s) < open)
            allShipped = false;
    }
    if (allInvoiced && allShipped) {
        order.insert(u"state"_s, u"complete"_s);
        order.insert(u"status"_s, u"complete"_s);
    } else if (state == u"new"_s) {
        order.insert(u"state"_s, u"processing"_s);
        order.insert(u"status"_s, u"processing"_s);
    }
}

namespace {

// Quantities per item for an invoice or shipment: `requested` maps item ids to quantities (empty: all
// that is open). Children follow their parent in proportion.
MagentoResult<QHash<int, double>> selectQuantities(const QJsonArray &items, const QJsonArray &requested,
                                                   const std::function<double(const QJsonObject &)> &openQty,
                                                   const std::function<bool(const QJsonObject &)> &eligible,
                                                   const QString &prefix, const QString &tooMany)
{
    QHash<int, QJsonObject> byId;
    for (const auto &v : items)
        byId.insert(v.toObject().value(u"item_id"_s).toInt(), v.toObject());
    QHash<int, double> top;
    if (requested.isEmpty()) {
        for (const auto &v : items) {
            const QJsonObject it = v.toObject();
            if (!it.contains(u"parent_item_id"_s) && eligible(it) && openQty(it) > 0)
                top.insert(it.value(u"item_id"_s).toInt(), openQty(it));
        }
    } else {
        for (const auto &v : requested) {
            const QJsonObject r = v.toObject();
            int id = r.value(u"order_item_id"_s).toInt();
            const double qty = r.value(u"qty"_s).toDouble();
            if (!byId.contains(id))
                return magentoError(400, prefix + u"The order does not contain item with ID %1."_s.arg(id));
            if (byId.value(id).contains(u"parent_item_id"_s))
                id = byId.value(id).value(u"parent_item_id"_s).toInt();
            const QJsonObject it = byId.value(id);
            if (qty <= 0 || !eligible(it))
                continue;
            if (qty + top.value(id) > openQty(it) + 1e-9)
                return magentoError(400, prefix + tooMany.arg(it.value(u"sku"_s).toString()));
            top[id] += qty;
        }
    }
    QHash<int, double> out = top;
    for (const auto &v : items) {
        const QJsonObject it = v.toObject();
        const int parent = it.value(u"parent_item_id"_s).toInt();
        if (parent != 0 && top.contains(parent)) {
            const double ratio = num(it, u"qty_ordered"_s) / std::max(1e-9, num(byId.value(parent), u"qty_ordered"_s));
            out.insert(it.value(u"item_id"_s).toInt(), top.value(parent) * ratio);
        }
    }
    return out;
}

} // namespace

MagentoResult<int> MagentoStore::invoiceOrder(QJsonObject &order, const QJsonObject &body, int invoiceId,
                                              const QString &now)
{
    static const QString prefix = u"Invoice Document Validation Error(s):\n"_s;
    const QString state = order.value(u"state"_s).toString();
    static const QStringList blocked{u"payment_review"_s, u"holded"_s, u"canceled"_s, u"complete"_s, u"closed"_s};
    if (blocked.contains(state))
        return magentoError(400, prefix + u"An invoice cannot be created when an order has a status of %1"_s
                                              .arg(order.value(u"status"_s).toString()));
    QJsonArray items = order.value(u"items"_s).toArray();
    auto openQty = [](const QJsonObject &it) {
        return num(it, u"qty_ordered"_s) - num(it, u"qty_invoiced"_s) - num(it, u"qty_canceled"_s);
    };
    bool anyOpen = false;
    for (const auto &v : items)
        anyOpen = anyOpen || openQty(v.toObject()) > 0;
    if (!anyOpen)
        return magentoError(400, prefix + u"The order does not allow an invoice to be created."_s);
    const auto selected = selectQuantities(
        items, body.value(u"items"_s).toArray(), openQty, [](const QJsonObject &) { return true; }, prefix,
        u"The quantity to invoice must not be greater than the uninvoiced quantity for product SKU \"%1\"."_s);
    if (!selected)
        return std::unexpected(selected.error());
    if (selected->isEmpty())
        return magentoError(400, prefix + u"You can't create an invoice without products."_s);

    const QHash<int, QString> types = typesById(items);
    const int orderId = order.value(u"entity_id"_s).toInt();
    double subtotal = 0, tax = 0, discount = 0, totalQty = 0;
    // Orders in a display currency (--magento-currencies) keep their base_* amounts in the base currency.
    const double baseToOrder = num(order, u"base_to_order_rate"_s) > 0 ? num(order, u"base_to_order_rate"_s) : 1.0;
    auto toBase = [baseToOrder](double v) { return baseToOrder == 1.0 ? v : r2(v / baseToOrder); };
    QJsonArray invoiceItems;
    int k = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject it = items.at(i).toObject();
        const int id = it.value(u"item_id"_s).toInt();
        if (!selected->contains(id))
            continue;
        const double q = selected->value(id);
        const double ordered = num(it, u"qty_ordered"_s);
        const bool last = std::abs(num(it, u"qty_invoiced"_s) + q + num(it, u"qty_canceled"_s) - ordered) < 1e-9;
        double row = 0, t = 0, d = 0;
        if (isPriced(it, types)) {
            row = last ? num(it, u"row_total"_s) - num(it, u"row_invoiced"_s) : r2(num(it, u"row_total"_s) * q / ordered);
            t = last ? num(it, u"tax_amount"_s) - num(it, u"tax_invoiced"_s) : r2(num(it, u"tax_amount"_s) * q / ordered);
            d = last ? num(it, u"discount_amount"_s) - num(it, u"discount_invoiced"_s)
                     : r2(num(it, u"discount_amount"_s) * q / ordered);
            row = r2(row);
            t = r2(t);
            d = r2(d);
            subtotal += row;
            tax += t;
            discount += d;
            add(it, u"row_invoiced"_s, row);
            add(it, u"base_row_invoiced"_s, toBase(row));
            add(it, u"tax_invoiced"_s, t);
            add(it, u"base_tax_invoiced"_s, toBase(t));
            add(it, u"discount_invoiced"_s, d);
            add(it, u"base_discount_invoiced"_s, toBase(d));
        }
        add(it, u"qty_invoiced"_s, q);
        it.insert(u"updated_at"_s, now);
        items.replace(i, it);
        if (!it.contains(u"parent_item_id"_s))
            totalQty += q;
        invoiceItems.append(QJsonObject{
            {u"entity_id"_s, invoiceId * kItemIdsPerOrder + k++}, {u"parent_id"_s, invoiceId},
            {u"order_item_id"_s, id}, {u"product_id"_s, it.value(u"product_id"_s)},
            {u"sku"_s, it.value(u"sku"_s)}, {u"name"_s, it.value(u"name"_s)}, {u"qty"_s, q},
            {u"price"_s, it.value(u"price"_s)}, {u"base_price"_s, it.value(u"base_price"_s)},
            {u"price_incl_tax"_s, it.value(u"price_incl_tax"_s)}, {u"base_price_incl_tax"_s, it.value(u"base_price_incl_tax"_s)},
            {u"row_total"_s, row}, {u"base_row_total"_s, row}, {u"row_total_incl_tax"_s, r2(row + t)},
            {u"base_row_total_incl_tax"_s, r2(row + t)}, {u"tax_amount"_s, t}, {u"base_tax_amount"_s, t},
            {u"discount_amount"_s, d}, {u"base_discount_amount"_s, d}});
    }
    order.insert(u"items"_s, items);

    // The first invoice carries the whole shipping amount.
    const double shipping = num(order, u"shipping_invoiced"_s) > 0 ? 0.0 : num(order, u"shipping_amount"_s);
    subtotal = r2(subtotal);
    tax = r2(tax);
    discount = r2(discount);
    const double grand = r2(subtotal + tax + shipping - discount);
    for (const auto &[key, value] : {std::pair{u"subtotal_invoiced"_s, subtotal}, {u"base_subtotal_invoiced"_s, toBase(subtotal)},
                                     {u"tax_invoiced"_s, tax}, {u"base_tax_invoiced"_s, toBase(tax)},
                                     {u"shipping_invoiced"_s, shipping}, {u"base_shipping_invoiced"_s, toBase(shipping)},
                                     {u"discount_invoiced"_s, -discount}, {u"base_discount_invoiced"_s, toBase(-discount)},
                                     {u"total_invoiced"_s, grand}, {u"base_total_invoiced"_s, toBase(grand)},
                                     {u"total_paid"_s, grand}, {u"base_total_paid"_s, toBase(grand)}})
        add(order, key, value);
    const double due = std::max(0.0, r2(num(order, u"grand_total"_s) - num(order, u"total_paid"_s)));
    order.insert(u"total_due"_s, due);
    order.insert(u"base_total_due"_s, toBase(due));
    QJsonObject payment = order.value(u"payment"_s).toObject();
    add(payment, u"amount_paid"_s, grand);
    add(payment, u"base_amount_paid"_s, toBase(grand));
    add(payment, u"shipping_captured"_s, shipping);
    add(payment, u"base_shipping_captured"_s, toBase(shipping));
    order.insert(u"payment"_s, payment);
    checkComplete(order);

    const int shippingAddressId = orderId * 2 - 1;
    QJsonObject invoice{
        {u"entity_id"_s, invoiceId}, {u"order_id"_s, orderId}, {u"increment_id"_s, incrementId(invoiceId)},
        {u"state"_s, 2}, {u"store_id"_s, order.value(u"store_id"_s)},
        {u"email_sent"_s, body.value(u"notify"_s).toBool() ? 1 : 0},
        {u"can_void_flag"_s, 0}, {u"billing_address_id"_s, orderId * 2},
        {u"base_currency_code"_s, u"USD"_s}, {u"global_currency_code"_s, u"USD"_s},
        {u"order_currency_code"_s, u"USD"_s}, {u"store_currency_code"_s, u"USD"_s},
        {u"base_to_global_rate"_s, 1}, {u"base_to_order_rate"_s, 1}, {u"store_to_base_rate"_s, 0},
        {u"store_to_order_rate"_s, 0}, {u"subtotal"_s, subtotal}, {u"base_subtotal"_s, subtotal},
        {u"subtotal_incl_tax"_s, r2(subtotal + tax)}, {u"base_subtotal_incl_tax"_s, r2(subtotal + tax)},
        {u"tax_amount"_s, tax}, {u"base_tax_amount"_s, tax}, {u"shipping_amount"_s, shipping},
        {u"base_shipping_amount"_s, shipping}, {u"shipping_incl_tax"_s, shipping},
        {u"base_shipping_incl_tax"_s, shipping}, {u"shipping_tax_amount"_s, 0}, {u"base_shipping_tax_amount"_s, 0},
        {u"discount_amount"_s, -discount}, {u"base_discount_amount"_s, -discount}, {u"grand_total"_s, grand},
        {u"base_grand_total"_s, grand}, {u"total_qty"_s, totalQty}, {u"created_at"_s, now}, {u"updated_at"_s, now},
        {u"items"_s, invoiceItems}, {u"comments"_s, QJsonArray{}},
    };
    if (order.value(u"is_virtual"_s).toInt() == 0)
        invoice.insert(u"shipping_address_id"_s, shippingAddressId);
    const QJsonObject comment = body.value(u"comment"_s).toObject();
    if (!comment.value(u"comment"_s).toString().isEmpty()) {
        invoice.insert(u"comments"_s, QJsonArray{QJsonObject{
            {u"entity_id"_s, invoiceId}, {u"parent_id"_s, invoiceId}, {u"comment"_s, comment.value(u"comment"_s)},
            {u"is_visible_on_front"_s, comment.value(u"is_visible_on_front"_s).toInt()},
            {u"is_customer_notified"_s, body.value(u"notify"_s).toBool() ? 1 : 0}, {u"created_at"_s, now}}});
    }
    m_invoices.insert(invoiceId, invoice);
    appendHistory(order, u"Invoice #%1 created for $%2."_s.arg(incrementId(invoiceId)).arg(grand, 0, 'f', 2),
                  u"invoice"_s, nextHistoryId(), now);
    return invoiceId;
}

MagentoResult<int> MagentoStore::shipOrder(QJsonObject &order, const QJsonObject &body, int shipmentId,
                                           const QString &now)
{
    static const QString prefix = u"Shipment Document Validation Error(s):\n"_s;
    const QString state = order.value(u"state"_s).toString();
    static const QStringList blocked{u"payment_review"_s, u"holded"_s, u"canceled"_s};
    if (blocked.contains(state))
        return magentoError(400, prefix + u"A shipment cannot be created when an order has a status of %1"_s
                                              .arg(order.value(u"status"_s).toString()));
    QJsonArray items = order.value(u"items"_s).toArray();
    auto openQty = [](const QJsonObject &it) {
        return num(it, u"qty_ordered"_s) - num(it, u"qty_shipped"_s) - num(it, u"qty_refunded"_s)
               - num(it, u"qty_canceled"_s);
    };
    auto shippable = [](const QJsonObject &it) { return it.value(u"is_virtual"_s).toInt() == 0; };
    bool anyOpen = false;
    for (const auto &v : items) {
        const QJsonObject it = v.toObject();
        anyOpen = anyOpen || (!it.contains(u"parent_item_id"_s) && shippable(it) && openQty(it) > 0);
    }
    if (!anyOpen || state == u"complete"_s || state == u"closed"_s)
        return magentoError(400, prefix + u"The order does not allow a shipment to be created."_s);
    const auto selected = selectQuantities(
        items, body.value(u"items"_s).toArray(), openQty, shippable, prefix,
        u"The quantity to ship must not be greater than the unshipped quantity for product SKU \"%1\"."_s);
    if (!selected)
        return std::unexpected(selected.error());
    if (selected->isEmpty())
        return magentoError(400, prefix + u"You can't create a shipment without products."_s);

    const int orderId = order.value(u"entity_id"_s).toInt();
    QJsonArray shipmentItems;
    double totalQty = 0, totalWeight = 0;
    int k = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject it = items.at(i).toObject();
        const int id = it.value(u"item_id"_s).toInt();
        if (!selected->contains(id))
            continue;
        const double q = selected->value(id);
        add(it, u"qty_shipped"_s, q);
        it.insert(u"updated_at"_s, now);
        items.replace(i, it);
        if (!it.contains(u"parent_item_id"_s)) {
            totalQty += q;
            totalWeight += num(it, u"weight"_s) * q;
        }
        shipmentItems.append(QJsonObject{
            {u"entity_id"_s, shipmentId * kItemIdsPerOrder + k++}, {u"parent_id"_s, shipmentId},
            {u"order_item_id"_s, id}, {u"product_id"_s, it.value(u"product_id"_s)}, {u"sku"_s, it.value(u"sku"_s)},
            {u"name"_s, it.value(u"name"_s)}, {u"qty"_s, q}, {u"price"_s, it.value(u"price"_s)},
            {u"weight"_s, it.value(u"weight"_s)}, {u"row_total"_s, it.value(u"row_total"_s)}});
    }
    order.insert(u"items"_s, items);
    checkComplete(order);

    QJsonArray tracks;
    int t = 0;
    for (const auto &v : body.value(u"tracks"_s).toArray()) {
        const QJsonObject tr = v.toObject();
        tracks.append(QJsonObject{{u"entity_id"_s, shipmentId * 4 + t++}, {u"parent_id"_s, shipmentId},
                                  {u"order_id"_s, orderId}, {u"track_number"_s, tr.value(u"track_number"_s)},
                                  {u"title"_s, tr.value(u"title"_s)}, {u"carrier_code"_s, tr.value(u"carrier_code"_s)},
                                  {u"weight"_s, QJsonValue::Null}, {u"qty"_s, QJsonValue::Null},
                                  {u"description"_s, QJsonValue::Null}, {u"created_at"_s, now},
                                  {u"updated_at"_s, now}});
    }
    QJsonArray comments;
    const QJsonObject comment = body.value(u"comment"_s).toObject();
    if (!comment.value(u"comment"_s).toString().isEmpty()) {
        comments.append(QJsonObject{{u"entity_id"_s, shipmentId}, {u"parent_id"_s, shipmentId},
                                    {u"comment"_s, comment.value(u"comment"_s)},
                                    {u"is_visible_on_front"_s, comment.value(u"is_visible_on_front"_s).toInt()},
                                    {u"is_customer_notified"_s, body.value(u"notify"_s).toBool() ? 1 : 0},
                                    {u"created_at"_s, now}});
    }
    QJsonObject shipment{{u"entity_id"_s, shipmentId}, {u"order_id"_s, orderId},
                         {u"increment_id"_s, incrementId(shipmentId)}, {u"store_id"_s, order.value(u"store_id"_s)},
                         {u"billing_address_id"_s, orderId * 2}, {u"shipping_address_id"_s, orderId * 2 - 1},
                         {u"total_qty"_s, totalQty}, {u"total_weight"_s, r2(totalWeight)},
                         {u"email_sent"_s, body.value(u"notify"_s).toBool() ? 1 : 0},
                         {u"created_at"_s, now}, {u"updated_at"_s, now}, {u"items"_s, shipmentItems},
                         {u"tracks"_s, tracks}, {u"comments"_s, comments}, {u"packages"_s, QJsonArray{}}};
    if (order.contains(u"customer_id"_s))
        shipment.insert(u"customer_id"_s, order.value(u"customer_id"_s));
    m_shipments.insert(shipmentId, shipment);
    appendHistory(order, u"Shipment #%1 created."_s.arg(incrementId(shipmentId)), u"shipment"_s, nextHistoryId(), now);
    return shipmentId;
}

bool MagentoStore::cancelOrder(QJsonObject &order)
{
    const QString state = order.value(u"state"_s).toString();
    static const QStringList blocked{u"canceled"_s, u"complete"_s, u"closed"_s, u"holded"_s, u"payment_review"_s};
    if (blocked.contains(state))
        return false;
    QJsonArray items = order.value(u"items"_s).toArray();
    bool anyOpen = false;
    for (const auto &v : items) {
        const QJsonObject it = v.toObject();
        anyOpen = anyOpen || num(it, u"qty_ordered"_s) - num(it, u"qty_invoiced"_s) - num(it, u"qty_canceled"_s) > 0;
    }
    if (!anyOpen)
        return false;
    const QHash<int, QString> types = typesById(items);
    double subtotal = 0, tax = 0, discount = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject it = items.at(i).toObject();
        const double open = num(it, u"qty_ordered"_s) - num(it, u"qty_invoiced"_s) - num(it, u"qty_canceled"_s);
        if (open <= 0)
            continue;
        if (isPriced(it, types)) {
            subtotal += num(it, u"row_total"_s) - num(it, u"row_invoiced"_s);
            tax += num(it, u"tax_amount"_s) - num(it, u"tax_invoiced"_s);
            discount += num(it, u"discount_amount"_s) - num(it, u"discount_invoiced"_s);
        }
        add(it, u"qty_canceled"_s, open);
        items.replace(i, it);
    }
    order.insert(u"items"_s, items);
    const double shipping = num(order, u"shipping_amount"_s) - num(order, u"shipping_invoiced"_s);
    for (const auto &[key, value] : {std::pair{u"subtotal_canceled"_s, subtotal}, {u"base_subtotal_canceled"_s, subtotal},
                                     {u"tax_canceled"_s, tax}, {u"base_tax_canceled"_s, tax},
                                     {u"shipping_canceled"_s, shipping}, {u"base_shipping_canceled"_s, shipping},
                                     {u"discount_canceled"_s, -discount}, {u"base_discount_canceled"_s, -discount}})
        add(order, key, value);
    const double canceled = r2(num(order, u"grand_total"_s) - num(order, u"total_invoiced"_s));
    order.insert(u"total_canceled"_s, canceled);
    order.insert(u"base_total_canceled"_s, canceled);
    order.insert(u"state"_s, u"canceled"_s);
    order.insert(u"status"_s, u"canceled"_s);
    QJsonObject payment = order.value(u"payment"_s).toObject();
    payment.insert(u"amount_canceled"_s, canceled);
    payment.insert(u"base_amount_canceled"_s, canceled);
    order.insert(u"payment"_s, payment);
    return true;
}

void MagentoStore::refundOrder(QJsonObject &order)
{
    QJsonArray items = order.value(u"items"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject it = items.at(i).toObject();
        it.insert(u"qty_refunded"_s, num(it, u"qty_invoiced"_s));
        it.insert(u"amount_refunded"_s, num(it, u"row_invoiced"_s));
        it.insert(u"base_amount_refunded"_s, num(it, u"row_invoiced"_s));
        items.replace(i, it);
    }
    order.insert(u"items"_s, items);
    const double paid = num(order, u"total_paid"_s);
    for (const auto &[key, from] : {std::pair{u"total_refunded"_s, u"total_paid"_s},
                                    {u"base_total_refunded"_s, u"base_total_paid"_s},
                                    {u"total_offline_refunded"_s, u"total_paid"_s},
                                    {u"base_total_offline_refunded"_s, u"base_total_paid"_s},
                                    {u"subtotal_refunded"_s, u"subtotal_invoiced"_s},
                                    {u"base_subtotal_refunded"_s, u"base_subtotal_invoiced"_s},
                                    {u"tax_refunded"_s, u"tax_invoiced"_s},
                                    {u"base_tax_refunded"_s, u"base_tax_invoiced"_s},
                                    {u"shipping_refunded"_s, u"shipping_invoiced"_s},
                                    {u"base_shipping_refunded"_s, u"base_shipping_invoiced"_s},
                                    {u"discount_refunded"_s, u"discount_invoiced"_s},
                                    {u"base_discount_refunded"_s, u"base_discount_invoiced"_s}})
        order.insert(key, num(order, from));
    QJsonObject payment = order.value(u"payment"_s).toObject();
    payment.insert(u"amount_refunded"_s, paid);
    payment.insert(u"base_amount_refunded"_s, paid);
    order.insert(u"payment"_s, payment);
    order.insert(u"state"_s, u"closed"_s);
    order.insert(u"status"_s, u"closed"_s);
}

static MagentoError notFound()
{
    return MagentoError{404, u"The entity that was requested doesn't exist. Verify the entity and try again."_s, {}};
}

MagentoResult<int> MagentoStore::invoice(int orderId, const QJsonObject &body)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    QJsonObject order = orderCore(orderId);
    const auto r = invoiceOrder(order, body, m_nextInvoiceId, nowText());
    if (!r)
        return r;
    m_createdInvoices.insert(m_nextInvoiceId++);
    // invoiceOrder already appended its history entry: only bump and store.
    const QString now = nowText();
    order.insert(u"updated_at"_s, now);
    storeChanged(orderId, order);
    ++m_revision;
    return r;
}

MagentoResult<int> MagentoStore::ship(int orderId, const QJsonObject &body)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    QJsonObject order = orderCore(orderId);
    const auto r = shipOrder(order, body, m_nextShipmentId, nowText());
    if (!r)
        return r;
    m_createdShipments.insert(m_nextShipmentId++);
    order.insert(u"updated_at"_s, nowText());
    storeChanged(orderId, order);
    ++m_revision;
    return r;
}

MagentoResult<bool> MagentoStore::cancel(int orderId)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    QJsonObject order = orderCore(orderId);
    if (!cancelOrder(order))
        return false;
    touch(orderId, order, u"Order canceled."_s, u"order"_s);
    return true;
}

MagentoResult<bool> MagentoStore::hold(int orderId)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    QJsonObject order = orderCore(orderId);
    const QString state = order.value(u"state"_s).toString();
    static const QStringList blocked{u"canceled"_s, u"complete"_s, u"closed"_s, u"holded"_s, u"payment_review"_s};
    if (blocked.contains(state))
        return magentoError(400, u"A hold action is not available."_s);
    order.insert(u"hold_before_state"_s, state);
    order.insert(u"hold_before_status"_s, order.value(u"status"_s));
    order.insert(u"state"_s, u"holded"_s);
    order.insert(u"status"_s, u"holded"_s);
    touch(orderId, order, u"Order put on hold."_s, u"order"_s);
    return true;
}

MagentoResult<bool> MagentoStore::unhold(int orderId)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    QJsonObject order = orderCore(orderId);
    if (order.value(u"state"_s).toString() != u"holded"_s)
        return magentoError(400, u"You cannot remove the hold."_s);
    order.insert(u"state"_s, order.value(u"hold_before_state"_s).toString(u"new"_s));
    order.insert(u"status"_s, order.value(u"hold_before_status"_s).toString(u"pending"_s));
    order.remove(u"hold_before_state"_s);
    order.remove(u"hold_before_status"_s);
    touch(orderId, order, u"Order released from hold."_s, u"order"_s);
    return true;
}

MagentoResult<bool> MagentoStore::addComment(int orderId, const QJsonObject &statusHistory)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    for (const QString &field : {u"comment"_s, u"is_customer_notified"_s, u"is_visible_on_front"_s, u"parent_id"_s}) {
        if (!statusHistory.contains(field) || statusHistory.value(field).isNull())
            return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s, QJsonObject{{u"fieldName"_s, field}});
    }
    QJsonObject order = orderCore(orderId);
    const QString status = statusHistory.value(u"status"_s).toString();
    if (!status.isEmpty() && status != order.value(u"status"_s).toString())
        return magentoError(400, u"Unable to add comment: The status \"%1\" is not part of the order status history."_s,
                            QJsonArray{status});
    // The status stays, so the order row is unchanged: Magento's version-controlled save writes only the
    // history row and updated_at keeps its value (see README, "Comments").
    const QString now = nowText();
    appendHistory(order, statusHistory.value(u"comment"_s).toString(), u"order"_s, nextHistoryId(), now,
                  statusHistory.value(u"is_customer_notified"_s).toInt(),
                  statusHistory.value(u"is_visible_on_front"_s).toInt());
    storeChanged(orderId, order);
    ++m_revision;
    return true;
}

// ---- Storefront guest checkout ----------------------------------------------------------------

QString MagentoStore::createGuestCart(int storeIndex)
{
    QString id;
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 32; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    Cart cart;
    cart.quoteId = m_nextQuoteId++;
    cart.storeIndex = storeIndex;
    m_carts.insert(id, cart);
    return id;
}

MagentoStore::Cart *MagentoStore::activeCart(const QString &cartId, MagentoError *error)
{
    auto it = m_carts.find(cartId);
    if (it == m_carts.end() || !it->active) {
        *error = MagentoError{404, u"No such entity with %fieldName = %fieldValue"_s,
                              QJsonObject{{u"fieldName"_s, u"cartId"_s}, {u"fieldValue"_s, cartId}}};
        return nullptr;
    }
    return &*it;
}

MagentoResult<QJsonObject> MagentoStore::addCartItem(const QString &cartId, const QJsonObject &cartItem)
{
    MagentoError error;
    Cart *cart = activeCart(cartId, &error);
    if (!cart)
        return std::unexpected(error);
    const QString sku = cartItem.value(u"sku"_s).toString();
    const double qty = cartItem.value(u"qty"_s).toDouble();
    if (sku.isEmpty())
        return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s, QJsonObject{{u"fieldName"_s, u"sku"_s}});
    if (qty <= 0)
        return magentoError(400, u"The qty value is required to update quote item."_s);
    const CatalogProduct *product = m_catalog.productBySku(sku);
    if (!product)
        return magentoError(404, u"The product that was requested doesn't exist. Verify the product and try again."_s);
    Line line{product, nullptr, qty};
    if (product->type == u"configurable"_s) {
        const QJsonArray options = cartItem.value(u"product_option"_s).toObject().value(u"extension_attributes"_s)
                                       .toObject().value(u"configurable_item_options"_s).toArray();
        for (const auto &o : options) {
            const int value = o.toObject().value(u"option_value"_s).toVariant().toInt();
            for (int cid : product->childIds) {
                if (m_catalog.productById(cid)->optionValue == value)
                    line.child = m_catalog.productById(cid);
            }
        }
        if (!line.child)
            return magentoError(400, u"You need to choose options for your item."_s);
    }
    cart->lines.append(line);
    const int itemId = m_nextCartItemId++;
    cart->itemIds.append(itemId);
    const double price = line.child ? line.child->price : product->price;
    ++m_revision;
    return QJsonObject{{u"item_id"_s, itemId}, {u"sku"_s, line.child ? line.child->sku : product->sku},
                       {u"qty"_s, qty}, {u"name"_s, product->name}, {u"price"_s, price},
                       {u"product_type"_s, product->type}, {u"quote_id"_s, QString::number(cart->quoteId)}};
}

MagentoResult<QJsonArray> MagentoStore::cartItems(const QString &cartId)
{
    MagentoError error;
    Cart *cart = activeCart(cartId, &error);
    if (!cart)
        return std::unexpected(error);
    QJsonArray out;
    for (qsizetype i = 0; i < cart->lines.size(); ++i) {
        const Line &l = cart->lines.at(i);
        out.append(QJsonObject{{u"item_id"_s, cart->itemIds.at(i)},
                               {u"sku"_s, l.child ? l.child->sku : l.product->sku}, {u"qty"_s, l.qty},
                               {u"name"_s, l.product->name}, {u"price"_s, l.child ? l.child->price : l.product->price},
                               {u"product_type"_s, l.product->type}, {u"quote_id"_s, QString::number(cart->quoteId)}});
    }
    return out;
}

MagentoResult<QJsonObject> MagentoStore::cartTotals(const Cart &cart) const
{
    Customer c;
    c.email = u"quote@example.org"_s;
    c.address = cart.shippingAddress;
    const QJsonObject preview = buildOrder(1, c, cart.lines, cart.carrier, {}, u"checkmo"_s, nowText(), cart.quoteId);
    QJsonArray items;
    double qty = 0;
    for (const auto &v : preview.value(u"items"_s).toArray()) {
        const QJsonObject it = v.toObject();
        if (it.contains(u"parent_item_id"_s))
            continue;
        qty += num(it, u"qty_ordered"_s);
        items.append(QJsonObject{{u"item_id"_s, it.value(u"item_id"_s)}, {u"price"_s, it.value(u"price"_s)},
                                 {u"base_price"_s, it.value(u"base_price"_s)}, {u"qty"_s, it.value(u"qty_ordered"_s)},
                                 {u"row_total"_s, it.value(u"row_total"_s)},
                                 {u"base_row_total"_s, it.value(u"base_row_total"_s)},
                                 {u"tax_amount"_s, it.value(u"tax_amount"_s)},
                                 {u"tax_percent"_s, it.value(u"tax_percent"_s)},
                                 {u"price_incl_tax"_s, it.value(u"price_incl_tax"_s)},
                                 {u"row_total_incl_tax"_s, it.value(u"row_total_incl_tax"_s)},
                                 {u"discount_amount"_s, 0}, {u"name"_s, it.value(u"name"_s)},
                                 {u"options"_s, u"[]"_s}, {u"weee_tax_applied_amount"_s, QJsonValue::Null},
                                 {u"weee_tax_applied"_s, QJsonValue::Null}});
    }
    const double grand = num(preview, u"grand_total"_s);
    const double subtotal = num(preview, u"subtotal"_s);
    const double shipping = num(preview, u"shipping_amount"_s);
    const double tax = num(preview, u"tax_amount"_s);
    return QJsonObject{
        {u"grand_total"_s, grand}, {u"base_grand_total"_s, grand}, {u"subtotal"_s, subtotal},
        {u"base_subtotal"_s, subtotal}, {u"discount_amount"_s, 0}, {u"base_discount_amount"_s, 0},
        {u"subtotal_with_discount"_s, subtotal}, {u"base_subtotal_with_discount"_s, subtotal},
        {u"shipping_amount"_s, shipping}, {u"base_shipping_amount"_s, shipping},
        {u"shipping_discount_amount"_s, 0}, {u"base_shipping_discount_amount"_s, 0},
        {u"tax_amount"_s, tax}, {u"base_tax_amount"_s, tax}, {u"weee_tax_applied_amount"_s, QJsonValue::Null},
        {u"shipping_tax_amount"_s, 0}, {u"base_shipping_tax_amount"_s, 0},
        {u"subtotal_incl_tax"_s, r2(subtotal + tax)}, {u"base_subtotal_incl_tax"_s, r2(subtotal + tax)},
        {u"shipping_incl_tax"_s, shipping}, {u"base_shipping_incl_tax"_s, shipping},
        {u"base_currency_code"_s, u"USD"_s}, {u"quote_currency_code"_s, u"USD"_s}, {u"items_qty"_s, qty},
        {u"items"_s, items},
        {u"total_segments"_s, QJsonArray{
            QJsonObject{{u"code"_s, u"subtotal"_s}, {u"title"_s, u"Subtotal"_s}, {u"value"_s, subtotal}},
            QJsonObject{{u"code"_s, u"shipping"_s}, {u"title"_s, u"Shipping & Handling"_s}, {u"value"_s, shipping}},
            QJsonObject{{u"code"_s, u"tax"_s}, {u"title"_s, u"Tax"_s}, {u"value"_s, tax}},
            QJsonObject{{u"code"_s, u"grand_total"_s}, {u"title"_s, u"Grand Total"_s}, {u"value"_s, grand},
                        {u"area"_s, u"footer"_s}}}},
    };
}

namespace {

MagentoResult<void> checkAddress(const QJsonObject &a)
{
    for (const QString &field : {u"firstname"_s, u"lastname"_s, u"street"_s, u"city"_s, u"telephone"_s,
                                 u"postcode"_s, u"country_id"_s}) {
        const QJsonValue v = a.value(field);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())
            || (v.isArray() && v.toArray().isEmpty()))
            return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s,
                                QJsonObject{{u"fieldName"_s, field}});
    }
    return {};
}

} // namespace

MagentoResult<QJsonObject> MagentoStore::setShippingInformation(const QString &cartId,
                                                                const QJsonObject &addressInformation)
{
    MagentoError error;
    Cart *cart = activeCart(cartId, &error);
    if (!cart)
        return std::unexpected(error);
    if (cart->lines.isEmpty())
        return magentoError(400, u"The shipping method can't be set for an empty cart. Add an item to cart and try again."_s);
    const QJsonObject address = addressInformation.value(u"shipping_address"_s).toObject();
    if (address.isEmpty())
        return magentoError(400, u"The shipping address is missing. Set the address and try again."_s);
    if (const auto ok = checkAddress(address); !ok)
        return std::unexpected(ok.error());
    const QString carrier = addressInformation.value(u"shipping_carrier_code"_s).toString();
    const QString method = addressInformation.value(u"shipping_method_code"_s).toString();
    const bool known = (carrier == u"flatrate"_s && method == u"flatrate"_s)
                       || (carrier == u"freeshipping"_s && method == u"freeshipping"_s);
    if (!known)
        return magentoError(400, u"Carrier with such method not found: %1, %2"_s, QJsonArray{carrier, method});
    cart->shippingAddress = address;
    cart->billingAddress = addressInformation.value(u"billing_address"_s).toObject();
    cart->carrier = carrier;
    cart->method = method;
    const auto totals = cartTotals(*cart);
    if (!totals)
        return std::unexpected(totals.error());
    ++m_revision;
    return QJsonObject{{u"payment_methods"_s,
                        QJsonArray{QJsonObject{{u"code"_s, u"checkmo"_s}, {u"title"_s, u"Check / Money order"_s}},
                                   QJsonObject{{u"code"_s, u"banktransfer"_s}, {u"title"_s, u"Bank Transfer Payment"_s}}}},
                       {u"totals"_s, *totals}};
}

MagentoResult<int> MagentoStore::placeGuestOrder(const QString &cartId, const QJsonObject &body)
{
    MagentoError error;
    Cart *cart = activeCart(cartId, &error);
    if (!cart)
        return std::unexpected(error);
    const QString email = body.value(u"email"_s).toString();
    if (email.isEmpty())
        return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s, QJsonObject{{u"fieldName"_s, u"email"_s}});
    const QString method = body.value(u"paymentMethod"_s).toObject().value(u"method"_s).toString();
    if (method.isEmpty())
        return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s, QJsonObject{{u"fieldName"_s, u"paymentMethod"_s}});
    if (method != u"checkmo"_s && method != u"banktransfer"_s)
        return magentoError(400, u"The requested Payment Method is not available."_s);
    if (cart->lines.isEmpty())
        return magentoError(400, u"A server error stopped your order from being placed. Please try to place your order again."_s);
    bool allVirtual = true;
    for (const Line &l : cart->lines)
        allVirtual = allVirtual && l.product->type == u"virtual"_s;
    QJsonObject billing = body.value(u"billingAddress"_s).toObject();
    if (billing.isEmpty())
        billing = cart->billingAddress.isEmpty() ? cart->shippingAddress : cart->billingAddress;
    if (!allVirtual && cart->carrier.isEmpty())
        return magentoError(400, u"The shipping method is missing. Select the shipping method and try again."_s);
    if (billing.isEmpty())
        return magentoError(400, u"Please check the billing address information. %1"_s,
                            QJsonArray{u"\"firstname\" is required. Enter and try again."_s});
    if (const auto ok = checkAddress(billing); !ok)
        return std::unexpected(ok.error());

    Customer customer;
    customer.email = email;
    const QJsonObject &addr = cart->shippingAddress.isEmpty() ? billing : cart->shippingAddress;
    customer.firstname = addr.value(u"firstname"_s).toString();
    customer.lastname = addr.value(u"lastname"_s).toString();
    customer.address = QJsonObject{{u"street"_s, addr.value(u"street"_s)}, {u"city"_s, addr.value(u"city"_s)},
                                   {u"postcode"_s, addr.value(u"postcode"_s)}, {u"country_id"_s, addr.value(u"country_id"_s)},
                                   {u"region_code"_s, addr.value(u"region_code"_s)},
                                   {u"telephone"_s, addr.value(u"telephone"_s)}};
    const int entityId = orderCount() + 1;
    Slot s;
    s.core = buildOrder(entityId, customer, cart->lines, cart->carrier.isEmpty() ? u"flatrate"_s : cart->carrier, {},
                        method, nowText(), cart->quoteId);
    if (m_storeViews.size() > 1)
        assignStore(s.core, cart->storeIndex, nextSequence(cart->storeIndex));
    s.materialized = true;
    s.dirty = true;
    m_slots.push_back(std::move(s));
    ++m_materialized;
    m_searchIndex.update(entityId, m_slots.back().core);
    cart->active = false;
    ++m_revision;
    return entityId;
}

void MagentoStore::assignStore(QJsonObject &order, int storeIndex, int sequence) const
{
    const StoreView &view = m_storeViews.at(qBound(0, storeIndex, int(m_storeViews.size()) - 1));
    order.insert(u"store_id"_s, view.id);
    order.insert(u"store_name"_s, QString(u"Main Website\nMain Website Store\n"_s + view.name));
    order.insert(u"increment_id"_s, incrementId(sequence));
    QJsonArray items = order.value(u"items"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        item.insert(u"store_id"_s, view.id);
        items.replace(i, item);
    }
    order.insert(u"items"_s, items);
}

int MagentoStore::nextSequence(int storeIndex) const
{
    // Generated orders take turns over the store views; placed ones follow in their own view.
    const int views = int(m_storeViews.size());
    int count = m_generated > storeIndex ? (m_generated - storeIndex + views - 1) / views : 0;
    const int storeId = m_storeViews.at(storeIndex).id;
    for (size_t i = size_t(m_generated); i < m_slots.size(); ++i)
        count += m_slots[i].core.value(u"store_id"_s).toInt() == storeId ? 1 : 0;
    return count + 1;
}

MagentoResult<int> MagentoStore::placeLargeOrder(int lines)
{
    QList<const CatalogProduct *> simples;
    for (const auto &p : m_catalog.products) {
        if (p.type == u"simple"_s && p.parentId == 0)
            simples.append(&p);
    }
    if (lines < 1 || lines > 5000 || simples.isEmpty())
        return magentoError(400, u"\"lines\" must be between 1 and 5000."_s);
    QList<Line> orderLines;
    for (int i = 0; i < lines; ++i)
        orderLines.append(Line{simples.at(i % simples.size()), nullptr, double(1 + i % 3)});
    Customer customer;
    customer.email = u"large-order@example.org"_s;
    customer.firstname = u"Lara"_s;
    customer.lastname = u"Ge"_s;
    customer.address = QJsonObject{{u"street"_s, QJsonArray{u"1 Long Row"_s}}, {u"city"_s, u"Austin"_s},
                                   {u"postcode"_s, u"78701"_s}, {u"country_id"_s, u"US"_s},
                                   {u"region_code"_s, u"TX"_s}, {u"telephone"_s, u"512-555-0100"_s}};
    const int entityId = orderCount() + 1;
    Slot s;
    s.core = buildOrder(entityId, customer, orderLines, u"flatrate"_s, {}, u"checkmo"_s, nowText(), 0);
    if (m_storeViews.size() > 1)
        assignStore(s.core, 0, nextSequence(0));
    s.materialized = true;
    s.dirty = true;
    m_slots.push_back(std::move(s));
    ++m_materialized;
    m_searchIndex.update(entityId, m_slots.back().core);
    ++m_revision;
    return entityId;
}

MagentoResult<bool> MagentoStore::backdate(int orderId, qint64 seconds)
{
    if (!hasOrder(orderId))
        return std::unexpected(notFound());
    if (seconds < 0 || seconds > 10LL * 365 * 86400)
        return magentoError(400, u"\"backdate_seconds\" must be between 0 and 315360000."_s);
    QJsonObject order = orderCore(orderId);
    const QString at = timestamp(QDateTime::currentSecsSinceEpoch() - seconds);
    order.insert(u"created_at"_s, at);
    order.insert(u"updated_at"_s, at);
    storeChanged(orderId, order);
    ++m_revision;
    return true;
}

// ---- Catalog -------------------------------------------------------------------------------

QJsonObject MagentoStore::productJson(const CatalogProduct &p) const
{
    static const QString created = timestamp(kGeneratedEnd - 400LL * 86400);
    QJsonObject ext{{u"website_ids"_s, QJsonArray{1}}};
    if (p.type == u"configurable"_s) {
        QJsonArray links;
        for (int id : p.childIds)
            links.append(id);
        ext.insert(u"configurable_product_links"_s, links);
    }
    QJsonObject o{{u"id"_s, p.id},
                  {u"sku"_s, p.sku},
                  {u"name"_s, p.name},
                  {u"attribute_set_id"_s, 4},
                  {u"price"_s, p.type == u"bundle"_s ? 0.0 : p.price},
                  {u"status"_s, 1},
                  {u"visibility"_s, p.parentId != 0 ? 1 : 4},
                  {u"type_id"_s, p.type},
                  {u"created_at"_s, created},
                  {u"updated_at"_s, created},
                  {u"extension_attributes"_s, ext},
                  {u"product_links"_s, QJsonArray{}},
                  {u"options"_s, QJsonArray{}},
                  {u"media_gallery_entries"_s, QJsonArray{}},
                  {u"tier_prices"_s, QJsonArray{}},
                  {u"custom_attributes"_s,
                   QJsonArray{QJsonObject{{u"attribute_code"_s, u"url_key"_s},
                                          {u"value"_s, p.sku.toLower()}},
                              QJsonObject{{u"attribute_code"_s, u"tax_class_id"_s}, {u"value"_s, u"2"_s}}}}};
    if (p.type != u"virtual"_s && p.type != u"configurable"_s && p.type != u"bundle"_s)
        o.insert(u"weight"_s, p.weight);
    if (p.type == u"bundle"_s) {
        QJsonArray attrs = o.value(u"custom_attributes"_s).toArray();
        attrs.append(QJsonObject{{u"attribute_code"_s, u"sku_type"_s}, {u"value"_s, p.dynamicSku ? u"0"_s : u"1"_s}});
        o.insert(u"custom_attributes"_s, attrs);
    }
    if (!p.optionLabel.isEmpty()) {
        QJsonArray attrs = o.value(u"custom_attributes"_s).toArray();
        attrs.append(QJsonObject{{u"attribute_code"_s, u"size"_s}, {u"value"_s, QString::number(p.optionValue)}});
        o.insert(u"custom_attributes"_s, attrs);
    }
    return o;
}

QJsonObject MagentoStore::customerJson(const CatalogCustomer &c) const
{
    static const QString created = timestamp(kGeneratedEnd - 500LL * 86400);
    QJsonObject address{{u"id"_s, c.id},
                        {u"customer_id"_s, c.id},
                        {u"firstname"_s, c.firstname},
                        {u"lastname"_s, c.lastname},
                        {u"street"_s, QJsonArray{c.street}},
                        {u"city"_s, c.city},
                        {u"postcode"_s, c.postcode},
                        {u"country_id"_s, c.countryId},
                        {u"telephone"_s, c.telephone},
                        {u"default_billing"_s, true},
                        {u"default_shipping"_s, true}};
    const Region *region = c.countryId == u"US"_s ? regionByCode(c.regionCode) : nullptr;
    address.insert(u"region_id"_s, region ? region->id : 0);
    address.insert(u"region"_s, QJsonObject{{u"region_code"_s, region ? QString::fromUtf16(region->code) : QJsonValue()},
                                            {u"region"_s, region ? QString::fromUtf16(region->name) : QJsonValue()},
                                            {u"region_id"_s, region ? region->id : 0}});
    return QJsonObject{{u"id"_s, c.id},
                       {u"group_id"_s, 1},
                       {u"default_billing"_s, QString::number(c.id)},
                       {u"default_shipping"_s, QString::number(c.id)},
                       {u"created_at"_s, created},
                       {u"updated_at"_s, created},
                       {u"created_in"_s, u"Default Store View"_s},
                       {u"email"_s, c.email},
                       {u"firstname"_s, c.firstname},
                       {u"lastname"_s, c.lastname},
                       {u"store_id"_s, 1},
                       {u"website_id"_s, 1},
                       {u"addresses"_s, QJsonArray{address}},
                       {u"disable_auto_group_change"_s, 0},
                       {u"extension_attributes"_s, QJsonObject{{u"is_subscribed"_s, false}}}};
}

// ---- Persistence -----------------------------------------------------------------------------

QJsonObject MagentoStore::toState() const
{
    QJsonArray orders;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const Slot &s = m_slots[i];
        if (s.dirty)
            orders.append(s.core);
    }
    QJsonArray invoices, shipments;
    for (int id : m_createdInvoices)
        invoices.append(m_invoices.value(id));
    for (int id : m_createdShipments)
        shipments.append(m_shipments.value(id));
    return QJsonObject{{u"version"_s, 1},
                       {u"seed"_s, QString::number(m_seed)},
                       {u"generated_orders"_s, m_generated},
                       {u"order_count"_s, orderCount()},
                       {u"next_invoice_id"_s, m_nextInvoiceId},
                       {u"next_shipment_id"_s, m_nextShipmentId},
                       {u"next_history_id"_s, m_nextHistoryId},
                       {u"next_quote_id"_s, m_nextQuoteId},
                       {u"next_cart_item_id"_s, m_nextCartItemId},
                       {u"orders"_s, orders},
                       {u"invoices"_s, invoices},
                       {u"shipments"_s, shipments}};
}

bool MagentoStore::fromState(const QJsonObject &state, QString *error)
{
    if (state.value(u"version"_s).toInt() != 1) {
        *error = u"unknown state file version; delete the file to start from the seeded store"_s;
        return false;
    }
    m_seed = state.value(u"seed"_s).toString().toULongLong();
    m_generated = state.value(u"generated_orders"_s).toInt();
    reset();
    const int count = state.value(u"order_count"_s).toInt();
    if (count < m_generated) {
        *error = u"state file lists fewer orders than it generated; delete the file"_s;
        return false;
    }
    m_slots.resize(size_t(count));
    for (const auto &v : state.value(u"orders"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const int id = o.value(u"entity_id"_s).toInt();
        if (id < 1 || id > count)
            continue;
        if (id <= m_generated)
            materialize(id); // recreates the order's generated invoice and shipment
        Slot &s = slot(id);
        if (!s.materialized)
            ++m_materialized;
        s.materialized = true;
        storeChanged(id, o);
    }
    for (const auto &v : state.value(u"invoices"_s).toArray()) {
        const int id = v.toObject().value(u"entity_id"_s).toInt();
        m_invoices.insert(id, v.toObject());
        m_createdInvoices.insert(id);
    }
    for (const auto &v : state.value(u"shipments"_s).toArray()) {
        const int id = v.toObject().value(u"entity_id"_s).toInt();
        m_shipments.insert(id, v.toObject());
        m_createdShipments.insert(id);
    }
    m_nextInvoiceId = state.value(u"next_invoice_id"_s).toInt(m_nextInvoiceId);
    m_nextShipmentId = state.value(u"next_shipment_id"_s).toInt(m_nextShipmentId);
    m_nextHistoryId = state.value(u"next_history_id"_s).toInt(m_nextHistoryId);
    m_nextQuoteId = state.value(u"next_quote_id"_s).toInt(m_nextQuoteId);
    m_nextCartItemId = state.value(u"next_cart_item_id"_s).toInt(m_nextCartItemId);
    return true;
}

} // namespace Sandbox
