// RecordGraphBuilder: typed record writes in, /composite/graph nodes out.
#include "salesforce/recordgraphbuilder.h"

#include <QJsonArray>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(OrderBridge::RecordWrite)

class TestRecordGraphBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachWriteIsOneNode_data();
    void eachWriteIsOneNode();
    void nodesKeepTheWritesOrder();
    void graphJsonIsTheRequest();
    void writesSalesforceCannotTakeAreRefused_data();
    void writesSalesforceCannotTakeAreRefused();
    void aGraphHoldsAtMost500Nodes();
    void aLargeGroupIsSplitInOrder();
    void laterPartsGetTheIdsOfEarlierOnes();
};

void TestRecordGraphBuilder::eachWriteIsOneNode_data()
{
    QTest::addColumn<RecordWrite>("write");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");

    QTest::newRow("create") << RecordWrite::create(u"Note"_s, {{u"Title"_s, u"Hi"_s}}, u"refNote0"_s) << u"POST"_s
                            << u"sobjects/Note"_s << QJsonObject{{u"Title"_s, u"Hi"_s}};
    QTest::newRow("update") << RecordWrite::update(u"Order"_s, u"801AA0000000001AAA"_s, {{u"Status"_s, u"Draft"_s}},
                                                   u"refDraft"_s)
                            << u"PATCH"_s << u"sobjects/Order/801AA0000000001AAA"_s
                            << QJsonObject{{u"Status"_s, u"Draft"_s}};
    QTest::newRow("upsert") << RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, u"000000142"_s,
                                                   {{u"Status"_s, u"Draft"_s}}, u"refOrder"_s)
                            << u"PATCH"_s << u"sobjects/Order/Magento_ID__c/000000142"_s
                            << QJsonObject{{u"Status"_s, u"Draft"_s}};
    QTest::newRow("upsert value percent-encoded")
        << RecordWrite::upsert(u"Account"_s, u"Magento_ID__c"_s, u"guest-a+b c@example.de"_s, {}, u"refAccount"_s)
        << u"PATCH"_s << u"sobjects/Account/Magento_ID__c/guest-a%2Bb%20c%40example.de"_s << QJsonObject{};

    RecordWrite item = RecordWrite::upsert(u"OrderItem"_s, u"Magento_Item_ID__c"_s, u"301"_s, {{u"Quantity"_s, 2}},
                                           u"refItem0"_s);
    item.references.insert(u"OrderId"_s, u"refOrder"_s);
    item.references.insert(u"PricebookEntryId"_s, u"refEntry0"_s);
    QTest::newRow("references become @{ref.id}")
        << item << u"PATCH"_s << u"sobjects/OrderItem/Magento_Item_ID__c/301"_s
        << QJsonObject{{u"Quantity"_s, 2}, {u"OrderId"_s, u"@{refOrder.id}"_s}, {u"PricebookEntryId"_s, u"@{refEntry0.id}"_s}};
}

void TestRecordGraphBuilder::eachWriteIsOneNode()
{
    QFETCH(RecordWrite, write);
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    const Result<CompositeGraph> graph = RecordGraphBuilder::graph(WriteGroup{u"o1"_s, {write}});
    QVERIFY2(graph.has_value(), qPrintable(graph ? QString() : graph.error().message));
    QCOMPARE(graph->graphId(), u"o1"_s);
    QCOMPARE(graph->nodeCount(), 1);
    const CompositeGraph::Node &node = graph->nodes().first();
    QCOMPARE(node.method, method);
    QCOMPARE(node.path, path);
    QCOMPARE(node.body, body);
    QCOMPARE(node.referenceId, write.referenceId);
    QCOMPARE(RecordGraphBuilder::body(write), body);
}

