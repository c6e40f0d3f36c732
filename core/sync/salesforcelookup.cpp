#include "sync/salesforcelookup.h"

#include "sync/addresscodes.h"
#include "sync/ordercurrency.h"

#include "salesforce/salesforceerror.h"
#include "salesforce/soqlquery.h"
#include "sync/syncplanner.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString kOrders = u"qOrders"_s;
const QString kContacts = u"qContacts"_s;
const QString kPrices = u"qPrices"_s;
const QString kStatuses = u"qStatuses"_s;
const QString kOpportunities = u"qOpps"_s;
const QString kProducts = u"qProducts"_s;
const QString kOrganization = u"qOrg"_s;
const QString kCurrencyTypes = u"qCur"_s;
const QString kIsoCode = QString::fromLatin1(OrderCurrency::IsoCodeField);

// Multiple currencies show as CurrencyIsoCode in the Order describe.
bool multiCurrency(const SalesforceFieldMap *orderFields)
{
    return orderFields && !OrderCurrency::orgCurrencies(*orderFields).isEmpty();
}

QStringList mappedFields(const FieldMappingList &mappings, MappingEntity entity, const QStringList &always)
{
    QStringList fields = always;
    for (const FieldMapping &m : mappings) {
        if (m.entity != entity || !m.enabled)
            continue;
        if (m.salesforceField == u"Status"_s || fields.contains(m.salesforceField, Qt::CaseInsensitive))
            continue;
        fields << m.salesforceField;
    }
    return fields;
}

QStringList unique(QStringList list)
{
    list.removeAll(QString());
    list.removeDuplicates();
    return list;
}

Result<QString> built(const SoqlQuery &query)
{
    return query.build();
}

/// Inserts "(SELECT … FROM Child)" subqueries into a built parent statement after its field list.
QString withSubqueries(const QString &statement, const QStringList &subqueries)
{
    const qsizetype from = statement.indexOf(u" FROM "_s);
    if (from < 0 || subqueries.isEmpty())
        return statement;
    QString out = statement.left(from);
    for (const QString &s : subqueries)
        out += u", ("_s + s + u')';
    return out + statement.mid(from);
}

/// The keys a batch looks up, each once.
struct BatchKeys
{
    QStringList incrementIds;
    QStringList emails;
    QStringList customerKeys;
    QStringList skus;
};

BatchKeys keysOf(const QList<QJsonObject> &orders, const StoreViews *stores, const BundleSkus *bundleSkus)
{
    const StoreViews single;
    BatchKeys keys;
    for (const QJsonObject &o : orders) {
        keys.incrementIds << (stores ? stores : &single)->orderKey(o);
        keys.emails << o.value(u"customer_email"_s).toString().trimmed().toLower();
        keys.customerKeys << SyncPlanner::customerKey(o);
        if (const QString legacy = SyncPlanner::legacyCustomerKey(o); !legacy.isEmpty())
            keys.customerKeys << legacy; // customers synced before guest keys were hashed
        for (const QJsonObject &line : SyncPlanner::billedLines(o, bundleSkus))
            keys.skus << line.value(u"sku"_s).toString();
    }
    keys.incrementIds = unique(keys.incrementIds);
    keys.emails = unique(keys.emails);
    keys.customerKeys = unique(keys.customerKeys);
    keys.skus = unique(keys.skus);
    return keys;
}

