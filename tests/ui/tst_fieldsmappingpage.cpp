#include "mapping/addmappingdialog.h"
#include "mapping/fieldsmappingpage.h"
#include "mapping/mappingtablemodel.h"
#include "mapping/orderstatusmappingmodel.h"

#include "mapping/defaultmappings.h"
#include "mapping/mappingfile.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestFieldsMappingPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsStoredMappingsPerTab();
    void showsBuiltInMappingsNotStoredYet();
    void addNewMappingThenSaveMapperSendsTheEntity();
    void invalidStagedMappingIsNotSent();
    void rejectedSaveKeepsTheEdits();
    void deleteRemovesOnlyCustomRows();
    void keyboardShortcuts();
    void orderStatusTabShowsOrgCategories();
    void importOfAGoodFileStagesIt();
    void importOfABadFileChangesNothing_data();
    void importOfABadFileChangesNothing();
    void exportRoundTrip();
    void resetDiscardsTheEdits();
    void editsMadeWhileSavingSurviveTheAnswer();
    void everyControlHasAnAccessibleName();
    void sourcesByNameLocksAndEveryColumnInView();

private:
    [[nodiscard]] QString writeFile(const QString &name, const QByteArray &bytes) const;

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    int m_run = 0;
};


namespace {

OrgSchema liveOrg()
{
    OrgSchema org;
    org.schema = SalesforceFieldCatalogue::schema();
    SalesforceFieldInfo notes;
    notes.name = u"Magento_Notes__c"_s;
    notes.type = u"textarea"_s;
    org.schema.order.insert(notes.name, notes);
    org.orderStatuses = {{u"Draft"_s, u"Draft"_s, u"Draft"_s, true},
                         {u"Awaiting Shipment"_s, u"Awaiting Shipment"_s, u"Draft"_s, false},
                         {u"Activated"_s, u"Activated"_s, u"Activated"_s, false},
                         {u"Shipped"_s, u"Shipped"_s, u"Activated"_s, false}};
    org.schema.order[u"Status"_s].picklistValues =
        PicklistValue::listOf({u"Draft"_s, u"Awaiting Shipment"_s, u"Activated"_s, u"Shipped"_s});
    return org;
}

FieldMapping custom(const QString &source, const QString &target, MappingEntity entity = MappingEntity::Order)
{
    FieldMapping mapping;
    mapping.entity = entity;
    mapping.magentoAttribute = source;
    mapping.salesforceField = target;
    return mapping;
}

int rowOf(const MappingListModel *model, const QString &source, const QString &target = {})
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const FieldMapping m = model->mappingAt(row);
        if (m.magentoAttribute == source && (target.isEmpty() || m.salesforceField == target))
            return row;
    }
    return -1;
}

int selectedRow(const QTableView *view)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.size() == 1 ? rows.first().row() : -1;
}

} // namespace

void TestFieldsMappingPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestFieldsMappingPage::init()
{
    Result<std::shared_ptr<Database>> database = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY2(database.has_value(), qPrintable(database ? QString() : database.error().toString()));
    m_database = *database;
    // What the worker does on its first run.
    QVERIFY(MappingEditor(m_database).ensureDefaults().has_value());
}

void TestFieldsMappingPage::cleanup()
{
    m_database.reset();
}

