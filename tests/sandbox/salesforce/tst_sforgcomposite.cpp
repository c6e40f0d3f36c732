// Integration tests of the Salesforce org's composite resources, sObject Collections, query paging and the
// daily API limit, over real HTTP.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject sub(const QString &method, const QString &url, const QString &ref, const QJsonValue &body = {})
{
    QJsonObject o{{u"method"_s, method}, {u"url"_s, url}, {u"referenceId"_s, ref}};
    if (!body.isUndefined() && !body.isNull())
        o.insert(u"body"_s, body);
    return o;
}

QString v(const QString &rest)
{
    return SfHttp::data(rest);
}

} // namespace

class TestSfOrgComposite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void compositeWithReferences();
    void compositeAllOrNoneRollsBack();
    void compositePartialSuccess();
    void compositeEnvelopeErrors();
    void graphSuccessAndRollback();
    void graphLimits();
    void collectionsCreateUpdateDelete();
    void collectionsAllOrNone();
    void collectionsUpsertAndRetrieve();
    void collectionsLimit();
    void queryPagingOverTwoThousand();
    void childRowsCountTowardTheBatchAndChildListsPage();
    void queryErrors();
    void apiLimitExhaustion();

private:
    [[nodiscard]] int countOf(const QString &soql);

    SandboxProcess m_sandbox;
    QJsonObject m_sf;
    std::unique_ptr<SfHttp> m_http;
    QString m_book;
    QString m_entry;
};

