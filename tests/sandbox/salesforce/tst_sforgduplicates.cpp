// Integration tests of the org's duplicate rules (--duplicate-rules) over real HTTP: Alert rules on Contact by
// e-mail and Account by name refuse a matching save with DUPLICATES_DETECTED unless the request (or, in a
// composite graph, the node) carries Sforce-Duplicate-Rule-Header: allowSave=true; without the switch the org
// has no active rules.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

const QList<QPair<QByteArray, QByteArray>> kAllowSave{{"Content-Type", "application/json"},
                                                      {"Sforce-Duplicate-Rule-Header", "allowSave=true"}};
const QList<QPair<QByteArray, QByteArray>> kJson{{"Content-Type", "application/json"}};

QByteArray compact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject contact(const QString &email, const QString &last = u"Duplicate"_s)
{
    return QJsonObject{{u"LastName"_s, last}, {u"Email"_s, email}};
}

QJsonObject graphOf(const QJsonArray &nodes)
{
    return QJsonObject{{u"graphs"_s, QJsonArray{QJsonObject{{u"graphId"_s, u"g1"_s}, {u"compositeRequest"_s, nodes}}}}};
}

} // namespace

class TestSfOrgDuplicates : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void withoutTheSwitchDuplicatesSave();
    void matchingContactIsRefused();
    void allowSaveHeaderSavesPastTheAlert();
    void accountMatchesByNameIgnoringCase();
    void editOfADuplicateIsCheckedToo();
    void graphNodeNeedsItsOwnHeader();
    void collectionsTakeTheRequestHeader();

private:
    SandboxProcess m_plain;
    SandboxProcess m_rules;
    std::unique_ptr<SfHttp> m_plainHttp;
    std::unique_ptr<SfHttp> m_http;
};

void TestSfOrgDuplicates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_plain.start({u"--seed"_s, u"5"_s, u"--orders"_s, u"0"_s}), qPrintable(m_plain.errorString()));
    QVERIFY2(m_rules.start({u"--seed"_s, u"5"_s, u"--orders"_s, u"0"_s, u"--duplicate-rules"_s}),
             qPrintable(m_rules.errorString()));
    QCOMPARE(m_plain.salesforce().value(u"duplicate_rules"_s).toBool(), false);
    QCOMPARE(m_rules.salesforce().value(u"duplicate_rules"_s).toBool(), true);
    m_plainHttp = std::make_unique<SfHttp>(m_plain.salesforceLoginUrl());
    QCOMPARE(m_plainHttp->login(m_plain.salesforce()), QString());
    m_http = std::make_unique<SfHttp>(m_rules.salesforceLoginUrl());
    QCOMPARE(m_http->login(m_rules.salesforce()), QString());
}

void TestSfOrgDuplicates::withoutTheSwitchDuplicatesSave()
{
    const QString path = SfHttp::data(u"sobjects/Contact"_s);
    QCOMPARE(m_plainHttp->post(path, contact(u"twin@example.com"_s)).status, 201);
    const auto second = m_plainHttp->post(path, contact(u"TWIN@example.com"_s));
    QCOMPARE(second.status, 201);
    QVERIFY(second.object().value(u"success"_s).toBool());
}

void TestSfOrgDuplicates::matchingContactIsRefused()
{
    const QString path = SfHttp::data(u"sobjects/Contact"_s);
    const auto first = m_http->post(path, contact(u"alert@example.com"_s));
    QCOMPARE(first.status, 201);
    const QString firstId = first.object().value(u"id"_s).toString();

    const auto second = m_http->post(path, contact(u"Alert@Example.com"_s, u"Other"_s));
    QCOMPARE(second.status, 400);
    QCOMPARE(second.errorCode(), u"DUPLICATES_DETECTED"_s);
    QCOMPARE(second.errorMessage(), u"Use one of these records?"_s);
    const QJsonObject result = second.array().at(0).toObject().value(u"duplicateResult"_s).toObject();
    QCOMPARE(result.value(u"duplicateRuleEntityType"_s).toString(), u"Contact"_s);
    QCOMPARE(result.value(u"allowSave"_s).toBool(), true);
    const QJsonArray records = result.value(u"matchResults"_s).toArray().at(0).toObject().value(u"matchRecords"_s).toArray();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).toObject().value(u"record"_s).toObject().value(u"Id"_s).toString(), firstId);

    // A different e-mail is no duplicate; an empty one matches nothing.
    QCOMPARE(m_http->post(path, contact(u"someone.else@example.com"_s)).status, 201);
    QCOMPARE(m_http->post(path, QJsonObject{{u"LastName"_s, u"NoMail"_s}}).status, 201);
    QCOMPARE(m_http->post(path, QJsonObject{{u"LastName"_s, u"NoMail"_s}}).status, 201);
}