QString TestFieldsMappingPage::writeFile(const QString &name, const QByteArray &bytes) const
{
    const QString path = m_dir.filePath(u"%1-%2"_s.arg(m_run).arg(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return path;
}

void TestFieldsMappingPage::showsStoredMappingsPerTab()
{
    MappingEditor repository(m_database);
    QVERIFY(repository.add(custom(u"customer_email"_s, u"Description"_s), SalesforceFieldCatalogue::schema()));
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());

    QCOMPARE(page.tabs()->count(), 3);
    QCOMPARE(page.tabs()->tabText(0), u"&Order"_s);
    QCOMPARE(page.tabs()->tabText(1), u"Order &Product"_s);
    QCOMPARE(page.tabs()->tabText(2), u"Order S&tatus"_s);
    QCOMPARE(page.model(MappingEntity::Order)->rowCount(), defaultMappings(MappingEntity::Order).size() + 1);
    QCOMPARE(page.model(MappingEntity::OrderItem)->rowCount(), defaultMappings(MappingEntity::OrderItem).size());
    QCOMPARE(page.model(MappingEntity::OrderStatus)->rowCount(), defaultMagentoStatuses().size());
    QCOMPARE(page.model(MappingEntity::Order)->mappings(), *repository.list(MappingEntity::Order));
    QVERIFY(!page.isDirty());
    QVERIFY(!page.saveButton()->isEnabled());

    const int row = rowOf(page.model(MappingEntity::Order), u"customer_email"_s);
    QCOMPARE(page.model(MappingEntity::Order)->index(row, MappingTableModel::KindColumn).data().toString(), u"Custom"_s);
    QCOMPARE(page.model(MappingEntity::Order)->index(0, MappingTableModel::KindColumn).data().toString(), u"System"_s);
    QCOMPARE(page.view(MappingEntity::Order)->model(), page.model(MappingEntity::Order));
}

void TestFieldsMappingPage::showsBuiltInMappingsNotStoredYet()
{
    Result<std::shared_ptr<Database>> fresh = Database::open(m_dir.filePath(u"fresh-%1.sqlite"_s.arg(m_run)));
    QVERIFY(fresh.has_value());
    FieldsMappingPage page(*fresh);
    QVERIFY(page.load().has_value());
    QCOMPARE(page.model(MappingEntity::Order)->mappings(), defaultMappings(MappingEntity::Order));
    QCOMPARE(page.model(MappingEntity::OrderStatus)->rowCount(), defaultMagentoStatuses().size());
    QVERIFY(!page.isDirty());
    // Reading did not write: the store still holds no mappings.
    QCOMPARE(MappingEditor(*fresh).list()->size(), 0);
}

void TestFieldsMappingPage::addNewMappingThenSaveMapperSendsTheEntity()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.setOrgSchema(liveOrg());
    page.show();
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    QSignalSpy messages(&page, &FieldsMappingPage::statusMessage);

    QTest::mouseClick(page.addButton(), Qt::LeftButton);
    AddMappingDialog *dialog = page.addMappingDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->magentoAttributeBox()->findText(u"customer_email"_s) >= 0);
    dialog->magentoAttributeBox()->setEditText(u"customer_note"_s);
    dialog->salesforceAttributeBox()->setCurrentIndex(dialog->salesforceAttributeBox()->findText(u"Magento_Notes__c"_s));
    dialog->whenBox()->setCurrentIndex(dialog->whenBox()->findText(u"Update Only"_s));
    QTest::mouseClick(dialog->buttonBox()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!page.addMappingDialog());

    MappingListModel *model = page.model(MappingEntity::Order);
    const int row = rowOf(model, u"customer_note"_s, u"Magento_Notes__c"_s);
    QVERIFY(row >= 0);
    QCOMPARE(selectedRow(page.view(MappingEntity::Order)), row);
    QVERIFY(page.isDirty());
    QVERIFY(page.saveButton()->isEnabled());
    QCOMPARE(saves.count(), 0); // staged, not sent

    QTest::mouseClick(page.saveButton(), Qt::LeftButton);
    QCOMPARE(saves.count(), 1);
    QCOMPARE(saves.first().at(0).value<MappingEntity>(), MappingEntity::Order);
    const FieldMappingList sent = saves.first().at(1).value<FieldMappingList>();
    QCOMPARE(sent.size(), defaultMappings(MappingEntity::Order).size() + 1);
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(sent.at(i).position, int(i));
        QCOMPARE(sent.at(i).entity, MappingEntity::Order);
    }
    const FieldMapping added = sent.last();
    QCOMPARE(added.id, 0);
    QCOMPARE(added.system, false);
    QCOMPARE(added.magentoAttribute, u"customer_note"_s);
    QCOMPARE(added.salesforceField, u"Magento_Notes__c"_s);
    QCOMPARE(added.when, WhenMode::UpdateOnly);
    QCOMPARE(sent.first().salesforceField, u"Magento_ID__c"_s);
    QVERIFY(page.errorLabel()->isHidden());

    // The worker stores it and answers.
    MappingEditor repository(m_database);
    QVERIFY(repository.add(added, liveOrg().schema).has_value());
    page.handleSaved(MappingEntity::Order);
    QVERIFY(!page.isDirty());
    QVERIFY(!page.saveButton()->isEnabled());
    QVERIFY(model->mappingAt(row).id > 0);
    QCOMPARE(messages.last().first().toString(), u"Order mappings saved."_s);
}