void TestSfOrgComposite::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_sandbox.start({u"--seed"_s, u"21"_s}), qPrintable(m_sandbox.errorString()));
    m_sf = m_sandbox.salesforce();
    m_http = std::make_unique<SfHttp>(m_sf.value(u"login_url"_s).toString());
    QCOMPARE(m_http->login(m_sf), QString());
    m_book = m_sf.value(u"magento_pricebook_id"_s).toString();
    const auto r = m_http->get(v(u"query?q="_s)
                               + QString::fromLatin1(QUrl::toPercentEncoding(
                                   u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '"_s + m_book + u"' LIMIT 1"_s)));
    m_entry = r.object().value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString();
    QVERIFY(!m_entry.isEmpty());
}

int TestSfOrgComposite::countOf(const QString &soql)
{
    const auto r = m_http->get(v(u"query?q="_s) + QString::fromLatin1(QUrl::toPercentEncoding(soql)));
    return r.status == 200 ? r.object().value(u"totalSize"_s).toInt() : -1;
}

void TestSfOrgComposite::compositeWithReferences()
{
    const int before = m_http->get(u"/__sandbox/stats"_s).object().value(u"api_calls"_s).toInt();
    const QJsonArray requests{
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"refAccount"_s, QJsonObject{{u"Name"_s, u"Composite Co"_s}}),
        sub(u"POST"_s, v(u"sobjects/Order"_s), u"refOrder"_s,
            QJsonObject{{u"AccountId"_s, u"@{refAccount.id}"_s}, {u"EffectiveDate"_s, u"2024-07-01"_s},
                        {u"Status"_s, u"Draft"_s}, {u"Pricebook2Id"_s, m_book}, {u"Magento_ID__c"_s, u"comp-1"_s}}),
        sub(u"POST"_s, v(u"sobjects/OrderItem"_s), u"refItem"_s,
            QJsonObject{{u"OrderId"_s, u"@{refOrder.id}"_s}, {u"PricebookEntryId"_s, m_entry}, {u"Quantity"_s, 2},
                        {u"UnitPrice"_s, 4}}),
        sub(u"GET"_s, v(u"query?q=SELECT+Id,TotalAmount+FROM+Order+WHERE+Magento_ID__c+%3D+'comp-1'"_s), u"refQuery"_s),
        sub(u"PATCH"_s, v(u"sobjects/Order/@{refQuery.records[0].Id}"_s), u"refActivate"_s,
            QJsonObject{{u"Status"_s, u"Activated"_s}}),
        sub(u"GET"_s, v(u"sobjects/Order/@{refOrder.id}?fields=StatusCode,TotalAmount"_s), u"refRead"_s),
    };
    const auto r = m_http->post(v(u"composite"_s), QJsonObject{{u"allOrNone"_s, true}, {u"compositeRequest"_s, requests}});
    QCOMPARE(r.status, 200);
    const QJsonArray out = r.object().value(u"compositeResponse"_s).toArray();
    QCOMPARE(out.size(), 6);
    QCOMPARE(out.at(0).toObject().value(u"httpStatusCode"_s).toInt(), 201);
    QCOMPARE(out.at(0).toObject().value(u"referenceId"_s).toString(), u"refAccount"_s);
    const QString orderId = out.at(1).toObject().value(u"body"_s).toObject().value(u"id"_s).toString();
    QCOMPARE(out.at(1).toObject().value(u"httpHeaders"_s).toObject().value(u"Location"_s).toString(),
             v(u"sobjects/Order/"_s) + orderId);
    QCOMPARE(out.at(2).toObject().value(u"httpStatusCode"_s).toInt(), 201);
    QCOMPARE(out.at(3).toObject().value(u"body"_s).toObject().value(u"totalSize"_s).toInt(), 1);
    QCOMPARE(out.at(4).toObject().value(u"httpStatusCode"_s).toInt(), 204);
    QVERIFY(out.at(4).toObject().value(u"body"_s).isNull());
    const QJsonObject read = out.at(5).toObject().value(u"body"_s).toObject();
    QCOMPARE(read.value(u"StatusCode"_s).toString(), u"Activated"_s);
    QCOMPARE(read.value(u"TotalAmount"_s).toDouble(), 8.0);
    // The whole composite counted as one API call.
    const int after = m_http->get(u"/__sandbox/stats"_s).object().value(u"api_calls"_s).toInt();
    QCOMPARE(after, before + 1);
}

void TestSfOrgComposite::compositeAllOrNoneRollsBack()
{
    const int accounts = countOf(u"SELECT COUNT() FROM Account"_s);
    const QJsonArray requests{
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"a1"_s, QJsonObject{{u"Name"_s, u"Rolled back"_s}}),
        sub(u"POST"_s, v(u"sobjects/Order"_s), u"o1"_s,
            QJsonObject{{u"AccountId"_s, u"@{a1.id}"_s}, {u"Status"_s, u"Draft"_s}}), // no EffectiveDate
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"a2"_s, QJsonObject{{u"Name"_s, u"Never"_s}}),
    };
    const auto r = m_http->post(v(u"composite"_s), QJsonObject{{u"allOrNone"_s, true}, {u"compositeRequest"_s, requests}});
    QCOMPARE(r.status, 200);
    const QJsonArray out = r.object().value(u"compositeResponse"_s).toArray();
    QCOMPARE(out.size(), 3);
    const QJsonObject halted{{u"errorCode"_s, u"PROCESSING_HALTED"_s},
                             {u"message"_s, u"The transaction was rolled back since another operation in the same "
                                            "transaction failed."_s}};
    QCOMPARE(out.at(0).toObject().value(u"httpStatusCode"_s).toInt(), 400);
    QCOMPARE(out.at(0).toObject().value(u"body"_s).toArray().at(0).toObject(), halted);
    QCOMPARE(out.at(1).toObject().value(u"httpStatusCode"_s).toInt(), 400);
    QCOMPARE(out.at(1).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(out.at(2).toObject().value(u"body"_s).toArray().at(0).toObject(), halted);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts);
}