// Orders with their products and notes.
Result<SalesforceLookup::Query> ordersQuery(const BatchKeys &keys, const Settings &settings,
                                            const FieldMappingList &mappings, const SalesforceFieldMap *orderFields)
{
    const QStringList itemFields = mappedFields(mappings, MappingEntity::OrderItem,
                                                {u"Id"_s, u"Magento_Item_ID__c"_s, u"PricebookEntryId"_s});
    auto items = built(SoqlQuery(u"OrderItem"_s).select(itemFields));
    if (!items)
        return std::unexpected(items.error());
    QStringList subqueries{QString(*items).replace(u"FROM OrderItem"_s, u"FROM OrderItems"_s)};
    if (settings.synchronizeOrderNotes()) {
        if (settings.noteObject() == NoteObject::ContentNote)
            subqueries << u"SELECT ContentDocumentId, ContentDocument.Title FROM ContentDocumentLinks"_s;
        else
            subqueries << u"SELECT Id, Title, Body FROM Notes"_s;
    }
    QStringList orderSelect = mappedFields(mappings, MappingEntity::Order,
                                           {u"Id"_s, u"Magento_ID__c"_s, u"Status"_s, u"StatusCode"_s,
                                            u"AccountId"_s, u"OpportunityId"_s});
    if (orderFields)
        orderSelect << AddressCodes::lookupFields(orderSelect, *orderFields);
    if (multiCurrency(orderFields) && !orderSelect.contains(kIsoCode))
        orderSelect << kIsoCode;
    auto orders = built(SoqlQuery(u"Order"_s).select(orderSelect).whereIn(u"Magento_ID__c"_s, keys.incrementIds));
    if (!orders)
        return std::unexpected(orders.error());
    return SalesforceLookup::Query{kOrders, withSubqueries(*orders, subqueries)};
}

QList<QStringList> chunked(const QStringList &values, qsizetype budget);

// Customers by e-mail or by key: one query per run of e-mails and keys that fits a statement (each list gets
// half of what the statement's shape leaves).
Result<QList<SalesforceLookup::Query>> contactsQueries(const BatchKeys &keys)
{
    const QString shape = u"SELECT Id, AccountId, Email, Magento_ID__c FROM Contact WHERE (Email IN  OR "
                          u"Magento_ID__c IN )"_s;
    const qsizetype budget = (SalesforceLookup::MaxStatementLength - shape.size() - 1) / 2;
    const QList<QStringList> emailRuns = chunked(keys.emails, budget);
    const QList<QStringList> keyRuns = chunked(keys.customerKeys, budget);
    QList<SalesforceLookup::Query> out;
    for (qsizetype i = 0; i < std::max(emailRuns.size(), keyRuns.size()); ++i) {
        const QStringList emails = emailRuns.value(i);
        const QStringList customerKeys = keyRuns.value(i);
        QList<SoqlQuery::Condition> either;
        if (!emails.isEmpty())
            either << SoqlQuery::Condition{u"Email"_s, SoqlQuery::Op::In, emails, Soql::LikeMatch::Exact};
        if (!customerKeys.isEmpty())
            either << SoqlQuery::Condition{u"Magento_ID__c"_s, SoqlQuery::Op::In, customerKeys, Soql::LikeMatch::Exact};
        if (either.isEmpty())
            continue;
        SoqlQuery contacts(u"Contact"_s);
        contacts.select({u"Id"_s, u"AccountId"_s, u"Email"_s, u"Magento_ID__c"_s}).anyOf(either);
        auto statement = contacts.build();
        if (!statement)
            return std::unexpected(statement.error());
        out << SalesforceLookup::Query{out.isEmpty() ? kContacts : kContacts + QString::number(out.size() + 1),
                                       *statement};
    }
    return out;
}

// Splits values into runs whose quoted IN list, "(…)", stays within budget characters.
QList<QStringList> chunked(const QStringList &values, qsizetype budget)
{
    QList<QStringList> out(1);
    qsizetype used = 2;
    for (const QString &v : values) {
        const qsizetype cost = Soql::quote(v).size() + 1;
        if (!out.last().isEmpty() && used + cost > budget) {
            out << QStringList();
            used = 2;
        }
        out.last() << v;
        used += cost;
    }
    return out;
}

// The SKU runs of a statement whose IN list replaces "%1" in `shape`, each statement under SOQL's length limit.
QList<QStringList> skuRuns(const QStringList &skus, const QString &shape)
{
    return chunked(skus, SalesforceLookup::MaxStatementLength - shape.size() - 1);
}

