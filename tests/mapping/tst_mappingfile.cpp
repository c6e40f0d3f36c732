#include "mapping/defaultmappings.h"
#include "mapping/jsonlocator.h"
#include "mapping/mappingfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestMappingFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void writtenShape();
    void readDefaultsAndAliases();
    void badFile_data();
    void badFile();
    void lineColumnCountsCharacters();
    void oversizedFileAndValuesAreRefused();
    void thousandsOfEntriesAreLocatedExactly();
};

namespace {

FieldMappingList sample()
{
    FieldMappingList list = defaultMappings();
    FieldMapping note;
    note.entity = MappingEntity::Order;
    note.magentoAttribute = u"billing_address.custom_attributes.delivery_notes"_s;
    note.salesforceField = u"Description"_s;
    note.when = WhenMode::UpdateOnly;
    note.enabled = false;
    note.defaultValue = u"Keine Angabe \"—\" \\ ✓"_s;
    note.position = 21;
    list << note;
    FieldMapping paypal;
    paypal.entity = MappingEntity::OrderStatus;
    paypal.magentoAttribute = u"pending_paypal"_s;
    paypal.salesforceField = u"Draft"_s;
    paypal.position = 9;
    list << paypal;
    // A changed system row: processing -> Activated.
    for (FieldMapping &m : list) {
        if (m.entity == MappingEntity::OrderStatus && m.magentoAttribute == u"processing")
            m.salesforceField = u"Activated"_s;
    }
    return list;
}

QByteArray header()
{
    return "{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n  \"mappings\": {\n";
}

} // namespace

void TestMappingFile::roundTrip()
{
    const FieldMappingList original = sample();
    const QByteArray bytes = MappingFile::write(original);
    const Result<QList<MappingFile::Entry>> read = MappingFile::read(bytes);
    QVERIFY2(read.has_value(), read ? "" : qPrintable(read.error().toString()));
    QCOMPARE(read->size(), original.size());
    for (qsizetype i = 0; i < original.size(); ++i) {
        const FieldMapping &a = original.at(i);
        const auto match = std::find_if(read->cbegin(), read->cend(), [&](const MappingFile::Entry &e) {
            return e.mapping.entity == a.entity && e.mapping.magentoAttribute == a.magentoAttribute
                && e.mapping.salesforceField == a.salesforceField;
        });
        QVERIFY2(match != read->cend(), qPrintable(a.describe()));
        QVERIFY2(match->mapping.sameContent(a), qPrintable(a.describe()));
        QCOMPARE(match->mapping.position, a.position);
        QVERIFY(match->line > 4);
        QCOMPARE(match->column, 7);
    }
    // Writing what was read gives the same bytes: exports diff cleanly.
    FieldMappingList again;
    for (const MappingFile::Entry &e : *read)
        again << e.mapping;
    QCOMPARE(MappingFile::write(again), bytes);
}

void TestMappingFile::writtenShape()
{
    const QByteArray bytes = MappingFile::write(defaultMappings());
    const QJsonObject root = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(root.value(u"format"_s).toString(), u"orderbridge-mappings"_s);
    QCOMPARE(root.value(u"version"_s).toInt(), 1);
    const QJsonObject mappings = root.value(u"mappings"_s).toObject();
    QCOMPARE(mappings.keys(), (QStringList{u"order"_s, u"order_item"_s, u"order_status"_s}));
    QCOMPARE(mappings.value(u"order"_s).toArray().size(), 21);
    QCOMPARE(mappings.value(u"order_item"_s).toArray().size(), 6);
    QCOMPARE(mappings.value(u"order_status"_s).toArray().size(), 9);
    const QJsonObject first = mappings.value(u"order"_s).toArray().first().toObject();
    QCOMPARE(first, (QJsonObject{{u"magento_attribute"_s, u"increment_id"_s}, {u"salesforce_field"_s, u"Magento_ID__c"_s},
                                 {u"enabled"_s, true}, {u"when"_s, u"upsert"_s}, {u"default_value"_s, u""_s},
                                 {u"system"_s, true}}));
    // Format first, one mapping per line.
    QVERIFY(bytes.startsWith("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,"));
    QCOMPARE(bytes.count("\"magento_attribute\""), 36);
    QCOMPARE(bytes.count('\n'), 36 + 12);
}