void TestSfOrgComposite::compositePartialSuccess()
{
    const int accounts = countOf(u"SELECT COUNT() FROM Account"_s);
    const QJsonArray requests{
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"ok1"_s, QJsonObject{{u"Name"_s, u"Kept"_s}}),
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"bad"_s, QJsonObject{{u"Nope__c"_s, 1}}),
        sub(u"POST"_s, v(u"sobjects/Contact"_s), u"dependent"_s,
            QJsonObject{{u"LastName"_s, u"x"_s}, {u"AccountId"_s, u"@{bad.id}"_s}}),
        sub(u"POST"_s, v(u"sobjects/Account"_s), u"ok2"_s, QJsonObject{{u"Name"_s, u"Kept too"_s}}),
    };
    const auto r = m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, requests}});
    QCOMPARE(r.status, 200);
    const QJsonArray out = r.object().value(u"compositeResponse"_s).toArray();
    QCOMPARE(out.at(0).toObject().value(u"httpStatusCode"_s).toInt(), 201);
    QCOMPARE(out.at(1).toObject().value(u"httpStatusCode"_s).toInt(), 400);
    QCOMPARE(out.at(2).toObject().value(u"httpStatusCode"_s).toInt(), 400);
    QCOMPARE(out.at(2).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"PROCESSING_HALTED"_s);
    QCOMPARE(out.at(3).toObject().value(u"httpStatusCode"_s).toInt(), 201);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts + 2);
}

void TestSfOrgComposite::compositeEnvelopeErrors()
{
    // Forbidden subrequest headers make the whole request fail.
    QJsonObject withHeader = sub(u"GET"_s, v(u"limits"_s), u"l"_s);
    withHeader.insert(u"httpHeaders"_s, QJsonObject{{u"Content-Type"_s, u"application/json"_s}});
    auto r = m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, QJsonArray{withHeader}}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.isArray());
    // More than 25 subrequests.
    QJsonArray many;
    for (int i = 0; i < 26; ++i)
        many.append(sub(u"GET"_s, v(u"limits"_s), u"r"_s + QString::number(i)));
    r = m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, many}});
    QCOMPARE(r.status, 400);
    // 25 is fine.
    many.removeLast();
    r = m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, many}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"compositeResponse"_s).toArray().size(), 25);
    // More than 5 queries.
    QJsonArray queries;
    for (int i = 0; i < 6; ++i)
        queries.append(sub(u"GET"_s, v(u"query?q=SELECT+Id+FROM+Account+LIMIT+1"_s), u"q"_s + QString::number(i)));
    r = m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, queries}});
    QCOMPARE(r.status, 400);
    queries.removeLast();
    QCOMPARE(m_http->post(v(u"composite"_s), QJsonObject{{u"compositeRequest"_s, queries}}).status, 200);
    // Duplicate referenceId.
    r = m_http->post(v(u"composite"_s),
                     QJsonObject{{u"compositeRequest"_s, QJsonArray{sub(u"GET"_s, v(u"limits"_s), u"same"_s),
                                                                    sub(u"GET"_s, v(u"limits"_s), u"same"_s)}}});
    QCOMPARE(r.status, 400);
}