void TestFieldsMappingPage::invalidStagedMappingIsNotSent()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.show();
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    page.setCurrentEntity(MappingEntity::OrderStatus);

    // Staged in place (not through the dialog): a field the catalogue does not have.
    MappingListModel *model = page.model(MappingEntity::Order);
    const int row = model->appendMapping(custom(u"customer_email"_s, u"Magento_Notes__c"_s));
    page.view(MappingEntity::Order)->clearSelection();
    QVERIFY(!page.saveMapper());
    QCOMPARE(saves.count(), 0);
    QVERIFY(page.errorLabel()->isVisible());
    const QString error = page.errorLabel()->text();
    QVERIFY2(error.contains(u"Order: customer_email -> Magento_Notes__c"_s), qPrintable(error));
    QVERIFY2(error.contains(u"Order has no field \"Magento_Notes__c\"; use the API name of an existing field"_s),
             qPrintable(error));
    QCOMPARE(page.currentEntity(), MappingEntity::Order);
    QCOMPARE(selectedRow(page.view(MappingEntity::Order)), row);
    QVERIFY(!model->index(row, 0).data(MappingListModel::IssueRole).toString().isEmpty());
    QVERIFY(page.isDirty());

    // With the live describe the same mapping is fine.
    page.setOrgSchema(liveOrg());
    QVERIFY(page.saveMapper());
    QCOMPARE(saves.count(), 1);
    QVERIFY(page.errorLabel()->isHidden());
}

void TestFieldsMappingPage::rejectedSaveKeepsTheEdits()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.show();
    MappingListModel *model = page.model(MappingEntity::Order);
    model->appendMapping(custom(u"customer_firstname"_s, u"Name"_s));
    const int row = model->appendMapping(custom(u"customer_email"_s, u"Description"_s));
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    QVERIFY(page.saveMapper());
    QCOMPARE(saves.count(), 1);
    const FieldMappingList staged = model->mappings();

    page.setCurrentEntity(MappingEntity::OrderItem);
    page.handleSaveRejected(MappingEntity::Order,
                            Error{u"mapping.unknown_field"_s,
                                  u"Order has no field \"Description\"; use the API name of an existing field."_s,
                                  {}, {}});
    QCOMPARE(model->mappings(), staged);
    QVERIFY(page.isDirty());
    QVERIFY(page.saveButton()->isEnabled());
    QVERIFY(page.errorLabel()->isVisible());
    QVERIFY(page.errorLabel()->text().contains(u"Order has no field \"Description\""_s));
    QCOMPARE(page.currentEntity(), MappingEntity::Order);
    QCOMPARE(selectedRow(page.view(MappingEntity::Order)), row);
    QVERIFY(model->storedMappings() == *MappingEditor(m_database).list(MappingEntity::Order));
}

void TestFieldsMappingPage::deleteRemovesOnlyCustomRows()
{
    MappingEditor(m_database).add(custom(u"customer_email"_s, u"Description"_s), SalesforceFieldCatalogue::schema());
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.show();
    QTableView *view = page.view(MappingEntity::Order);
    MappingListModel *model = page.model(MappingEntity::Order);
    const int rows = model->rowCount();

    view->selectRow(rowOf(model, u"billing_address.city"_s));
    QVERIFY(!page.removeButton()->isEnabled());
    QVERIFY(!page.editButton()->isEnabled());
    QSignalSpy messages(&page, &FieldsMappingPage::statusMessage);
    QVERIFY(!page.removeSelectedMappings());
    QCOMPARE(model->rowCount(), rows);
    QVERIFY(messages.last().first().toString().contains(u"cannot be removed"_s));

    // A selection mixing system and custom rows is refused whole.
    view->selectAll();
    QVERIFY(!page.removeSelectedMappings());
    QCOMPARE(model->rowCount(), rows);

    const int customRow = rowOf(model, u"customer_email"_s);
    view->selectRow(customRow);
    QVERIFY(page.removeButton()->isEnabled());
    QVERIFY(page.editButton()->isEnabled());
    QTest::mouseClick(page.removeButton(), Qt::LeftButton);
    QCOMPARE(model->rowCount(), rows - 1);
    QCOMPARE(rowOf(model, u"customer_email"_s), -1);
    QVERIFY(page.isDirty());
    // Still stored until Save Mapper.
    QCOMPARE(MappingEditor(m_database).list(MappingEntity::Order)->size(), rows);
}

