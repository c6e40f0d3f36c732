// The sync engine end to end over real HTTP: orders read from the sandbox's Magento store are
// written to the sandbox's Salesforce org, and the org is checked with SOQL.

#include "magento/magentoclient.h"
#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;


class TestSyncEngineSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void backfillWritesEachOrderOnceAndRerunWritesNothing();
    void customerIsNotDuplicatedAcrossOrders();
    void badOrderFailsAloneWhileOthersSync();
    void dryRunWritesNothing();
    void opportunitiesAndContentNotes();
    void eachCommentIsExactlyOneNote_data();
    void eachCommentIsExactlyOneNote();
    void orderWithSixHundredNotesGetsNoDuplicateOnResync();
    void twoHundredOrdersOfFifteenLinesSyncInOneRun();
    void skuMatchesProductCodeWhateverItsCase();
    void dynamicSkuBundleIsItsOwnProduct();

private:
    QList<QJsonObject> magentoOrders();
    QList<QJsonObject> soql(const QString &statement) { return m_org->soql(statement); }
    BatchOutcome sync(const QList<QJsonObject> &orders, SyncEngine::Config config);
    SyncEngine::Config defaultConfig() const;
    int sandboxApiCalls();
    QList<QJsonObject> paidOrders();

    SandboxProcess m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<OrgQuery> m_org; // signed in; its client is the one the engine writes with
    std::unique_ptr<MagentoClient> m_magento;
};

void TestSyncEngineSandbox::initTestCase()
{
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"60"_s, u"--seed"_s, u"11"_s}), qPrintable(m_sandbox.errorString()));
    m_org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(m_sandbox.salesforce()));
    QVERIFY2(m_org->connect(), qPrintable(m_org->errorString()));
    m_magento = SandboxConnections::magentoClient(&m_network, m_sandbox.magento());
}

QList<QJsonObject> TestSyncEngineSandbox::magentoOrders()
{
    Waiter<Result<MagentoOrderPage>> page;
    MagentoSearchCriteria criteria;
    criteria.setPageSize(200);
    m_magento->fetchOrders(criteria, this, page.callback());
    if (!page.wait() || !page.result->has_value())
        return {};
    QList<QJsonObject> out;
    for (const MagentoOrder &o : (*page.result)->orders)
        out << o.json;
    return out;
}

int TestSyncEngineSandbox::sandboxApiCalls()
{
    QNetworkReply *reply = m_network.get(QNetworkRequest(QUrl(m_sandbox.salesforce().value(u"login_url"_s).toString()
                                                              + u"/__sandbox/stats"_s)));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        return -1;
    const int calls = QJsonDocument::fromJson(reply->readAll()).object().value(u"api_calls"_s).toInt(-1);
    reply->deleteLater();
    return calls;
}

SyncEngine::Config TestSyncEngineSandbox::defaultConfig() const
{
    SyncEngine::Config config;
    config.mappings = defaultMappings();
    config.schema = SalesforceFieldCatalogue::schema();
    config.trigger = SyncTrigger::OnDemand;
    return config;
}

BatchOutcome TestSyncEngineSandbox::sync(const QList<QJsonObject> &orders, SyncEngine::Config config)
{
    SyncEngine engine(m_org->client());
    Waiter<Result<BatchOutcome>> done;
    engine.syncBatch(orders, config, done.callback());
    if (!done.wait(120000)) {
        qWarning("sync batch timed out");
        return {};
    }
    if (!done.result->has_value()) {
        qWarning("sync batch failed: %s", qPrintable(errorText(*done.result)));
        return {};
    }
    return **done.result;
}

