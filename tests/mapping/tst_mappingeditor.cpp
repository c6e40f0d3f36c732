#include "mapping/defaultmappings.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

FieldMapping custom(MappingEntity entity, const QString &source, const QString &target, WhenMode when = WhenMode::Upsert)
{
    FieldMapping m;
    m.entity = entity;
    m.magentoAttribute = source;
    m.salesforceField = target;
    m.when = when;
    return m;
}

std::optional<FieldMapping> findRow(const FieldMappingList &list, MappingEntity entity, const QString &source)
{
    for (const FieldMapping &m : list) {
        if (m.entity == entity && m.magentoAttribute == source)
            return m;
    }
    return std::nullopt;
}

} // namespace

class TestMappingEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void ensureDefaultsIsIdempotent();
    void ensureDefaultsPromotesMatchingCustomRow();
    void addListRemove();
    void addRefusesDuplicatesAndInvalid_data();
    void addRefusesDuplicatesAndInvalid();
    void updateFollowsSystemRules();
    void removeRefusesSystem();
    void exportImportRoundTrip();
    void importRefusedChangesNothing_data();
    void importRefusedChangesNothing();
    void importFileErrors();

private:
    [[nodiscard]] QByteArray snapshot() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<MappingEditor> m_editor;
    SalesforceSchema m_schema = SalesforceFieldCatalogue::schema();
};

void TestMappingEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::shared_ptr<Database>> database = Database::open(m_dir->filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(database.has_value(), database ? "" : qPrintable(database.error().toString()));
    m_database = *database;
    m_editor = std::make_unique<MappingEditor>(m_database);
}

void TestMappingEditor::cleanup()
{
    m_editor.reset();
    m_database.reset();
    m_dir.reset();
}

QByteArray TestMappingEditor::snapshot() const
{
    // Every column of every row, ids included: "nothing changed" means byte-identical.
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"SELECT id, entity, magento_attribute, salesforce_field, enabled, when_mode, default_value, is_system, "
                    u"position FROM mappings ORDER BY id"_s))
        return "query failed";
    QByteArray out;
    while (query.next()) {
        for (int c = 0; c < 9; ++c)
            out += query.value(c).toString().toUtf8() + '|';
        out += '\n';
    }
    return out;
}

void TestMappingEditor::ensureDefaultsIsIdempotent()
{
    Result<int> first = m_editor->ensureDefaults();
    QVERIFY2(first.has_value(), first ? "" : qPrintable(first.error().toString()));
    QCOMPARE(*first, 36);
    const QByteArray before = snapshot();
    Result<int> second = m_editor->ensureDefaults();
    QVERIFY(second.has_value());
    QCOMPARE(*second, 0);
    QCOMPARE(snapshot(), before);

    Result<FieldMappingList> stored = m_editor->list();
    QVERIFY(stored.has_value());
    const FieldMappingList defaults = defaultMappings();
    QCOMPARE(stored->size(), defaults.size());
    for (qsizetype i = 0; i < defaults.size(); ++i) {
        QVERIFY2(stored->at(i).sameContent(defaults.at(i)), qPrintable(defaults.at(i).describe()));
        QVERIFY(stored->at(i).id > 0);
    }
    Result<FieldMappingList> items = m_editor->list(MappingEntity::OrderItem);
    QVERIFY(items.has_value());
    QCOMPARE(items->size(), 6);
    QCOMPARE(items->first().salesforceField, u"Magento_Item_ID__c"_s);
}

void TestMappingEditor::ensureDefaultsPromotesMatchingCustomRow()
{
    // A database that had a custom "processing" status row before the system rows were stored.
    FieldMapping processing = custom(MappingEntity::OrderStatus, u"processing"_s, u"Activated"_s);
    QVERIFY(m_editor->add(processing, m_schema).has_value());
    Result<int> added = m_editor->ensureDefaults();
    QVERIFY(added.has_value());
    QCOMPARE(*added, 36);
    Result<FieldMappingList> statuses = m_editor->list(MappingEntity::OrderStatus);
    QVERIFY(statuses.has_value());
    QCOMPARE(statuses->size(), 9);
    const std::optional<FieldMapping> row = findRow(*statuses, MappingEntity::OrderStatus, u"processing"_s);
    QVERIFY(row);
    QVERIFY(row->system);
    QCOMPARE(row->salesforceField, u"Activated"_s); // the user's choice survives
}

