#include "mapping/mappingtablemodel.h"

#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestMappingTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester();
    void flagsLockSystemRows_data();
    void flagsLockSystemRows();
    void systemAttributesCannotBeEdited();
    void customRowsAreEditableInPlace();
    void onlyCustomRowsCanBeRemoved();
    void editsAreStagedUntilDiscarded();
    void typeColumnFollowsTheSchema();
    void issuesShowAsTooltips();
};

namespace {

FieldMapping custom(const QString &source, const QString &target, WhenMode when = WhenMode::Upsert)
{
    FieldMapping mapping;
    mapping.entity = MappingEntity::Order;
    mapping.magentoAttribute = source;
    mapping.salesforceField = target;
    mapping.when = when;
    return mapping;
}

int rowOf(const MappingTableModel &model, const QString &target)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.mappingAt(row).salesforceField == target)
            return row;
    }
    return -1;
}

} // namespace

void TestMappingTableModel::passesTheModelTester()
{
    MappingTableModel model(MappingEntity::Order);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    QCOMPARE(model.rowCount(), defaultMappings(MappingEntity::Order).size());
    QCOMPARE(model.columnCount(), int(MappingTableModel::ColumnCount));
    const int row = model.appendMapping(custom(u"customer_email"_s, u"Description"_s));
    QVERIFY(model.setData(model.index(row, MappingTableModel::DefaultValueColumn), u"none"_s));
    QVERIFY(model.setData(model.index(row, MappingTableModel::WhenColumn), u"Insert Only"_s));
    QVERIFY(model.setData(model.index(row, MappingTableModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    model.setRowIssue(row, u"refused"_s);
    QVERIFY(model.removeRows(row, 1));
    model.stageMappings({});
    model.discardChanges();
    model.setSchema(SalesforceFieldCatalogue::schema());
    QCOMPARE(model.rowCount(), defaultMappings(MappingEntity::Order).size());
}

void TestMappingTableModel::flagsLockSystemRows_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("editable");
    QTest::addColumn<bool>("checkable");

    using M = MappingTableModel;
    // Magento_ID__c: essential system; BillingCity: ordinary system; Description: custom.
    QTest::newRow("essential source") << u"Magento_ID__c"_s << int(M::MagentoAttributeColumn) << false << false;
    QTest::newRow("essential target") << u"Magento_ID__c"_s << int(M::SalesforceAttributeColumn) << false << false;
    QTest::newRow("essential when") << u"Magento_ID__c"_s << int(M::WhenColumn) << false << false;
    QTest::newRow("essential enable") << u"Magento_ID__c"_s << int(M::EnabledColumn) << false << false;
    QTest::newRow("essential default") << u"Magento_ID__c"_s << int(M::DefaultValueColumn) << true << false;
    QTest::newRow("system source") << u"BillingCity"_s << int(M::MagentoAttributeColumn) << false << false;
    QTest::newRow("system target") << u"BillingCity"_s << int(M::SalesforceAttributeColumn) << false << false;
    QTest::newRow("system when") << u"BillingCity"_s << int(M::WhenColumn) << false << false;
    QTest::newRow("system enable") << u"BillingCity"_s << int(M::EnabledColumn) << false << true;
    QTest::newRow("system default") << u"BillingCity"_s << int(M::DefaultValueColumn) << true << false;
    QTest::newRow("custom source") << u"Description"_s << int(M::MagentoAttributeColumn) << true << false;
    QTest::newRow("custom target") << u"Description"_s << int(M::SalesforceAttributeColumn) << true << false;
    QTest::newRow("custom when") << u"Description"_s << int(M::WhenColumn) << true << false;
    QTest::newRow("custom enable") << u"Description"_s << int(M::EnabledColumn) << false << true;
    QTest::newRow("custom type") << u"Description"_s << int(M::TypeColumn) << false << false;
    QTest::newRow("custom kind") << u"Description"_s << int(M::KindColumn) << false << false;
}

void TestMappingTableModel::flagsLockSystemRows()
{
    QFETCH(QString, target);
    QFETCH(int, column);
    QFETCH(bool, editable);
    QFETCH(bool, checkable);

    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    model.appendMapping(custom(u"customer_email"_s, u"Description"_s));
    const int row = rowOf(model, target);
    QVERIFY(row >= 0);
    const Qt::ItemFlags flags = model.flags(model.index(row, column));
    QVERIFY(flags & Qt::ItemIsEnabled);
    QCOMPARE(bool(flags & Qt::ItemIsEditable), editable);
    QCOMPARE(bool(flags & Qt::ItemIsUserCheckable), checkable);
    QCOMPARE(model.index(row, 0).data(MappingListModel::SystemRole).toBool(), target != u"Description");
    QCOMPARE(model.index(row, MappingTableModel::KindColumn).data().toString(),
             target == u"Description" ? u"Custom"_s : u"System"_s);
}

void TestMappingTableModel::systemAttributesCannotBeEdited()
{
    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    const int essential = rowOf(model, u"Magento_ID__c"_s);
    const int city = rowOf(model, u"BillingCity"_s);

    QVERIFY(!model.setData(model.index(city, MappingTableModel::SalesforceAttributeColumn), u"BillingState"_s));
    QVERIFY(!model.setData(model.index(city, MappingTableModel::MagentoAttributeColumn), u"customer_email"_s));
    QVERIFY(!model.setData(model.index(city, MappingTableModel::WhenColumn), u"Insert Only"_s));
    QVERIFY(!model.setData(model.index(essential, MappingTableModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    // replaceMapping applies the same rules as the store: a system row keeps source, target and When.
    FieldMapping moved = model.mappingAt(city);
    moved.salesforceField = u"BillingState"_s;
    QVERIFY(!model.replaceMapping(city, moved));
    QVERIFY(!model.isDirty());

    // What a system row may change: its default and, unless essential, Enable.
    QVERIFY(model.setData(model.index(city, MappingTableModel::DefaultValueColumn), u"Unknown"_s));
    QVERIFY(model.setData(model.index(city, MappingTableModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.mappingAt(city).defaultValue, u"Unknown"_s);
    QCOMPARE(model.mappingAt(city).enabled, false);
    QCOMPARE(model.index(city, MappingTableModel::EnabledColumn).data().toString(), u"No"_s);
    QVERIFY(model.isDirty());
}

void TestMappingTableModel::customRowsAreEditableInPlace()
{
    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    const int row = model.appendMapping(custom(u"customer_email"_s, u"Description"_s));
    QCOMPARE(model.mappingAt(row).system, false);
    QCOMPARE(model.mappingAt(row).entity, MappingEntity::Order);

    QVERIFY(model.setData(model.index(row, MappingTableModel::MagentoAttributeColumn), u"customer_firstname"_s));
    QVERIFY(model.setData(model.index(row, MappingTableModel::SalesforceAttributeColumn), u"Name"_s));
    QVERIFY(model.setData(model.index(row, MappingTableModel::WhenColumn), u"Update Only"_s));
    QVERIFY(!model.setData(model.index(row, MappingTableModel::WhenColumn), u"Sometimes"_s));
    QVERIFY(!model.setData(model.index(row, MappingTableModel::MagentoAttributeColumn), u"  "_s));
    const FieldMapping edited = model.mappingAt(row);
    QCOMPARE(edited.magentoAttribute, u"customer_firstname"_s);
    QCOMPARE(edited.salesforceField, u"Name"_s);
    QCOMPARE(edited.when, WhenMode::UpdateOnly);
    QCOMPARE(model.index(row, MappingTableModel::WhenColumn).data().toString(), u"Update Only"_s);
    QCOMPARE(model.index(row, MappingTableModel::WhenColumn).data(MappingListModel::ChoicesRole).toStringList(),
             (QStringList{u"Upsert"_s, u"Insert Only"_s, u"Update Only"_s}));
    QCOMPARE(model.index(row, MappingTableModel::WhenColumn).data(MappingListModel::OpenChoicesRole).toBool(), false);
    // The in-place editors suggest the known attributes and the writable fields; paths may be typed freely.
    const QModelIndex source = model.index(row, MappingTableModel::MagentoAttributeColumn);
    QVERIFY(source.data(MappingListModel::ChoicesRole).toStringList().contains(u"billing_address.city"_s));
    QCOMPARE(source.data(MappingListModel::OpenChoicesRole).toBool(), true);
    const QStringList fields = model.index(row, MappingTableModel::SalesforceAttributeColumn)
                                   .data(MappingListModel::ChoicesRole)
                                   .toStringList();
    QVERIFY(fields.contains(u"Description"_s));
    QVERIFY(!fields.contains(u"TotalAmount"_s)); // read-only
    QVERIFY(!fields.contains(u"Id"_s));
}

void TestMappingTableModel::onlyCustomRowsCanBeRemoved()
{
    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    const int systemRows = model.rowCount();
    const int first = model.appendMapping(custom(u"customer_email"_s, u"Description"_s));
    model.appendMapping(custom(u"customer_firstname"_s, u"Name"_s));

    QVERIFY(!model.isRemovable(0));
    QVERIFY(model.isRemovable(first));
    QVERIFY(!model.removeRows(0, 1));
    // A range that reaches into the system rows is refused whole.
    QVERIFY(!model.removeRows(first - 1, 2));
    QCOMPARE(model.rowCount(), systemRows + 2);
    QVERIFY(model.removeRows(first, 2));
    QCOMPARE(model.rowCount(), systemRows);
    QVERIFY(!model.isDirty());
}

void TestMappingTableModel::editsAreStagedUntilDiscarded()
{
    MappingTableModel model(MappingEntity::Order);
    QSignalSpy dirty(&model, &MappingListModel::dirtyChanged);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    QVERIFY(!model.isDirty());
    QCOMPARE(dirty.count(), 0);

    model.appendMapping(custom(u"customer_email"_s, u"Description"_s));
    QVERIFY(model.isDirty());
    QCOMPARE(dirty.count(), 1);
    QCOMPARE(dirty.last().first().toBool(), true);
    QCOMPARE(model.storedMappings(), defaultMappings(MappingEntity::Order));

    model.discardChanges();
    QVERIFY(!model.isDirty());
    QCOMPARE(dirty.count(), 2);
    QCOMPARE(model.mappings(), defaultMappings(MappingEntity::Order));
}

void TestMappingTableModel::typeColumnFollowsTheSchema()
{
    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    const int row = model.appendMapping(custom(u"customer_note"_s, u"Magento_Notes__c"_s));
    const QModelIndex type = model.index(row, MappingTableModel::TypeColumn);
    QCOMPARE(type.data().toString(), u"unknown field"_s);
    QCOMPARE(model.index(rowOf(model, u"Pricebook2Id"_s), MappingTableModel::TypeColumn).data().toString(),
             u"reference"_s);

    SalesforceSchema live = SalesforceFieldCatalogue::schema();
    SalesforceFieldInfo notes;
    notes.name = u"Magento_Notes__c"_s;
    notes.type = u"textarea"_s;
    live.order.insert(notes.name, notes);
    SalesforceFieldInfo createOnly = notes;
    createOnly.name = u"Channel__c"_s;
    createOnly.type = u"string"_s;
    createOnly.updateable = false;
    live.order.insert(createOnly.name, createOnly);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSchema(live);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(type.data().toString(), u"textarea"_s);
    model.appendMapping(custom(u"store_name"_s, u"Channel__c"_s, WhenMode::InsertOnly));
    QCOMPARE(model.index(row + 1, MappingTableModel::TypeColumn).data().toString(), u"string (create only)"_s);
}

void TestMappingTableModel::issuesShowAsTooltips()
{
    MappingTableModel model(MappingEntity::Order);
    model.setStoredMappings(defaultMappings(MappingEntity::Order));
    const int row = model.appendMapping(custom(u"customer_email"_s, u"No_Such__c"_s));
    model.setRowIssue(row, u"Order has no field \"No_Such__c\""_s);
    QCOMPARE(model.index(row, 1).data(Qt::ToolTipRole).toString(), u"Order has no field \"No_Such__c\""_s);
    QCOMPARE(model.index(row, 3).data(MappingListModel::IssueRole).toString(), u"Order has no field \"No_Such__c\""_s);
    // Fixing the row clears its issue.
    QVERIFY(model.setData(model.index(row, MappingTableModel::SalesforceAttributeColumn), u"Description"_s));
    QVERIFY(model.index(row, 1).data(MappingListModel::IssueRole).toString().isEmpty());
    model.setRowIssue(row, u"again"_s);
    model.clearIssues();
    QVERIFY(model.index(row, 1).data(MappingListModel::IssueRole).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestMappingTableModel)
#include "tst_mappingtablemodel.moc"