void TestSfOrgComposite::graphSuccessAndRollback()
{
    const int orders = countOf(u"SELECT COUNT() FROM Order"_s);
    const QJsonObject good{
        {u"graphId"_s, u"g1"_s},
        {u"compositeRequest"_s,
         QJsonArray{sub(u"POST"_s, v(u"sobjects/Account"_s), u"acc"_s, QJsonObject{{u"Name"_s, u"Graph Co"_s}}),
                    sub(u"PATCH"_s, v(u"sobjects/Order/Magento_ID__c/graph-1"_s), u"ord"_s,
                        QJsonObject{{u"AccountId"_s, u"@{acc.id}"_s}, {u"EffectiveDate"_s, u"2024-08-01"_s},
                                    {u"Status"_s, u"Draft"_s}, {u"Pricebook2Id"_s, m_book}}),
                    sub(u"POST"_s, v(u"sobjects/OrderItem"_s), u"item"_s,
                        QJsonObject{{u"OrderId"_s, u"@{ord.id}"_s}, {u"PricebookEntryId"_s, m_entry},
                                    {u"Quantity"_s, 1}, {u"UnitPrice"_s, 2}})}}};
    const QJsonObject bad{
        {u"graphId"_s, u"g2"_s},
        {u"compositeRequest"_s,
         QJsonArray{sub(u"POST"_s, v(u"sobjects/Account"_s), u"acc"_s, QJsonObject{{u"Name"_s, u"Graph Two"_s}}),
                    sub(u"POST"_s, v(u"sobjects/Order"_s), u"ord"_s,
                        QJsonObject{{u"AccountId"_s, u"@{acc.id}"_s}, {u"EffectiveDate"_s, u"2024-08-01"_s},
                                    {u"Status"_s, u"Draft"_s}}), // no price book
                    sub(u"POST"_s, v(u"sobjects/OrderItem"_s), u"item"_s,
                        QJsonObject{{u"OrderId"_s, u"@{ord.id}"_s}, {u"PricebookEntryId"_s, m_entry},
                                    {u"Quantity"_s, 1}, {u"UnitPrice"_s, 2}})}}};
    const int accounts = countOf(u"SELECT COUNT() FROM Account"_s);
    const auto r = m_http->post(v(u"composite/graph"_s), QJsonObject{{u"graphs"_s, QJsonArray{good, bad}}});
    QCOMPARE(r.status, 200);
    const QJsonArray graphs = r.object().value(u"graphs"_s).toArray();
    QCOMPARE(graphs.size(), 2);
    QCOMPARE(graphs.at(0).toObject().value(u"graphId"_s).toString(), u"g1"_s);
    QCOMPARE(graphs.at(0).toObject().value(u"isSuccessful"_s).toBool(), true);
    QCOMPARE(graphs.at(1).toObject().value(u"isSuccessful"_s).toBool(), false);
    const QJsonArray second = graphs.at(1).toObject().value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s).toArray();
    QCOMPARE(second.size(), 3);
    QCOMPARE(second.at(2).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(second.at(0).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"PROCESSING_HALTED"_s);
    // g1 kept (1 account, 1 order), g2 rolled back entirely.
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts + 1);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Order"_s), orders + 1);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Order WHERE Magento_ID__c = 'graph-1'"_s), 1);
}

void TestSfOrgComposite::graphLimits()
{
    auto graphOf = [&](const QString &id, int nodes) {
        QJsonArray requests;
        for (int i = 0; i < nodes; ++i) {
            requests.append(sub(u"POST"_s, v(u"sobjects/Account"_s), u"n"_s + QString::number(i),
                                QJsonObject{{u"Name"_s, QString(u"Node "_s + QString::number(i))}}));
        }
        return QJsonObject{{u"graphId"_s, id}, {u"compositeRequest"_s, requests}};
    };
    const int accounts = countOf(u"SELECT COUNT() FROM Account"_s);
    auto r = m_http->post(v(u"composite/graph"_s), QJsonObject{{u"graphs"_s, QJsonArray{graphOf(u"big"_s, 501)}}});
    QCOMPARE(r.status, 400);
    r = m_http->post(v(u"composite/graph"_s),
                     QJsonObject{{u"graphs"_s, QJsonArray{graphOf(u"a"_s, 300), graphOf(u"b"_s, 201)}}});
    QCOMPARE(r.status, 400); // 500 nodes per payload
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts);
    r = m_http->post(v(u"composite/graph"_s), QJsonObject{{u"graphs"_s, QJsonArray{graphOf(u"ok"_s, 500)}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"graphs"_s).toArray().at(0).toObject().value(u"isSuccessful"_s).toBool(), true);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts + 500);
    // After 14 failed graphs the rest of the payload is not processed.
    QJsonArray payload;
    for (int g = 0; g < 16; ++g) {
        const bool fails = g < 15;
        payload.append(QJsonObject{
            {u"graphId"_s, QString(u"f"_s + QString::number(g))},
            {u"compositeRequest"_s,
             QJsonArray{sub(u"POST"_s, v(u"sobjects/Account"_s), u"a"_s,
                            fails ? QJsonObject{{u"Bogus__c"_s, 1}} : QJsonObject{{u"Name"_s, u"Late"_s}})}}});
    }
    r = m_http->post(v(u"composite/graph"_s), QJsonObject{{u"graphs"_s, payload}});
    QCOMPARE(r.status, 200);
    const QJsonArray results = r.object().value(u"graphs"_s).toArray();
    QCOMPARE(results.size(), 16);
    const QJsonArray lastNodes =
        results.at(15).toObject().value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s).toArray();
    QCOMPARE(results.at(15).toObject().value(u"isSuccessful"_s).toBool(), false);
    QCOMPARE(lastNodes.at(0).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"PROCESSING_HALTED"_s);
    QCOMPARE(results.at(14).toObject().value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s).toArray()
                 .at(0).toObject().value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"INVALID_FIELD"_s);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts + 500);
    // Query nodes are not allowed in a graph.
    r = m_http->post(v(u"composite/graph"_s),
                     QJsonObject{{u"graphs"_s, QJsonArray{QJsonObject{
                                                   {u"graphId"_s, u"q"_s},
                                                   {u"compositeRequest"_s,
                                                    QJsonArray{sub(u"GET"_s, v(u"query?q=SELECT+Id+FROM+Account"_s),
                                                                   u"q1"_s)}}}}}});
    QCOMPARE(r.status, 400);
}