void TestSyncEngineSandbox::backfillWritesEachOrderOnceAndRerunWritesNothing()
{
    const QList<QJsonObject> orders = magentoOrders();
    QVERIFY(orders.size() >= 50);
    QStringList paid;
    for (const QJsonObject &o : orders) {
        if (SyncPlanner::countsAsPaid(o, defaultConfig().settings))
            paid << o.value(u"increment_id"_s).toString();
    }
    QVERIFY2(paid.size() >= 5, "the seeded store has invoiced orders");

    const BatchOutcome first = sync(orders, defaultConfig());
    QCOMPARE(first.orders.size(), orders.size());
    int inSync = 0;
    for (const OrderOutcome &o : first.orders) {
        QVERIFY2(o.status != SyncStatus::Error, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        if (o.status == SyncStatus::InSync) {
            ++inSync;
            QVERIFY2(o.orderId.startsWith(u"801"_s), qPrintable(o.incrementId));
            QVERIFY(o.accountId.startsWith(u"001"_s));
        } else {
            QVERIFY2(!o.reason.isEmpty(), qPrintable(o.incrementId));
        }
    }
    QCOMPARE(inSync, int(paid.size()));
    // One lookup call and one graph call per 500 nodes: far below one call per order.
    QVERIFY2(first.apiCalls <= 1 + inSync / 20 + 2, qPrintable(QString::number(first.apiCalls)));

    // Exactly one Order per paid Magento order, with its billed lines.
    const QList<QJsonObject> sfOrders = soql(
        *SoqlQuery(u"Order"_s).select({u"Id"_s, u"Magento_ID__c"_s, u"Status"_s}).whereIn(u"Magento_ID__c"_s, paid).build());
    QCOMPARE(sfOrders.size(), paid.size());
    for (const QJsonObject &o : orders) {
        if (!SyncPlanner::isPaid(o))
            continue;
        const QString inc = o.value(u"increment_id"_s).toString();
        const auto rows = soql(u"SELECT Id FROM OrderItem WHERE Order.Magento_ID__c = '%1'"_s.arg(inc));
        QCOMPARE(rows.size(), SyncPlanner::billedLines(o).size());
    }

    // Nothing changed in Magento: the rerun reads, writes nothing.
    const BatchOutcome second = sync(orders, defaultConfig());
    for (const OrderOutcome &o : second.orders)
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
    QCOMPARE(second.apiCalls, 1);
    QCOMPARE(soql(*SoqlQuery(u"Order"_s).select({u"Id"_s}).whereIn(u"Magento_ID__c"_s, paid).build()).size(), paid.size());
}

void TestSyncEngineSandbox::customerIsNotDuplicatedAcrossOrders()
{
    const QList<QJsonObject> orders = magentoOrders();
    QHash<QString, int> perEmail;
    for (const QJsonObject &o : orders)
        ++perEmail[o.value(u"customer_email"_s).toString().toLower()];
    for (auto it = perEmail.cbegin(); it != perEmail.cend(); ++it) {
        const auto contacts = soql(u"SELECT Id FROM Contact WHERE Email = '%1'"_s.arg(it.key()));
        QVERIFY2(contacts.size() <= 1, qPrintable(it.key()));
    }
}

void TestSyncEngineSandbox::badOrderFailsAloneWhileOthersSync()
{
    QList<QJsonObject> orders = magentoOrders().mid(0, 10);
    QJsonObject broken = orders.first();
    broken.insert(u"increment_id"_s, u"BROKEN-1"_s);
    broken.insert(u"entity_id"_s, 999999);
    broken.insert(u"total_invoiced"_s, broken.value(u"grand_total"_s));
    QJsonArray items = broken.value(u"items"_s).toArray();
    QJsonObject item = items.first().toObject();
    item.insert(u"sku"_s, u"NO-SUCH-SKU"_s);
    item.remove(u"parent_item_id"_s);
    items.replace(0, item);
    broken.insert(u"items"_s, items);
    orders.prepend(broken);

    const BatchOutcome out = sync(orders, defaultConfig());
    QCOMPARE(out.orders.size(), orders.size());
    QCOMPARE(out.orders.first().status, SyncStatus::Error);
    QVERIFY(out.orders.first().error.message.contains(u"NO-SUCH-SKU"_s));
    for (qsizetype i = 1; i < out.orders.size(); ++i)
        QVERIFY2(out.orders.at(i).status != SyncStatus::Error, qPrintable(out.orders.at(i).error.toString()));
}

void TestSyncEngineSandbox::dryRunWritesNothing()
{
    QList<QJsonObject> orders = magentoOrders().mid(0, 5);
    for (QJsonObject &o : orders) {
        o.insert(u"increment_id"_s, QString(u"DRY-"_s + o.value(u"increment_id"_s).toString()));
        o.insert(u"total_invoiced"_s, o.value(u"grand_total"_s));
    }
    SyncEngine::Config config = defaultConfig();
    config.dryRun = true;
    const BatchOutcome out = sync(orders, config);
    for (const OrderOutcome &o : out.orders) {
        QVERIFY(!o.wrote);
        QVERIFY2(!o.plannedWrites.isEmpty(), qPrintable(o.incrementId + u" "_s + o.error.toString()));
    }
    QVERIFY(soql(u"SELECT Id FROM Order WHERE Magento_ID__c LIKE 'DRY-%'"_s).isEmpty());
}

void TestSyncEngineSandbox::opportunitiesAndContentNotes()
{
    QList<QJsonObject> orders;
    for (QJsonObject o : magentoOrders().mid(20, 8)) {
        o.insert(u"increment_id"_s, QString(u"OPP-"_s + o.value(u"increment_id"_s).toString()));
        o.insert(u"status_histories"_s, QJsonArray{QJsonObject{{u"comment"_s, u"Gift wrap, bitte."_s},
                                                              {u"created_at"_s, u"2026-11-01 10:00:00"_s},
                                                              {u"entity_id"_s, 1}}});
        QJsonArray items;
        for (const QJsonValue &v : o.value(u"items"_s).toArray()) {
            QJsonObject item = v.toObject();
            item.insert(u"item_id"_s, item.value(u"item_id"_s).toInteger() + 900000); // new lines for new orders
            if (item.contains(u"parent_item_id"_s))
                item.insert(u"parent_item_id"_s, item.value(u"parent_item_id"_s).toInteger() + 900000);
            items.append(item);
        }
        o.insert(u"items"_s, items);
        orders << o;
    }
    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    QVERIFY(config.settings.set(u"orders.note_object"_s, u"content_note"_s).has_value());
    BatchOutcome out = sync(orders, config);
    QCOMPARE(out.orders.size(), orders.size());
    for (const OrderOutcome &o : out.orders) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u" "_s + o.error.toString()));
        QVERIFY(o.opportunityId.startsWith(u"006"_s));
    }
    const auto opps = soql(u"SELECT Id, StageName, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE Magento_ID__c LIKE 'OPP-%'"_s);
    QCOMPARE(opps.size(), orders.size());
    for (const QJsonObject &o : opps)
        QVERIFY(o.value(u"OpportunityLineItems"_s).toObject().value(u"totalSize"_s).toInt() > 0);
    const auto linked = soql(u"SELECT Id FROM Order WHERE Magento_ID__c LIKE 'OPP-%' AND OpportunityId != null"_s);
    QCOMPARE(linked.size(), orders.size());
    const auto links = soql(u"SELECT ContentDocumentId, LinkedEntityId FROM ContentDocumentLink WHERE LinkedEntityId = '%1'"_s.arg(out.orders.first().orderId));
    QCOMPARE(links.size(), 1);

    const int lineItems = int(soql(u"SELECT Id FROM OpportunityLineItem WHERE Opportunity.Magento_ID__c LIKE 'OPP-%'"_s).size());

    // Run again: nothing changed, so nothing is written: the one call is the batched lookup, which
    // read the Opportunities' fields and products along with the Orders.
    const int before = sandboxApiCalls();
    out = sync(orders, config);
    QCOMPARE(sandboxApiCalls() - before, 1);
    QCOMPARE(out.apiCalls, 1);
    for (const OrderOutcome &o : out.orders) {
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
        QCOMPARE(o.status, SyncStatus::InSync);
    }
    QCOMPARE(soql(u"SELECT Id FROM Opportunity WHERE Magento_ID__c LIKE 'OPP-%'"_s).size(), orders.size());
    QCOMPARE(soql(u"SELECT Id FROM OpportunityLineItem WHERE Opportunity.Magento_ID__c LIKE 'OPP-%'"_s).size(), lineItems);
    QCOMPARE(soql(u"SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '%1'"_s.arg(out.orders.first().orderId)).size(), 1);

    // The stage moves on: only that Opportunity field is written, in one graph call.
    QVERIFY(config.settings.set(u"advanced.opportunity_stage_converted"_s, u"Closed Won"_s).has_value());
    QVERIFY(config.settings.set(u"advanced.opportunity_stage_draft"_s, u"Closed Won"_s).has_value());
    out = sync(orders, config);
    QCOMPARE(out.apiCalls, 2);
    QCOMPARE(soql(u"SELECT Id FROM Opportunity WHERE Magento_ID__c LIKE 'OPP-%' AND StageName = 'Closed Won'"_s).size(),
             orders.size());
    QCOMPARE(soql(u"SELECT Id FROM OpportunityLineItem WHERE Opportunity.Magento_ID__c LIKE 'OPP-%'"_s).size(), lineItems);
    out = sync(orders, config);
    QCOMPARE(out.apiCalls, 1);
}