// Price books (the configured one and the standard one) with the entries of the batch's SKUs, one query per run
// of SKUs that fits a statement.
Result<QList<SalesforceLookup::Query>> pricesQueries(const BatchKeys &keys, const Settings &settings, bool currencies)
{
    const QString book = Soql::quote(settings.priceBook());
    if (keys.skus.isEmpty()) {
        return QList<SalesforceLookup::Query>{SalesforceLookup::Query{
            kPrices,
            u"SELECT Id, Name, IsStandard FROM Pricebook2 WHERE IsActive = true AND (Name = %1 OR IsStandard = true)"_s.arg(book)}};
    }
    // With multiple currencies a product has an entry per currency: the lookup keys them by SKU and currency.
    const QString shape = u"SELECT Id, Name, IsStandard, (SELECT Id, Product2Id, Product2.ProductCode, UnitPrice%3 FROM "
                          u"PricebookEntries WHERE IsActive = true AND Product2.ProductCode IN %1) FROM Pricebook2 WHERE "
                          u"IsActive = true AND (Name = %2 OR IsStandard = true)"_s.replace(
                              u"%3"_s, currencies ? u", CurrencyIsoCode"_s : QString());
    QList<SalesforceLookup::Query> out;
    for (const QStringList &run : skuRuns(keys.skus, shape.arg(QString(), book))) {
        auto skuList = Soql::inList(run);
        if (!skuList)
            return std::unexpected(skuList.error());
        out << SalesforceLookup::Query{out.isEmpty() ? kPrices : kPrices + QString::number(out.size() + 1),
                                       shape.arg(*skuList, book)};
    }
    return out;
}

// The fields the planner writes and the products, so an unchanged Opportunity is not written again.
Result<SalesforceLookup::Query> opportunitiesQuery(const BatchKeys &keys, bool currencies)
{
    QStringList fields{u"Id"_s, u"Magento_ID__c"_s, u"Name"_s, u"StageName"_s, u"CloseDate"_s, u"AccountId"_s,
                       u"Pricebook2Id"_s};
    if (currencies)
        fields << kIsoCode;
    auto opps = SoqlQuery(u"Opportunity"_s)
                    .select(fields)
                    .whereIn(u"Magento_ID__c"_s, keys.incrementIds)
                    .build();
    if (!opps)
        return std::unexpected(opps.error());
    return SalesforceLookup::Query{
        kOpportunities, withSubqueries(*opps, {u"SELECT Id, PricebookEntryId, Quantity, UnitPrice FROM OpportunityLineItems"_s})};
}

Result<QList<SalesforceLookup::Query>> productsQueries(const BatchKeys &keys)
{
    QList<SalesforceLookup::Query> out;
    for (const QStringList &run : skuRuns(keys.skus, u"SELECT Id, ProductCode FROM Product2 WHERE ProductCode IN "_s)) {
        auto products = SoqlQuery(u"Product2"_s).select({u"Id"_s, u"ProductCode"_s}).whereIn(u"ProductCode"_s, run).build();
        if (!products)
            return std::unexpected(products.error());
        out << SalesforceLookup::Query{out.isEmpty() ? kProducts : kProducts + QString::number(out.size() + 1), *products};
    }
    return out;
}

QJsonArray childRecords(const QJsonObject &record, const QString &relationship)
{
    return record.value(relationship).toObject().value(u"records"_s).toArray();
}

QJsonObject withoutAttributes(QJsonObject record)
{
    record.remove(u"attributes"_s);
    return record;
}

