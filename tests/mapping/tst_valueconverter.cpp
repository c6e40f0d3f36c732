#include "mapping/salesforcefieldcatalogue.h"
#include "mapping/valueconverter.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderBridge::SalesforceFieldInfo)

namespace {

SalesforceFieldInfo info(const QString &type, int length = 0, int precision = 0, int scale = 0)
{
    SalesforceFieldInfo field;
    field.name = u"Test__c"_s;
    field.type = type;
    field.length = length;
    field.precision = precision;
    field.scale = scale;
    return field;
}

} // namespace

class TestValueConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convert_data();
    void convert();
    void truncation_data();
    void truncation();
    void rejects_data();
    void rejects();
    void restrictedPicklist();
    void isEmpty_data();
    void isEmpty();
};

void TestValueConverter::convert_data()
{
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<SalesforceFieldInfo>("field");
    QTest::addColumn<QJsonValue>("expected");

    // Dates and datetimes: Magento timestamps are UTC.
    QTest::newRow("timestamp -> date") << QJsonValue(u"2026-11-20 23:45:10"_s) << info(u"date"_s)
                                       << QJsonValue(u"2026-11-20"_s);
    QTest::newRow("timestamp -> datetime") << QJsonValue(u"2026-11-20 23:45:10"_s) << info(u"datetime"_s)
                                           << QJsonValue(u"2026-11-20T23:45:10.000+0000"_s);
    QTest::newRow("date -> date") << QJsonValue(u"2024-02-29"_s) << info(u"date"_s) << QJsonValue(u"2024-02-29"_s);
    QTest::newRow("date -> datetime") << QJsonValue(u"2024-02-29"_s) << info(u"datetime"_s)
                                      << QJsonValue(u"2024-02-29T00:00:00.000+0000"_s);
    QTest::newRow("iso offset -> datetime") << QJsonValue(u"2026-11-21T01:30:00+02:00"_s) << info(u"datetime"_s)
                                            << QJsonValue(u"2026-11-20T23:30:00.000+0000"_s);
    QTest::newRow("iso offset -> date (UTC day)") << QJsonValue(u"2026-11-21T01:30:00+02:00"_s) << info(u"date"_s)
                                                  << QJsonValue(u"2026-11-20"_s);
    QTest::newRow("iso Z with ms") << QJsonValue(u"2026-01-02T03:04:05.678Z"_s) << info(u"datetime"_s)
                                   << QJsonValue(u"2026-01-02T03:04:05.678+0000"_s);
    // Numbers.
    QTest::newRow("currency number") << QJsonValue(221.82) << info(u"currency"_s, 0, 18, 2) << QJsonValue(221.82);
    QTest::newRow("currency negative") << QJsonValue(-20) << info(u"currency"_s, 0, 18, 2) << QJsonValue(-20.0);
    QTest::newRow("currency string") << QJsonValue(u" 59.95 "_s) << info(u"currency"_s, 0, 18, 2) << QJsonValue(59.95);
    QTest::newRow("currency rounds to scale") << QJsonValue(10.005001) << info(u"currency"_s, 0, 18, 2) << QJsonValue(10.01);
    QTest::newRow("double no scale") << QJsonValue(0.3333) << info(u"double"_s) << QJsonValue(0.3333);
    QTest::newRow("percent") << QJsonValue(u"19"_s) << info(u"percent"_s, 0, 5, 2) << QJsonValue(19.0);
    QTest::newRow("int from 2.0") << QJsonValue(2.0) << info(u"int"_s) << QJsonValue(qint64(2));
    QTest::newRow("int from text") << QJsonValue(u"301"_s) << info(u"int"_s) << QJsonValue(qint64(301));
    // Booleans.
    QTest::newRow("bool 1") << QJsonValue(1) << info(u"boolean"_s) << QJsonValue(true);
    QTest::newRow("bool 0") << QJsonValue(0) << info(u"boolean"_s) << QJsonValue(false);
    QTest::newRow("bool true") << QJsonValue(true) << info(u"boolean"_s) << QJsonValue(true);
    QTest::newRow("bool \"yes\"") << QJsonValue(u"Yes"_s) << info(u"boolean"_s) << QJsonValue(true);
    QTest::newRow("bool \"no\"") << QJsonValue(u"no"_s) << info(u"boolean"_s) << QJsonValue(false);
    QTest::newRow("bool \"true\"") << QJsonValue(u"TRUE"_s) << info(u"boolean"_s) << QJsonValue(true);
    QTest::newRow("bool \"0\"") << QJsonValue(u"0"_s) << info(u"boolean"_s) << QJsonValue(false);
    // Text.
    QTest::newRow("text") << QJsonValue(u"Zoë"_s) << info(u"string"_s, 40) << QJsonValue(u"Zoë"_s);
    QTest::newRow("number as text") << QJsonValue(142) << info(u"string"_s, 50) << QJsonValue(u"142"_s);
    QTest::newRow("decimal as text") << QJsonValue(59.95) << info(u"string"_s, 50) << QJsonValue(u"59.95"_s);
    QTest::newRow("street -> textarea") << QJsonValue(QJsonArray{u"Königsallee 12"_s, u"Hinterhaus"_s})
                                        << info(u"textarea"_s, 255) << QJsonValue(u"Königsallee 12\nHinterhaus"_s);
    QTest::newRow("street -> string") << QJsonValue(QJsonArray{u"Königsallee 12"_s, u""_s, u"Hinterhaus"_s})
                                      << info(u"string"_s, 255) << QJsonValue(u"Königsallee 12, Hinterhaus"_s);
    QTest::newRow("multi-line -> string") << QJsonValue(u"Main Website\nMain Website Store\nDeutsch"_s)
                                          << info(u"string"_s, 255)
                                          << QJsonValue(u"Main Website, Main Website Store, Deutsch"_s);
    QTest::newRow("multi-line kept in textarea") << QJsonValue(u"a\nb"_s) << info(u"textarea"_s, 255)
                                                 << QJsonValue(u"a\nb"_s);
    QTest::newRow("list -> multipicklist") << QJsonValue(QJsonArray{u"A"_s, u"B"_s}) << info(u"multipicklist"_s, 255)
                                           << QJsonValue(u"A;B"_s);
    QTest::newRow("bool as text") << QJsonValue(false) << info(u"string"_s, 10) << QJsonValue(u"false"_s);
}