void TestSfOrgComposite::collectionsCreateUpdateDelete()
{
    QJsonArray records;
    for (int i = 0; i < 3; ++i) {
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}},
                                   {u"Name"_s, QString(u"Coll "_s + QString::number(i))}});
    }
    records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}}, {u"FirstName"_s, u"NoLast"_s}});
    auto r = m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"allOrNone"_s, false}, {u"records"_s, records}});
    QCOMPARE(r.status, 200);
    QJsonArray out = r.array();
    QCOMPARE(out.size(), 4);
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(out.at(i).toObject().value(u"success"_s).toBool(), true);
        ids.append(out.at(i).toObject().value(u"id"_s).toString());
    }
    const QJsonObject failed = out.at(3).toObject();
    QCOMPARE(failed.value(u"success"_s).toBool(), false);
    const QJsonObject error = failed.value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(error.value(u"statusCode"_s).toString(), u"REQUIRED_FIELD_MISSING"_s); // statusCode, not errorCode
    QVERIFY(!error.contains(u"errorCode"_s));
    QCOMPARE(error.value(u"fields"_s).toArray(), QJsonArray{u"LastName"_s});

    QJsonArray updates;
    for (const auto &id : ids) {
        updates.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"id"_s, id},
                                   {u"Phone"_s, u"555"_s}});
    }
    r = m_http->patch(v(u"composite/sobjects"_s), QJsonObject{{u"records"_s, updates}});
    QCOMPARE(r.status, 200);
    for (const auto &res : r.array())
        QCOMPARE(res.toObject().value(u"success"_s).toBool(), true);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account WHERE Phone = '555'"_s), 3);

    r = m_http->del(v(u"composite/sobjects?ids="_s) + ids.join(u',') + u",001000000000000AAA&allOrNone=false"_s);
    QCOMPARE(r.status, 200);
    out = r.array();
    QCOMPARE(out.size(), 4);
    QCOMPARE(out.at(0).toObject().value(u"success"_s).toBool(), true);
    QCOMPARE(out.at(3).toObject().value(u"success"_s).toBool(), false);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account WHERE Phone = '555'"_s), 0);
}

void TestSfOrgComposite::collectionsAllOrNone()
{
    const int accounts = countOf(u"SELECT COUNT() FROM Account"_s);
    const QJsonArray records{
        QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, u"All or none 1"_s}},
        QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, QString(300, u'n')}},
        QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, u"All or none 3"_s}},
    };
    const auto r = m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"allOrNone"_s, true}, {u"records"_s, records}});
    QCOMPARE(r.status, 200);
    const QJsonArray out = r.array();
    QCOMPARE(out.size(), 3);
    const QJsonObject rolledBack{{u"statusCode"_s, u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_s},
                                 {u"message"_s, u"Record rolled back because not all records were valid and the request "
                                                "was using AllOrNone header"_s},
                                 {u"fields"_s, QJsonArray()}};
    QCOMPARE(out.at(0).toObject().value(u"success"_s).toBool(), false);
    QCOMPARE(out.at(0).toObject().value(u"errors"_s).toArray().at(0).toObject(), rolledBack);
    QVERIFY(!out.at(0).toObject().contains(u"id"_s));
    QCOMPARE(out.at(1).toObject().value(u"errors"_s).toArray().at(0).toObject().value(u"statusCode"_s).toString(),
             u"STRING_TOO_LONG"_s);
    QCOMPARE(out.at(2).toObject().value(u"errors"_s).toArray().at(0).toObject(), rolledBack);
    QCOMPARE(countOf(u"SELECT COUNT() FROM Account"_s), accounts);
}