void TestSyncEngineSandbox::eachCommentIsExactlyOneNote_data()
{
    QTest::addColumn<QString>("noteObject");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<qint64>("itemOffset");
    QTest::newRow("classic Note") << u"note"_s << u"NOTE-"_s << qint64(800000);
    QTest::newRow("ContentNote") << u"content_note"_s << u"CNOTE-"_s << qint64(700000);
}

void TestSyncEngineSandbox::eachCommentIsExactlyOneNote()
{
    QFETCH(QString, noteObject);
    QFETCH(QString, prefix);
    QFETCH(qint64, itemOffset);
    const bool content = noteObject == u"content_note"_s;
    // Two comments of the same minute that agree in their first 75 characters (the same title),
    // and two identical ones: four comments, four notes.
    const QString head = u"Customer called about the delivery window and asked us to note the following details: "_s;
    const QJsonArray history{
        QJsonObject{{u"comment"_s, QString(head + u"ring twice"_s)}, {u"created_at"_s, u"2026-11-02 10:00:00"_s}, {u"entity_id"_s, 9101}},
        QJsonObject{{u"comment"_s, QString(head + u"leave at the back door"_s)}, {u"created_at"_s, u"2026-11-02 10:00:00"_s}, {u"entity_id"_s, 9102}},
        QJsonObject{{u"comment"_s, u"Paid by bank transfer."_s}, {u"created_at"_s, u"2026-11-02 11:00:00"_s}, {u"entity_id"_s, 9103}},
        QJsonObject{{u"comment"_s, u"Paid by bank transfer."_s}, {u"created_at"_s, u"2026-11-02 11:00:00"_s}, {u"entity_id"_s, 9104}},
    };
    QList<QJsonObject> orders;
    for (QJsonObject o : magentoOrders().mid(30, 3)) {
        o.insert(u"increment_id"_s, QString(prefix + o.value(u"increment_id"_s).toString()));
        o.insert(u"status_histories"_s, history);
        QJsonArray items;
        for (const QJsonValue &v : o.value(u"items"_s).toArray()) {
            QJsonObject item = v.toObject();
            item.insert(u"item_id"_s, item.value(u"item_id"_s).toInteger() + itemOffset);
            if (item.contains(u"parent_item_id"_s))
                item.insert(u"parent_item_id"_s, item.value(u"parent_item_id"_s).toInteger() + itemOffset);
            items.append(item);
        }
        o.insert(u"items"_s, items);
        orders << o;
    }
    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    QVERIFY(config.settings.set(u"orders.note_object"_s, noteObject).has_value());

    const auto notesOf = [this, content](const QString &orderId) {
        QStringList texts;
        if (content) {
            for (const QJsonObject &l : soql(u"SELECT ContentDocument.Title FROM ContentDocumentLink WHERE LinkedEntityId = '%1'"_s.arg(orderId)))
                texts << l.value(u"ContentDocument"_s).toObject().value(u"Title"_s).toString();
        } else {
            for (const QJsonObject &n : soql(u"SELECT Body FROM Note WHERE ParentId = '%1'"_s.arg(orderId)))
                texts << n.value(u"Body"_s).toString();
        }
        texts.sort();
        return texts;
    };

    BatchOutcome out = sync(orders, config);
    QStringList orderIds;
    for (const OrderOutcome &o : out.orders) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u" "_s + o.error.toString()));
        orderIds << o.orderId;
    }
    for (const QString &id : std::as_const(orderIds)) {
        const QStringList notes = notesOf(id);
        QCOMPARE(notes.size(), 4);
        if (!content) {
            QCOMPARE(notes, QStringList({QString(head + u"leave at the back door"_s), QString(head + u"ring twice"_s),
                                         u"Paid by bank transfer."_s, u"Paid by bank transfer."_s}));
        } else {
            for (const qint64 id : {9101, 9102, 9103, 9104})
                QVERIFY2(notes.join(u'|').contains(u"[Magento comment #%1]"_s.arg(id)), qPrintable(notes.join(u'|')));
        }
    }

    // A crash after the writes and before their result was recorded: the replay finds every note.
    out = sync(orders, config);
    for (const OrderOutcome &o : out.orders)
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
    for (const QString &id : std::as_const(orderIds))
        QCOMPARE(notesOf(id).size(), 4);

    // Someone renames a note in Salesforce: still no second copy.
    if (!content) {
        const QString noteId = soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(orderIds.first())).first().value(u"Id"_s).toString();
        Waiter<SalesforceResult<void>> renamed;
        m_org->client()->update(u"Note"_s, noteId, QJsonObject{{u"Title"_s, u"Renamed by sales"_s}}, renamed.callback());
        QVERIFY(renamed.wait());
        QVERIFY(renamed.result->has_value());
        out = sync(orders, config);
        QCOMPARE(notesOf(orderIds.first()).size(), 4);
    }

    // A fifth comment: exactly one new note.
    QJsonArray more = history;
    more.append(QJsonObject{{u"comment"_s, u"Paid by bank transfer."_s}, {u"created_at"_s, u"2026-11-03 09:00:00"_s}, {u"entity_id"_s, 9105}});
    for (QJsonObject &o : orders)
        o.insert(u"status_histories"_s, more);
    out = sync(orders, config);
    for (const QString &id : std::as_const(orderIds))
        QCOMPARE(notesOf(id).size(), 5);
    out = sync(orders, config);
    for (const QString &id : std::as_const(orderIds))
        QCOMPARE(notesOf(id).size(), 5);
}