void TestFieldsMappingPage::keyboardShortcuts()
{
    MappingEditor(m_database).add(custom(u"customer_email"_s, u"Description"_s), SalesforceFieldCatalogue::schema());
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QTableView *view = page.view(MappingEntity::Order);
    MappingListModel *model = page.model(MappingEntity::Order);
    view->setFocus();

    // Delete removes the current custom row.
    const int rows = model->rowCount();
    view->selectRow(rowOf(model, u"customer_email"_s));
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(model->rowCount(), rows - 1);

    // Ctrl+S is Save Mapper.
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    QTest::keyClick(view, Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(saves.count(), 1);
    QCOMPARE(saves.first().at(1).value<FieldMappingList>().size(), rows - 1);

    // Insert opens Add new mapping.
    QTest::keyClick(view, Qt::Key_Insert);
    QVERIFY(page.addMappingDialog());
    QCOMPARE(page.addMappingDialog()->entity(), MappingEntity::Order);
    page.addMappingDialog()->reject();
}

void TestFieldsMappingPage::orderStatusTabShowsOrgCategories()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    OrderStatusMappingModel *model = page.statusModel();
    const int complete = rowOf(model, u"complete"_s);
    const int processing = rowOf(model, u"processing"_s);
    QCOMPARE(model->index(complete, OrderStatusMappingModel::CategoryColumn).data().toString(), u"Activated"_s);
    QCOMPARE(model->index(processing, OrderStatusMappingModel::CategoryColumn).data().toString(), u"Draft"_s);
    QCOMPARE(model->index(processing, OrderStatusMappingModel::SalesforceStatusColumn)
                 .data(MappingListModel::ChoicesRole).toStringList(),
             (QStringList{u"Draft"_s, u"Activated"_s}));

    page.setOrgSchema(liveOrg());
    QCOMPARE(model->index(processing, OrderStatusMappingModel::SalesforceStatusColumn)
                 .data(MappingListModel::ChoicesRole).toStringList(),
             (QStringList{u"Draft"_s, u"Awaiting Shipment"_s, u"Activated"_s, u"Shipped"_s}));
    QVERIFY(model->setData(model->index(processing, OrderStatusMappingModel::SalesforceStatusColumn),
                           u"Awaiting Shipment"_s));
    QVERIFY(model->setData(model->index(complete, OrderStatusMappingModel::SalesforceStatusColumn), u"Shipped"_s));
    QCOMPARE(model->index(processing, OrderStatusMappingModel::CategoryColumn).data().toString(), u"Draft"_s);
    QCOMPARE(model->index(complete, OrderStatusMappingModel::CategoryColumn).data().toString(), u"Activated"_s);

    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    QVERIFY(page.saveMapper());
    QCOMPARE(saves.count(), 1);
    QCOMPARE(saves.first().at(0).value<MappingEntity>(), MappingEntity::OrderStatus);
    const FieldMappingList sent = saves.first().at(1).value<FieldMappingList>();
    QCOMPARE(sent.size(), defaultMagentoStatuses().size());
    QCOMPARE(sent.at(processing).salesforceField, u"Awaiting Shipment"_s);
    QCOMPARE(sent.at(complete).salesforceField, u"Shipped"_s);

    // A value the org's picklist does not have is refused before it is sent.
    QVERIFY(model->setData(model->index(processing, OrderStatusMappingModel::SalesforceStatusColumn), u"Bogus"_s));
    QVERIFY(!page.saveMapper());
    QCOMPARE(saves.count(), 1);
    QVERIFY(page.errorLabel()->text().contains(u"\"Bogus\" is not a Salesforce Order Status"_s));
    QCOMPARE(page.currentEntity(), MappingEntity::OrderStatus);
    QCOMPARE(selectedRow(page.view(MappingEntity::OrderStatus)), processing);
}