void TestRecordGraphBuilder::nodesKeepTheWritesOrder()
{
    RecordWrite contact = RecordWrite::upsert(u"Contact"_s, u"Magento_ID__c"_s, u"customer-57"_s,
                                              {{u"LastName"_s, u"Müller"_s}}, u"refContact"_s);
    contact.references.insert(u"AccountId"_s, u"refAccount"_s);
    const WriteGroup group{u"o142"_s,
                           {RecordWrite::upsert(u"Account"_s, u"Magento_ID__c"_s, u"customer-57"_s,
                                                {{u"Name"_s, u"Müller & Söhne"_s}}, u"refAccount"_s),
                            contact}};
    const Result<CompositeGraph> graph = RecordGraphBuilder::graph(group);
    QVERIFY(graph.has_value());
    QStringList refs;
    for (const CompositeGraph::Node &n : graph->nodes())
        refs << n.referenceId;
    QCOMPARE(refs, QStringList({u"refAccount"_s, u"refContact"_s}));
    QVERIFY(graph->isIdempotent()); // upserts only: safe to send twice
    QCOMPARE(group.write(u"refContact"_s)->references.value(u"AccountId"_s), u"refAccount"_s);
    QVERIFY(!group.write(u"refOrder"_s));
}

void TestRecordGraphBuilder::graphJsonIsTheRequest()
{
    const WriteGroup group{u"o7"_s, {RecordWrite::create(u"Note"_s, {{u"Title"_s, u"x"_s}}, u"refNote0"_s)}};
    const QJsonObject json = RecordGraphBuilder::graphJson(group, u"62.0"_s);
    QCOMPARE(json.value(u"graphId"_s).toString(), u"o7"_s);
    const QJsonObject node = json.value(u"compositeRequest"_s).toArray().first().toObject();
    QCOMPARE(node.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(node.value(u"url"_s).toString(), u"/services/data/v62.0/sobjects/Note"_s);
    QCOMPARE(node.value(u"referenceId"_s).toString(), u"refNote0"_s);
    QCOMPARE(node.value(u"body"_s).toObject(), QJsonObject({{u"Title"_s, u"x"_s}}));
    QVERIFY(!group.write(u"refNote0"_s)->sets(u"Body"_s));
    QCOMPARE(json, RecordGraphBuilder::graph(group)->toJson(u"62.0"_s));
    QVERIFY(RecordGraphBuilder::graphJson(WriteGroup{u"o8"_s, {}}, u"62.0"_s).isEmpty());
}

void TestRecordGraphBuilder::writesSalesforceCannotTakeAreRefused_data()
{
    QTest::addColumn<QList<RecordWrite>>("writes");
    QTest::addColumn<QString>("code");
    QTest::newRow("external ID with a slash")
        << QList<RecordWrite>{RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, u"A/1"_s, {}, u"refOrder"_s)}
        << u"EXTERNAL_ID_NOT_URL_SAFE"_s;
    QTest::newRow("empty external ID")
        << QList<RecordWrite>{RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, QString(), {}, u"refOrder"_s)}
        << u"MISSING_EXTERNAL_ID"_s;
    QTest::newRow("not a record ID")
        << QList<RecordWrite>{RecordWrite::update(u"Order"_s, u"801'; DROP"_s, {}, u"refOrder"_s)} << u"MALFORMED_ID"_s;
    QTest::newRow("not an object name")
        << QList<RecordWrite>{RecordWrite::create(u"Order/../x"_s, {}, u"refOrder"_s)} << u"INVALID_SOQL_NAME"_s;
    QTest::newRow("reference ID twice")
        << QList<RecordWrite>{RecordWrite::create(u"Note"_s, {}, u"refNote0"_s), RecordWrite::create(u"Note"_s, {}, u"refNote0"_s)}
        << u"INVALID_REFERENCE_ID"_s;
    QTest::newRow("no reference ID")
        << QList<RecordWrite>{RecordWrite::create(u"Note"_s, {}, QString())} << u"INVALID_REFERENCE_ID"_s;
}