QList<QJsonObject> TestSyncEngineSandbox::paidOrders()
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : magentoOrders()) {
        if (SyncPlanner::isPaid(o))
            out << o;
    }
    return out;
}

void TestSyncEngineSandbox::orderWithSixHundredNotesGetsNoDuplicateOnResync()
{
    // Salesforce returns at most 200 Notes inline in the lookup; the rest sit behind the list's own
    // nextRecordsUrl. A lookup that read only the first 200 would create 400 Notes again on every sync.
    const QList<QJsonObject> paid = paidOrders();
    QVERIFY(!paid.isEmpty());
    QJsonObject order = paid.first();
    order.insert(u"increment_id"_s, QString(u"NOTES-"_s + order.value(u"increment_id"_s).toString()));
    QJsonArray items;
    for (const QJsonValue &v : order.value(u"items"_s).toArray()) {
        QJsonObject item = v.toObject();
        item.insert(u"item_id"_s, item.value(u"item_id"_s).toInteger() + 7000000);
        if (item.contains(u"parent_item_id"_s) && !item.value(u"parent_item_id"_s).isNull())
            item.insert(u"parent_item_id"_s, item.value(u"parent_item_id"_s).toInteger() + 7000000);
        items.append(item);
    }
    order.insert(u"items"_s, items);
    const auto comments = [](int count) {
        QJsonArray history;
        for (int i = 0; i < count; ++i) {
            history.append(QJsonObject{{u"comment"_s, u"Paging note %1"_s.arg(i)},
                                       {u"created_at"_s, u"2026-11-02 10:%1:00"_s.arg(i % 60, 2, 10, QChar(u'0'))},
                                       {u"entity_id"_s, 80000 + i}});
        }
        return history;
    };
    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    // One graph holds at most 500 records, so the Notes arrive over two syncs, as comments do in a shop.
    order.insert(u"status_histories"_s, comments(300));
    BatchOutcome out = sync({order}, config);
    QCOMPARE(out.orders.size(), 1);
    QVERIFY2(out.orders.first().status == SyncStatus::InSync, qPrintable(out.orders.first().error.toString()));
    const QString orderId = out.orders.first().orderId;
    order.insert(u"status_histories"_s, comments(600));
    out = sync({order}, config);
    QVERIFY2(out.orders.first().status == SyncStatus::InSync, qPrintable(out.orders.first().error.toString()));
    QVERIFY(out.orders.first().wrote);
    const auto noteCount = [this, &orderId] {
        return soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(orderId)).size();
    };
    QCOMPARE(noteCount(), 600);

    // The re-sync reads all 600 through the child list's pages and writes nothing.
    const int before = sandboxApiCalls();
    out = sync({order}, config);
    const int after = sandboxApiCalls();
    QVERIFY2(out.orders.first().status == SyncStatus::InSync, qPrintable(out.orders.first().error.toString()));
    QVERIFY(!out.orders.first().wrote);
    QCOMPARE(noteCount(), 600);
    // One composite lookup and one composite call for the Notes' next page; nothing else.
    QCOMPARE(out.apiCalls, 2);
    QCOMPARE(after - before, 2);
}

