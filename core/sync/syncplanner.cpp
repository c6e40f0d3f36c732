#include "sync/syncplanner.h"

#include "sync/addresscodes.h"
#include "sync/ordercurrency.h"

#include "mapping/mappingevaluator.h"
#include "sync/plannertext.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr double kCent = 0.005;
constexpr int kCurrencyScale = 2; // USD, EUR and most currencies (CurrencyType.DecimalPlaces)
const QString kOrderExternalId = u"Magento_ID__c"_s;
const QString kItemExternalId = u"Magento_Item_ID__c"_s;
const QString kDraft = u"Draft"_s;
const QString kActivated = u"Activated"_s;

QString categoryOf(const SalesforceSnapshot &snapshot, const QString &status)
{
    if (snapshot.statusCategories.isEmpty())
        return status.compare(kActivated, Qt::CaseInsensitive) == 0 ? kActivated : kDraft;
    for (auto it = snapshot.statusCategories.cbegin(); it != snapshot.statusCategories.cend(); ++it) {
        if (it.key().compare(status, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return {};
}

QString problemsText(const QList<FieldProblem> &problems)
{
    QStringList parts;
    for (const FieldProblem &p : problems)
        parts << u"%1 (from %2): %3"_s.arg(p.salesforceField, p.magentoAttribute, p.message);
    return parts.join(u"; "_s);
}

QString personName(const QJsonObject &order, QString *first, QString *last)
{
    const QJsonObject billing = order.value(u"billing_address"_s).toObject();
    *first = order.value(u"customer_firstname"_s).toString(billing.value(u"firstname"_s).toString()).trimmed();
    *last = order.value(u"customer_lastname"_s).toString(billing.value(u"lastname"_s).toString()).trimmed();
    if (last->isEmpty())
        *last = order.value(u"customer_email"_s).toString().trimmed();
    return QString(*first + u' ' + *last).trimmed();
}

// Whether `tail` is "-<sku>" for each of `skus` exactly once, in any order.
bool isSkuPermutation(QStringView tail, QStringList skus)
{
    if (skus.isEmpty())
        return tail.isEmpty();
    for (qsizetype i = 0; i < skus.size(); ++i) {
        const QString part = u"-"_s + skus.at(i);
        if (tail.startsWith(part)) {
            QStringList rest = skus;
            rest.removeAt(i);
            if (isSkuPermutation(tail.mid(part.size()), rest))
                return true;
        }
    }
    return false;
}

// Magento's order state (not the status, which a store may rename or add to).
QString state(const QJsonObject &order)
{
    return order.value(u"state"_s).toString();
}

// States from which Magento takes no payment: canceled, or closed (refunded in full).
bool isFinal(const QJsonObject &order)
{
    return state(order) == u"canceled"_s || state(order) == u"closed"_s;
}

} // namespace

QString SyncPlanner::bundleOwnSku(const QString &orderedSku, const QList<QJsonObject> &optionLines)
{
    // A bundle with a dynamic SKU is ordered as "<bundle sku>-<option sku>-…", the options in the order of the
    // buy request's selections, which need not be the order of the option lines. The option lines say which
    // SKUs were appended and so how long the tail is; a fixed-SKU bundle's SKU does not end in them.
    QStringList skus;
    qsizetype tailLength = 0;
    for (const QJsonObject &option : optionLines) {
        skus << option.value(u"sku"_s).toString();
        tailLength += 1 + skus.constLast().size();
    }
    if (tailLength >= orderedSku.size())
        return orderedSku;
    const qsizetype baseLength = orderedSku.size() - tailLength;
    if (!isSkuPermutation(QStringView(orderedSku).mid(baseLength), skus))
        return orderedSku;
    return orderedSku.left(baseLength);
}

bool SyncPlanner::isPaid(const QJsonObject &order)
{
    const double grandTotal = order.value(u"grand_total"_s).toDouble();
    if (order.contains(u"total_invoiced"_s) && order.value(u"total_invoiced"_s).toDouble() + kCent >= grandTotal)
        return true;
    return order.contains(u"total_paid"_s) && order.value(u"total_paid"_s).toDouble() + kCent >= grandTotal;
}

bool SyncPlanner::countsAsPaid(const QJsonObject &order, const Settings &settings)
{
    // Magento creates no invoice for a zero-total order by default; with Zero Grand Total = Synchronize
    // the operator asked for such orders, so waiting for a payment would keep them out for ever.
    const bool zeroTotal = std::abs(order.value(u"grand_total"_s).toDouble()) < kCent;
    return isPaid(order) || (zeroTotal && settings.zeroGrandTotal() == ZeroGrandTotal::Synchronize);
}

namespace {

/// An order's lines: those without a parent, and the children of each by parent item_id.
struct LineTree
{
    QList<QJsonObject> parents;
    QHash<qint64, QList<QJsonObject>> children;

    explicit LineTree(const QJsonObject &order)
    {
        for (const QJsonValue &v : order.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const QJsonValue parent = item.value(u"parent_item_id"_s);
            if (parent.isUndefined() || parent.isNull())
                parents << item;
            else
                children[parent.toInteger()] << item;
        }
    }
    [[nodiscard]] QList<QJsonObject> kidsOf(const QJsonObject &item) const
    {
        return children.value(item.value(u"item_id"_s).toInteger());
    }
};

bool isBundle(const QJsonObject &item)
{
    return item.value(u"product_type"_s).toString() == u"bundle"_s;
}

// A bundle priced by its options: the parent at 0, the children priced (and billed instead of it).
bool isDynamicallyPricedBundle(const QJsonObject &item, const QList<QJsonObject> &kids)
{
    return isBundle(item) && std::abs(item.value(u"price"_s).toDouble()) < kCent
           && std::any_of(kids.cbegin(), kids.cend(),
                          [](const QJsonObject &k) { return std::abs(k.value(u"price"_s).toDouble()) >= kCent; });
}

// Magento sends product_id as a number; a string is accepted too.
qint64 productIdOf(const QJsonObject &item)
{
    return item.value(u"product_id"_s).toVariant().toLongLong();
}

} // namespace

QList<QJsonObject> SyncPlanner::billedLines(const QJsonObject &order, const BundleSkus *bundles)
{
    const LineTree tree(order);
    QList<QJsonObject> lines;
    for (const QJsonObject &item : tree.parents) {
        const QList<QJsonObject> kids = tree.kidsOf(item);
        if (isDynamicallyPricedBundle(item, kids)) {
            lines << kids;
        } else if (isBundle(item) && !kids.isEmpty()) {
            QJsonObject line = item;
            const QString catalogSku = bundles ? bundles->skuByProductId.value(productIdOf(item)) : QString();
            line.insert(u"sku"_s, catalogSku.isEmpty() ? bundleOwnSku(item.value(u"sku"_s).toString(), kids) : catalogSku);
            lines << line;
        } else {
            lines << item;
        }
    }
    return lines;
}

QList<qint64> SyncPlanner::bundleProductIds(const QJsonObject &order)
{
    const LineTree tree(order);
    QList<qint64> ids;
    for (const QJsonObject &item : tree.parents) {
        const QList<QJsonObject> kids = tree.kidsOf(item);
        const qint64 id = productIdOf(item);
        if (isBundle(item) && !kids.isEmpty() && !isDynamicallyPricedBundle(item, kids) && id > 0 && !ids.contains(id))
            ids << id;
    }
    return ids;
}

namespace {

bool isGuest(const QJsonObject &order)
{
    return order.value(u"customer_is_guest"_s).toInt() == 1 || !order.contains(u"customer_id"_s);
}

QString guestEmail(const QJsonObject &order)
{
    return order.value(u"customer_email"_s).toString().trimmed().toLower();
}

} // namespace

QString SyncPlanner::customerKey(const QJsonObject &order)
{
    if (!isGuest(order))
        return u"customer-"_s + QString::number(order.value(u"customer_id"_s).toInteger());
    // 160 bits of the hash: unique enough for e-mails, and "guest-" + 40 digits fits a 50-character field.
    const QByteArray digest = QCryptographicHash::hash(guestEmail(order).toUtf8(), QCryptographicHash::Sha256);
    return u"guest-"_s + QString::fromLatin1(digest.toHex().left(40));
}

QString SyncPlanner::legacyCustomerKey(const QJsonObject &order)
{
    return isGuest(order) ? u"guest-"_s + guestEmail(order) : QString();
}

std::optional<SfCustomer> SyncPlanner::customerByKey(const SalesforceSnapshot &snapshot, const QJsonObject &order)
{
    for (const QString &key : {customerKey(order), legacyCustomerKey(order)}) {
        if (!key.isEmpty() && snapshot.customersByKey.contains(key))
            return snapshot.customersByKey.value(key);
    }
    return std::nullopt;
}

QList<QJsonObject> SyncPlanner::comments(const QJsonObject &order)
{
    QList<QJsonObject> out;
    const QJsonArray history = order.value(u"status_histories"_s).toArray();
    for (const QJsonValue &v : history) {
        const QJsonObject entry = v.toObject();
        if (!entry.value(u"comment"_s).toString().trimmed().isEmpty())
            out << entry;
    }
    // Magento lists the newest first; notes are created oldest first.
    std::stable_sort(out.begin(), out.end(), [](const QJsonObject &a, const QJsonObject &b) {
        const QString ca = a.value(u"created_at"_s).toString();
        const QString cb = b.value(u"created_at"_s).toString();
        if (ca != cb)
            return ca < cb;
        return a.value(u"entity_id"_s).toInteger() < b.value(u"entity_id"_s).toInteger();
    });
    return out;
}

QString SyncPlanner::noteTitle(const QString &comment)
{
    const QString flat = comment.simplified();
    if (flat.size() <= 75)
        return flat;
    return flat.left(75) + u"…"_s;
}

QString SyncPlanner::contentNoteTitle(const QString &comment, qint64 commentId)
{
    if (commentId <= 0)
        return noteTitle(comment);
    return noteTitle(comment) + u" [Magento comment #%1]"_s.arg(commentId);
}

qint64 SyncPlanner::commentIdInTitle(const QString &title)
{
    static const QRegularExpression marker(uR"(\[Magento comment #(\d{1,18})\]$)"_s);
    const QRegularExpressionMatch m = marker.match(title);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

bool SyncPlanner::sameValue(const QJsonValue &salesforce, const QJsonValue &mapped)
{
    if (salesforce.isDouble() || mapped.isDouble()) {
        bool okA = true;
        bool okB = true;
        const double a = salesforce.isDouble() ? salesforce.toDouble() : salesforce.toString().toDouble(&okA);
        const double b = mapped.isDouble() ? mapped.toDouble() : mapped.toString().toDouble(&okB);
        return okA && okB && std::abs(a - b) < 1e-6;
    }
    if (salesforce.isString() && mapped.isString()) {
        const QString a = salesforce.toString();
        const QString b = mapped.toString();
        if (a == b)
            return true;
        // Salesforce stores text areas with \n line ends and returns datetimes with milliseconds.
        QString na = a;
        QString nb = b;
        na.replace(u"\r\n"_s, u"\n"_s);
        nb.replace(u"\r\n"_s, u"\n"_s);
        return na == nb;
    }
    if ((salesforce.isNull() || salesforce.isUndefined()) && mapped.isString())
        return mapped.toString().isEmpty();
    return salesforce == mapped;
}

namespace {

/// A record the plan points at: one Salesforce already has (its ID), or one a write of the plan
/// makes (that write's reference ID).
struct Link
{
    QString id;
    QString referenceId;

    [[nodiscard]] static Link existing(const QString &id) { return Link{id, {}}; }
    [[nodiscard]] static Link written(QStringView referenceId) { return Link{{}, referenceId.toString()}; }
    [[nodiscard]] bool isEmpty() const { return id.isEmpty() && referenceId.isEmpty(); }
    [[nodiscard]] bool isExisting(const QString &salesforceId) const { return referenceId.isEmpty() && id == salesforceId; }
    /// What the mapping evaluator gets for the record: its ID, or a placeholder that
    /// FieldValues::fromEvaluated() turns back into a reference.
    [[nodiscard]] QString contextValue() const { return referenceId.isEmpty() ? id : u"@ref:"_s + referenceId; }
};

/// The decimals a currency field keeps: its scale, or fewer when the record's currency has fewer
/// (`currencyScale`: CurrencyType.DecimalPlaces of a multi-currency org, -1 unknown).
int currencyDecimals(const SalesforceFieldInfo &info, int currencyScale)
{
    const int scale = info.scale > 0 ? info.scale : kCurrencyScale;
    return currencyScale >= 0 ? std::min(scale, currencyScale) : scale;
}

bool sameAs(const QJsonValue &salesforce, const QString &field, const QJsonValue &mapped, const SalesforceFieldMap *types,
            int currencyScale)
{
    const SalesforceFieldInfo *info = types ? findSalesforceField(*types, field) : nullptr;
    if (info && info->type == u"currency" && salesforce.isDouble() && mapped.isDouble())
        return OrderCurrency::sameAmount(salesforce.toDouble(), mapped.toDouble(), currencyDecimals(*info, currencyScale));
    return SyncPlanner::sameValue(salesforce, mapped);
}

/// The values of one write: plain values and references to earlier writes of the plan.
struct FieldValues
{
    QJsonObject fields;
    QMap<QString, QString> references;

    /// Evaluated mapping values; a value that is the placeholder of one of `links` becomes a reference.
    [[nodiscard]] static FieldValues fromEvaluated(const QJsonObject &values, const QList<Link> &links)
    {
        FieldValues out;
        for (auto it = values.begin(); it != values.end(); ++it) {
            const auto link = std::find_if(links.cbegin(), links.cend(), [&](const Link &l) {
                return !l.referenceId.isEmpty() && it.value().toString() == l.contextValue();
            });
            if (link != links.cend())
                out.references.insert(it.key(), link->referenceId);
            else
                out.fields.insert(it.key(), it.value());
        }
        return out;
    }

    void set(const QString &field, const QJsonValue &value)
    {
        references.remove(field);
        fields.insert(field, value);
    }
    void set(const QString &field, const Link &link)
    {
        if (link.referenceId.isEmpty()) {
            set(field, QJsonValue(link.id));
            return;
        }
        fields.remove(field);
        references.insert(field, link.referenceId);
    }
    void remove(const QString &field)
    {
        fields.remove(field);
        references.remove(field);
    }
    [[nodiscard]] bool isEmpty() const { return fields.isEmpty() && references.isEmpty(); }

    /// Rounds the currency fields of `types` to the record currency's decimals (`currencyScale`; -1
    /// unknown: left as they are), as the org keeps them.
    void roundCurrencies(const SalesforceFieldMap &types, int currencyScale)
    {
        if (currencyScale < 0)
            return;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const SalesforceFieldInfo *info = findSalesforceField(types, it.key());
            if (info && info->type == u"currency" && it.value().isDouble())
                it.value() = OrderCurrency::round(it.value().toDouble(), currencyDecimals(*info, currencyScale));
        }
    }

    /// The values that differ from what Salesforce holds. A reference always differs: it names a
    /// record the plan writes now.
    /// Currency fields of `types` compare at their decimal places, as Salesforce keeps them (fewer when the
    /// record's currency has fewer: `currencyScale`, -1 unknown).
    [[nodiscard]] FieldValues changedFrom(const QJsonObject &current, const QSet<QString> &ignore = {},
                                          const SalesforceFieldMap *types = nullptr, int currencyScale = -1) const
    {
        FieldValues changed;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (ignore.contains(it.key()))
                continue;
            if (!current.contains(it.key()) || !sameAs(current.value(it.key()), it.key(), it.value(), types, currencyScale))
                changed.fields.insert(it.key(), it.value());
        }
        for (auto it = references.cbegin(); it != references.cend(); ++it) {
            if (!ignore.contains(it.key()))
                changed.references.insert(it.key(), it.value());
        }
        return changed;
    }
};

RecordWrite withValues(RecordWrite write, const FieldValues &values)
{
    write.fields = values.fields;
    write.references = values.references;
    return write;
}

Error plannerError(const QString &code, PlannerText::Id message, const QStringList &messageArgs, PlannerText::Id hint,
                   const QStringList &hintArgs = {}, const QStringList &fields = {})
{
    return Error{code, PlannerText::english(message, messageArgs), PlannerText::english(hint, hintArgs), fields};
}

} // namespace

class SyncPlanner::Planning
{
public:
    explicit Planning(const Input &in);
    [[nodiscard]] OrderPlan run();

private:
    // Each step returns false when it settled the plan (a reason or an error) and planning stops.
    bool checkOrder();
    bool checkEligibility();
    bool chooseRecords();
    bool checkCurrency();
    bool checkStatuses();
    bool checkProducts();
    bool planCustomer();
    void writeCustomer(const SfCustomer &customer, const QString &key, const QString &email);
    void writePersonAccount(const QString &key, const QString &email);
    void planProducts();
    void writeProduct(const QString &sku, int n);
    void planOpportunity();
    void planOpportunityItems(QList<SfOpportunityItemState> unmatched);
    bool planOrderAndItems();
    bool evaluateOrderFields(FieldValues *fields);
    bool evaluateItems(QList<RecordWrite> *items);
    void chooseTargetStatus();
    void planOrder(const FieldValues &fields, bool addsProducts);
    void planNotes();
    [[nodiscard]] bool noteExists(const QJsonObject &comment, QHash<qint64, const SfNoteState *> &marked,
                                  QList<const SfNoteState *> &unmarked) const;
    void writeNote(const QString &body, qint64 commentId, const QString &ref);
    void planStatus();

    void applyStoreDate(QJsonObject &evaluated) const;
    void add(const RecordWrite &write) { m_plan.writes.writes.append(write); }
    bool settle(SyncStatus status, const QString &reason);
    bool failWith(const Error &error);

    const Input &m_in;
    const StoreViews m_noStores;
    const StoreViews &m_stores;
    QJsonObject m_order; ///< its base-currency amounts when those are booked
    const Settings &m_settings;
    const SalesforceSnapshot &m_snapshot;
    OrderPlan m_plan;
    const SfOrderState *m_existing = nullptr;
    QString m_magentoStatus;
    QString m_key; ///< the Order's and Opportunity's Magento_ID__c
    bool m_paid = false;
    bool m_wantOrder = false;
    bool m_wantOpportunity = false;
    QString m_waitReason;
    QString m_targetStatus;
    QString m_targetCategory;
    QString m_currentStatus;
    QList<QJsonObject> m_lines;
    QStringList m_missingSkus;
    bool m_createProducts = false;
    Link m_account;
    Link m_opportunity;
    Link m_orderRecord;
    QHash<QString, Link> m_entries; ///< price book entry by SalesforceSnapshot::entryKey
    QString m_currency;             ///< multiple currencies: the order's CurrencyIsoCode
    int m_currencyScale = -1;       ///< multiple currencies: that currency's DecimalPlaces; -1 unknown
};

SyncPlanner::Planning::Planning(const Input &in)
    : m_in(in)
    , m_stores(in.stores ? *in.stores : m_noStores)
    , m_order(in.order)
    , m_settings(*in.settings)
    , m_snapshot(*in.snapshot)
{
    m_plan.entityId = m_order.value(u"entity_id"_s).toInteger();
    m_plan.incrementId = m_order.value(u"increment_id"_s).toString();
    m_key = m_stores.orderKey(m_order);
    m_plan.writes.id = u"o"_s + QString::number(m_plan.entityId);
    m_magentoStatus = m_order.value(u"status"_s).toString();
}

OrderPlan SyncPlanner::Planning::run()
{
    if (!checkOrder() || !checkEligibility() || !chooseRecords() || !checkCurrency() || !checkStatuses()
        || !checkProducts() || !planCustomer())
        return m_plan;
    planProducts();
    if (m_wantOpportunity)
        planOpportunity();
    if (!m_wantOrder) {
        settle(m_settings.createOrder() == CreateOrderMode::No ? SyncStatus::Skipped : SyncStatus::OutOfSync, m_waitReason);
        return m_plan;
    }
    if (planOrderAndItems())
        m_plan.status = SyncStatus::InSync;
    return m_plan;
}

bool SyncPlanner::Planning::settle(SyncStatus status, const QString &reason)
{
    m_plan.status = status;
    m_plan.reason = reason;
    return false;
}

bool SyncPlanner::Planning::failWith(const Error &error)
{
    m_plan.status = SyncStatus::Error;
    m_plan.error = error;
    m_plan.writes.writes.clear();
    return false;
}

bool SyncPlanner::Planning::checkOrder()
{
    if (m_plan.entityId > 0 && !m_plan.incrementId.isEmpty() && !m_magentoStatus.isEmpty()
        && m_order.value(u"items"_s).isArray())
        return true;
    return failWith(plannerError(u"sync.malformed_order"_s, PlannerText::MalformedOrder, {},
                                 PlannerText::MalformedOrderHint));
}

// Gates that hold for the Order and the Opportunity alike.
bool SyncPlanner::Planning::checkEligibility()
{
    if (m_in.trigger == SyncTrigger::Automatic && !m_settings.automatedSynchronization())
        return settle(SyncStatus::OutOfSync, PlannerText::english(PlannerText::AutomationOff));
    if (!m_settings.shouldSyncStatus(m_magentoStatus))
        return settle(SyncStatus::Skipped, PlannerText::english(PlannerText::StatusNotSynced, {m_magentoStatus}));
    const double grandTotal = m_order.value(u"grand_total"_s).toDouble();
    if (std::abs(grandTotal) < kCent && m_settings.zeroGrandTotal() == ZeroGrandTotal::DoNotSynchronize)
        return settle(SyncStatus::Skipped, PlannerText::english(PlannerText::ZeroGrandTotal));
    return true;
}

bool SyncPlanner::Planning::chooseRecords()
{
    if (auto it = m_snapshot.ordersByIncrementId.constFind(m_key); it != m_snapshot.ordersByIncrementId.cend())
        m_existing = &it.value();
    m_paid = countsAsPaid(m_order, m_settings);
    switch (m_settings.createOrder()) {
    case CreateOrderMode::No:
        m_waitReason = PlannerText::english(PlannerText::CreateOrderNo);
        break;
    case CreateOrderMode::Every:
        m_wantOrder = true;
        break;
    case CreateOrderMode::Paid:
        // Once created, an Order keeps following its Magento order.
        m_wantOrder = m_paid || m_existing;
        if (!m_wantOrder)
            m_waitReason = isFinal(m_order) ? PlannerText::english(PlannerText::NeverPaid, {state(m_order)})
                                            : PlannerText::english(PlannerText::WaitingForPayment);
        break;
    }
    m_wantOpportunity = m_settings.createOpportunity() == CreateOpportunityMode::Every;
    if (m_wantOrder || m_wantOpportunity)
        return true;
    // A canceled or closed order is never paid later: Skipped, not waiting for ever.
    const bool waits = m_settings.createOrder() == CreateOrderMode::Paid && !isFinal(m_order);
    return settle(waits ? SyncStatus::OutOfSync : SyncStatus::Skipped, m_waitReason);
}

// Multiple currencies: the Order is in the order's currency. One currency: an order in another one fails alone,
// or is booked with its base-currency amounts when the settings ask for that.
bool SyncPlanner::Planning::checkCurrency()
{
    const OrderCurrency::Choice choice = OrderCurrency::choose(m_order, m_in.schema->order, m_snapshot.orgCurrency,
                                                               m_settings.bookBaseCurrency());
    if (choice.error)
        return failWith(*choice.error);
    m_currency = choice.isoCode;
    m_currencyScale = m_snapshot.currencyDecimals.value(m_currency, -1);
    if (choice.useBase) {
        const QString placed = m_order.value(u"order_currency_code"_s).toString();
        m_order = OrderCurrency::withBaseAmounts(m_order);
        m_plan.notices << PlannerText::english(PlannerText::BaseCurrencyBooked,
                                               {placed, m_order.value(u"base_currency_code"_s).toString()});
    }
    return true;
}

// The mapped target status and the Default Status must exist in the org, in the right category.
bool SyncPlanner::Planning::checkStatuses()
{
    const auto target = MappingEvaluator::salesforceStatus(m_magentoStatus, *m_in.mappings);
    if (!target)
        return failWith(target.error());
    m_targetStatus = *target;
    m_targetCategory = categoryOf(m_snapshot, m_targetStatus);
    if (m_targetCategory.isEmpty()) {
        return failWith(plannerError(u"sync.unknown_order_status"_s, PlannerText::UnknownOrderStatus,
                                     {m_targetStatus, m_magentoStatus}, PlannerText::UnknownOrderStatusHint,
                                     {m_magentoStatus}, {u"Status"_s}));
    }
    const QString defaultStatus = m_settings.defaultStatus();
    if (categoryOf(m_snapshot, defaultStatus) != kDraft) {
        return failWith(plannerError(u"settings.default_status_not_draft"_s, PlannerText::DefaultStatusNotDraft,
                                     {defaultStatus}, PlannerText::DefaultStatusNotDraftHint, {},
                                     {u"orders.default_status"_s}));
    }
    return true;
}

// Every billed line needs an active entry in the configured price book, or is created.
bool SyncPlanner::Planning::checkProducts()
{
    m_lines = billedLines(m_order, m_in.bundleSkus);
    if (m_in.bundleSkus) {
        // A bundle deleted from the catalog since: its SKU is the ordered SKU's guess, and the log says so.
        const LineTree tree(m_order);
        for (const QJsonObject &item : tree.parents) {
            const qint64 id = productIdOf(item);
            if (!isBundle(item) || !m_in.bundleSkus->deleted.contains(id))
                continue;
            const QString ordered = item.value(u"sku"_s).toString();
            m_plan.notices << PlannerText::english(PlannerText::BundleProductDeleted,
                                                   {QString::number(id), bundleOwnSku(ordered, tree.kidsOf(item)), ordered});
        }
    }
    if (m_snapshot.pricebookId.isEmpty()) {
        return failWith(plannerError(u"sync.price_book_missing"_s, PlannerText::PriceBookMissing, {m_settings.priceBook()},
                                     PlannerText::PriceBookMissingHint, {}, {u"advanced.price_book"_s}));
    }
    for (const QJsonObject &line : std::as_const(m_lines)) {
        const QString sku = line.value(u"sku"_s).toString();
        const bool seen = std::any_of(m_missingSkus.cbegin(), m_missingSkus.cend(), [&sku](const QString &s) {
            return SalesforceSnapshot::skuKey(s) == SalesforceSnapshot::skuKey(sku);
        });
        if (!m_snapshot.entriesBySku.contains(SalesforceSnapshot::entryKey(sku, m_currency)) && !seen)
            m_missingSkus << sku;
    }
    m_createProducts = !m_missingSkus.isEmpty() && m_settings.createMissingProducts();
    if (!m_missingSkus.isEmpty() && !m_createProducts) {
        const QString book = m_snapshot.pricebookName.isEmpty() ? m_settings.priceBook() : m_snapshot.pricebookName;
        const QString skus = m_missingSkus.join(u", "_s);
        return failWith(plannerError(u"sync.missing_price_entry"_s, PlannerText::MissingPriceEntry, {book, skus},
                                     PlannerText::MissingPriceEntryHint, {skus, m_settings.priceBook()},
                                     {u"PricebookEntryId"_s}));
    }
    if (m_createProducts && m_snapshot.standardPricebookId.isEmpty()) {
        return failWith(plannerError(u"sync.standard_price_book_missing"_s, PlannerText::StandardPriceBookMissing, {},
                                     PlannerText::StandardPriceBookMissingHint));
    }
    return true;
}

// Keep the Order's Account once it exists; otherwise find the customer by e-mail or key, or upsert it.
bool SyncPlanner::Planning::planCustomer()
{
    if (m_existing && !m_existing->accountId.isEmpty()) {
        m_account = Link::existing(m_existing->accountId);
        return true;
    }
    const QString email = m_order.value(u"customer_email"_s).toString().trimmed().toLower();
    if (email.isEmpty()) {
        return failWith(plannerError(u"sync.customer_email_missing"_s, PlannerText::CustomerEmailMissing, {},
                                     PlannerText::CustomerEmailMissingHint, {}, {u"customer_email"_s}));
    }
    const QString key = customerKey(m_order);
    SfCustomer customer = m_snapshot.customersByEmail.value(email);
    if (customer.accountId.isEmpty())
        customer = customerByKey(m_snapshot, m_order).value_or(customer);
    if (!customer.accountId.isEmpty()) {
        m_account = Link::existing(customer.accountId);
        return true;
    }
    if (!m_snapshot.personAccountRecordTypeId.isEmpty()) {
        writePersonAccount(key, email);
        return true;
    }
    if (m_snapshot.personAccountsMissing) {
        return failWith(plannerError(u"sync.person_accounts_missing"_s, PlannerText::PersonAccountsMissing, {},
                                     PlannerText::PersonAccountsMissingHint));
    }
    writeCustomer(customer, key, email);
    return true;
}

// A Person Account is one Account; Salesforce makes its person contact, which cannot be written as a Contact.
void SyncPlanner::Planning::writePersonAccount(const QString &key, const QString &email)
{
    QString first;
    QString last;
    personName(m_order, &first, &last);
    FieldValues person;
    person.set(u"RecordTypeId"_s, m_snapshot.personAccountRecordTypeId);
    person.set(u"LastName"_s, last.left(80));
    if (!first.isEmpty())
        person.set(u"FirstName"_s, first.left(40));
    person.set(u"PersonEmail"_s, email);
    add(withValues(RecordWrite::upsert(u"Account"_s, kOrderExternalId, key, {}, OrderPlan::kAccountRef.toString()),
                   person));
    m_account = Link::written(OrderPlan::kAccountRef);
}

void SyncPlanner::Planning::writeCustomer(const SfCustomer &customer, const QString &key, const QString &email)
{
    QString first;
    QString last;
    const QString fullName = personName(m_order, &first, &last);
    const QString company = m_order.value(u"billing_address"_s).toObject().value(u"company"_s).toString().trimmed();
    add(RecordWrite::upsert(u"Account"_s, kOrderExternalId, key,
                            QJsonObject{{u"Name"_s, (company.isEmpty() ? fullName : company).left(255)}},
                            OrderPlan::kAccountRef.toString()));
    m_account = Link::written(OrderPlan::kAccountRef);
    FieldValues contact;
    contact.set(u"AccountId"_s, m_account);
    if (!customer.contactId.isEmpty()) {
        add(withValues(RecordWrite::update(u"Contact"_s, customer.contactId, {}, OrderPlan::kContactRef.toString()),
                       contact));
        return;
    }
    contact.set(u"LastName"_s, last.left(80));
    contact.set(u"Email"_s, email);
    if (!first.isEmpty())
        contact.set(u"FirstName"_s, first.left(40));
    add(withValues(RecordWrite::upsert(u"Contact"_s, kOrderExternalId, key, {}, OrderPlan::kContactRef.toString()),
                   contact));
}

// Products the user asked to have created: Product2 by its external ID, then both entries.
void SyncPlanner::Planning::planProducts()
{
    for (auto it = m_snapshot.entriesBySku.cbegin(); it != m_snapshot.entriesBySku.cend(); ++it)
        m_entries.insert(it.key(), Link::existing(it.value().id));
    if (!m_createProducts)
        return;
    int n = 0;
    for (const QString &sku : std::as_const(m_missingSkus))
        writeProduct(sku, n++);
}

void SyncPlanner::Planning::writeProduct(const QString &sku, int n)
{
    const auto line = std::find_if(m_lines.cbegin(), m_lines.cend(),
                                   [&sku](const QJsonObject &l) { return l.value(u"sku"_s).toString() == sku; });
    const double price = line->value(u"price"_s).toDouble();
    Link product = Link::existing(m_snapshot.productIdsBySku.value(SalesforceSnapshot::skuKey(sku)));
    if (product.id.isEmpty()) {
        const QString ref = u"refProduct%1"_s.arg(n);
        add(RecordWrite::upsert(u"Product2"_s, kOrderExternalId, sku,
                                QJsonObject{{u"Name"_s, line->value(u"name"_s).toString(sku).left(255)},
                                            {u"ProductCode"_s, sku},
                                            {u"IsActive"_s, true}},
                                ref));
        product = Link::written(ref);
    }
    const auto entry = [&](const QString &pricebookId, const QString &ref) {
        FieldValues values;
        values.set(u"Pricebook2Id"_s, pricebookId);
        values.set(u"Product2Id"_s, product);
        values.set(u"UnitPrice"_s, price);
        values.set(u"IsActive"_s, true);
        if (!m_currency.isEmpty())
            values.set(QString::fromLatin1(OrderCurrency::IsoCodeField), m_currency);
        add(withValues(RecordWrite::create(u"PricebookEntry"_s, {}, ref), values));
    };
    if (!m_snapshot.standardEntriesBySku.contains(SalesforceSnapshot::entryKey(sku, m_currency)))
        entry(m_snapshot.standardPricebookId, u"refStdEntry%1"_s.arg(n));
    const QString entryRef = u"refEntry%1"_s.arg(n);
    entry(m_snapshot.pricebookId, entryRef);
    m_entries.insert(SalesforceSnapshot::entryKey(sku, m_currency), Link::written(entryRef));
    m_plan.notices << PlannerText::english(PlannerText::ProductCreated, {sku});
}

// Before the Order, so the Order can point at it. An existing one is compared with what Salesforce
// has: only changed fields and products are written, an unchanged one not at all.
void SyncPlanner::Planning::planOpportunity()
{
    const QString &incrementId = m_plan.incrementId;
    const QString &key = m_key;
    FieldValues opp;
    opp.set(u"Name"_s, u"Magento order #%1"_s.arg(incrementId));
    opp.set(u"StageName"_s, m_paid ? m_settings.opportunityStageConverted() : m_settings.opportunityStageDraft());
    opp.set(u"CloseDate"_s,
            StoreViews::localDate(m_order.value(u"created_at"_s).toString(), m_stores.timeZone(m_order),
                                  m_settings.salesCycleLengthDays()));
    opp.set(u"AccountId"_s, m_account);
    opp.set(u"Pricebook2Id"_s, m_snapshot.pricebookId);
    if (!m_currency.isEmpty())
        opp.set(QString::fromLatin1(OrderCurrency::IsoCodeField), m_currency);
    const auto known = m_snapshot.opportunitiesByIncrementId.constFind(key);
    const bool isKnown = known != m_snapshot.opportunitiesByIncrementId.cend();
    const QString existingId = isKnown ? known->id : m_snapshot.opportunityIdsByIncrementId.value(key);
    const QString ref = OrderPlan::kOpportunityRef.toString();
    if (existingId.isEmpty()) {
        add(withValues(RecordWrite::upsert(u"Opportunity"_s, kOrderExternalId, key, {}, ref), opp));
        m_opportunity = Link::written(ref);
        planOpportunityItems({});
        return;
    }
    m_opportunity = Link::existing(existingId);
    const FieldValues changed = opp.changedFrom(isKnown ? known->fields : QJsonObject());
    if (!changed.isEmpty())
        add(withValues(RecordWrite::update(u"Opportunity"_s, existingId, {}, ref), changed));
    planOpportunityItems(isKnown ? known->items : QList<SfOpportunityItemState>());
}

// Each billed line once, matched to an existing product by its price book entry.
void SyncPlanner::Planning::planOpportunityItems(QList<SfOpportunityItemState> unmatched)
{
    int n = 0;
    for (const QJsonObject &line : std::as_const(m_lines)) {
        const Link entry = m_entries.value(SalesforceSnapshot::entryKey(line.value(u"sku"_s).toString(), m_currency));
        const double quantity = line.value(u"qty_ordered"_s).toDouble();
        const int scale = m_currencyScale >= 0 ? std::min(kCurrencyScale, m_currencyScale) : kCurrencyScale;
        const double price = m_currencyScale >= 0 ? OrderCurrency::round(line.value(u"price"_s).toDouble(), scale)
                                                  : line.value(u"price"_s).toDouble();
        const auto found = std::find_if(unmatched.begin(), unmatched.end(), [&entry](const SfOpportunityItemState &i) {
            return entry.isExisting(i.pricebookEntryId);
        });
        const QString ref = u"refOli%1"_s.arg(n++);
        if (found == unmatched.end()) {
            FieldValues values;
            values.set(u"OpportunityId"_s, m_opportunity);
            values.set(u"PricebookEntryId"_s, entry);
            values.set(u"Quantity"_s, quantity);
            values.set(u"UnitPrice"_s, price);
            add(withValues(RecordWrite::create(u"OpportunityLineItem"_s, {}, ref), values));
            continue;
        }
        QJsonObject changed;
        if (!sameValue(found->quantity, quantity))
            changed.insert(u"Quantity"_s, quantity);
        if (!OrderCurrency::sameAmount(found->unitPrice, price, scale))
            changed.insert(u"UnitPrice"_s, price);
        if (!changed.isEmpty())
            add(RecordWrite::update(u"OpportunityLineItem"_s, found->id, changed, ref));
        unmatched.erase(found);
    }
}

bool SyncPlanner::Planning::planOrderAndItems()
{
    m_orderRecord = m_existing ? Link::existing(m_existing->id) : Link::written(OrderPlan::kOrderRef);
    FieldValues fields;
    if (!evaluateOrderFields(&fields))
        return false;
    // Order Products are computed first: changes to them need a Draft order.
    QList<RecordWrite> items;
    if (!evaluateItems(&items))
        return false;
    m_plan.itemsWritten = int(items.size());
    chooseTargetStatus();
    const bool addsProducts = std::any_of(items.cbegin(), items.cend(), [](const RecordWrite &w) {
        return w.operation != RecordWrite::Operation::Update;
    });
    planOrder(fields, addsProducts);
    int n = 0;
    for (RecordWrite &item : items) {
        item.referenceId = u"refItem%1"_s.arg(n++);
        add(item);
    }
    planNotes();
    planStatus();
    return true;
}

bool SyncPlanner::Planning::evaluateOrderFields(FieldValues *fields)
{
    const EvaluationContext context{{FieldMapping::kAccountIdSource.toString(), m_account.contextValue()},
                                    {FieldMapping::kPricebookIdSource.toString(), m_snapshot.pricebookId}};
    const MappingEvaluation values = MappingEvaluator::evaluateOrder(
        m_order, *m_in.mappings, m_in.schema->order, m_existing ? WriteOperation::Update : WriteOperation::Insert, context);
    if (values.hasErrors()) {
        return failWith(plannerError(u"mapping.value_invalid"_s, PlannerText::OrderValuesInvalid,
                                     {problemsText(values.errors)}, PlannerText::OrderValuesInvalidHint));
    }
    for (const TruncationNotice &t : values.truncations)
        m_plan.notices << PlannerText::english(PlannerText::ValueCut, {t.salesforceField, QString::number(t.limit)});
    QJsonObject evaluated = values.values;
    applyStoreDate(evaluated);
    for (const AddressCodes::LeftOut &l : AddressCodes::apply(evaluated, m_in.schema->order)) {
        m_plan.notices << (l.country.isEmpty() ? PlannerText::english(PlannerText::CountryLeftOut, {l.field, l.value})
                                               : PlannerText::english(PlannerText::StateLeftOut, {l.field, l.value, l.country}));
    }
    *fields = FieldValues::fromEvaluated(evaluated, {m_account});
    fields->roundCurrencies(m_in.schema->order, m_currencyScale);
    fields->remove(u"Status"_s);
    fields->remove(kOrderExternalId);
    if (!m_currency.isEmpty())
        fields->set(QString::fromLatin1(OrderCurrency::IsoCodeField), m_currency);
    if (!m_opportunity.isEmpty())
        fields->set(u"OpportunityId"_s, m_opportunity);
    return true;
}

// Magento's timestamps are UTC, but the order's date is the day in its store's time zone: an evening order
// of a US store must not land on the next day.
void SyncPlanner::Planning::applyStoreDate(QJsonObject &evaluated) const
{
    static const QString field = u"EffectiveDate"_s;
    if (!evaluated.contains(field))
        return;
    for (const FieldMapping &m : std::as_const(*m_in.mappings)) {
        if (!m.enabled || m.entity != MappingEntity::Order || m.salesforceField != field)
            continue;
        const QString date = StoreViews::localDate(m_order.value(m.magentoAttribute).toString(), m_stores.timeZone(m_order));
        if (!date.isEmpty())
            evaluated.insert(field, date);
    }
}

bool SyncPlanner::Planning::evaluateItems(QList<RecordWrite> *items)
{
    for (const QJsonObject &line : std::as_const(m_lines)) {
        const QString sku = line.value(u"sku"_s).toString();
        const Link entry = m_entries.value(SalesforceSnapshot::entryKey(sku, m_currency));
        const EvaluationContext context{{FieldMapping::kOrderIdSource.toString(), m_orderRecord.contextValue()},
                                        {FieldMapping::kPricebookEntryIdSource.toString(), entry.contextValue()}};
        const QString externalId = QString::number(line.value(u"item_id"_s).toInteger());
        const SfOrderItemState *current = nullptr;
        if (m_existing) {
            if (auto found = m_existing->itemsByExternalId.constFind(externalId); found != m_existing->itemsByExternalId.cend())
                current = &found.value();
        }
        const MappingEvaluation evaluated = MappingEvaluator::evaluateItem(
            line, *m_in.mappings, m_in.schema->orderItem, current ? WriteOperation::Update : WriteOperation::Insert, context);
        if (evaluated.hasErrors()) {
            return failWith(plannerError(u"mapping.value_invalid"_s, PlannerText::ItemValuesInvalid,
                                         {sku, problemsText(evaluated.errors)}, PlannerText::ItemValuesInvalidHint));
        }
        FieldValues values = FieldValues::fromEvaluated(evaluated.values, {m_orderRecord, entry});
        values.roundCurrencies(m_in.schema->orderItem, m_currencyScale);
        const QString mappedExternalId = values.fields.value(kItemExternalId).toVariant().toString();
        values.remove(kItemExternalId);
        const QString key = mappedExternalId.isEmpty() ? externalId : mappedExternalId;
        if (!current) {
            *items << withValues(RecordWrite::upsert(u"OrderItem"_s, kItemExternalId, key, {}, {}), values);
            continue;
        }
        const FieldValues changed =
            values.changedFrom(current->fields, {u"OrderId"_s, u"PricebookEntryId"_s}, &m_in.schema->orderItem, m_currencyScale);
        if (!changed.isEmpty())
            *items << withValues(RecordWrite::update(u"OrderItem"_s, current->id, {}, {}), changed);
    }
    return true;
}

// Salesforce activates only orders with products: without any, the Order stays in the Default Status.
void SyncPlanner::Planning::chooseTargetStatus()
{
    if (m_lines.isEmpty() && m_targetCategory == kActivated) {
        m_targetStatus = m_settings.defaultStatus();
        m_plan.notices << PlannerText::english(PlannerText::OrderStaysDraft, {m_targetStatus});
    }
    m_plan.targetStatus = m_targetStatus;
}

// A new Order is inserted in the Default Status. An Activated one is edited in place (as a user with
// "Edit Activated Orders" may); it goes back to the Default Status first only when products are added or
// the Account changes, which Salesforce allows on Draft orders alone. The round trip re-fires activation
// automation and rewrites ActivatedDate, so it is kept to what needs it.
void SyncPlanner::Planning::planOrder(const FieldValues &fields, bool addsProducts)
{
    const QString defaultStatus = m_settings.defaultStatus();
    const QString ref = OrderPlan::kOrderRef.toString();
    m_currentStatus = defaultStatus;
    if (!m_existing) {
        FieldValues insert = fields;
        insert.set(u"Status"_s, defaultStatus);
        add(withValues(RecordWrite::upsert(u"Order"_s, kOrderExternalId, m_key, {}, ref), insert));
        m_plan.createsOrder = true;
        return;
    }
    m_currentStatus = m_existing->status;
    FieldValues changed = fields.changedFrom(m_existing->fields, {}, &m_in.schema->order, m_currencyScale);
    if (m_account.isExisting(m_existing->accountId))
        changed.remove(u"AccountId"_s);
    if (m_opportunity.isExisting(m_existing->opportunityId))
        changed.remove(u"OpportunityId"_s);
    // Salesforce keeps an Order's price book once set: asking for another one only fails the order.
    if (!m_existing->fields.value(u"Pricebook2Id"_s).toString().isEmpty())
        changed.remove(u"Pricebook2Id"_s);
    const bool activated = categoryOf(m_snapshot, m_existing->status) == kActivated || m_existing->statusCode == kActivated;
    const bool accountChanges = changed.fields.contains(u"AccountId"_s) || changed.references.contains(u"AccountId"_s);
    m_plan.editsActivatedInPlace = activated && !addsProducts && !accountChanges;
    if (activated && (addsProducts || accountChanges)) {
        add(RecordWrite::update(u"Order"_s, m_existing->id, QJsonObject{{u"Status"_s, defaultStatus}}, u"refDraft"_s));
        m_currentStatus = defaultStatus;
    }
    if (!changed.isEmpty())
        add(withValues(RecordWrite::update(u"Order"_s, m_existing->id, {}, ref), changed));
}

// Each comment exactly once. A ContentNote carries its comment's entity_id in its title (the only
// field of it the lookup can read); a classic Note is matched by its whole Body. Notes written
// before markers existed are matched by content. A matched note is used up, so two identical
// comments are two notes, and a replay after a crash creates none again.
void SyncPlanner::Planning::planNotes()
{
    if (!m_settings.synchronizeOrderNotes())
        return;
    const bool contentNotes = m_settings.noteObject() == NoteObject::ContentNote;
    QList<const SfNoteState *> unmarked;
    QHash<qint64, const SfNoteState *> marked;
    if (m_existing) {
        for (const SfNoteState &note : m_existing->notes) {
            const qint64 id = contentNotes ? commentIdInTitle(note.title) : 0;
            if (id > 0 && !marked.contains(id))
                marked.insert(id, &note);
            else
                unmarked << &note;
        }
    }
    int k = 0;
    for (const QJsonObject &comment : comments(m_order)) {
        if (noteExists(comment, marked, unmarked))
            continue;
        writeNote(comment.value(u"comment"_s).toString().trimmed().left(32000), comment.value(u"entity_id"_s).toInteger(),
                  u"refNote%1"_s.arg(k++));
        ++m_plan.notesCreated;
    }
}

bool SyncPlanner::Planning::noteExists(const QJsonObject &comment, QHash<qint64, const SfNoteState *> &marked,
                                       QList<const SfNoteState *> &unmarked) const
{
    const bool contentNotes = m_settings.noteObject() == NoteObject::ContentNote;
    const QString body = comment.value(u"comment"_s).toString().trimmed().left(32000);
    const qint64 commentId = comment.value(u"entity_id"_s).toInteger();
    if (commentId > 0 && marked.remove(commentId) > 0)
        return true;
    const auto same = std::find_if(unmarked.begin(), unmarked.end(), [&](const SfNoteState *note) {
        if (contentNotes)
            return commentIdInTitle(note->title) == 0 && note->title == noteTitle(body);
        return sameValue(QJsonValue(note->body.trimmed()), QJsonValue(body));
    });
    if (same == unmarked.end())
        return false;
    unmarked.erase(same);
    return true;
}

void SyncPlanner::Planning::writeNote(const QString &body, qint64 commentId, const QString &ref)
{
    if (m_settings.noteObject() != NoteObject::ContentNote) {
        FieldValues note;
        note.set(u"ParentId"_s, m_orderRecord);
        note.set(u"Title"_s, noteTitle(body));
        note.set(u"Body"_s, body);
        note.set(u"IsPrivate"_s, false);
        add(withValues(RecordWrite::create(u"Note"_s, {}, ref), note));
        return;
    }
    // Content is HTML: the comment's text escaped, its line breaks kept.
    QString html = body.toHtmlEscaped();
    html.replace(u"\r\n"_s, u"\n"_s).replace(u"\n"_s, u"<br>"_s);
    add(RecordWrite::create(u"ContentNote"_s,
                            QJsonObject{{u"Title"_s, contentNoteTitle(body, commentId)},
                                        {u"Content"_s, QString::fromLatin1(html.toUtf8().toBase64())}},
                            ref));
    FieldValues link;
    link.set(u"ContentDocumentId"_s, Link::written(ref));
    link.set(u"LinkedEntityId"_s, m_orderRecord);
    link.set(u"ShareType"_s, u"V"_s);
    link.set(u"Visibility"_s, u"AllUsers"_s);
    add(withValues(RecordWrite::create(u"ContentDocumentLink"_s, {}, ref + u"Link"_s), link));
}

// Finally the mapped status (activation goes alone: Salesforce allows no other change with it).
void SyncPlanner::Planning::planStatus()
{
    if (m_targetStatus.compare(m_currentStatus, Qt::CaseInsensitive) == 0)
        return;
    const QJsonObject status{{u"Status"_s, m_targetStatus}};
    const QString ref = OrderPlan::kStatusRef.toString();
    m_plan.activatesOrder = categoryOf(m_snapshot, m_targetStatus) == kActivated
                            && categoryOf(m_snapshot, m_currentStatus) != kActivated;
    if (m_existing)
        add(RecordWrite::update(u"Order"_s, m_existing->id, status, ref));
    else
        add(RecordWrite::upsert(u"Order"_s, kOrderExternalId, m_key, status, ref));
}

OrderPlan SyncPlanner::plan(const Input &input)
{
    return Planning(input).run();
}

} // namespace OrderBridge