void TestMappingFile::readDefaultsAndAliases()
{
    const QByteArray bytes = header()
        + "    \"order-item\": [\n"
          "      {\"magento_attribute\": \"sku\", \"salesforce_field\": \"Description\", \"when\": \"Insert Only\"},\n"
          "      {\"magento_attribute\": \" weight \", \"salesforce_field\": \"Quantity\", \"when\": \"update\"}\n"
          "    ]\n  }\n}\n";
    const Result<QList<MappingFile::Entry>> read = MappingFile::read(bytes);
    QVERIFY2(read.has_value(), read ? "" : qPrintable(read.error().toString()));
    QCOMPARE(read->size(), 2);
    const FieldMapping &first = read->at(0).mapping;
    QCOMPARE(first.entity, MappingEntity::OrderItem);
    QCOMPARE(first.when, WhenMode::InsertOnly);
    QVERIFY(first.enabled);
    QVERIFY(!first.system);
    QVERIFY(first.defaultValue.isEmpty());
    QCOMPARE(read->at(0).line, 6);
    QCOMPARE(read->at(1).line, 7);
    QCOMPARE(read->at(1).mapping.magentoAttribute, u"weight"_s);
    QCOMPARE(read->at(1).mapping.when, WhenMode::UpdateOnly);
    QCOMPARE(read->at(1).mapping.position, 1);
}

void TestMappingFile::badFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected"); // "line L, column C: ..." part of the message

    const QByteArray entryOk = "      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"PoNumber\"}";
    QTest::newRow("syntax: missing comma") << header() + "    \"order\": [\n" + entryOk + "\n"
                                              "      {\"magento_attribute\": \"x\" \"salesforce_field\": \"Name\"}\n    ]\n  }\n}\n"
                                           << u"line 7, column 8: missing value separator"_s;
    QTest::newRow("syntax: truncated") << QByteArray("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": ")
                                       << u"line 3, column 14"_s;
    QTest::newRow("not an object") << QByteArray("[1, 2]") << u"line 1, column 1: the file must hold one JSON object"_s;
    QTest::newRow("wrong format") << QByteArray("{\n  \"format\": \"salesforce-dataloader\",\n  \"version\": 1,\n  \"mappings\": {}\n}")
                                  << u"line 2, column 3: \"format\" must be \"orderbridge-mappings\""_s;
    QTest::newRow("newer version") << QByteArray("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 2,\n  \"mappings\": {}\n}")
                                   << u"line 3, column 3: the file has version 2, written by a newer OrderBridge"_s;
    QTest::newRow("version text") << QByteArray("{\"format\": \"orderbridge-mappings\", \"version\": \"1\", \"mappings\": {}}")
                                  << u"line 1, column 36: \"version\" must be a whole number"_s;
    QTest::newRow("unknown top key") << QByteArray("{\"format\": \"orderbridge-mappings\", \"version\": 1,\n \"mapping\": {}}")
                                     << u"line 2, column 2: unknown key \"mapping\""_s;
    QTest::newRow("unknown entity") << header() + "    \"order\": [],\n    \"opportunity\": [\n" + entryOk + "\n    ]\n  }\n}\n"
                                    << u"line 6, column 5: unknown entity \"opportunity\""_s;
    QTest::newRow("entity not a list") << header() + "    \"order\": {}\n  }\n}\n" << u"line 5, column 5: \"order\" must be a list"_s;
    QTest::newRow("bad when") << header() + "    \"order\": [\n" + entryOk + ",\n"
                                 "      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"Name\",\n"
                                 "       \"when\": \"sometimes\"}\n    ]\n  }\n}\n"
                              << u"line 8, column 8: bad When value \"sometimes\"; use upsert, insert-only or update-only"_s;
    QTest::newRow("missing salesforce field") << header() + "    \"order\": [\n      {\"magento_attribute\": \"customer_email\"}\n    ]\n  }\n}\n"
                                              << u"line 6, column 7: \"salesforce_field\" must be a non-empty text"_s;
    QTest::newRow("enabled not bool") << header() + "    \"order\": [\n      {\"magento_attribute\": \"a\", \"salesforce_field\": \"Name\", \"enabled\": \"yes\"}\n    ]\n  }\n}\n"
                                      << u"line 6, column 62: \"enabled\" must be true or false"_s;
    QTest::newRow("unknown entry key") << header() + "    \"order\": [\n      {\"magento_attribute\": \"a\", \"salesforce\": \"Name\"}\n    ]\n  }\n}\n"
                                       << u"line 6, column 34: unknown key \"salesforce\""_s;
    QTest::newRow("bad path") << header() + "    \"order_item\": [\n      {\"magento_attribute\": \"items[.sku\", \"salesforce_field\": \"Description\"}\n    ]\n  }\n}\n"
                              << u"line 6, column 8: Magento attribute \"items[.sku\" is not a valid path"_s;
    QTest::newRow("entry not an object") << header() + "    \"order_status\": [\n      \"pending\"\n    ]\n  }\n}\n"
                                         << u"line 6, column 7: each mapping must be an object"_s;
    QTest::newRow("non-ascii before error") << header() + "    \"order\": [\n      {\"magento_attribute\": \"ä\", \"salesforce_field\": \"Name\", \"when\": 3}\n    ]\n  }\n}\n"
                                            << u"line 6, column 62: bad When value (not a text)"_s;
}