void TestSfOrgComposite::collectionsUpsertAndRetrieve()
{
    QJsonArray records;
    for (int i = 0; i < 3; ++i) {
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Product2"_s}}},
                                   {u"Magento_ID__c"_s, QString(u"up-"_s + QString::number(i))},
                                   {u"Name"_s, QString(u"Upserted "_s + QString::number(i))}});
    }
    auto r = m_http->patch(v(u"composite/sobjects/Product2/Magento_ID__c"_s), QJsonObject{{u"records"_s, records}});
    QCOMPARE(r.status, 200);
    QStringList ids;
    for (const auto &res : r.array()) {
        QCOMPARE(res.toObject().value(u"created"_s).toBool(), true);
        ids.append(res.toObject().value(u"id"_s).toString());
    }
    r = m_http->patch(v(u"composite/sobjects/Product2/Magento_ID__c"_s), QJsonObject{{u"records"_s, records}});
    for (const auto &res : r.array()) {
        QCOMPARE(res.toObject().value(u"success"_s).toBool(), true);
        QCOMPARE(res.toObject().value(u"created"_s).toBool(), false);
    }
    r = m_http->get(v(u"composite/sobjects/Product2?ids="_s) + ids.join(u',') + u"&fields=Name,Magento_ID__c"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 3);
    QCOMPARE(r.array().at(1).toObject().value(u"Magento_ID__c"_s).toString(), u"up-1"_s);
    r = m_http->post(v(u"composite/sobjects/Product2"_s),
                     QJsonObject{{u"ids"_s, QJsonArray{ids.at(0)}}, {u"fields"_s, QJsonArray{u"Name"_s}}});
    QCOMPARE(r.array().at(0).toObject().value(u"Name"_s).toString(), u"Upserted 0"_s);
}

void TestSfOrgComposite::collectionsLimit()
{
    QJsonArray records;
    for (int i = 0; i < 201; ++i)
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, u"x"_s}});
    const auto r = m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"records"_s, records}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.isArray());
}