void TestSyncEngineSandbox::twoHundredOrdersOfFifteenLinesSyncInOneRun()
{
    // 200 orders of 15 lines: 3,200 rows of Orders with their products, more than one query batch of 2,000.
    // Salesforce then returns fewer Orders with done:false; the lookup must read every page, or the re-sync
    // would fail the batch (or create every Order again).
    QList<QJsonObject> simpleLines;
    QSet<QString> skus;
    const QList<QJsonObject> paid = paidOrders();
    for (const QJsonObject &o : paid) {
        for (const QJsonValue &v : o.value(u"items"_s).toArray()) {
            const QJsonObject item = v.toObject();
            const bool topLevel = item.value(u"parent_item_id"_s).isUndefined() || item.value(u"parent_item_id"_s).isNull();
            if (topLevel && item.value(u"product_type"_s).toString() == u"simple"_s
                && !skus.contains(item.value(u"sku"_s).toString())) {
                skus.insert(item.value(u"sku"_s).toString());
                simpleLines << item;
            }
        }
    }
    QVERIFY2(simpleLines.size() >= 15, qPrintable(QString::number(simpleLines.size())));
    QList<QJsonObject> orders;
    for (int n = 0; n < 200; ++n) {
        QJsonObject order = paid.at(n % paid.size());
        order.insert(u"increment_id"_s, u"BULK-%1"_s.arg(n, 4, 10, QChar(u'0')));
        order.insert(u"entity_id"_s, 900000 + n);
        order.insert(u"status_histories"_s, QJsonArray());
        QJsonArray items;
        for (int k = 0; k < 15; ++k) {
            QJsonObject item = simpleLines.at((n + k) % simpleLines.size());
            item.insert(u"item_id"_s, 9000000 + n * 100 + k);
            item.insert(u"order_id"_s, 900000 + n);
            items.append(item);
        }
        order.insert(u"items"_s, items);
        orders << order;
    }
    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    BatchOutcome first = sync(orders, config);
    QCOMPARE(first.orders.size(), 200);
    for (const OrderOutcome &o : std::as_const(first.orders))
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u" "_s + o.error.toString()));
    QCOMPARE(soql(u"SELECT Id FROM OrderItem WHERE Order.Magento_ID__c LIKE 'BULK-%'"_s).size(), 3000);

    // The re-sync: the Orders come back over several pages and every order is found in sync.
    const BatchOutcome again = sync(orders, config);
    QCOMPARE(again.orders.size(), 200);
    for (const OrderOutcome &o : again.orders) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u" "_s + o.error.toString()));
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
    }
    // The lookup and at least one follow-up page, and not one call per order.
    QVERIFY2(again.apiCalls >= 2 && again.apiCalls <= 6, qPrintable(QString::number(again.apiCalls)));
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE Magento_ID__c LIKE 'BULK-%'"_s).size(), 200);
    QCOMPARE(soql(u"SELECT Id FROM OrderItem WHERE Order.Magento_ID__c LIKE 'BULK-%'"_s).size(), 3000);
}

