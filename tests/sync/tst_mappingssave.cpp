// MappingsSave without a thread, on a store in a temporary folder: the editor's list of one entity
// stored whole, system rows keeping their identity, and every refusal naming its row with nothing
// stored.

#include "asyncresult.h"
#include "mapping/defaultmappings.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"
#include "sync/mappingssave.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestMappingsSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void customRowIsAddedChangedAndRemoved();
    void refusedListStoresNothing_data();
    void refusedListStoresNothing();
    void otherEntitiesAreLeftAlone();

private:
    [[nodiscard]] FieldMappingList stored(MappingEntity entity) const;
    [[nodiscard]] static FieldMapping custom(const QString &source, const QString &target);

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestMappingsSave::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestMappingsSave::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(db.has_value());
    m_db = *db;
    QVERIFY(MappingEditor(m_db).ensureDefaults().has_value());
}

FieldMappingList TestMappingsSave::stored(MappingEntity entity) const
{
    auto list = MappingEditor(m_db).list(entity);
    return list ? *list : FieldMappingList{};
}

FieldMapping TestMappingsSave::custom(const QString &source, const QString &target)
{
    FieldMapping m;
    m.entity = MappingEntity::Order;
    m.magentoAttribute = source;
    m.salesforceField = target;
    m.when = WhenMode::InsertOnly;
    return m;
}

void TestMappingsSave::customRowIsAddedChangedAndRemoved()
{
    const MappingsSave save(m_db);
    const FieldMappingList before = stored(MappingEntity::Order);
    FieldMappingList edited = before;
    edited << custom(u"  customer_email "_s, u"Description"_s); // the editor's spaces are not stored
    for (FieldMapping &m : edited) {
        if (m.salesforceField == u"ShippingState"_s)
            m.enabled = false;
    }
    auto saved = save.save(MappingEntity::Order, edited, SalesforceFieldCatalogue::schema());
    QVERIFY2(saved.has_value(), qPrintable(errorText(saved)));
    FieldMappingList after = stored(MappingEntity::Order);
    QCOMPARE(after.size(), before.size() + 1);
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id); // system rows keep their identity
        QCOMPARE(after.at(i).enabled, before.at(i).enabled && before.at(i).salesforceField != u"ShippingState"_s);
    }
    QCOMPARE(after.last().magentoAttribute, u"customer_email"_s);
    QVERIFY(!after.last().system);

    after.last().defaultValue = u"no e-mail"_s;
    QVERIFY(save.save(MappingEntity::Order, after, SalesforceFieldCatalogue::schema()).has_value());
    QCOMPARE(stored(MappingEntity::Order).last().defaultValue, u"no e-mail"_s);
    after.removeLast();
    QVERIFY(save.save(MappingEntity::Order, after, SalesforceFieldCatalogue::schema()).has_value());
    QCOMPARE(stored(MappingEntity::Order).size(), before.size());
}

void TestMappingsSave::refusedListStoresNothing_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("row"); // the refused row after the stored ones; negative: not checked

    QTest::newRow("unknown field") << u"unknown field"_s << u"mapping.unknown_field"_s << 0;
    QTest::newRow("duplicate") << u"duplicate"_s << u"mapping.duplicate"_s << 1;
    QTest::newRow("system row removed") << u"remove system"_s << u"mapping.system"_s << -1;
    QTest::newRow("essential disabled") << u"disable essential"_s << u"mapping.system"_s << -2;
    QTest::newRow("other entity") << u"other entity"_s << u"mapping.entity"_s << 0;
}

void TestMappingsSave::refusedListStoresNothing()
{
    QFETCH(QString, change);
    QFETCH(QString, code);
    QFETCH(int, row);

    const FieldMappingList before = stored(MappingEntity::Order);
    FieldMappingList edited = before;
    qsizetype first = edited.size();
    if (change == u"unknown field"_s) {
        edited << custom(u"customer_email"_s, u"No_Such_Field__c"_s);
    } else if (change == u"duplicate"_s) {
        edited << custom(u"customer_email"_s, u"Description"_s) << custom(u"customer_email"_s, u"Description"_s);
    } else if (change == u"remove system"_s) {
        edited.removeIf([](const FieldMapping &m) { return m.salesforceField == u"BillingCity"_s; });
    } else if (change == u"disable essential"_s) {
        for (FieldMapping &m : edited) {
            if (m.salesforceField == u"Magento_ID__c"_s)
                m.enabled = false;
        }
    } else {
        FieldMapping item = custom(u"sku"_s, u"Description"_s);
        item.entity = MappingEntity::OrderItem;
        edited << item;
    }
    const auto saved = MappingsSave(m_db).save(MappingEntity::Order, edited, SalesforceFieldCatalogue::schema());
    QVERIFY(!saved.has_value());
    QCOMPARE(saved.error().code, code);
    QCOMPARE(saved.error().kind, ErrorKind::Invalid);
    if (row >= 0) {
        QCOMPARE(saved.error().fields, QStringList{QString::number(first + row)});
        QVERIFY2(saved.error().message.startsWith(u"Row %1 "_s.arg(first + row + 1)), qPrintable(saved.error().message));
    }
    QCOMPARE(stored(MappingEntity::Order), before);
}

void TestMappingsSave::otherEntitiesAreLeftAlone()
{
    const FieldMappingList items = stored(MappingEntity::OrderItem);
    const FieldMappingList statuses = stored(MappingEntity::OrderStatus);
    FieldMappingList edited = stored(MappingEntity::Order);
    edited << custom(u"customer_email"_s, u"Description"_s);
    QVERIFY(MappingsSave(m_db).save(MappingEntity::Order, edited, SalesforceFieldCatalogue::schema()).has_value());
    QCOMPARE(stored(MappingEntity::OrderItem).size(), items.size());
    QCOMPARE(stored(MappingEntity::OrderStatus).size(), statuses.size());
}

QTEST_GUILESS_MAIN(TestMappingsSave)
#include "tst_mappingssave.moc"