void TestValueConverter::convert()
{
    QFETCH(QJsonValue, input);
    QFETCH(SalesforceFieldInfo, field);
    QFETCH(QJsonValue, expected);
    const Result<ValueConverter::Converted> converted = ValueConverter::convert(input, field);
    QVERIFY2(converted.has_value(), converted ? "" : qPrintable(converted.error().toString()));
    QCOMPARE(converted->value, expected);
    QVERIFY(!converted->truncatedFrom.has_value());
}

void TestValueConverter::truncation_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("expected");
    QTest::newRow("city 40") << u"Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"_s << 40
                             << u"Llanfairpwllgwyngyllgogerychwyrndrobwlll"_s;
    QTest::newRow("umlauts count as one") << u"Düsseldorf-Öberkässel"_s << 10 << u"Düsseldorf"_s;
    // An emoji is two UTF-16 units but one character: never cut in half.
    QTest::newRow("surrogate pair") << u"ab😀cd"_s << 3 << u"ab😀"_s;
}

void TestValueConverter::truncation()
{
    QFETCH(QString, input);
    QFETCH(int, length);
    QFETCH(QString, expected);
    const Result<ValueConverter::Converted> converted = ValueConverter::convert(QJsonValue(input), info(u"string"_s, length));
    QVERIFY(converted.has_value());
    QCOMPARE(converted->value.toString(), expected);
    QVERIFY(converted->truncatedFrom.has_value());
    QCOMPARE(*converted->truncatedFrom, input);
}

