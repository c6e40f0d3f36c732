#include "sync/syncplanner.h"

#include "mapping/mappingevaluator.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr double kCent = 0.005;
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

/// Accumulates the nodes of one graph and remembers the first error.
class GraphWriter
{
public:
    void add(const Result<QString> &added)
    {
        if (!added && !m_error)
            m_error = added.error();
    }
    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }

private:
    std::optional<Error> m_error;
};

QJsonObject diffAgainst(const QJsonObject &wanted, const QJsonObject &current, const QSet<QString> &ignore)
{
    QJsonObject changed;
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        if (ignore.contains(it.key()))
            continue;
        if (!current.contains(it.key()) || !SyncPlanner::sameValue(current.value(it.key()), it.value()))
            changed.insert(it.key(), it.value());
    }
    return changed;
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

QString isoDatePlusDays(const QString &magentoTimestamp, int days)
{
    QDate date = QDate::fromString(magentoTimestamp.left(10), Qt::ISODate);
    if (!date.isValid())
        return {};
    return date.addDays(days).toString(Qt::ISODate);
}

} // namespace

bool SyncPlanner::isPaid(const QJsonObject &order)
{
    const double grandTotal = order.value(u"grand_total"_s).toDouble();
    if (order.contains(u"total_invoiced"_s) && order.value(u"total_invoiced"_s).toDouble() + kCent >= grandTotal)
        return true;
    return order.contains(u"total_paid"_s) && order.value(u"total_paid"_s).toDouble() + kCent >= grandTotal;
}

QList<QJsonObject> SyncPlanner::billedLines(const QJsonObject &order)
{
    const QJsonArray items = order.value(u"items"_s).toArray();
    QHash<qint64, QList<QJsonObject>> children;
    QList<QJsonObject> parents;
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        const QJsonValue parent = item.value(u"parent_item_id"_s);
        if (parent.isUndefined() || parent.isNull())
            parents << item;
        else
            children[parent.toInteger()] << item;
    }
    QList<QJsonObject> lines;
    for (const QJsonObject &item : parents) {
        const QList<QJsonObject> kids = children.value(item.value(u"item_id"_s).toInteger());
        const bool dynamicBundle = item.value(u"product_type"_s).toString() == u"bundle"
            && std::abs(item.value(u"price"_s).toDouble()) < kCent
            && std::any_of(kids.cbegin(), kids.cend(),
                           [](const QJsonObject &k) { return std::abs(k.value(u"price"_s).toDouble()) >= kCent; });
        if (dynamicBundle) {
            lines << kids;
        } else if (item.value(u"product_type"_s).toString() == u"bundle"_s && !kids.isEmpty()) {
            // A bundle with a dynamic SKU is ordered as "<bundle sku>-<option sku>-…": the product is the bundle's own SKU.
            QJsonObject line = item;
            QString sku = item.value(u"sku"_s).toString();
            for (auto kid = kids.crbegin(); kid != kids.crend(); ++kid) {
                const QString suffix = u"-"_s + kid->value(u"sku"_s).toString();
                if (sku.endsWith(suffix))
                    sku.chop(suffix.size());
            }
            line.insert(u"sku"_s, sku);
            lines << line;
        } else {
            lines << item;
        }
    }
    return lines;
}

