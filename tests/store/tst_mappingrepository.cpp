#include "storeundertest.h"
#include "store/database.h"
#include "store/mappingrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

FieldMapping mapping(MappingEntity entity, const QString &source, const QString &target, bool system = false,
                     int position = 0)
{
    FieldMapping m;
    m.entity = entity;
    m.magentoAttribute = source;
    m.salesforceField = target;
    m.system = system;
    m.position = position;
    return m;
}

} // namespace

class TestMappingRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void savesAndReadsBack();
    void listsInEntityThenPositionOrder();
    void saveUpdatesRowsWithAnId();
    void saveIsAllOrNothing();
    void replaceCustomKeepsSystemRows();
    void removeCustomNeverRemovesSystemRows();
    void getUnknownIdFails();
    void unreadableRowIsReported();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

void TestMappingRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    m_db = *db;
}

void TestMappingRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestMappingRepository::savesAndReadsBack()
{
    const MappingRepository repository(m_db);
    QVERIFY(repository.list()->isEmpty());
    FieldMapping m = mapping(MappingEntity::Order, u"customer_email"_s, u"Description"_s);
    m.enabled = false;
    m.when = WhenMode::InsertOnly;
    m.defaultValue = u"none"_s;
    const auto saved = repository.save({m});
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    QCOMPARE(saved->size(), 1);
    QVERIFY(saved->first().id > 0);
    m.id = saved->first().id;
    QCOMPARE(saved->first(), m);
    QCOMPARE(*repository.get(m.id), m);
    QCOMPARE(*repository.list(), FieldMappingList{m});
    QCOMPARE(*repository.list(MappingEntity::Order), FieldMappingList{m});
    QVERIFY(repository.list(MappingEntity::OrderItem)->isEmpty());
}

void TestMappingRepository::listsInEntityThenPositionOrder()
{
    const MappingRepository repository(m_db);
    const auto saved = repository.save({
        mapping(MappingEntity::OrderStatus, u"pending"_s, u"Draft"_s, true, 0),
        mapping(MappingEntity::Order, u"b"_s, u"B__c"_s, false, 2),
        mapping(MappingEntity::OrderItem, u"sku"_s, u"SKU__c"_s, false, 0),
        mapping(MappingEntity::Order, u"a"_s, u"A__c"_s, false, 1),
        mapping(MappingEntity::Order, u"c"_s, u"C__c"_s, false, 1),
    });
    QVERIFY(saved);
    QStringList order;
    const auto listed = repository.list();
    QVERIFY(listed);
    for (const FieldMapping &m : *listed)
        order << m.magentoAttribute;
    // Entities in display order; within one, by position, then by id (insertion).
    QCOMPARE(order, (QStringList{u"a"_s, u"c"_s, u"b"_s, u"sku"_s, u"pending"_s}));
}

void TestMappingRepository::saveUpdatesRowsWithAnId()
{
    const MappingRepository repository(m_db);
    auto saved = repository.save({mapping(MappingEntity::Order, u"a"_s, u"A__c"_s)});
    QVERIFY(saved);
    FieldMapping changed = saved->first();
    changed.salesforceField = u"Other__c"_s;
    changed.position = 7;
    const auto again = repository.save({changed, mapping(MappingEntity::Order, u"b"_s, u"B__c"_s)});
    QVERIFY(again);
    QCOMPARE(again->first(), changed);
    QVERIFY(again->last().id > changed.id);
    QCOMPARE(repository.list()->size(), 2);
    QCOMPARE(*repository.get(changed.id), changed);
}

void TestMappingRepository::saveIsAllOrNothing()
{
    const MappingRepository repository(m_db);
    QVERIFY(repository.save({mapping(MappingEntity::Order, u"a"_s, u"A__c"_s)}));
    // A trigger refuses the second row of the batch: the first is rolled back with it.
    QSqlQuery query(m_db->connection());
    if (StoreUnderTest::onPostgres()) {
        QVERIFY(query.exec(u"CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                           u" IF NEW.magento_attribute = 'bad' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$"_s));
        QVERIFY(query.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON mappings FOR EACH ROW EXECUTE FUNCTION refuse()"_s));
    } else {
        QVERIFY(query.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON mappings WHEN NEW.magento_attribute = 'bad'"
                           u" BEGIN SELECT RAISE(ABORT, 'refused'); END"_s));
    }
    const auto saved = repository.save({mapping(MappingEntity::Order, u"b"_s, u"B__c"_s),
                                        mapping(MappingEntity::Order, u"bad"_s, u"X__c"_s)});
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, u"store.sql"_s);
    QVERIFY2(saved.error().message.contains(u"refused"_s), qPrintable(saved.error().message));
    QCOMPARE(repository.list()->size(), 1);
}

void TestMappingRepository::replaceCustomKeepsSystemRows()
{
    const MappingRepository repository(m_db);
    const auto saved = repository.save({mapping(MappingEntity::Order, u"increment_id"_s, u"Magento_ID__c"_s, true),
                                        mapping(MappingEntity::Order, u"old"_s, u"Old__c"_s)});
    QVERIFY(saved);
    FieldMapping system = saved->first();
    system.enabled = false;
    const auto replaced = repository.replaceCustom({system, mapping(MappingEntity::Order, u"new"_s, u"New__c"_s)});
    QVERIFY2(replaced, replaced ? "" : qPrintable(replaced.error().toString()));
    const FieldMappingList stored = *repository.list();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.first(), system);
    QCOMPARE(stored.last().magentoAttribute, u"new"_s);
    QCOMPARE(stored.last(), replaced->last());

    // A system row the list does not name stays as it is.
    QVERIFY(repository.replaceCustom({}));
    QCOMPARE(*repository.list(), FieldMappingList{system});
}

void TestMappingRepository::removeCustomNeverRemovesSystemRows()
{
    const MappingRepository repository(m_db);
    const auto saved = repository.save({mapping(MappingEntity::Order, u"increment_id"_s, u"Magento_ID__c"_s, true),
                                        mapping(MappingEntity::Order, u"a"_s, u"A__c"_s)});
    QVERIFY(saved);
    QVERIFY(repository.removeCustom(saved->first().id));
    QVERIFY(repository.removeCustom(saved->last().id));
    QCOMPARE(*repository.list(), FieldMappingList{saved->first()});
}

void TestMappingRepository::getUnknownIdFails()
{
    const auto missing = MappingRepository(m_db).get(42);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"mapping.not_found"_s);
}

void TestMappingRepository::unreadableRowIsReported()
{
    QSqlQuery query(m_db->connection());
    // The CHECK constraint forbids it; a hand-edited file without it could still hold one.
    QVERIFY(query.exec(StoreUnderTest::onPostgres() ? u"ALTER TABLE mappings DROP CONSTRAINT mappings_entity_check"_s
                                                    : u"PRAGMA ignore_check_constraints = ON"_s));
    QVERIFY(query.exec(u"INSERT INTO mappings (entity, magento_attribute, salesforce_field) VALUES ('invoice', 'a', 'b')"_s));
    const auto listed = MappingRepository(m_db).list();
    QVERIFY(!listed);
    QCOMPARE(listed.error().code, u"mapping.corrupt"_s);
    QVERIFY2(listed.error().message.contains(u"invoice"_s), qPrintable(listed.error().message));
}

QTEST_GUILESS_MAIN(TestMappingRepository)
#include "tst_mappingrepository.moc"