void TestMappingEditor::addListRemove()
{
    QVERIFY(m_editor->ensureDefaults().has_value());
    FieldMapping note = custom(MappingEntity::Order, u"billing_address.custom_attributes.delivery_notes"_s, u"Description"_s);
    note.defaultValue = u"—"_s;
    note.system = true; // ignored: added mappings are custom
    Result<FieldMapping> added = m_editor->add(note, m_schema);
    QVERIFY2(added.has_value(), added ? "" : qPrintable(added.error().toString()));
    QVERIFY(added->id > 0);
    QVERIFY(!added->system);
    QCOMPARE(added->position, 21);

    Result<FieldMappingList> orders = m_editor->list(MappingEntity::Order);
    QVERIFY(orders.has_value());
    QCOMPARE(orders->size(), 22);
    QCOMPARE(orders->last(), *added);
    Result<FieldMapping> fetched = m_editor->get(added->id);
    QVERIFY(fetched.has_value());
    QCOMPARE(*fetched, *added);

    QVERIFY(m_editor->remove(added->id).has_value());
    QCOMPARE(m_editor->list(MappingEntity::Order)->size(), 21);
    const Result<void> again = m_editor->remove(added->id);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, u"mapping.not_found"_s);
}

void TestMappingEditor::addRefusesDuplicatesAndInvalid_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("when");
    QTest::addColumn<QString>("code");
    QTest::newRow("same as system") << u"billing_address.city"_s << u"BillingCity"_s << int(WhenMode::Upsert) << u"mapping.duplicate"_s;
    QTest::newRow("same target") << u"customer_email"_s << u"BillingCity"_s << int(WhenMode::Upsert) << u"mapping.duplicate_target"_s;
    QTest::newRow("unknown field") << u"customer_email"_s << u"Email__c"_s << int(WhenMode::Upsert) << u"mapping.unknown_field"_s;
    QTest::newRow("bad path") << u"billing_address.[0]"_s << u"PoNumber"_s << int(WhenMode::Upsert) << u"mapping.bad_path"_s;
    QTest::newRow("bad when") << u"grand_total"_s << u"TotalAmount"_s << int(WhenMode::UpdateOnly) << u"mapping.not_updateable"_s;
}

void TestMappingEditor::addRefusesDuplicatesAndInvalid()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(int, when);
    QFETCH(QString, code);
    QVERIFY(m_editor->ensureDefaults().has_value());
    const QByteArray before = snapshot();
    const Result<FieldMapping> added = m_editor->add(custom(MappingEntity::Order, source, target, WhenMode(when)), m_schema);
    QVERIFY(!added.has_value());
    QCOMPARE(added.error().code, code);
    QCOMPARE(snapshot(), before);
}

void TestMappingEditor::updateFollowsSystemRules()
{
    QVERIFY(m_editor->ensureDefaults().has_value());
    const FieldMappingList all = *m_editor->list();
    FieldMapping city = *findRow(all, MappingEntity::Order, u"billing_address.city"_s);

    FieldMapping disabled = city;
    disabled.enabled = false;
    disabled.defaultValue = u"Unbekannt"_s;
    Result<FieldMapping> updated = m_editor->update(disabled, m_schema);
    QVERIFY2(updated.has_value(), updated ? "" : qPrintable(updated.error().toString()));
    QCOMPARE(*m_editor->get(city.id), disabled);

    const QByteArray before = snapshot();
    FieldMapping retarget = city;
    retarget.salesforceField = u"ShippingCity"_s;
    Result<FieldMapping> refused = m_editor->update(retarget, m_schema);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, u"mapping.system"_s);
    QCOMPARE(snapshot(), before);

    // Order Status rows: the Salesforce value is the user's to choose.
    FieldMapping processing = *findRow(all, MappingEntity::OrderStatus, u"processing"_s);
    processing.salesforceField = u"Activated"_s;
    QVERIFY(m_editor->update(processing, m_schema).has_value());
    processing.salesforceField = u"Shipped"_s; // not a known Status value
    const Result<FieldMapping> unknown = m_editor->update(processing, m_schema);
    QVERIFY(!unknown.has_value());
    QCOMPARE(unknown.error().code, u"mapping.unknown_status"_s);

    // A custom mapping can be changed freely, but not into a duplicate.
    Result<FieldMapping> po = m_editor->add(custom(MappingEntity::Order, u"customer_email"_s, u"PoNumber"_s), m_schema);
    QVERIFY(po.has_value());
    FieldMapping moved = *po;
    moved.salesforceField = u"Name"_s;
    QVERIFY(m_editor->update(moved, m_schema).has_value());
    moved.salesforceField = u"ShippingCity"_s;
    const Result<FieldMapping> clash = m_editor->update(moved, m_schema);
    QVERIFY(!clash.has_value());
    QCOMPARE(clash.error().code, u"mapping.duplicate_target"_s);
}