QString SyncPlanner::customerKey(const QJsonObject &order)
{
    const bool guest = order.value(u"customer_is_guest"_s).toInt() == 1 || !order.contains(u"customer_id"_s);
    if (!guest)
        return u"customer-"_s + QString::number(order.value(u"customer_id"_s).toInteger());
    return u"guest-"_s + order.value(u"customer_email"_s).toString().trimmed().toLower();
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

OrderPlan SyncPlanner::plan(const Input &in)
{
    const QJsonObject &o = in.order;
    const Settings &settings = *in.settings;
    const SalesforceSnapshot &snap = *in.snapshot;
    const FieldMappingList &mappings = *in.mappings;

    OrderPlan plan;
    plan.entityId = o.value(u"entity_id"_s).toInteger();
    plan.incrementId = o.value(u"increment_id"_s).toString();
    plan.graph = CompositeGraph(u"o"_s + QString::number(plan.entityId));

    auto failed = [&plan](Error error) {
        plan.status = SyncStatus::Error;
        plan.error = std::move(error);
        plan.graph = CompositeGraph(plan.graph.graphId());
        return plan;
    };
    auto settled = [&plan](SyncStatus status, QString reason) {
        plan.status = status;
        plan.reason = std::move(reason);
        return plan;
    };

    const QString magentoStatus = o.value(u"status"_s).toString();
    if (plan.entityId <= 0 || plan.incrementId.isEmpty() || magentoStatus.isEmpty() || !o.value(u"items"_s).isArray()) {
        return failed(Error{u"sync.malformed_order"_s,
                            u"Magento returned an order without entity_id, increment_id, status or items."_s,
                            u"Check the Magento REST API response for this order; OrderBridge retries it on the next sync."_s,
                            {}});
    }

    // Gates that hold for the Order and the Opportunity alike.
    if (in.trigger == SyncTrigger::Automatic && !settings.automatedSynchronization()) {
        return settled(SyncStatus::OutOfSync,
                       u"Automated Synchronization is No: this order syncs only when you choose \"Sync with Salesforce\"."_s);
    }
    if (!settings.shouldSyncStatus(magentoStatus)) {
        return settled(SyncStatus::Skipped,
                       u"Magento status '%1' is not among the statuses to sync (Sync all orders: No)."_s.arg(magentoStatus));
    }
    const double grandTotal = o.value(u"grand_total"_s).toDouble();
    if (std::abs(grandTotal) < kCent && settings.zeroGrandTotal() == ZeroGrandTotal::DoNotSynchronize) {
        return settled(SyncStatus::Skipped, u"Zero Grand Total is \"Do not synchronize\" and this order totals 0."_s);
    }

    const SfOrderState *existing = nullptr;
    if (auto it = snap.ordersByIncrementId.constFind(plan.incrementId); it != snap.ordersByIncrementId.cend())
        existing = &it.value();

    const bool paid = isPaid(o);
    bool wantOrder = false;
    QString waitReason;
    switch (settings.createOrder()) {
    case CreateOrderMode::No:
        waitReason = u"Create Order is No: no Salesforce Order is created."_s;
        break;
    case CreateOrderMode::Every:
        wantOrder = true;
        break;
    case CreateOrderMode::Paid:
        // Once created, an Order keeps following its Magento order.
        wantOrder = paid || existing;
        if (!wantOrder) {
            waitReason = u"Waiting for payment: Create Order is \"For paid order\" and the order is not invoiced yet."_s;
        }
        break;
    }
    const bool wantOpportunity = settings.createOpportunity() == CreateOpportunityMode::Every;
    if (!wantOrder && !wantOpportunity) {
        return settled(settings.createOrder() == CreateOrderMode::No ? SyncStatus::Skipped : SyncStatus::OutOfSync,
                       waitReason);
    }

    // Status: the mapped target and the Default Status must exist in the org, in the right category.
    const auto target = MappingEvaluator::salesforceStatus(magentoStatus, mappings);
    if (!target)
        return failed(target.error());
    QString targetStatus = *target;
    const QString targetCategory = categoryOf(snap, targetStatus);
    if (targetCategory.isEmpty()) {
        return failed(Error{u"sync.unknown_order_status"_s,
                            u"The Order Status mapping sends '%1' for Magento status '%2', but Salesforce has no such Order Status."_s
                                .arg(targetStatus, magentoStatus),
                            u"Map '%1' to an existing Order Status in Fields Mapping › Order Status, or add the value in Salesforce."_s
                                .arg(magentoStatus),
                            {u"Status"_s}});
    }
    const QString defaultStatus = settings.defaultStatus();
    if (categoryOf(snap, defaultStatus) != kDraft) {
        return failed(Error{u"settings.default_status_not_draft"_s,
                            u"Default Status '%1' is not in Salesforce's Draft status group."_s.arg(defaultStatus),
                            u"Choose a Draft-category status under Salesforce › Orders › Default Status."_s,
                            {u"orders.default_status"_s}});
    }

    // Products: every billed line needs an active entry in the configured price book.
    const QList<QJsonObject> lines = billedLines(o);
    if (snap.pricebookId.isEmpty()) {
        return failed(Error{u"sync.price_book_missing"_s,
                            u"Salesforce has no active price book named '%1'."_s.arg(settings.priceBook()),
                            u"Create the price book in Salesforce or set advanced.price_book to an existing one."_s,
                            {u"advanced.price_book"_s}});
    }
    QStringList missingSkus;
    for (const QJsonObject &line : lines) {
        const QString sku = line.value(u"sku"_s).toString();
        if (!snap.entriesBySku.contains(sku) && !missingSkus.contains(sku))
            missingSkus << sku;
    }
    const bool createProducts = !missingSkus.isEmpty() && settings.createMissingProducts();
    if (!missingSkus.isEmpty() && !createProducts) {
        return failed(Error{u"sync.missing_price_entry"_s,
                            u"No active price book entry in price book '%1' for SKU %2."_s.arg(
                                snap.pricebookName.isEmpty() ? settings.priceBook() : snap.pricebookName,
                                missingSkus.join(u", "_s)),
                            u"In Salesforce, give the product with Product Code %1 an active entry in '%2' (and the Standard "
                            u"Price Book), or set advanced.create_missing_products to yes."_s
                                .arg(missingSkus.join(u", "_s), settings.priceBook()),
                            {u"PricebookEntryId"_s}});
    }
    if (createProducts && snap.standardPricebookId.isEmpty()) {
        return failed(Error{u"sync.standard_price_book_missing"_s,
                            u"Products cannot be created: the org's Standard Price Book was not found."_s,
                            u"Activate the Standard Price Book in Salesforce."_s,
                            {}});
    }

    GraphWriter writer;
    CompositeGraph &g = plan.graph;

    // Customer: keep the Order's Account once it exists; otherwise find by e-mail or key, or upsert.
    QString accountRef;
    QString email = o.value(u"customer_email"_s).toString().trimmed().toLower();
    if (existing && !existing->accountId.isEmpty()) {
        accountRef = existing->accountId;
    } else {
        if (email.isEmpty()) {
            return failed(Error{u"sync.customer_email_missing"_s, u"The Magento order has no customer e-mail."_s,
                                u"Add the customer's e-mail to the order in Magento."_s, {u"customer_email"_s}});
        }
        const QString key = customerKey(o);
        SfCustomer customer = snap.customersByEmail.value(email);
        if (customer.accountId.isEmpty())
            customer = snap.customersByKey.value(key, customer);
        QString first;
        QString last;
        const QString fullName = personName(o, &first, &last);
        if (!customer.accountId.isEmpty()) {
            accountRef = customer.accountId;
        } else {
            const QString company = o.value(u"billing_address"_s).toObject().value(u"company"_s).toString().trimmed();
            writer.add(g.addUpsert(u"Account"_s, kOrderExternalId, key,
                                   QJsonObject{{u"Name"_s, (company.isEmpty() ? fullName : company).left(255)}},
                                   OrderPlan::kAccountRef.toString()));
            accountRef = CompositeGraph::reference(OrderPlan::kAccountRef.toString());
            if (customer.contactId.isEmpty()) {
                QJsonObject contact{{u"AccountId"_s, accountRef}, {u"LastName"_s, last.left(80)}, {u"Email"_s, email}};
                if (!first.isEmpty())
                    contact.insert(u"FirstName"_s, first.left(40));
                writer.add(g.addUpsert(u"Contact"_s, kOrderExternalId, key, contact, OrderPlan::kContactRef.toString()));
            } else {
                writer.add(g.addUpdate(u"Contact"_s, customer.contactId, QJsonObject{{u"AccountId"_s, accountRef}},
                                       OrderPlan::kContactRef.toString()));
            }
        }
    }

    // Products the user asked to have created: Product2 by its external ID, then both entries.
    QHash<QString, QString> entryRefs;
    for (auto it = snap.entriesBySku.cbegin(); it != snap.entriesBySku.cend(); ++it)
        entryRefs.insert(it.key(), it.value().id);
    if (createProducts) {
        int n = 0;
        for (const QString &sku : std::as_const(missingSkus)) {
            const auto line = std::find_if(lines.cbegin(), lines.cend(),
                                           [&sku](const QJsonObject &l) { return l.value(u"sku"_s).toString() == sku; });
            const double price = line->value(u"price"_s).toDouble();
            QString productRef = snap.productIdsBySku.value(sku);
            if (productRef.isEmpty()) {
                const QString ref = u"refProduct%1"_s.arg(n);
                writer.add(g.addUpsert(u"Product2"_s, kOrderExternalId, sku,
                                       QJsonObject{{u"Name"_s, line->value(u"name"_s).toString(sku).left(255)},
                                                   {u"ProductCode"_s, sku},
                                                   {u"IsActive"_s, true}},
                                       ref));
                productRef = CompositeGraph::reference(ref);
            }
            if (!snap.standardEntriesBySku.contains(sku)) {
                writer.add(g.addCreate(u"PricebookEntry"_s,
                                       QJsonObject{{u"Pricebook2Id"_s, snap.standardPricebookId},
                                                   {u"Product2Id"_s, productRef},
                                                   {u"UnitPrice"_s, price},
                                                   {u"IsActive"_s, true}},
                                       u"refStdEntry%1"_s.arg(n)));
            }
            const QString entryRef = u"refEntry%1"_s.arg(n);
            writer.add(g.addCreate(u"PricebookEntry"_s,
                                   QJsonObject{{u"Pricebook2Id"_s, snap.pricebookId},
                                               {u"Product2Id"_s, productRef},
                                               {u"UnitPrice"_s, price},
                                               {u"IsActive"_s, true}},
                                   entryRef));
            entryRefs.insert(sku, CompositeGraph::reference(entryRef));
            plan.notices << u"Product %1 and its price book entries are created in Salesforce."_s.arg(sku);
            ++n;
        }
    }

    // Opportunity, before the Order so the Order can point at it. An existing one is compared with
    // what Salesforce has: only changed fields and products are written, an unchanged one not at all.
    QString opportunityRef;
    if (wantOpportunity) {
        const QString stage = paid ? settings.opportunityStageConverted() : settings.opportunityStageDraft();
        QJsonObject opp{{u"Name"_s, u"Magento order #%1"_s.arg(plan.incrementId)},
                        {u"StageName"_s, stage},
                        {u"CloseDate"_s, isoDatePlusDays(o.value(u"created_at"_s).toString(), settings.salesCycleLengthDays())},
                        {u"AccountId"_s, accountRef},
                        {u"Pricebook2Id"_s, snap.pricebookId}};
        const auto existingOpp = snap.opportunitiesByIncrementId.constFind(plan.incrementId);
        const bool known = existingOpp != snap.opportunitiesByIncrementId.cend();
        const QString existingOppId = known ? existingOpp->id : snap.opportunityIdsByIncrementId.value(plan.incrementId);
        QList<SfOpportunityItemState> unmatched;
        if (existingOppId.isEmpty()) {
            writer.add(g.addUpsert(u"Opportunity"_s, kOrderExternalId, plan.incrementId, opp,
                                   OrderPlan::kOpportunityRef.toString()));
            opportunityRef = CompositeGraph::reference(OrderPlan::kOpportunityRef.toString());
        } else {
            opportunityRef = existingOppId;
            const QJsonObject changed = diffAgainst(opp, known ? existingOpp->fields : QJsonObject(), {});
            if (!changed.isEmpty())
                writer.add(g.addUpdate(u"Opportunity"_s, existingOppId, changed, OrderPlan::kOpportunityRef.toString()));
            if (known)
                unmatched = existingOpp->items;
        }
        // Products: each billed line once, matched to an existing product by its price book entry.
        int n = 0;
        for (const QJsonObject &line : lines) {
            const QString entry = entryRefs.value(line.value(u"sku"_s).toString());
            const double quantity = line.value(u"qty_ordered"_s).toDouble();
            const double price = line.value(u"price"_s).toDouble();
            const auto found = std::find_if(unmatched.begin(), unmatched.end(), [&entry](const SfOpportunityItemState &i) {
                return i.pricebookEntryId == entry;
            });
            const QString ref = u"refOli%1"_s.arg(n++);
            if (found == unmatched.end()) {
                writer.add(g.addCreate(u"OpportunityLineItem"_s,
                                       QJsonObject{{u"OpportunityId"_s, opportunityRef},
                                                   {u"PricebookEntryId"_s, entry},
                                                   {u"Quantity"_s, quantity},
                                                   {u"UnitPrice"_s, price}},
                                       ref));
                continue;
            }
            QJsonObject changed;
            if (!sameValue(found->quantity, quantity))
                changed.insert(u"Quantity"_s, quantity);
            if (!sameValue(found->unitPrice, price))
                changed.insert(u"UnitPrice"_s, price);
            if (!changed.isEmpty())
                writer.add(g.addUpdate(u"OpportunityLineItem"_s, found->id, changed, ref));
            unmatched.erase(found);
        }
    }

    if (!wantOrder) {
        if (writer.error())
            return failed(*writer.error());
        plan.status = settings.createOrder() == CreateOrderMode::No ? SyncStatus::Skipped : SyncStatus::OutOfSync;
        plan.reason = waitReason;
        return plan;
    }

    // The Order's own fields.
    EvaluationContext context{{FieldMapping::kAccountIdSource.toString(), accountRef},
                              {FieldMapping::kPricebookIdSource.toString(), snap.pricebookId}};
    const MappingEvaluation orderValues = MappingEvaluator::evaluateOrder(
        o, mappings, in.schema->order, existing ? WriteOperation::Update : WriteOperation::Insert, context);
    if (orderValues.hasErrors()) {
        return failed(Error{u"mapping.value_invalid"_s,
                            u"Order fields could not be converted: %1."_s.arg(problemsText(orderValues.errors)),
                            u"Fix the values in Magento or the mapping in Fields Mapping › Order."_s,
                            {}});
    }
    for (const TruncationNotice &t : orderValues.truncations)
        plan.notices << u"%1 was cut to %2 characters."_s.arg(t.salesforceField).arg(t.limit);
    QJsonObject fields = orderValues.values;
    fields.remove(u"Status"_s);
    fields.remove(kOrderExternalId);
    if (!opportunityRef.isEmpty())
        fields.insert(u"OpportunityId"_s, opportunityRef);

    // Order Products, computed first: changes to them need a Draft order.
    struct ItemWrite
    {
        bool upsert = false;
        QString externalId;
        QString id;
        QJsonObject fields;
    };
    QList<ItemWrite> itemWrites;
    const QString orderRef = existing ? existing->id : CompositeGraph::reference(OrderPlan::kOrderRef.toString());
    for (const QJsonObject &line : lines) {
        const QString sku = line.value(u"sku"_s).toString();
        const EvaluationContext itemContext{{FieldMapping::kOrderIdSource.toString(), orderRef},
                                            {FieldMapping::kPricebookEntryIdSource.toString(), entryRefs.value(sku)}};
        const QString externalId = QString::number(line.value(u"item_id"_s).toInteger());
        const SfOrderItemState *current = nullptr;
        if (existing) {
            if (auto found = existing->itemsByExternalId.constFind(externalId); found != existing->itemsByExternalId.cend())
                current = &found.value();
        }
        const MappingEvaluation itemValues = MappingEvaluator::evaluateItem(
            line, mappings, in.schema->orderItem, current ? WriteOperation::Update : WriteOperation::Insert, itemContext);
        if (itemValues.hasErrors()) {
            return failed(Error{u"mapping.value_invalid"_s,
                                u"Order Product fields for SKU %1 could not be converted: %2."_s.arg(
                                    sku, problemsText(itemValues.errors)),
                                u"Fix the values in Magento or the mapping in Fields Mapping › Order Product."_s,
                                {}});
        }
        QJsonObject values = itemValues.values;
        const QString mappedExternalId = values.value(kItemExternalId).toVariant().toString();
        values.remove(kItemExternalId);
        const QString key = mappedExternalId.isEmpty() ? externalId : mappedExternalId;
        if (!current) {
            itemWrites << ItemWrite{true, key, {}, values};
        } else {
            const QJsonObject changed = diffAgainst(values, current->fields,
                                                    {u"OrderId"_s, u"PricebookEntryId"_s});
            if (!changed.isEmpty())
                itemWrites << ItemWrite{false, key, current->id, changed};
        }
    }
    plan.itemsWritten = int(itemWrites.size());

    const bool activatesWithoutProducts = lines.isEmpty() && targetCategory == kActivated;
    if (activatesWithoutProducts) {
        targetStatus = defaultStatus;
        plan.notices << u"The Order stays in '%1': Salesforce activates only orders with products."_s.arg(defaultStatus);
    }
    plan.targetStatus = targetStatus;

    QString currentStatus = defaultStatus;
    if (!existing) {
        QJsonObject insert = fields;
        insert.insert(u"Status"_s, defaultStatus);
        writer.add(g.addUpsert(u"Order"_s, kOrderExternalId, plan.incrementId, insert, OrderPlan::kOrderRef.toString()));
        plan.createsOrder = true;
    } else {
        currentStatus = existing->status;
        QJsonObject changed = diffAgainst(fields, existing->fields, {});
        if (existing->accountId == accountRef)
            changed.remove(u"AccountId"_s);
        if (existing->opportunityId == opportunityRef)
            changed.remove(u"OpportunityId"_s);
        const bool activated = categoryOf(snap, existing->status) == kActivated || existing->statusCode == kActivated;
        if (activated && (!changed.isEmpty() || !itemWrites.isEmpty())) {
            writer.add(g.addUpdate(u"Order"_s, existing->id, QJsonObject{{u"Status"_s, defaultStatus}}, u"refDraft"_s));
            currentStatus = defaultStatus;
        }
        if (!changed.isEmpty())
            writer.add(g.addUpdate(u"Order"_s, existing->id, changed, OrderPlan::kOrderRef.toString()));
    }

    int n = 0;
    for (const ItemWrite &w : std::as_const(itemWrites)) {
        const QString ref = u"refItem%1"_s.arg(n++);
        if (w.upsert)
            writer.add(g.addUpsert(u"OrderItem"_s, kItemExternalId, w.externalId, w.fields, ref));
        else
            writer.add(g.addUpdate(u"OrderItem"_s, w.id, w.fields, ref));
    }

    // Notes: each comment exactly once. A ContentNote carries its comment's entity_id in its title
    // (the only field of it the lookup can read); a classic Note is matched by its whole Body. Notes
    // written before markers existed are matched by content. A matched note is used up, so two
    // identical comments are two notes, and a replay after a crash creates none again.
    if (settings.synchronizeOrderNotes()) {
        const bool contentNotes = settings.noteObject() == NoteObject::ContentNote;
        QList<const SfNoteState *> unmarked;
        QHash<qint64, const SfNoteState *> marked;
        if (existing) {
            for (const SfNoteState &note : existing->notes) {
                const qint64 id = contentNotes ? commentIdInTitle(note.title) : 0;
                if (id > 0 && !marked.contains(id))
                    marked.insert(id, &note);
                else
                    unmarked << &note;
            }
        }
        int k = 0;
        for (const QJsonObject &entry : comments(o)) {
            const QString body = entry.value(u"comment"_s).toString().trimmed().left(32000);
            const qint64 commentId = entry.value(u"entity_id"_s).toInteger();
            if (commentId > 0 && marked.remove(commentId) > 0)
                continue;
            const auto same = std::find_if(unmarked.begin(), unmarked.end(), [&](const SfNoteState *note) {
                if (contentNotes)
                    return commentIdInTitle(note->title) == 0 && note->title == noteTitle(body);
                return sameValue(QJsonValue(note->body.trimmed()), QJsonValue(body));
            });
            if (same != unmarked.end()) {
                unmarked.erase(same);
                continue;
            }
            const QString ref = u"refNote%1"_s.arg(k++);
            if (contentNotes) {
                // Content is HTML: the comment's text escaped, its line breaks kept.
                QString html = body.toHtmlEscaped();
                html.replace(u"\r\n"_s, u"\n"_s).replace(u"\n"_s, u"<br>"_s);
                writer.add(g.addCreate(u"ContentNote"_s,
                                       QJsonObject{{u"Title"_s, contentNoteTitle(body, commentId)},
                                                   {u"Content"_s, QString::fromLatin1(html.toUtf8().toBase64())}},
                                       ref));
                writer.add(g.addCreate(u"ContentDocumentLink"_s,
                                       QJsonObject{{u"ContentDocumentId"_s, CompositeGraph::reference(ref)},
                                                   {u"LinkedEntityId"_s, orderRef},
                                                   {u"ShareType"_s, u"V"_s},
                                                   {u"Visibility"_s, u"AllUsers"_s}},
                                       ref + u"Link"_s));
            } else {
                writer.add(g.addCreate(u"Note"_s,
                                       QJsonObject{{u"ParentId"_s, orderRef},
                                                   {u"Title"_s, noteTitle(body)},
                                                   {u"Body"_s, body},
                                                   {u"IsPrivate"_s, false}},
                                       ref));
            }
            ++plan.notesCreated;
        }
    }

    // Finally the mapped status (activation goes alone: Salesforce allows no other change with it).
    if (targetStatus.compare(currentStatus, Qt::CaseInsensitive) != 0) {
        if (existing)
            writer.add(g.addUpdate(u"Order"_s, existing->id, QJsonObject{{u"Status"_s, targetStatus}}, u"refStatus"_s));
        else
            writer.add(g.addUpsert(u"Order"_s, kOrderExternalId, plan.incrementId,
                                   QJsonObject{{u"Status"_s, targetStatus}}, u"refStatus"_s));
    }

    if (writer.error())
        return failed(*writer.error());
    plan.status = SyncStatus::InSync;
    return plan;
}

} // namespace OrderBridge