void TestSyncEngineSandbox::skuMatchesProductCodeWhateverItsCase()
{
    // Salesforce compares ProductCode without regard to case: a Magento SKU "mb-1001" is the product "MB-1001".
    QJsonObject order;
    for (const QJsonObject &o : paidOrders()) {
        bool simple = true;
        for (const QJsonValue &v : o.value(u"items"_s).toArray())
            simple = simple && v.toObject().value(u"product_type"_s).toString() == u"simple"_s;
        if (simple) {
            order = o;
            break;
        }
    }
    QVERIFY2(!order.isEmpty(), "a paid order of simple products");
    order.insert(u"increment_id"_s, QString(u"CASE-"_s + order.value(u"increment_id"_s).toString()));
    QJsonArray items;
    QStringList codes;
    for (const QJsonValue &v : order.value(u"items"_s).toArray()) {
        QJsonObject item = v.toObject();
        codes << item.value(u"sku"_s).toString();
        QVERIFY2(codes.last() != codes.last().toLower(), qPrintable(codes.last()));
        item.insert(u"sku"_s, codes.last().toLower());
        item.insert(u"item_id"_s, item.value(u"item_id"_s).toInteger() + 8000000);
        items.append(item);
    }
    order.insert(u"items"_s, items);
    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    const BatchOutcome out = sync({order}, config);
    QCOMPARE(out.orders.size(), 1);
    QVERIFY2(out.orders.first().status == SyncStatus::InSync, qPrintable(out.orders.first().error.toString()));
    QStringList linked;
    for (const QJsonObject &item : soql(u"SELECT PricebookEntry.Product2.ProductCode FROM OrderItem WHERE OrderId = '%1'"_s
                                             .arg(out.orders.first().orderId)))
        linked << item.value(u"PricebookEntry"_s).toObject().value(u"Product2"_s).toObject().value(u"ProductCode"_s).toString();
    linked.sort();
    codes.sort();
    QCOMPARE(linked, codes);
    // And the re-sync finds the lines as they are.
    const BatchOutcome again = sync({order}, config);
    QVERIFY(!again.orders.first().wrote);
}