SfOrderState orderStateOf(const QJsonObject &r)
{
    SfOrderState state;
    state.id = r.value(u"Id"_s).toString();
    state.status = r.value(u"Status"_s).toString();
    state.statusCode = r.value(u"StatusCode"_s).toString();
    state.accountId = r.value(u"AccountId"_s).toString();
    state.opportunityId = r.value(u"OpportunityId"_s).toString();
    state.fields = withoutAttributes(r);
    state.fields.remove(u"OrderItems"_s);
    state.fields.remove(u"Notes"_s);
    state.fields.remove(u"ContentDocumentLinks"_s);
    for (const QJsonValue &iv : childRecords(r, u"OrderItems"_s)) {
        const QJsonObject item = withoutAttributes(iv.toObject());
        const QString ext = item.value(u"Magento_Item_ID__c"_s).toVariant().toString();
        state.itemsByExternalId.insert(ext, SfOrderItemState{item.value(u"Id"_s).toString(),
                                                             item.value(u"PricebookEntryId"_s).toString(), item});
    }
    for (const QJsonValue &nv : childRecords(r, u"Notes"_s)) {
        const QJsonObject note = nv.toObject();
        state.notes << SfNoteState{note.value(u"Id"_s).toString(), note.value(u"Title"_s).toString(),
                                   note.value(u"Body"_s).toString()};
    }
    for (const QJsonValue &lv : childRecords(r, u"ContentDocumentLinks"_s)) {
        const QJsonObject link = lv.toObject();
        state.notes << SfNoteState{link.value(u"ContentDocumentId"_s).toString(),
                                   link.value(u"ContentDocument"_s).toObject().value(u"Title"_s).toString(), QString()};
    }
    return state;
}

Result<void> readOrder(SalesforceSnapshot &snap, const QJsonObject &r)
{
    const SfOrderState state = orderStateOf(r);
    const QString key = r.value(u"Magento_ID__c"_s).toString();
    if (state.id.isEmpty() || key.isEmpty())
        return fail(u"MALFORMED_RESPONSE"_s, u"An Order in the lookup reply has no Id or Magento_ID__c."_s);
    if (snap.ordersByIncrementId.contains(key)) {
        return fail(u"DUPLICATE_ORDER"_s, u"Salesforce holds two Orders with Magento_ID__c %1."_s.arg(key),
                    u"Mark Magento_ID__c as Unique and External ID on Order, and delete the duplicate."_s);
    }
    snap.ordersByIncrementId.insert(key, state);
    return {};
}

void readContact(SalesforceSnapshot &snap, const QJsonObject &r)
{
    const SfCustomer c{r.value(u"AccountId"_s).toString(), r.value(u"Id"_s).toString()};
    const QString email = r.value(u"Email"_s).toString().trimmed().toLower();
    // Prefer a Contact that has an Account when several share an e-mail.
    if (!email.isEmpty()
        && (!snap.customersByEmail.contains(email) || snap.customersByEmail.value(email).accountId.isEmpty()))
        snap.customersByEmail.insert(email, c);
    const QString key = r.value(u"Magento_ID__c"_s).toString();
    if (!key.isEmpty())
        snap.customersByKey.insert(key, c);
}

void readPriceBook(SalesforceSnapshot &snap, const QJsonObject &r, const Settings &settings)
{
    const bool standard = r.value(u"IsStandard"_s).toBool();
    const QString id = r.value(u"Id"_s).toString();
    const bool configured = r.value(u"Name"_s).toString() == settings.priceBook();
    if (standard)
        snap.standardPricebookId = id;
    if (configured)
        snap.pricebookId = id;
    for (const QJsonValue &ev : childRecords(r, u"PricebookEntries"_s)) {
        const QJsonObject e = ev.toObject();
        const QString code = e.value(u"Product2"_s).toObject().value(u"ProductCode"_s).toString();
        const QString currency = e.value(kIsoCode).toString();
        const QString key = SalesforceSnapshot::entryKey(code, currency);
        const SfPriceEntry entry{e.value(u"Id"_s).toString(), e.value(u"Product2Id"_s).toString(),
                                 e.value(u"UnitPrice"_s).toDouble()};
        if (!currency.isEmpty())
            snap.multiCurrency = true;
        if (configured)
            snap.entriesBySku.insert(key, entry);
        if (standard)
            snap.standardEntriesBySku.insert(key, entry);
        snap.productIdsBySku.insert(SalesforceSnapshot::skuKey(code), entry.product2Id);
    }
}