void TestMappingEditor::removeRefusesSystem()
{
    QVERIFY(m_editor->ensureDefaults().has_value());
    const QByteArray before = snapshot();
    const FieldMappingList all = *m_editor->list();
    for (const FieldMapping &m : all) {
        const Result<void> removed = m_editor->remove(m.id);
        QVERIFY2(!removed.has_value(), qPrintable(m.describe()));
        QCOMPARE(removed.error().code, u"mapping.system"_s);
    }
    QCOMPARE(snapshot(), before);
}

void TestMappingEditor::exportImportRoundTrip()
{
    QVERIFY(m_editor->ensureDefaults().has_value());
    QVERIFY(m_editor->add(custom(MappingEntity::Order, u"customer_email"_s, u"PoNumber"_s, WhenMode::InsertOnly), m_schema));
    QVERIFY(m_editor->add(custom(MappingEntity::OrderStatus, u"pending_paypal"_s, u"Draft"_s), m_schema));
    const FieldMappingList stored = *m_editor->list();
    FieldMapping tax = *findRow(stored, MappingEntity::Order, u"tax_amount"_s);
    tax.enabled = false;
    QVERIFY(m_editor->update(tax, m_schema));

    const QString path = m_dir->filePath(u"mappings.json"_s);
    const Result<void> exported = m_editor->exportToFile(path);
    QVERIFY2(exported.has_value(), exported ? "" : qPrintable(exported.error().toString()));
    const FieldMappingList before = *m_editor->list();

    // Into a fresh database: same content.
    QTemporaryDir otherDir;
    std::shared_ptr<Database> other = *Database::open(otherDir.filePath(u"other.sqlite"_s));
    MappingEditor otherEditor(other);
    QVERIFY(otherEditor.add(custom(MappingEntity::Order, u"coupon_code"_s, u"Name"_s), m_schema)); // replaced by the import
    const Result<MappingEditor::ImportSummary> summary = otherEditor.importFromFile(path, m_schema);
    QVERIFY2(summary.has_value(), summary ? "" : qPrintable(summary.error().toString()));
    QCOMPARE(summary->customImported, 2);
    QCOMPARE(summary->customRemoved, 1);
    const FieldMappingList after = *otherEditor.list();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QVERIFY2(after.at(i).sameContent(before.at(i)), qPrintable(before.at(i).describe()));
        QCOMPARE(after.at(i).position, before.at(i).position);
    }
    QCOMPARE(*otherEditor.exportJson(), *m_editor->exportJson());

    // Importing the same file again changes nothing.
    const QByteArray stable = snapshot();
    const Result<MappingEditor::ImportSummary> again = m_editor->importFromFile(path, m_schema);
    QVERIFY(again.has_value());
    QCOMPARE(again->systemChanged, 0);
    QCOMPARE(*m_editor->exportJson(), *otherEditor.exportJson());
    Q_UNUSED(stable);
}