void TestSyncEngineSandbox::dynamicSkuBundleIsItsOwnProduct()
{
    // 24-WG095 has a dynamic SKU: the line's SKU appends the options' SKUs in another order than the option lines.
    MagentoGuestCheckout checkout;
    checkout.lines = {{u"24-WG095"_s, 1}};
    checkout.email = u"bundle.buyer@example.com"_s;
    checkout.shippingAddress = {u"Bea"_s, u"Bundle"_s, {u"9 Kit Lane"_s}, u"Austin"_s, u"73301"_s, u"US"_s,
                                u"TX"_s, u"Texas"_s, u"512-555-3333"_s, checkout.email};
    checkout.billingAddress = checkout.shippingAddress;
    Waiter<Result<qint64>> placed;
    m_magento->placeGuestOrder(checkout, this, placed.callback());
    QVERIFY(placed.wait());
    QVERIFY2(placed.result->has_value(), qPrintable(errorText(*placed.result)));
    Waiter<Result<MagentoOrder>> fetched;
    m_magento->fetchOrder(**placed.result, this, fetched.callback());
    QVERIFY(fetched.wait());
    QVERIFY2(fetched.result->has_value(), qPrintable(errorText(*fetched.result)));
    const QJsonObject order = (*fetched.result)->json;
    QString bundleSku;
    QStringList optionSkus;
    for (const QJsonValue &v : order.value(u"items"_s).toArray()) {
        const QJsonObject item = v.toObject();
        if (item.value(u"product_type"_s).toString() == u"bundle"_s)
            bundleSku = item.value(u"sku"_s).toString();
        else if (item.contains(u"parent_item_id"_s))
            optionSkus << item.value(u"sku"_s).toString();
    }
    QVERIFY2(optionSkus.size() >= 2, qPrintable(bundleSku));
    // The test is about the case where the line order is not the SKU's order.
    QVERIFY2(bundleSku != u"24-WG095-"_s + optionSkus.join(u'-'), qPrintable(bundleSku));
    QVERIFY2(bundleSku.startsWith(u"24-WG095-"_s), qPrintable(bundleSku));

    SyncEngine::Config config = defaultConfig();
    QVERIFY(config.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    const BatchOutcome out = sync({order}, config);
    QCOMPARE(out.orders.size(), 1);
    QVERIFY2(out.orders.first().status == SyncStatus::InSync, qPrintable(out.orders.first().error.toString()));
    QStringList linked;
    for (const QJsonObject &item : soql(u"SELECT PricebookEntry.Product2.ProductCode FROM OrderItem WHERE OrderId = '%1'"_s
                                             .arg(out.orders.first().orderId)))
        linked << item.value(u"PricebookEntry"_s).toObject().value(u"Product2"_s).toObject().value(u"ProductCode"_s).toString();
    QCOMPARE(linked, QStringList{u"24-WG095"_s});
}

QTEST_GUILESS_MAIN(TestSyncEngineSandbox)
#include "tst_syncengine_sandbox.moc"