void TestSfOrgComposite::queryPagingOverTwoThousand()
{
    // 2,150 contacts through collections (200 a call).
    for (int batch = 0; batch < 11; ++batch) {
        QJsonArray records;
        for (int i = 0; i < 200 && batch * 200 + i < 2150; ++i) {
            records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}},
                                       {u"LastName"_s, u"Pager"_s},
                                       {u"Title"_s, QString::number(batch * 200 + i)}});
        }
        QCOMPARE(m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"records"_s, records}}).status, 200);
    }
    auto r = m_http->get(v(u"query?q=SELECT+Id,Title+FROM+Contact+WHERE+LastName+%3D+'Pager'"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 2150);
    QCOMPARE(r.object().value(u"done"_s).toBool(), false);
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 2000);
    const QString next = r.object().value(u"nextRecordsUrl"_s).toString();
    QVERIFY2(next.startsWith(u"/services/data/v62.0/query/01g"_s) && next.endsWith(u"-2000"_s), qPrintable(next));
    QSet<QString> seen;
    for (const auto &rec : r.object().value(u"records"_s).toArray())
        seen.insert(rec.toObject().value(u"Id"_s).toString());
    r = m_http->get(next);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"done"_s).toBool(), true);
    QVERIFY(!r.object().contains(u"nextRecordsUrl"_s));
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 150);
    for (const auto &rec : r.object().value(u"records"_s).toArray())
        seen.insert(rec.toObject().value(u"Id"_s).toString());
    QCOMPARE(seen.size(), 2150);
    // A smaller batch size through Sforce-Query-Options.
    r = m_http->get(v(u"query?q=SELECT+Id+FROM+Contact+WHERE+LastName+%3D+'Pager'"_s),
                    {{"Sforce-Query-Options", "batchSize=500"}});
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 500);
    // A locator that does not exist.
    r = m_http->get(v(u"query/01g000000000000AAA-2000"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_QUERY_LOCATOR"_s);
}

void TestSfOrgComposite::childRowsCountTowardTheBatchAndChildListsPage()
{
    // 12 Accounts with 250 Contacts each.
    QJsonArray accounts;
    for (int i = 0; i < 12; ++i)
        accounts.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Name"_s, u"ChildPager %1"_s.arg(i)}});
    const auto made = m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"records"_s, accounts}});
    QCOMPARE(made.status, 200);
    QJsonArray contacts;
    for (const auto &saved : made.json.toArray()) {
        for (int c = 0; c < 250; ++c) {
            contacts.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}}, {u"LastName"_s, u"Child"_s},
                                        {u"AccountId"_s, saved.toObject().value(u"id"_s)}});
            if (contacts.size() == 200) {
                QCOMPARE(m_http->post(v(u"composite/sobjects"_s), QJsonObject{{u"records"_s, contacts}}).status, 200);
                contacts = QJsonArray();
            }
        }
    }
    QVERIFY(contacts.isEmpty()); // 3,000 Contacts went in fifteen calls of 200

    const QString soql = u"query?q=SELECT+Id,Name,(SELECT+Id+FROM+Contacts)+FROM+Account+WHERE+Name+LIKE+'ChildPager%25'+ORDER+BY+Name"_s;
    auto r = m_http->get(v(soql));
    QCOMPARE(r.status, 200);
    // Each Account carries 200 Contacts inline and weighs 201 rows: nine fit a batch of 2,000.
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 12);
    QCOMPARE(r.object().value(u"done"_s).toBool(), false);
    const QJsonArray first = r.object().value(u"records"_s).toArray();
    QCOMPARE(first.size(), 9);
    const QJsonObject list = first.at(0).toObject().value(u"Contacts"_s).toObject();
    QCOMPARE(list.value(u"totalSize"_s).toInt(), 250);
    QCOMPARE(list.value(u"done"_s).toBool(), false);
    QCOMPARE(list.value(u"records"_s).toArray().size(), 200);
    const QString childNext = list.value(u"nextRecordsUrl"_s).toString();
    QVERIFY2(childNext.startsWith(u"/services/data/v62.0/query/01g"_s) && childNext.endsWith(u"-200"_s), qPrintable(childNext));
    // The child list's locator gives the rest of that Account's Contacts and nothing else.
    const auto rest = m_http->get(childNext);
    QCOMPARE(rest.status, 200);
    QCOMPARE(rest.object().value(u"done"_s).toBool(), true);
    const QJsonArray restRecords = rest.object().value(u"records"_s).toArray();
    QCOMPARE(restRecords.size(), 50);
    QSet<QString> ids;
    for (const auto &c : list.value(u"records"_s).toArray())
        ids.insert(c.toObject().value(u"Id"_s).toString());
    for (const auto &c : restRecords)
        ids.insert(c.toObject().value(u"Id"_s).toString());
    QCOMPARE(ids.size(), 250);
    // The parent's next page holds the other three Accounts.
    r = m_http->get(r.object().value(u"nextRecordsUrl"_s).toString());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"done"_s).toBool(), true);
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 3);

    // The batch size header still applies, with children counted: two Accounts (402 rows) in 500.
    r = m_http->get(v(soql), {{"Sforce-Query-Options", "batchSize=500"}});
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 2);
    // Small child lists are inline and complete, and a page of such parents is not cut.
    r = m_http->get(v(u"query?q=SELECT+Id,(SELECT+Id+FROM+Contacts+LIMIT+5)+FROM+Account+WHERE+Name+LIKE+'ChildPager%25'"_s));
    QCOMPARE(r.object().value(u"done"_s).toBool(), true);
    QCOMPARE(r.object().value(u"records"_s).toArray().size(), 12);
    const QJsonObject small = r.object().value(u"records"_s).toArray().at(0).toObject().value(u"Contacts"_s).toObject();
    QCOMPARE(small.value(u"done"_s).toBool(), true);
    QVERIFY(!small.contains(u"nextRecordsUrl"_s));
    QCOMPARE(small.value(u"records"_s).toArray().size(), 5);
    // The same query inside a composite request pages the same way, and its child locator works there too.
    const auto composite = m_http->post(
        v(u"composite"_s),
        QJsonObject{{u"compositeRequest"_s,
                     QJsonArray{QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, v(soql)}, {u"referenceId"_s, u"q"_s}},
                                QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, childNext}, {u"referenceId"_s, u"gone"_s}}}}});
    QCOMPARE(composite.status, 200);
    const QJsonArray subs = composite.object().value(u"compositeResponse"_s).toArray();
    QCOMPARE(subs.at(0).toObject().value(u"body"_s).toObject().value(u"records"_s).toArray().size(), 9);
    // A child locator read to its end is closed.
    QCOMPARE(subs.at(1).toObject().value(u"httpStatusCode"_s).toInt(), 400);
}