void TestRecordGraphBuilder::writesSalesforceCannotTakeAreRefused()
{
    QFETCH(QList<RecordWrite>, writes);
    QFETCH(QString, code);
    const Result<CompositeGraph> graph = RecordGraphBuilder::graph(WriteGroup{u"o1"_s, writes});
    QVERIFY(!graph.has_value());
    QCOMPARE(graph.error().code, code);
    QVERIFY(RecordGraphBuilder::graphJson(WriteGroup{u"o1"_s, writes}, u"62.0"_s).isEmpty());
}

void TestRecordGraphBuilder::aGraphHoldsAtMost500Nodes()
{
    WriteGroup group{u"big"_s, {}};
    for (int i = 0; i < CompositeGraph::MaxNodes; ++i)
        group.writes << RecordWrite::create(u"Note"_s, {}, u"n%1"_s.arg(i));
    QCOMPARE(RecordGraphBuilder::graph(group)->nodeCount(), CompositeGraph::MaxNodes);
    group.writes << RecordWrite::create(u"Note"_s, {}, u"one_more"_s);
    QCOMPARE(RecordGraphBuilder::graph(group).error().code, u"GRAPH_TOO_LARGE"_s);
}

void TestRecordGraphBuilder::aLargeGroupIsSplitInOrder()
{
    WriteGroup group{u"o7"_s, {RecordWrite::create(u"Order"_s, {}, u"refOrder"_s)}};
    QCOMPARE(RecordGraphBuilder::split(group), QList<WriteGroup>{group});
    for (int i = 0; i < 1200; ++i) {
        RecordWrite item = RecordWrite::create(u"OrderItem"_s, {}, u"refItem%1"_s.arg(i));
        item.references.insert(u"OrderId"_s, u"refOrder"_s);
        group.writes << item;
    }
    group.writes << RecordWrite::update(u"Order"_s, u"801AA0000000001AAA"_s, {{u"Status"_s, u"Activated"_s}}, u"refStatus"_s);
    const QList<WriteGroup> parts = RecordGraphBuilder::split(group);
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0).id, u"o7p1"_s);
    QCOMPARE(parts.at(2).id, u"o7p3"_s);
    QList<RecordWrite> joined;
    for (const WriteGroup &part : parts) {
        QVERIFY(part.writes.size() <= CompositeGraph::MaxNodes);
        joined << part.writes;
    }
    QCOMPARE(joined, group.writes);
    QCOMPARE(parts.last().writes.last().referenceId, u"refStatus"_s);
}

void TestRecordGraphBuilder::laterPartsGetTheIdsOfEarlierOnes()
{
    RecordWrite entry = RecordWrite::create(u"PricebookEntry"_s, {}, u"refEntry0"_s);
    RecordWrite item = RecordWrite::create(u"OrderItem"_s, {{u"Quantity"_s, 1}}, u"refItem600"_s);
    item.references.insert(u"OrderId"_s, u"refOrder"_s);
    item.references.insert(u"PricebookEntryId"_s, u"refEntry0"_s);
    const WriteGroup part{u"o7p2"_s, {entry, item}};
    const Result<WriteGroup> resolved = RecordGraphBuilder::resolve(part, {{u"refOrder"_s, u"801AA0000000001AAA"_s}});
    QVERIFY(resolved.has_value());
    const RecordWrite &out = resolved->writes.at(1);
    QCOMPARE(out.fields.value(u"OrderId"_s).toString(), u"801AA0000000001AAA"_s);
    QCOMPARE(out.references, (QMap<QString, QString>{{u"PricebookEntryId"_s, u"refEntry0"_s}}));
    QCOMPARE(RecordGraphBuilder::resolve(part, {}).error().code, u"UNRESOLVED_REFERENCE"_s);
}

QTEST_APPLESS_MAIN(TestRecordGraphBuilder)
#include "tst_recordgraphbuilder.moc"
