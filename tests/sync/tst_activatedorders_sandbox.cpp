// Activated orders and orders of any size, end to end over real HTTP against orderbridge-sandbox:
// field edits of an Activated order go in place (no Draft round trip) when the integration user
// holds "Edit Activated Orders" (the sandbox default) and fail alone, naming the permission, with
// --no-edit-activated-orders; adding a product still goes through Draft; an order of 1,200 lines
// (more than one composite graph holds) syncs in parts.

#include "magento/magentoclient.h"
#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceclient.h"
#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

/// One sandbox (with the given flags), a signed-in org query and a Magento client on it.
class Sandbox
{
public:
    [[nodiscard]] bool start(const QStringList &flags)
    {
        if (!m_process.start(QStringList{u"--orders"_s, u"0"_s, u"--seed"_s, u"5"_s} + flags)) {
            m_error = m_process.errorString();
            return false;
        }
        m_org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(m_process.salesforce()));
        if (!m_org->connect()) {
            m_error = m_org->errorString();
            return false;
        }
        m_magento = SandboxConnections::magentoClient(&m_network, m_process.magento());
        return true;
    }
    [[nodiscard]] QString errorString() const { return m_error; }
    OrgQuery &org() { return *m_org; }

    /// Places an invoiced and shipped (complete) guest order of `lines` lines; its Magento JSON.
    QJsonObject placeCompleteOrder(int lines) { return placeOrder(lines, true); }

    /// Places an invoiced guest order of `lines` lines, shipped (complete) or not (processing).
    QJsonObject placeOrder(int lines, bool ship)
    {
        QNetworkRequest request(QUrl(m_process.magentoBaseUrl() + u"/__sandbox/large-order"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        const QJsonObject body{{u"lines"_s, lines}, {u"invoice"_s, true}, {u"ship"_s, ship}};
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000))
            return {};
        const int entityId = QJsonDocument::fromJson(reply->readAll()).object().value(u"entity_id"_s).toInt();
        reply->deleteLater();
        Waiter<Result<MagentoOrderPage>> page;
        MagentoSearchCriteria criteria;
        criteria.where(u"entity_id"_s, MagentoSearchCriteria::Condition::Eq, QString::number(entityId));
        m_magento->fetchOrders(criteria, &m_network, page.callback());
        if (!page.wait(60000) || !page.result->has_value() || (*page.result)->orders.isEmpty())
            return {};
        return (*page.result)->orders.first().json;
    }

    BatchOutcome sync(const QList<QJsonObject> &orders)
    {
        SyncEngine::Config config;
        config.mappings = defaultMappings();
        config.schema = SalesforceFieldCatalogue::schema();
        config.trigger = SyncTrigger::OnDemand;
        SyncEngine engine(m_org->client());
        Waiter<Result<BatchOutcome>> done;
        engine.syncBatch(orders, config, done.callback());
        if (!done.wait(240000) || !done.result->has_value()) {
            qWarning("sync batch failed: %s", done.result ? qPrintable(errorText(*done.result)) : "timeout");
            return {};
        }
        return **done.result;
    }

    QJsonObject sfOrder(const QString &incrementId)
    {
        const QList<QJsonObject> rows = m_org->soql(
            u"SELECT Id, Status, ActivatedDate, BillingCity, Pricebook2Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(
                incrementId));
        return rows.size() == 1 ? rows.first() : QJsonObject();
    }

    QList<QJsonObject> sfItems(const QString &orderId)
    {
        return m_org->soql(u"SELECT Id, Magento_Item_ID__c, UnitPrice FROM OrderItem WHERE OrderId = '%1'"_s.arg(orderId));
    }

    /// Deletes a record through the REST API; false when Salesforce refused.
    bool deleteRecord(const QString &object, const QString &id)
    {
        Waiter<SalesforceResult<SalesforceClient::RawReply>> reply;
        OrderBridge::SalesforceClient *client = m_org->client();
        client->send("DELETE", client->dataPath() + u"sobjects/%1/%2"_s.arg(object, id), QJsonDocument(), true,
                     reply.callback());
        return reply.wait(60000) && reply.result->has_value();
    }

private:
    SandboxProcess m_process;
    QNetworkAccessManager m_network;
    std::unique_ptr<OrgQuery> m_org;
    std::unique_ptr<MagentoClient> m_magento;
    QString m_error;
};

/// The order with its billing city changed and the first line's price raised by 1.
QJsonObject edited(QJsonObject order)
{
    QJsonObject billing = order.value(u"billing_address"_s).toObject();
    billing.insert(u"city"_s, u"Round Rock"_s);
    order.insert(u"billing_address"_s, billing);
    QJsonArray items = order.value(u"items"_s).toArray();
    QJsonObject first = items.first().toObject();
    first.insert(u"price"_s, first.value(u"price"_s).toDouble() + 1);
    first.insert(u"base_price"_s, first.value(u"base_price"_s).toDouble() + 1);
    items.replace(0, first);
    order.insert(u"items"_s, items);
    return order;
}