void TestFieldsMappingPage::importOfAGoodFileStagesIt()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    const FieldMappingList storedBefore = *MappingEditor(m_database).list();
    const QByteArray file = R"({
  "format": "orderbridge-mappings",
  "version": 1,
  "mappings": {
    "order": [
      {"magento_attribute": "customer_email", "salesforce_field": "Description", "when": "insert-only"},
      {"magento_attribute": "billing_address.city", "salesforce_field": "BillingCity", "enabled": false, "system": true}
    ],
    "order_item": [
      {"magento_attribute": "created_at", "salesforce_field": "ServiceDate", "when": "upsert"}
    ],
    "order_status": [
      {"magento_attribute": "processing", "salesforce_field": "Activated", "system": true}
    ]
  }
}
)";
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    QVERIFY(page.importFromFile(writeFile(u"good.json"_s, file)));
    QVERIFY2(page.errorLabel()->isHidden(), qPrintable(page.errorLabel()->text()));
    QVERIFY(page.isDirty());
    MappingListModel *order = page.model(MappingEntity::Order);
    QCOMPARE(order->rowCount(), defaultMappings(MappingEntity::Order).size() + 1);
    QCOMPARE(order->mappingAt(0).magentoAttribute, u"customer_email"_s);
    QCOMPARE(order->mappingAt(0).when, WhenMode::InsertOnly);
    QCOMPARE(order->mappingAt(0).system, false);
    QCOMPARE(order->mappingAt(rowOf(order, u"billing_address.city"_s)).enabled, false);
    QCOMPARE(page.model(MappingEntity::OrderItem)->rowCount(), defaultMappings(MappingEntity::OrderItem).size() + 1);
    QVERIFY(rowOf(page.model(MappingEntity::OrderItem), u"created_at"_s, u"ServiceDate"_s) >= 0);
    QVERIFY(rowOf(page.model(MappingEntity::OrderItem), u"name"_s, u"Description"_s) >= 0); // system row kept
    const MappingListModel *status = page.model(MappingEntity::OrderStatus);
    QCOMPARE(status->mappingAt(rowOf(status, u"processing"_s)).salesforceField, u"Activated"_s);
    // Staged only: nothing sent, nothing stored.
    QCOMPARE(saves.count(), 0);
    QCOMPARE(*MappingEditor(m_database).list(), storedBefore);

    QVERIFY(page.saveMapper());
    QCOMPARE(saves.count(), 3);
}

void TestFieldsMappingPage::importOfABadFileChangesNothing_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unknown field") << QByteArray(R"({
  "format": "orderbridge-mappings", "version": 1,
  "mappings": {
    "order": [
      {"magento_attribute": "customer_email", "salesforce_field": "Description"},
      {"magento_attribute": "customer_note", "salesforce_field": "No_Such__c"}
    ]
  }
}
)") << u"line 6, column 7: Order has no field \"No_Such__c\""_s;
    QTest::newRow("syntax") << QByteArray("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n  \"mappings\": {\n"
                                          "    \"order\": [ {\"magento_attribute\": \"sku\" \"salesforce_field\": \"X\"} ]\n  }\n}\n")
                            << u"line 5"_s;
    QTest::newRow("system source changed") << QByteArray(R"({
  "format": "orderbridge-mappings", "version": 1,
  "mappings": {
    "order": [
      {"magento_attribute": "customer_email", "salesforce_field": "BillingCity", "system": true}
    ]
  }
}
)") << u"line 5, column 7: Order: customer_email -> BillingCity is marked \"system\": true"_s;
    QTest::newRow("essential disabled") << QByteArray(R"({
  "format": "orderbridge-mappings", "version": 1,
  "mappings": {
    "order_item": [
      {"magento_attribute": "item_id", "salesforce_field": "Magento_Item_ID__c", "system": true, "enabled": false}
    ]
  }
}
)") << u"line 5, column 7: "_s;
    QTest::newRow("duplicate") << QByteArray(R"({
  "format": "orderbridge-mappings", "version": 1,
  "mappings": {
    "order": [
      {"magento_attribute": "customer_email", "salesforce_field": "Description"},
      {"magento_attribute": "customer_email", "salesforce_field": "Description", "when": "update-only"}
    ]
  }
}
)") << u"line 6, column 7: Order: customer_email -> Description appears twice"_s;
}