void TestValueConverter::rejects_data()
{
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<SalesforceFieldInfo>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text into currency") << QJsonValue(u"abc"_s) << info(u"currency"_s, 0, 18, 2) << u"is not a number"_s;
    QTest::newRow("comma decimal") << QJsonValue(u"59,95"_s) << info(u"currency"_s, 0, 18, 2) << u"is not a number"_s;
    QTest::newRow("bool into currency") << QJsonValue(true) << info(u"currency"_s, 0, 18, 2) << u"is not a number"_s;
    QTest::newRow("too many digits") << QJsonValue(123456.0) << info(u"currency"_s, 0, 7, 2) << u"too many digits"_s;
    QTest::newRow("fraction into int") << QJsonValue(1.5) << info(u"int"_s) << u"not a whole number"_s;
    QTest::newRow("bad date") << QJsonValue(u"20.11.2026"_s) << info(u"date"_s) << u"is not a date"_s;
    QTest::newRow("zero date") << QJsonValue(u"0000-00-00 00:00:00"_s) << info(u"datetime"_s) << u"is not a date"_s;
    QTest::newRow("impossible day") << QJsonValue(u"2026-02-30"_s) << info(u"date"_s) << u"is not a date"_s;
    QTest::newRow("number into date") << QJsonValue(20261120) << info(u"date"_s) << u"is not a date"_s;
    QTest::newRow("bool 2") << QJsonValue(2) << info(u"boolean"_s) << u"not a yes/no value"_s;
    QTest::newRow("bool maybe") << QJsonValue(u"maybe"_s) << info(u"boolean"_s) << u"not a yes/no value"_s;
    QTest::newRow("list into number") << QJsonValue(QJsonArray{1, 2}) << info(u"double"_s) << u"list or object"_s;
    QTest::newRow("base64") << QJsonValue(u"x"_s) << info(u"base64"_s) << u"cannot write"_s;
}

void TestValueConverter::rejects()
{
    QFETCH(QJsonValue, input);
    QFETCH(SalesforceFieldInfo, field);
    QFETCH(QString, expected);
    const Result<ValueConverter::Converted> converted = ValueConverter::convert(input, field);
    QVERIFY(!converted.has_value());
    QCOMPARE(converted.error().code, u"mapping.value"_s);
    QVERIFY2(converted.error().message.contains(expected), qPrintable(converted.error().message));
}

void TestValueConverter::restrictedPicklist()
{
    const SalesforceFieldInfo status = SalesforceFieldCatalogue::order().value(u"Status"_s);
    QVERIFY(ValueConverter::convert(QJsonValue(u"Draft"_s), status).has_value());
    const auto bad = ValueConverter::convert(QJsonValue(u"Shipped"_s), status);
    QVERIFY(!bad.has_value());
    QVERIFY(bad.error().hint.contains(u"Draft, Activated"_s));
}

void TestValueConverter::isEmpty_data()
{
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<bool>("empty");
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << true;
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << true;
    QTest::newRow("blank") << QJsonValue(u"  "_s) << true;
    QTest::newRow("empty list") << QJsonValue(QJsonArray{}) << true;
    QTest::newRow("list of blanks") << QJsonValue(QJsonArray{u""_s, QJsonValue::Null}) << true;
    QTest::newRow("zero") << QJsonValue(0) << false;
    QTest::newRow("false") << QJsonValue(false) << false;
    QTest::newRow("text") << QJsonValue(u"x"_s) << false;
}

void TestValueConverter::isEmpty()
{
    QFETCH(QJsonValue, input);
    QFETCH(bool, empty);
    QCOMPARE(ValueConverter::isEmpty(input), empty);
}

QTEST_APPLESS_MAIN(TestValueConverter)
#include "tst_valueconverter.moc"