void TestSfOrgDuplicates::allowSaveHeaderSavesPastTheAlert()
{
    const QString path = SfHttp::data(u"sobjects/Contact"_s);
    QCOMPARE(m_http->post(path, contact(u"saved@example.com"_s)).status, 201);
    const auto refused = m_http->send("POST", path, compact(contact(u"saved@example.com"_s)),
                                      {{"Content-Type", "application/json"},
                                       {"Sforce-Duplicate-Rule-Header", "allowSave=false"}});
    QCOMPARE(refused.errorCode(), u"DUPLICATES_DETECTED"_s);
    const auto saved = m_http->send("POST", path, compact(contact(u"saved@example.com"_s)),
                                    {{"Content-Type", "application/json"},
                                     {"Sforce-Duplicate-Rule-Header",
                                      "allowSave=true; includeRecordDetails=false; runAsCurrentUser=true"}});
    QCOMPARE(saved.status, 201);
    // Upsert by external ID goes through the same rules.
    const QString upsert = SfHttp::data(u"sobjects/Contact/Magento_ID__c/dup-upsert-1"_s);
    QCOMPARE(m_http->patch(upsert, contact(u"saved@example.com"_s)).errorCode(), u"DUPLICATES_DETECTED"_s);
    QCOMPARE(m_http->send("PATCH", upsert, compact(contact(u"saved@example.com"_s)), kAllowSave).status, 201);
}

void TestSfOrgDuplicates::accountMatchesByNameIgnoringCase()
{
    const QString path = SfHttp::data(u"sobjects/Account"_s);
    QCOMPARE(m_http->post(path, QJsonObject{{u"Name"_s, u"Acme Rockets"_s}}).status, 201);
    const auto twin = m_http->post(path, QJsonObject{{u"Name"_s, u"acme rockets"_s}});
    QCOMPARE(twin.errorCode(), u"DUPLICATES_DETECTED"_s);
    QCOMPARE(twin.array().at(0).toObject().value(u"duplicateResult"_s).toObject()
                 .value(u"duplicateRuleEntityType"_s).toString(), u"Account"_s);
    QCOMPARE(m_http->post(path, QJsonObject{{u"Name"_s, u"Acme Rocket Works"_s}}).status, 201);
    QCOMPARE(m_http->send("POST", path, compact(QJsonObject{{u"Name"_s, u"Acme Rockets"_s}}), kAllowSave).status, 201);
}

void TestSfOrgDuplicates::editOfADuplicateIsCheckedToo()
{
    const QString path = SfHttp::data(u"sobjects/Contact"_s);
    QCOMPARE(m_http->post(path, contact(u"edit-a@example.com"_s)).status, 201);
    const auto b = m_http->post(path, contact(u"edit-b@example.com"_s));
    QCOMPARE(b.status, 201);
    const QString row = SfHttp::data(u"sobjects/Contact/"_s + b.object().value(u"id"_s).toString());
    // Editing a record so that it matches another is an alert on edit.
    QCOMPARE(m_http->patch(row, QJsonObject{{u"Email"_s, u"edit-a@example.com"_s}}).errorCode(),
             u"DUPLICATES_DETECTED"_s);
    QCOMPARE(m_http->send("PATCH", row, compact(QJsonObject{{u"Email"_s, u"edit-a@example.com"_s}}), kAllowSave).status,
             204);
    // The record matching only itself is no duplicate.
    QCOMPARE(m_http->patch(row, QJsonObject{{u"Email"_s, u"edit-b@example.com"_s}}).status, 204);
}