void TestSfOrgComposite::queryErrors()
{
    // FIELDS(ALL) expands from the org's describe metadata.
    const auto all = m_http->get(v(u"query?q=SELECT+FIELDS(ALL)+FROM+Product2+LIMIT+1"_s));
    QCOMPARE(all.status, 200);
    const QJsonObject product = all.object().value(u"records"_s).toArray().at(0).toObject();
    QVERIFY(product.contains(u"Magento_ID__c"_s));
    QVERIFY(product.contains(u"ProductCode"_s));
    const auto custom = m_http->get(v(u"query?q=SELECT+FIELDS(CUSTOM)+FROM+Product2+LIMIT+1"_s));
    QCOMPARE(custom.status, 200);
    QVERIFY(!custom.object().value(u"records"_s).toArray().at(0).toObject().contains(u"ProductCode"_s));

    auto r = m_http->get(v(u"query?q=SELECT+Bogus+FROM+Contact"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD"_s);
    r = m_http->get(v(u"query?q=SELECT+Id+FROM"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"MALFORMED_QUERY"_s);
    r = m_http->get(v(u"query?q=SELECT+Id+FROM+Nothing__c"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_TYPE"_s);
}

void TestSfOrgComposite::apiLimitExhaustion()
{
    SandboxProcess limited;
    QVERIFY2(limited.start({u"--api-limit"_s, u"4"_s}), qPrintable(limited.errorString()));
    SfHttp api(limited.salesforceLoginUrl());
    QCOMPARE(api.login(limited.salesforce()), QString()); // OAuth is not an API call
    for (int i = 1; i <= 4; ++i) {
        const auto r = api.get(SfHttp::data(u"limits"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Sforce-Limit-Info"), QByteArray("api-usage=") + QByteArray::number(i) + "/4");
    }
    const auto refused = api.get(SfHttp::data(u"sobjects"_s));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json, QJsonValue(QJsonArray{QJsonObject{{u"message"_s, u"TotalRequests Limit exceeded."_s},
                                                             {u"errorCode"_s, u"REQUEST_LIMIT_EXCEEDED"_s}}}));
    QCOMPARE(refused.header("Sforce-Limit-Info"), QByteArray("api-usage=4/4"));
    const auto composite = api.post(SfHttp::data(u"composite"_s),
                                    QJsonObject{{u"compositeRequest"_s,
                                                 QJsonArray{sub(u"GET"_s, SfHttp::data(u"limits"_s), u"l"_s)}}});
    QCOMPARE(composite.status, 403);
    QCOMPARE(api.get(u"/__sandbox/stats"_s).object().value(u"api_calls"_s).toInt(), 4);
}

QTEST_GUILESS_MAIN(TestSfOrgComposite)
#include "tst_sforgcomposite.moc"
