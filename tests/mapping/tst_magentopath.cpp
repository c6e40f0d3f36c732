#include "mapping/magentopath.h"

#include "testdata.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestMagentoPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_order = loadMagentoOrderFixture(); }
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void evaluate_data();
    void evaluate();
    void evaluateMismatch_data();
    void evaluateMismatch();

private:
    QJsonObject m_order;
};

void TestMagentoPath::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("steps");
    QTest::addColumn<bool>("multi");
    QTest::newRow("simple") << u"increment_id"_s << 1 << false;
    QTest::newRow("nested") << u"billing_address.city"_s << 2 << false;
    QTest::newRow("index") << u"billing_address.street[0]"_s << 3 << false;
    QTest::newRow("all") << u"items[].sku"_s << 3 << true;
    QTest::newRow("deep") << u"extension_attributes.shipping_assignments[0].shipping.address.city"_s << 6 << false;
    QTest::newRow("custom attribute") << u"billing_address.custom_attributes.vat_category"_s << 3 << false;
    QTest::newRow("dash") << u"extension_attributes.x-y"_s << 2 << false;
}

void TestMagentoPath::parseValid()
{
    QFETCH(QString, text);
    QFETCH(int, steps);
    QFETCH(bool, multi);
    const Result<MagentoPath> path = MagentoPath::parse(text);
    QVERIFY2(path.has_value(), path ? "" : qPrintable(path.error().toString()));
    QCOMPARE(path->steps().size(), steps);
    QCOMPARE(path->isMultiValued(), multi);
    QCOMPARE(path->toString(), text);
}

void TestMagentoPath::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("empty") << QString() << u"it is empty"_s;
    QTest::newRow("leading dot") << u".city"_s << u"column 1"_s;
    QTest::newRow("trailing dot") << u"billing_address."_s << u"after the last \".\""_s;
    QTest::newRow("double dot") << u"billing_address..city"_s << u"column 17"_s;
    QTest::newRow("unclosed bracket") << u"street[0"_s << u"column 7"_s;
    QTest::newRow("negative index") << u"street[-1]"_s << u"column 7"_s;
    QTest::newRow("space") << u"billing address"_s << u"unexpected \" \" at column 8"_s;
    QTest::newRow("starts with index") << u"[0]"_s << u"column 1"_s;
}

void TestMagentoPath::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<MagentoPath> path = MagentoPath::parse(text);
    QVERIFY(!path.has_value());
    QCOMPARE(path.error().code, u"mapping.bad_path"_s);
    QVERIFY2(path.error().message.contains(expected), qPrintable(path.error().message));
    QVERIFY(!path.error().hint.isEmpty());
}

void TestMagentoPath::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("increment id") << u"increment_id"_s << QJsonValue(u"000000142"_s);
    QTest::newRow("number") << u"grand_total"_s << QJsonValue(221.82);
    QTest::newRow("negative discount") << u"discount_amount"_s << QJsonValue(-20);
    QTest::newRow("city") << u"billing_address.city"_s << QJsonValue(u"Düsseldorf"_s);
    QTest::newRow("street array") << u"billing_address.street"_s
                                  << QJsonValue(QJsonArray{u"Königsallee 12"_s, u"Hinterhaus, 3. OG"_s});
    QTest::newRow("street line 2") << u"billing_address.street[1]"_s << QJsonValue(u"Hinterhaus, 3. OG"_s);
    QTest::newRow("street past end") << u"billing_address.street[5]"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("shipping city") << u"extension_attributes.shipping_assignments[0].shipping.address.city"_s
                                   << QJsonValue(u"Köln"_s);
    QTest::newRow("all skus") << u"items[].sku"_s
                              << QJsonValue(QJsonArray{u"MH07-XL-Green"_s, u"MH07-XL-Green"_s, u"24-WG080"_s});
    QTest::newRow("parent ids skip missing") << u"items[].parent_item_id"_s << QJsonValue(QJsonArray{301});
    QTest::newRow("custom attribute") << u"billing_address.custom_attributes.vat_category"_s << QJsonValue(u"B2B"_s);
    QTest::newRow("custom attribute missing") << u"billing_address.custom_attributes.nope"_s
                                              << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("extension attribute") << u"extension_attributes.gift_message.recipient"_s << QJsonValue(u"Jürgen"_s);
    QTest::newRow("missing key") << u"customer_dob"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("missing parent") << u"no_such.city"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null field") << u"payment.cc_last4"_s << QJsonValue(QJsonValue::Null);
    QTest::newRow("into null") << u"payment.cc_last4.x"_s << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("deep list") << u"items[].product_option.extension_attributes.configurable_item_options[].option_id"_s
                               << QJsonValue(QJsonArray{u"93"_s, u"144"_s});
}

void TestMagentoPath::evaluate()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, expected);
    const Result<MagentoPath> path = MagentoPath::parse(text);
    QVERIFY(path.has_value());
    const Result<QJsonValue> value = path->evaluate(m_order);
    QVERIFY2(value.has_value(), value ? "" : qPrintable(value.error().toString()));
    QCOMPARE(*value, expected);
}

void TestMagentoPath::evaluateMismatch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("index into object") << u"billing_address[0]"_s << u"\"billing_address\" is an object, so it has no element [0]"_s;
    QTest::newRow("key into text") << u"increment_id.x"_s << u"\"increment_id\" is text"_s;
    QTest::newRow("key into plain list") << u"billing_address.street.first"_s << u"\"billing_address.street\" is a list"_s;
    QTest::newRow("all over number") << u"grand_total[]"_s << u"is a number"_s;
}

void TestMagentoPath::evaluateMismatch()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<MagentoPath> path = MagentoPath::parse(text);
    QVERIFY(path.has_value());
    const Result<QJsonValue> value = path->evaluate(m_order);
    QVERIFY(!value.has_value());
    QCOMPARE(value.error().code, u"mapping.path_mismatch"_s);
    QVERIFY2(value.error().message.contains(expected), qPrintable(value.error().message));
}

QTEST_APPLESS_MAIN(TestMagentoPath)
#include "tst_magentopath.moc"
