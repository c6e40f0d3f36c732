// jsonItemTexts(): the text of each element of a reply's "items" array, cut without parsing.
#include "magento/jsonitemtexts.h"
#include "magento/magentotypes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestJsonItemTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cutsEachItem_data();
    void cutsEachItem();
    void refusesWhatIsNoItemList_data();
    void refusesWhatIsNoItemList();
    void orderPageKeepsMagentosText();
};

void TestJsonItemTexts::cutsEachItem_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<QByteArray>>("expected");
    QTest::newRow("compact") << QByteArray(R"({"items":[{"a":1},{"b":[2,3]}],"total_count":2})")
                             << QList<QByteArray>{R"({"a":1})", R"({"b":[2,3]})"};
    QTest::newRow("items last, other keys first")
        << QByteArray(R"({"search_criteria":{"filter_groups":[{"x":"]"}]},"total_count":1,"items":[{"k":"v"}]})")
        << QList<QByteArray>{R"({"k":"v"})"};
    QTest::newRow("brackets, braces and quotes inside strings")
        << QByteArray(R"({"items":[{"c":"a ] } , [ { \" \\"},{"d":"\\\""}]})")
        << QList<QByteArray>{R"({"c":"a ] } , [ { \" \\"})", R"({"d":"\\\""})"};
    QTest::newRow("white space between") << QByteArray("{ \"items\" : [ {\"a\" : 1} ,\n {\"b\":2}\n ] }")
                                         << QList<QByteArray>{"{\"a\" : 1}", "{\"b\":2}"};
    QTest::newRow("scalars") << QByteArray(R"({"items":[1, "two" ,null,true]})")
                             << QList<QByteArray>{"1", "\"two\"", "null", "true"};
    QTest::newRow("empty") << QByteArray(R"({"items":[],"total_count":0})") << QList<QByteArray>{};
    QTest::newRow("a nested items key is not the top one")
        << QByteArray(R"({"x":{"items":[9]},"items":[{"n":1}]})") << QList<QByteArray>{R"({"n":1})"};
}

void TestJsonItemTexts::cutsEachItem()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<QByteArray>, expected);
    QVERIFY(!QJsonDocument::fromJson(body).isNull()); // the rows are valid JSON, as the caller guarantees
    const auto texts = jsonItemTexts(body, "items");
    QVERIFY(texts.has_value());
    QList<QByteArray> got;
    for (const QByteArrayView text : *texts)
        got << text.toByteArray();
    QCOMPARE(got, expected);
}

void TestJsonItemTexts::refusesWhatIsNoItemList_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("array at the top") << QByteArray(R"([{"items":[1]}])");
    QTest::newRow("no items key") << QByteArray(R"({"total_count":0})");
    QTest::newRow("items not an array") << QByteArray(R"({"items":{"a":1}})");
    QTest::newRow("cut short") << QByteArray(R"({"items":[{"a":"b)");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("empty text") << QByteArray();
}

void TestJsonItemTexts::refusesWhatIsNoItemList()
{
    QFETCH(QByteArray, body);
    QVERIFY(!jsonItemTexts(body, "items").has_value());
}

void TestJsonItemTexts::orderPageKeepsMagentosText()
{
    // PHP's json_encode escapes slashes; Qt would write "a/b". The stored text is Magento's own.
    const QByteArray order = R"({"entity_id":7,"increment_id":"000000007","updated_at":"2026-01-02 03:04:05","note":"a\/b"})";
    const QByteArray body = R"({"items":[)" + order + R"(],"total_count":1})";
    const QJsonValue value = QJsonDocument::fromJson(body).object();
    const auto page = MagentoOrderPage::fromJson(value, body);
    QVERIFY(page.has_value());
    QCOMPARE(page->orders.size(), 1);
    QCOMPARE(page->orders.at(0).compactJson, order);
    QCOMPARE(page->orders.at(0).json.value(u"note"_s).toString(), u"a/b"_s);

    // Without the text the order is serialised once, and its fingerprint is a digest of that text.
    const auto parsedOnly = MagentoOrderPage::fromJson(value);
    QVERIFY(parsedOnly.has_value());
    QCOMPARE(parsedOnly->orders.at(0).compactJson, QJsonDocument(QJsonDocument::fromJson(order).object()).toJson(QJsonDocument::Compact));
    QVERIFY(parsedOnly->orders.at(0).fingerprint != page->orders.at(0).fingerprint);
}

QTEST_GUILESS_MAIN(TestJsonItemTexts)
#include "tst_jsonitemtexts.moc"