bool hasDraftStep(const OrderOutcome &o)
{
    return o.plannedWrites.write(u"refDraft"_s) != nullptr;
}

} // namespace

class TestActivatedOrdersSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldEditsOfAnActivatedOrderGoInPlace();
    void withoutThePermissionTheEditFailsAlone();
    void addingAProductGoesThroughDraft();
    void orderOf1200LinesSyncs();
    void aFailureMidwayLeavesADraftOrderTheNextSyncCompletes();
};

void TestActivatedOrdersSandbox::fieldEditsOfAnActivatedOrderGoInPlace()
{
    Sandbox s;
    QVERIFY2(s.start({}), qPrintable(s.errorString()));
    const QJsonObject order = s.placeCompleteOrder(3);
    QVERIFY(!order.isEmpty());
    const QString inc = order.value(u"increment_id"_s).toString();
    const BatchOutcome first = s.sync({order});
    QCOMPARE(first.orders.size(), 1);
    QVERIFY2(first.orders.first().status == SyncStatus::InSync, qPrintable(first.orders.first().error.toString()));
    const QJsonObject before = s.sfOrder(inc);
    QCOMPARE(before.value(u"Status"_s).toString(), u"Activated"_s);
    const QString activatedDate = before.value(u"ActivatedDate"_s).toString();
    QVERIFY(!activatedDate.isEmpty());
    QTest::qWait(20); // a re-activation would show in ActivatedDate's milliseconds

    const BatchOutcome second = s.sync({edited(order)});
    const OrderOutcome &o = second.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.toString()));
    QVERIFY(o.wrote);
    QVERIFY(!hasDraftStep(o));
    QVERIFY(o.plannedWrites.write(u"refStatus"_s) == nullptr);
    const QJsonObject after = s.sfOrder(inc);
    QCOMPARE(after.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(after.value(u"ActivatedDate"_s).toString(), activatedDate);
    QCOMPARE(after.value(u"BillingCity"_s).toString(), u"Round Rock"_s);
    const QString firstItemId = QString::number(order.value(u"items"_s).toArray().first().toObject().value(u"item_id"_s).toInteger());
    bool priceChanged = false;
    for (const QJsonObject &item : s.sfItems(after.value(u"Id"_s).toString())) {
        if (item.value(u"Magento_Item_ID__c"_s).toString() == firstItemId)
            priceChanged = qFuzzyCompare(item.value(u"UnitPrice"_s).toDouble(),
                                         order.value(u"items"_s).toArray().first().toObject().value(u"price"_s).toDouble() + 1);
    }
    QVERIFY(priceChanged);

    // The rerun has nothing left to write.
    const BatchOutcome third = s.sync({edited(order)});
    QVERIFY(!third.orders.first().wrote);
}

void TestActivatedOrdersSandbox::withoutThePermissionTheEditFailsAlone()
{
    Sandbox s;
    QVERIFY2(s.start({u"--no-edit-activated-orders"_s}), qPrintable(s.errorString()));
    const QJsonObject order = s.placeCompleteOrder(2);
    QVERIFY(!order.isEmpty());
    const QString inc = order.value(u"increment_id"_s).toString();
    // Creating and activating needs no permission beyond Activate Orders.
    const BatchOutcome first = s.sync({order});
    QVERIFY2(first.orders.first().status == SyncStatus::InSync, qPrintable(first.orders.first().error.toString()));
    const QJsonObject before = s.sfOrder(inc);
    QCOMPARE(before.value(u"Status"_s).toString(), u"Activated"_s);

    const QJsonObject other = s.placeCompleteOrder(2);
    const BatchOutcome second = s.sync({edited(order), other});
    QCOMPARE(second.orders.size(), 2);
    const OrderOutcome &failed = second.orders.at(0);
    QCOMPARE(failed.status, SyncStatus::Error);
    QVERIFY2(failed.error.hint.contains(u"Edit Activated Orders"_s), qPrintable(failed.error.toString()));
    QVERIFY(!hasDraftStep(failed));
    QVERIFY2(second.orders.at(1).status == SyncStatus::InSync, qPrintable(second.orders.at(1).error.toString()));
    const QJsonObject after = s.sfOrder(inc);
    QCOMPARE(after.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(after.value(u"ActivatedDate"_s).toString(), before.value(u"ActivatedDate"_s).toString());
    QCOMPARE(after.value(u"BillingCity"_s).toString(), before.value(u"BillingCity"_s).toString());
}

void TestActivatedOrdersSandbox::addingAProductGoesThroughDraft()
{
    Sandbox s;
    QVERIFY2(s.start({}), qPrintable(s.errorString()));
    QJsonObject order = s.placeCompleteOrder(2);
    QVERIFY(!order.isEmpty());
    const QString inc = order.value(u"increment_id"_s).toString();
    QVERIFY(s.sync({order}).orders.first().status == SyncStatus::InSync);
    const QJsonObject before = s.sfOrder(inc);
    QTest::qWait(20);

    QJsonArray items = order.value(u"items"_s).toArray();
    QJsonObject added = items.first().toObject();
    added.insert(u"item_id"_s, added.value(u"item_id"_s).toInteger() + 100000);
    items.append(added);
    order.insert(u"items"_s, items);
    const BatchOutcome second = s.sync({order});
    const OrderOutcome &o = second.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.toString()));
    QVERIFY(hasDraftStep(o));
    const QJsonObject after = s.sfOrder(inc);
    QCOMPARE(after.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(s.sfItems(after.value(u"Id"_s).toString()).size(), 3);
    // Salesforce activated it again: that is the cost the round trip is kept to.
    QVERIFY(after.value(u"ActivatedDate"_s).toString() != before.value(u"ActivatedDate"_s).toString());
}