void TestMappingFile::badFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const Result<QList<MappingFile::Entry>> read = MappingFile::read(bytes);
    QVERIFY(!read.has_value());
    QCOMPARE(read.error().code, u"mapping.file"_s);
    QVERIFY2(read.error().message.contains(expected), qPrintable(read.error().message));
    QVERIFY(read.error().message.contains(u"nothing was imported"_s));
}

void TestMappingFile::lineColumnCountsCharacters()
{
    const QByteArray json = "{\n  \"ä\": \"ö\", \"x\": 1\n}";
    const JsonLocator locator(json);
    QCOMPARE(locator.locate(u"/x"_s), (std::pair<int, int>(2, 13)));
    QCOMPARE(locator.locate(u"/ä"_s), (std::pair<int, int>(2, 3)));
    QCOMPARE(locator.locate(u"/missing/deeper"_s), (std::pair<int, int>(1, 1)));
}

void TestMappingFile::oversizedFileAndValuesAreRefused()
{
    // Over the size cap: refused whole before it is parsed.
    QByteArray huge = header() + "    \"order\": [\n      {\"magento_attribute\": \"a\", \"salesforce_field\": \"Name\", "
                                   "\"default_value\": \"";
    huge += QByteArray(MappingFile::kMaxBytes, 'x');
    huge += "\"}\n    ]\n  }\n}\n";
    Result<QList<MappingFile::Entry>> read = MappingFile::read(huge);
    QVERIFY(!read.has_value());
    QCOMPARE(read.error().code, u"mapping.file_too_large"_s);
    QVERIFY2(read.error().message.contains(u"at most 8 MB"_s), qPrintable(read.error().message));

    // Under the cap but a default value longer than any Salesforce text field: refused, naming where.
    QByteArray longValue = header() + "    \"order\": [\n      {\"magento_attribute\": \"a\", \"salesforce_field\": \"Name\", "
                                        "\"default_value\": \"";
    longValue += QByteArray(MappingFile::kMaxValueLength + 1, 'x');
    longValue += "\"}\n    ]\n  }\n}\n";
    read = MappingFile::read(longValue);
    QVERIFY(!read.has_value());
    QVERIFY2(read.error().message.contains(u"line 6, column 62: \"default_value\" has 131073 characters; at most 131072"_s),
             qPrintable(read.error().message.left(300)));

    QByteArray longName = header() + "    \"order\": [\n      {\"magento_attribute\": \"" + QByteArray(300, 'a')
                          + "\", \"salesforce_field\": \"Name\"}\n    ]\n  }\n}\n";
    read = MappingFile::read(longName);
    QVERIFY(!read.has_value());
    QVERIFY2(read.error().message.contains(u"\"magento_attribute\" has 300 characters; at most 255"_s),
             qPrintable(read.error().message.left(300)));
}

void TestMappingFile::thousandsOfEntriesAreLocatedExactly()
{
    // 16,000 entries, one per line: every entry's line is found (from one index of line starts, not a rescan).
    QByteArray file = header() + "    \"order\": [\n";
    const int count = 16000;
    for (int i = 0; i < count; ++i) {
        file += "      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"Field" + QByteArray::number(i)
                + "__c\"}";
        file += i + 1 < count ? ",\n" : "\n";
    }
    file += "    ]\n  }\n}\n";
    const Result<QList<MappingFile::Entry>> read = MappingFile::read(file);
    QVERIFY2(read.has_value(), qPrintable(read ? QString() : read.error().message));
    QCOMPARE(read->size(), count);
    QCOMPARE(read->first().line, 6);
    QCOMPARE(read->last().line, 6 + count - 1);
    QCOMPARE(read->last().column, 7);
}

QTEST_APPLESS_MAIN(TestMappingFile)
#include "tst_mappingfile.moc"