void TestSfOrgDuplicates::graphNodeNeedsItsOwnHeader()
{
    const QString graphPath = SfHttp::data(u"composite/graph"_s);
    QCOMPARE(m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Graph Corp"_s}}).status, 201);
    auto nodes = [](const QJsonObject &headers) {
        QJsonObject account{{u"method"_s, u"POST"_s},
                            {u"url"_s, SfHttp::data(u"sobjects/Account"_s)},
                            {u"referenceId"_s, u"refAccount"_s},
                            {u"body"_s, QJsonObject{{u"Name"_s, u"Graph Corp"_s}}}};
        QJsonObject person{{u"method"_s, u"POST"_s},
                           {u"url"_s, SfHttp::data(u"sobjects/Contact"_s)},
                           {u"referenceId"_s, u"refContact"_s},
                           {u"body"_s, QJsonObject{{u"LastName"_s, u"Graph"_s},
                                                   {u"Email"_s, u"graph-only@example.com"_s},
                                                   {u"AccountId"_s, u"@{refAccount.id}"_s}}}};
        if (!headers.isEmpty()) {
            account.insert(u"httpHeaders"_s, headers);
            person.insert(u"httpHeaders"_s, headers);
        }
        return QJsonArray{account, person};
    };
    // The top-level header does not reach the nodes: the Account node is refused, the graph rolled back.
    const auto refused = m_http->send("POST", graphPath, compact(graphOf(nodes({}))), kAllowSave);
    QCOMPARE(refused.status, 200);
    const QJsonObject g = refused.object().value(u"graphs"_s).toArray().at(0).toObject();
    QCOMPARE(g.value(u"isSuccessful"_s).toBool(), false);
    const QJsonObject first = g.value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s).toArray().at(0).toObject();
    QCOMPARE(first.value(u"body"_s).toArray().at(0).toObject().value(u"errorCode"_s).toString(),
             u"DUPLICATES_DETECTED"_s);
    const auto count = m_http->get(SfHttp::data(u"query?q=SELECT+Id+FROM+Contact+WHERE+Email='graph-only@example.com'"_s));
    QCOMPARE(count.object().value(u"totalSize"_s).toInt(), 0);

    const auto saved = m_http->send(
        "POST", graphPath,
        compact(graphOf(nodes(QJsonObject{{u"Sforce-Duplicate-Rule-Header"_s, u"allowSave=true"_s}}))), kJson);
    QCOMPARE(saved.status, 200);
    QVERIFY2(saved.object().value(u"graphs"_s).toArray().at(0).toObject().value(u"isSuccessful"_s).toBool(),
             saved.body.constData());
}

void TestSfOrgDuplicates::collectionsTakeTheRequestHeader()
{
    const QString path = SfHttp::data(u"composite/sobjects"_s);
    QCOMPARE(m_http->post(SfHttp::data(u"sobjects/Contact"_s), contact(u"collection@example.com"_s)).status, 201);
    const QJsonObject body{{u"allOrNone"_s, false},
                           {u"records"_s, QJsonArray{QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}},
                                                                 {u"LastName"_s, u"Coll"_s},
                                                                 {u"Email"_s, u"collection@example.com"_s}}}}};
    const auto refused = m_http->post(path, body);
    QCOMPARE(refused.status, 200);
    const QJsonObject r = refused.array().at(0).toObject();
    QCOMPARE(r.value(u"success"_s).toBool(), false);
    QCOMPARE(r.value(u"errors"_s).toArray().at(0).toObject().value(u"statusCode"_s).toString(), u"DUPLICATES_DETECTED"_s);
    const auto saved = m_http->send("POST", path, compact(body), kAllowSave);
    QVERIFY2(saved.array().at(0).toObject().value(u"success"_s).toBool(), saved.body.constData());
}

QTEST_GUILESS_MAIN(TestSfOrgDuplicates)
#include "tst_sforgduplicates.moc"