void TestFieldsMappingPage::importOfABadFileChangesNothing()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, reason);
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.model(MappingEntity::Order)->appendMapping(custom(u"customer_firstname"_s, u"Name"_s));
    const FieldMappingList before = page.model(MappingEntity::Order)->mappings();
    const FieldMappingList itemsBefore = page.model(MappingEntity::OrderItem)->mappings();
    QSignalSpy messages(&page, &FieldsMappingPage::statusMessage);

    QVERIFY(!page.importFromFile(writeFile(u"bad.json"_s, file)));
    QCOMPARE(page.model(MappingEntity::Order)->mappings(), before);
    QCOMPARE(page.model(MappingEntity::OrderItem)->mappings(), itemsBefore);
    QVERIFY(!page.model(MappingEntity::OrderItem)->isDirty());
    const QString error = page.errorLabel()->text();
    QVERIFY(page.errorLabel()->isVisibleTo(&page));
    QVERIFY2(error.contains(u"nothing was imported"_s), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(messages.last().first().toString(), error);
}

void TestFieldsMappingPage::exportRoundTrip()
{
    MappingEditor repository(m_database);
    QVERIFY(repository.add(custom(u"customer_email"_s, u"Description"_s), SalesforceFieldCatalogue::schema()));
    FieldMapping item = custom(u"created_at"_s, u"ServiceDate"_s, MappingEntity::OrderItem);
    item.when = WhenMode::InsertOnly;
    item.defaultValue = u"2026-01-01"_s;
    QVERIFY(repository.add(item, SalesforceFieldCatalogue::schema()));
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    // Staged edits are not exported: the file holds what the store holds.
    page.model(MappingEntity::Order)->appendMapping(custom(u"customer_firstname"_s, u"Name"_s));

    const QString path = m_dir.filePath(u"export-%1.json"_s.arg(m_run));
    QVERIFY(page.exportToFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<QList<MappingFile::Entry>> entries = MappingFile::read(file.readAll());
    QVERIFY(entries.has_value());
    const FieldMappingList stored = *repository.list();
    QCOMPARE(entries->size(), stored.size());
    for (qsizetype i = 0; i < stored.size(); ++i)
        QVERIFY2(entries->at(i).mapping.sameContent(stored.at(i)), qPrintable(stored.at(i).describe()));

    // Importing the export gives back exactly what is stored.
    QVERIFY(page.importFromFile(path));
    QVERIFY(!page.isDirty());
    QCOMPARE(page.model(MappingEntity::OrderItem)->mappings(), *repository.list(MappingEntity::OrderItem));
    QVERIFY(!page.exportToFile(m_dir.filePath(u"no/such/dir/out.json"_s)));
    QVERIFY(page.errorLabel()->text().contains(u"not exported"_s));
}

void TestFieldsMappingPage::resetDiscardsTheEdits()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    page.model(MappingEntity::Order)->appendMapping(custom(u"customer_firstname"_s, u"Name"_s));
    auto *status = page.statusModel();
    QVERIFY(status->setData(status->index(0, OrderStatusMappingModel::SalesforceStatusColumn), u"Activated"_s));
    QVERIFY(page.resetButton()->isEnabled());
    QTest::mouseClick(page.resetButton(), Qt::LeftButton);
    QVERIFY(!page.isDirty());
    QVERIFY(!page.resetButton()->isEnabled());
    QCOMPARE(page.model(MappingEntity::Order)->mappings(), *MappingEditor(m_database).list(MappingEntity::Order));
}

void TestFieldsMappingPage::editsMadeWhileSavingSurviveTheAnswer()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    QSignalSpy saves(&page, &FieldsMappingPage::saveRequested);
    MappingListModel *model = page.model(MappingEntity::Order);
    FieldMapping first = custom(u"customer_email"_s, u"Description"_s);
    model->appendMapping(first);
    QVERIFY(page.saveMapper());
    QCOMPARE(saves.count(), 1);
    // The operator goes on editing before the worker answers.
    const int second = model->appendMapping(custom(u"customer_firstname"_s, u"Name"_s));
    QVERIFY(MappingEditor(m_database).add(first, SalesforceFieldCatalogue::schema()).has_value());
    page.handleSaved(MappingEntity::Order);
    QCOMPARE(model->storedMappings(), *MappingEditor(m_database).list(MappingEntity::Order));
    QVERIFY(page.isDirty());
    QCOMPARE(model->rowCount(), defaultMappings(MappingEntity::Order).size() + 2);
    QCOMPARE(model->mappingAt(second).salesforceField, u"Name"_s);

    // Without later edits the answer leaves nothing staged.
    QVERIFY(page.saveMapper());
    QVERIFY(MappingEditor(m_database).add(model->mappingAt(second), SalesforceFieldCatalogue::schema()).has_value());
    page.handleSaved(MappingEntity::Order);
    QVERIFY(!page.isDirty());
}

