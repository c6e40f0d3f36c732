#include "mapping/mappingentity.h"
#include "mapping/whenmode.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderBridge::MappingEntity)
Q_DECLARE_METATYPE(OrderBridge::WhenMode)

// The string forms of MappingEntity and WhenMode (database, command line, file, labels).
class TestMappingNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entity_data();
    void entity();
    void entityParse_data();
    void entityParse();
    void when_data();
    void when();
    void whenParse_data();
    void whenParse();
    void whenApplies();
};

void TestMappingNames::entity_data()
{
    QTest::addColumn<MappingEntity>("entity");
    QTest::addColumn<QString>("db");
    QTest::addColumn<QString>("cli");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("object");
    QTest::newRow("order") << MappingEntity::Order << u"order"_s << u"order"_s << u"Order"_s << u"Order"_s;
    QTest::newRow("item") << MappingEntity::OrderItem << u"order_item"_s << u"order-item"_s << u"Order Product"_s << u"OrderItem"_s;
    QTest::newRow("status") << MappingEntity::OrderStatus << u"order_status"_s << u"order-status"_s << u"Order Status"_s
                            << u"Order"_s;
}

void TestMappingNames::entity()
{
    QFETCH(MappingEntity, entity);
    QFETCH(QString, db);
    QFETCH(QString, cli);
    QFETCH(QString, label);
    QFETCH(QString, object);
    QCOMPARE(mappingEntityDbName(entity), db);
    QCOMPARE(mappingEntityCliName(entity), cli);
    QCOMPARE(mappingEntityLabel(entity), label);
    QCOMPARE(mappingEntitySalesforceObject(entity), object);
    QCOMPARE(mappingEntityFromDbName(db), entity);
    QCOMPARE(mappingEntityFromCliName(cli), entity);
    QCOMPARE(mappingEntityFromCliName(db), entity);
    if (db != cli)
        QCOMPARE(mappingEntityFromDbName(cli), std::nullopt);
}

void TestMappingNames::entityParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("cli") << u"order-item"_s << true;
    QTest::newRow("upper") << u" Order-Status "_s << true;
    QTest::newRow("unknown") << u"opportunity"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestMappingNames::entityParse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const Result<MappingEntity> parsed = parseMappingEntity(text);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QCOMPARE(parsed.error().code, u"mapping.bad_entity"_s);
        QCOMPARE(parsed.error().hint, u"Use one of: order, order-item, order-status."_s);
    }
}

void TestMappingNames::when_data()
{
    QTest::addColumn<WhenMode>("mode");
    QTest::addColumn<QString>("db");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("label");
    QTest::newRow("upsert") << WhenMode::Upsert << u"upsert"_s << u"upsert"_s << u"Upsert"_s;
    QTest::newRow("insert") << WhenMode::InsertOnly << u"insert"_s << u"insert-only"_s << u"Insert Only"_s;
    QTest::newRow("update") << WhenMode::UpdateOnly << u"update"_s << u"update-only"_s << u"Update Only"_s;
}

void TestMappingNames::when()
{
    QFETCH(WhenMode, mode);
    QFETCH(QString, db);
    QFETCH(QString, user);
    QFETCH(QString, label);
    QCOMPARE(whenModeDbName(mode), db);
    QCOMPARE(whenModeUserName(mode), user);
    QCOMPARE(whenModeLabel(mode), label);
    QCOMPARE(whenModeFromDbName(db), mode);
    QCOMPARE(whenModeFromUserName(user), mode);
    QCOMPARE(whenModeFromUserName(db), mode);
    QCOMPARE(whenModeFromUserName(label), mode);
    if (db != user)
        QCOMPARE(whenModeFromDbName(user), std::nullopt);
}

void TestMappingNames::whenParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::newRow("label lower") << u"insert only"_s << true;
    QTest::newRow("upper") << u"UPDATE-ONLY"_s << true;
    QTest::newRow("never") << u"never"_s << false;
    QTest::newRow("insert_only") << u"insert_only"_s << false;
}

void TestMappingNames::whenParse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    const Result<WhenMode> parsed = parseWhenMode(text);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QCOMPARE(parsed.error().code, u"mapping.bad_when"_s);
        QCOMPARE(parsed.error().hint, u"Use one of: upsert, insert-only, update-only."_s);
    }
}

void TestMappingNames::whenApplies()
{
    QVERIFY(whenModeApplies(WhenMode::Upsert, WriteOperation::Insert));
    QVERIFY(whenModeApplies(WhenMode::Upsert, WriteOperation::Update));
    QVERIFY(whenModeApplies(WhenMode::InsertOnly, WriteOperation::Insert));
    QVERIFY(!whenModeApplies(WhenMode::InsertOnly, WriteOperation::Update));
    QVERIFY(!whenModeApplies(WhenMode::UpdateOnly, WriteOperation::Insert));
    QVERIFY(whenModeApplies(WhenMode::UpdateOnly, WriteOperation::Update));
    QVERIFY(whenModesOverlap(WhenMode::Upsert, WhenMode::InsertOnly));
    QVERIFY(whenModesOverlap(WhenMode::UpdateOnly, WhenMode::Upsert));
    QVERIFY(whenModesOverlap(WhenMode::InsertOnly, WhenMode::InsertOnly));
    QVERIFY(!whenModesOverlap(WhenMode::InsertOnly, WhenMode::UpdateOnly));
}

QTEST_APPLESS_MAIN(TestMappingNames)
#include "tst_mappingnames.moc"