void TestMappingEditor::importRefusedChangesNothing_data()
{
    QTest::addColumn<QByteArray>("entries"); // the "order" list of a file
    QTest::addColumn<QString>("expected");
    const QByteArray ok = "      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"PoNumber\"}";
    QTest::newRow("unknown field") << ok + ",\n      {\"magento_attribute\": \"coupon_code\", \"salesforce_field\": \"Coupon__c\"}"
                                   << u"line 7, column 7: Order has no field \"Coupon__c\""_s;
    QTest::newRow("duplicate target") << ok + ",\n      {\"magento_attribute\": \"coupon_code\", \"salesforce_field\": \"PoNumber\"}"
                                      << u"line 7, column 7: Order.PoNumber is already written by \"customer_email\""_s;
    QTest::newRow("target of a system mapping") << ok + ",\n\n      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"BillingCity\"}"
                                                << u"line 8, column 7: Order.BillingCity is already written"_s;
    QTest::newRow("duplicate entry") << ok + ",\n" + ok << u"line 7, column 7:"_s;
    QTest::newRow("retargeted system row") << ok + ",\n      {\"magento_attribute\": \"increment_id\", \"salesforce_field\": \"Name\", \"system\": true}"
                                           << u"line 7, column 7: Order: increment_id -> Name is marked \"system\": true"_s;
    QTest::newRow("system when changed") << ok + ",\n      {\"magento_attribute\": \"increment_id\", \"salesforce_field\": \"Magento_ID__c\", \"system\": true, \"when\": \"insert-only\"}"
                                         << u"line 7, column 7: Order: increment_id -> Magento_ID__c is a system mapping: its When cannot change"_s;
    QTest::newRow("essential disabled") << ok + ",\n      {\"magento_attribute\": \"increment_id\", \"salesforce_field\": \"Magento_ID__c\", \"system\": true, \"enabled\": false}"
                                        << u"line 7, column 7: Order: increment_id -> Magento_ID__c is a system mapping the sync cannot work without"_s;
    QTest::newRow("bad when") << ok + ",\n      {\"magento_attribute\": \"a\", \"salesforce_field\": \"Name\", \"when\": \"never\"}"
                              << u"line 7, column 62: bad When value \"never\""_s;
    QTest::newRow("syntax") << ok + ",\n      {\"magento_attribute\": \"a\", \"salesforce_field\": \"Name\",}"
                            << u"line 7, column 62: object is missing after a comma"_s;
}

void TestMappingEditor::importRefusedChangesNothing()
{
    QFETCH(QByteArray, entries);
    QFETCH(QString, expected);
    QVERIFY(m_editor->ensureDefaults().has_value());
    QVERIFY(m_editor->add(custom(MappingEntity::Order, u"coupon_code"_s, u"Name"_s), m_schema));
    const QByteArray before = snapshot();
    const QByteArray file = "{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n  \"mappings\": {\n    \"order\": [\n"
        + entries + "\n    ]\n  }\n}\n";
    const Result<MappingEditor::ImportSummary> imported = m_editor->importJson(file, m_schema);
    QVERIFY(!imported.has_value());
    QVERIFY2(imported.error().message.contains(expected), qPrintable(imported.error().message));
    QVERIFY(imported.error().message.contains(u"nothing was imported"_s));
    QCOMPARE(snapshot(), before);
}

void TestMappingEditor::importFileErrors()
{
    QVERIFY(m_editor->ensureDefaults().has_value());
    const QByteArray before = snapshot();
    const Result<MappingEditor::ImportSummary> missing =
        m_editor->importFromFile(m_dir->filePath(u"nope.json"_s), m_schema);
    QVERIFY(!missing.has_value());
    QCOMPARE(missing.error().code, u"mapping.import"_s);

    const QString path = m_dir->filePath(u"bad.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n  \"mappings\": {\"quote\": []}\n}\n");
    file.close();
    const Result<MappingEditor::ImportSummary> bad = m_editor->importFromFile(path, m_schema);
    QVERIFY(!bad.has_value());
    QCOMPARE(bad.error().code, u"mapping.file"_s);
    QVERIFY2(bad.error().message.contains(u"line 4, column 16: unknown entity \"quote\""_s), qPrintable(bad.error().message));
    QCOMPARE(snapshot(), before);
}

QTEST_GUILESS_MAIN(TestMappingEditor)
#include "tst_mappingeditor.moc"