void TestFieldsMappingPage::everyControlHasAnAccessibleName()
{
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    int checked = 0;
    for (QWidget *widget : page.findChildren<QWidget *>()) {
        if (qobject_cast<QPushButton *>(widget) || qobject_cast<QTableView *>(widget)
            || qobject_cast<QTabWidget *>(widget)) {
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            ++checked;
        }
    }
    QCOMPARE(checked, 7 + 3 + 1);
    QVERIFY(!page.errorLabel()->accessibleName().isEmpty());
}

void TestFieldsMappingPage::sourcesByNameLocksAndEveryColumnInView()
{
    MappingEditor repository(m_database);
    // A long default value must not push the columns after it out of view.
    FieldMapping note = custom(u"customer_note"_s, u"Description"_s);
    note.defaultValue = QString(300, u'x');
    QVERIFY(repository.add(note, SalesforceFieldCatalogue::schema()));
    FieldsMappingPage page(m_database);
    QVERIFY(page.load().has_value());
    const MappingListModel *model = page.model(MappingEntity::Order);

    // Computed sources by name, the '@' source and its origin in the tooltip; edited as the source itself.
    const QModelIndex status = model->index(rowOf(model, u"@status"_s), MappingTableModel::MagentoAttributeColumn);
    QCOMPARE(status.data().toString(), u"Order status"_s);
    QVERIFY2(status.data(Qt::ToolTipRole).toString().contains(u"@status"_s), qPrintable(status.data(Qt::ToolTipRole).toString()));
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(u"Order Status mappings"_s));
    QCOMPARE(status.data(Qt::EditRole).toString(), u"@status"_s);
    // A long path as group › field, whole in the tooltip.
    const QString path = u"extension_attributes.shipping_assignments[0].shipping.address.city"_s;
    const QModelIndex city = model->index(rowOf(model, path), MappingTableModel::MagentoAttributeColumn);
    QCOMPARE(city.data().toString(), u"Shipping address › city"_s);
    QVERIFY(city.data(Qt::ToolTipRole).toString().startsWith(path));
    QCOMPARE(city.data(Qt::EditRole).toString(), path);
    // A plain path as it is.
    const QModelIndex plain = model->index(rowOf(model, u"customer_note"_s), MappingTableModel::MagentoAttributeColumn);
    QCOMPARE(plain.data().toString(), u"customer_note"_s);

    // System rows carry a lock; custom rows none.
    const QIcon lock = model->index(0, MappingTableModel::KindColumn).data(Qt::DecorationRole).value<QIcon>();
    QVERIFY2(!lock.isNull(), "no lock icon on a system row (is :/icons/lock.svg compiled in?)");
    QVERIFY(!lock.pixmap(16, 16).isNull());
    QVERIFY(model->index(plain.row(), MappingTableModel::KindColumn).data(Qt::DecorationRole).isNull());

    // At the width the page gets in a 1366-pixel window, every column of every tab is in view.
    page.resize(1050, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    for (int tab = 0; tab < page.tabs()->count(); ++tab) {
        page.tabs()->setCurrentIndex(tab);
        const QTableView *view = page.view(MappingEntity(tab));
        QTRY_VERIFY(view->isVisible());
        const QHeaderView *header = view->horizontalHeader();
        for (int column = 0; column < header->count(); ++column) {
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= view->viewport()->width(),
                     qPrintable(u"tab %1: column %2 (%3) ends at %4, the table shows %5 pixels"_s.arg(tab).arg(column)
                                    .arg(view->model()->headerData(column, Qt::Horizontal).toString())
                                    .arg(right)
                                    .arg(view->viewport()->width())));
            // ...and no header is cut.
            QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column) || column == 0,
                     qPrintable(view->model()->headerData(column, Qt::Horizontal).toString()));
        }
    }
}

QTEST_MAIN(TestFieldsMappingPage)
#include "tst_fieldsmappingpage.moc"