Result<void> readOpportunity(SalesforceSnapshot &snap, const QJsonObject &r)
{
    const QString key = r.value(u"Magento_ID__c"_s).toString();
    SfOpportunityState opp;
    opp.id = r.value(u"Id"_s).toString();
    opp.fields = withoutAttributes(r);
    opp.fields.remove(u"OpportunityLineItems"_s);
    for (const QJsonValue &iv : childRecords(r, u"OpportunityLineItems"_s)) {
        const QJsonObject item = iv.toObject();
        opp.items << SfOpportunityItemState{item.value(u"Id"_s).toString(), item.value(u"PricebookEntryId"_s).toString(),
                                            item.value(u"Quantity"_s).toDouble(), item.value(u"UnitPrice"_s).toDouble()};
    }
    if (opp.id.isEmpty() || key.isEmpty())
        return fail(u"MALFORMED_RESPONSE"_s, u"An Opportunity in the lookup reply has no Id or Magento_ID__c."_s);
    snap.opportunityIdsByIncrementId.insert(key, opp.id);
    snap.opportunitiesByIncrementId.insert(key, opp);
    return {};
}

/// Reads one record of the subresponse `ref` into the snapshot.
Result<void> readRecord(SalesforceSnapshot &snap, const QString &ref, const QJsonObject &r, const Settings &settings)
{
    if (ref == kOrders)
        return readOrder(snap, r);
    if (ref.startsWith(kContacts))
        readContact(snap, r);
    else if (ref.startsWith(kPrices))
        readPriceBook(snap, r, settings);
    else if (ref == kStatuses)
        snap.statusCategories.insert(r.value(u"ApiName"_s).toString(), r.value(u"StatusCode"_s).toString());
    else if (ref == kOpportunities)
        return readOpportunity(snap, r);
    else if (ref == kOrganization)
        snap.orgCurrency = r.value(u"DefaultCurrencyIsoCode"_s).toString();
    else if (ref == kCurrencyTypes)
        snap.currencyDecimals.insert(r.value(u"IsoCode"_s).toString().toUpper(), r.value(u"DecimalPlaces"_s).toInt());
    else if (ref.startsWith(kProducts))
        snap.productIdsBySku.insert(SalesforceSnapshot::skuKey(r.value(u"ProductCode"_s).toString()), r.value(u"Id"_s).toString());
    return {};
}

} // namespace

Result<QList<SalesforceLookup::Query>> SalesforceLookup::queries(const Request &request)
{
    if (request.orders.size() > MaxKeysPerQuery) {
        return fail(u"sync.batch_too_large"_s,
                    u"A lookup takes at most %1 orders, got %2."_s.arg(MaxKeysPerQuery).arg(request.orders.size()));
    }
    const BatchKeys keys = keysOf(request.orders, request.stores, request.bundleSkus);
    if (keys.incrementIds.isEmpty())
        return QList<Query>();
    const Settings &settings = *request.settings;
    const Result<Query> orders = ordersQuery(keys, settings, *request.mappings, request.orderFields);
    if (!orders)
        return std::unexpected(orders.error());
    const auto contacts = contactsQueries(keys);
    if (!contacts)
        return std::unexpected(contacts.error());
    QList<Query> out{*orders};
    out << *contacts;
    const bool currencies = multiCurrency(request.orderFields);
    auto prices = pricesQueries(keys, settings, currencies);
    if (!prices)
        return std::unexpected(prices.error());
    out << *prices << Query{kStatuses, u"SELECT ApiName, StatusCode FROM OrderStatus"_s};
    // A single-currency org's currency, against which each order's currency is checked: read once a session (a
    // composite call takes five queries, and the batch's own queries fill them).
    if (!currencies && request.orgCurrency.isEmpty())
        out << Query{kOrganization, u"SELECT DefaultCurrencyIsoCode FROM Organization"_s};
    // A multi-currency org's decimal places per currency (JPY 0, most 2, some 3), at which its currency fields
    // keep amounts: read once a session in the place of the Organization query, which such an org does not need.
    // https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_currencytype.htm
    if (currencies && request.currencyDecimals.isEmpty())
        out << Query{kCurrencyTypes, u"SELECT IsoCode, DecimalPlaces FROM CurrencyType WHERE IsActive = true"_s};
    if (settings.createOpportunity() == CreateOpportunityMode::Every) {
        auto opps = opportunitiesQuery(keys, currencies);
        if (!opps)
            return std::unexpected(opps.error());
        out << *opps;
    }
    if (settings.createMissingProducts() && !keys.skus.isEmpty()) {
        auto products = productsQueries(keys);
        if (!products)
            return std::unexpected(products.error());
        out << *products;
    }
    return out;
}