void TestActivatedOrdersSandbox::orderOf1200LinesSyncs()
{
    Sandbox s;
    QVERIFY2(s.start({}), qPrintable(s.errorString()));
    const QJsonObject order = s.placeCompleteOrder(1200);
    QCOMPARE(order.value(u"items"_s).toArray().size(), 1200);
    const QString inc = order.value(u"increment_id"_s).toString();

    const BatchOutcome first = s.sync({order});
    QCOMPARE(first.orders.size(), 1);
    const OrderOutcome &o = first.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.toString()));
    QVERIFY(o.wrote);
    QVERIFY(o.orderId.startsWith(u"801"_s));
    // The lookup, then one call per part of at most 500 writes: 1,200 lines and the order's other
    // records make three parts.
    QVERIFY2(first.apiCalls >= 4 && first.apiCalls <= 5, qPrintable(QString::number(first.apiCalls)));
    const QJsonObject sf = s.sfOrder(inc);
    QCOMPARE(sf.value(u"Id"_s).toString(), o.orderId);
    QCOMPARE(sf.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(s.sfItems(o.orderId).size(), 1200);

    // Nothing changed in Magento: the rerun writes nothing.
    const BatchOutcome second = s.sync({order});
    QVERIFY2(second.orders.first().status == SyncStatus::InSync, qPrintable(second.orders.first().error.toString()));
    QVERIFY(!second.orders.first().wrote);
    QCOMPARE(s.sfItems(o.orderId).size(), 1200);
}

void TestActivatedOrdersSandbox::aFailureMidwayLeavesADraftOrderTheNextSyncCompletes()
{
    Sandbox s;
    QVERIFY2(s.start({}), qPrintable(s.errorString()));
    QJsonObject large = s.placeCompleteOrder(700);
    QCOMPARE(large.value(u"items"_s).toArray().size(), 700);
    // Another order (paid, not shipped: it stays Draft) already holds the Order Product external ID of
    // the 650th line, so the second part of the large order fails: Salesforce will not move that
    // Order Product to another order.
    QJsonObject blocker = s.placeOrder(1, false);
    QJsonArray blockerItems = blocker.value(u"items"_s).toArray();
    QJsonObject blockerItem = blockerItems.first().toObject();
    blockerItem.insert(u"item_id"_s, large.value(u"items"_s).toArray().at(649).toObject().value(u"item_id"_s));
    blockerItems.replace(0, blockerItem);
    blocker.insert(u"items"_s, blockerItems);
    QVERIFY(s.sync({blocker}).orders.first().status == SyncStatus::InSync);

    const BatchOutcome first = s.sync({large});
    const OrderOutcome &failed = first.orders.first();
    QCOMPARE(failed.status, SyncStatus::Error);
    QVERIFY2(failed.error.message.contains(u"1 of the 2 parts"_s), qPrintable(failed.error.toString()));
    const QString inc = large.value(u"increment_id"_s).toString();
    const QJsonObject half = s.sfOrder(inc);
    QCOMPARE(half.value(u"Status"_s).toString(), u"Draft"_s);
    QVERIFY(half.value(u"ActivatedDate"_s).isNull());
    const int written = int(s.sfItems(half.value(u"Id"_s).toString()).size());
    QVERIFY2(written > 0 && written < 700, qPrintable(QString::number(written)));

    // The blocking Order Product is removed; the next sync writes the rest and activates the order.
    const QJsonObject blockerOrder = s.sfOrder(blocker.value(u"increment_id"_s).toString());
    const QList<QJsonObject> blocking = s.sfItems(blockerOrder.value(u"Id"_s).toString());
    QCOMPARE(blocking.size(), 1);
    QVERIFY(s.deleteRecord(u"OrderItem"_s, blocking.first().value(u"Id"_s).toString()));
    const BatchOutcome second = s.sync({large});
    QVERIFY2(second.orders.first().status == SyncStatus::InSync, qPrintable(second.orders.first().error.toString()));
    const QJsonObject done = s.sfOrder(inc);
    QCOMPARE(done.value(u"Id"_s).toString(), half.value(u"Id"_s).toString());
    QCOMPARE(done.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(s.sfItems(done.value(u"Id"_s).toString()).size(), 700);
}

QTEST_GUILESS_MAIN(TestActivatedOrdersSandbox)
#include "tst_activatedorders_sandbox.moc"