QJsonObject SalesforceLookup::compositeBody(const QList<Query> &queries, const QString &apiVersion)
{
    QJsonArray requests;
    for (const Query &q : queries) {
        const QString url = u"/services/data/v%1/query?q=%2"_s.arg(apiVersion, QString::fromLatin1(QUrl::toPercentEncoding(q.soql)));
        requests.append(QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, url}, {u"referenceId"_s, q.referenceId}});
    }
    return QJsonObject{{u"allOrNone"_s, false}, {u"compositeRequest"_s, requests}};
}

Result<SalesforceSnapshot> SalesforceLookup::parse(const LookupPages &pages, const Settings &settings)
{
    SalesforceSnapshot snap;
    snap.pricebookName = settings.priceBook();
    for (const QString &ref : pages.referenceIds()) {
        for (const QJsonObject &record : pages.records(ref)) {
            if (auto read = readRecord(snap, ref, record, settings); !read)
                return std::unexpected(read.error());
        }
    }
    for (auto it = pages.queryGaps().cbegin(); it != pages.queryGaps().cend(); ++it) {
        const QString &ref = it.key();
        if (ref == kOrders || ref == kOpportunities)
            snap.incompleteOrders = it.value();
        else if (ref.startsWith(kContacts))
            snap.incompleteCustomers = it.value();
        else if (ref.startsWith(kPrices) || ref.startsWith(kProducts))
            snap.incompletePrices = it.value();
        else if (ref != kOrganization) // unread, the org's currency is taken to be Magento's base currency
            snap.incompleteStatuses = it.value();
    }
    for (auto it = pages.recordGaps().cbegin(); it != pages.recordGaps().cend(); ++it) {
        for (auto gap = it.value().cbegin(); gap != it.value().cend(); ++gap) {
            if (it.key() == kOrders || it.key() == kOpportunities)
                snap.incompleteByIncrementId.insert(gap.key(), gap.value());
            else
                snap.incompletePrices = gap.value();
        }
    }
    return snap;
}

std::optional<Error> SalesforceLookup::gapFor(const QJsonObject &order, const SalesforceSnapshot &snapshot,
                                              const StoreViews *stores, const BundleSkus *bundleSkus)
{
    const QString incrementId = stores ? stores->orderKey(order) : order.value(u"increment_id"_s).toString();
    if (snapshot.incompleteByIncrementId.contains(incrementId))
        return snapshot.incompleteByIncrementId.value(incrementId);
    if (snapshot.incompleteStatuses)
        return snapshot.incompleteStatuses;
    if (snapshot.incompleteOrders && !snapshot.ordersByIncrementId.contains(incrementId))
        return snapshot.incompleteOrders;
    const QString email = order.value(u"customer_email"_s).toString().trimmed().toLower();
    if (snapshot.incompleteCustomers && !snapshot.customersByEmail.contains(email)
        && !SyncPlanner::customerByKey(snapshot, order))
        return snapshot.incompleteCustomers;
    if (snapshot.incompletePrices) {
        const QString currency = snapshot.multiCurrency ? order.value(u"order_currency_code"_s).toString() : QString();
        for (const QJsonObject &line : SyncPlanner::billedLines(order, bundleSkus)) {
            if (!snapshot.entriesBySku.contains(SalesforceSnapshot::entryKey(line.value(u"sku"_s).toString(), currency)))
                return snapshot.incompletePrices;
        }
    }
    return std::nullopt;
}

} // namespace OrderBridge
