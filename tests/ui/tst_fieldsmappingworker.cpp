// The Fields Mapping page wired to a real SyncWorker on its own thread in a WorkerHost, as MainWindow
// wires them (FieldsMappingPage::connectTo): saveRequested -> WorkerHost::saveMappings, whose answer
// goes to handleSaved or handleSaveRejected.
#include "mapping/fieldsmappingpage.h"
#include "mapping/mappingtablemodel.h"
#include "mapping/orderstatusmappingmodel.h"

#include "mapping/defaultmappings.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"
#include "sync/workerhost.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestFieldsMappingWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void savedEditsReachTheStore();
    void removedCustomRowLeavesTheStore();
    void workerRefusalKeepsTheEditsAndSelectsTheRow();
    void importedFileIsStoredBySaveMapper();

private:
    void wire(FieldsMappingPage &page);
    [[nodiscard]] FieldMappingList stored(MappingEntity entity) const;

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_database;
    std::unique_ptr<WorkerHost> m_host;
    int m_run = 0;
};

namespace {

int rowOf(const MappingListModel *model, const QString &source, const QString &target = {})
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const FieldMapping m = model->mappingAt(row);
        if (m.magentoAttribute == source && (target.isEmpty() || m.salesforceField == target))
            return row;
    }
    return -1;
}

const FieldMapping *find(const FieldMappingList &list, const QString &source, const QString &target = {})
{
    for (const FieldMapping &m : list) {
        if (m.magentoAttribute == source && (target.isEmpty() || m.salesforceField == target))
            return &m;
    }
    return nullptr;
}

} // namespace

void TestFieldsMappingWorker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestFieldsMappingWorker::init()
{
    // A store the worker has not seeded yet: the page shows the built-ins, the worker stores them on save.
    Result<std::shared_ptr<Database>> database = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(database.has_value());
    m_database = *database;
    // No credential store: the worker stays without a connection, which saving mappings does not need.
    m_host = std::make_unique<WorkerHost>(m_database, nullptr);
    m_host->start();
}

void TestFieldsMappingWorker::cleanup()
{
    m_host.reset();
    m_database.reset();
}

void TestFieldsMappingWorker::wire(FieldsMappingPage &page)
{
    page.connectTo(m_host.get());
}

FieldMappingList TestFieldsMappingWorker::stored(MappingEntity entity) const
{
    Result<FieldMappingList> list = MappingEditor(m_database).list(entity);
    return list ? *list : FieldMappingList{};
}

void TestFieldsMappingWorker::savedEditsReachTheStore()
{
    FieldsMappingPage page(m_database);
    wire(page);
    QVERIFY(page.load().has_value());

    FieldMapping custom;
    custom.magentoAttribute = u"customer_email"_s;
    custom.salesforceField = u"Description"_s;
    custom.when = WhenMode::InsertOnly;
    custom.defaultValue = u"guest"_s;
    page.model(MappingEntity::Order)->appendMapping(custom);
    MappingListModel *order = page.model(MappingEntity::Order);
    const int city = rowOf(order, u"billing_address.city"_s);
    QVERIFY(order->setData(order->index(city, MappingTableModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    OrderStatusMappingModel *status = page.statusModel();
    const int holded = rowOf(status, u"holded"_s);
    QVERIFY(status->setData(status->index(holded, OrderStatusMappingModel::SalesforceStatusColumn), u"Activated"_s));

    QVERIFY(page.saveMapper());
    QTRY_VERIFY(!page.isDirty()); // both entities answered as saved
    QVERIFY(page.errorLabel()->isHidden());

    const FieldMappingList orderRows = stored(MappingEntity::Order);
    QCOMPARE(orderRows.size(), defaultMappings(MappingEntity::Order).size() + 1);
    const FieldMapping *added = find(orderRows, u"customer_email"_s, u"Description"_s);
    QVERIFY(added);
    QVERIFY(added->id > 0);
    QCOMPARE(added->system, false);
    QCOMPARE(added->when, WhenMode::InsertOnly);
    QCOMPARE(added->defaultValue, u"guest"_s);
    QCOMPARE(find(orderRows, u"billing_address.city"_s)->enabled, false);
    QCOMPARE(find(stored(MappingEntity::OrderStatus), u"holded"_s)->salesforceField, u"Activated"_s);
    // The page shows what the store holds now, ids included.
    QCOMPARE(page.model(MappingEntity::Order)->mappings(), orderRows);
    QCOMPARE(page.model(MappingEntity::OrderStatus)->mappings(), stored(MappingEntity::OrderStatus));
}

void TestFieldsMappingWorker::removedCustomRowLeavesTheStore()
{
    QVERIFY(MappingEditor(m_database).ensureDefaults().has_value());
    FieldMapping custom;
    custom.entity = MappingEntity::OrderItem;
    custom.magentoAttribute = u"created_at"_s;
    custom.salesforceField = u"ServiceDate"_s;
    custom.enabled = false;
    QVERIFY(MappingEditor(m_database).add(custom, SalesforceFieldCatalogue::schema()).has_value());

    FieldsMappingPage page(m_database);
    wire(page);
    QVERIFY(page.load().has_value());
    page.setCurrentEntity(MappingEntity::OrderItem);
    QTableView *view = page.view(MappingEntity::OrderItem);
    view->selectRow(rowOf(page.model(MappingEntity::OrderItem), u"created_at"_s));
    QVERIFY(page.removeSelectedMappings());
    QVERIFY(page.saveMapper());
    QTRY_VERIFY(!page.isDirty()); // the Order Items answered as saved
    QCOMPARE(stored(MappingEntity::OrderItem).size(), defaultMappings(MappingEntity::OrderItem).size());
    QVERIFY(!find(stored(MappingEntity::OrderItem), u"created_at"_s));
}

void TestFieldsMappingWorker::workerRefusalKeepsTheEditsAndSelectsTheRow()
{
    // The page knows the org's custom field; this worker has not read the live describe, so it refuses.
    OrgSchema org;
    org.schema = SalesforceFieldCatalogue::schema();
    SalesforceFieldInfo notes;
    notes.name = u"Magento_Notes__c"_s;
    notes.type = u"textarea"_s;
    org.schema.order.insert(notes.name, notes);
    FieldsMappingPage page(m_database);
    wire(page);
    QVERIFY(page.load().has_value());
    page.setOrgSchema(org);

    FieldMapping custom;
    custom.magentoAttribute = u"customer_note"_s;
    custom.salesforceField = u"Magento_Notes__c"_s;
    MappingListModel *order = page.model(MappingEntity::Order);
    const int row = order->appendMapping(custom);
    const FieldMappingList staged = order->mappings();
    page.setCurrentEntity(MappingEntity::OrderStatus);

    QVERIFY(page.saveMapper());
    QTRY_VERIFY(page.errorLabel()->isVisibleTo(&page)); // answered as refused
    const QString error = page.errorLabel()->text();
    QVERIFY2(error.contains(u"Magento_Notes__c"_s), qPrintable(error));
    QCOMPARE(order->mappings(), staged);
    QVERIFY(page.isDirty());
    QCOMPARE(page.currentEntity(), MappingEntity::Order);
    const QModelIndexList selected = page.view(MappingEntity::Order)->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), row);
    QVERIFY(!find(stored(MappingEntity::Order), u"customer_note"_s));
}

void TestFieldsMappingWorker::importedFileIsStoredBySaveMapper()
{
    const QString path = m_dir.filePath(u"import-%1.json"_s.arg(m_run));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({
  "format": "orderbridge-mappings",
  "version": 1,
  "mappings": {
    "order": [
      {"magento_attribute": "customer_email", "salesforce_field": "Description", "when": "update-only"}
    ],
    "order_status": [
      {"magento_attribute": "pending_paypal", "salesforce_field": "Draft"}
    ]
  }
}
)");
    file.close();

    FieldsMappingPage page(m_database);
    wire(page);
    QVERIFY(page.load().has_value());
    QVERIFY(page.importFromFile(path));
    QVERIFY(page.saveMapper());
    QTRY_VERIFY(!page.isDirty()); // both entities answered as saved
    QCOMPARE(find(stored(MappingEntity::Order), u"customer_email"_s)->when, WhenMode::UpdateOnly);
    QCOMPARE(find(stored(MappingEntity::OrderStatus), u"pending_paypal"_s)->salesforceField, u"Draft"_s);
    QCOMPARE(stored(MappingEntity::OrderStatus).size(), defaultMagentoStatuses().size() + 1);

    const QString exported = m_dir.filePath(u"export-%1.json"_s.arg(m_run));
    QVERIFY(page.exportToFile(exported));
    QVERIFY(page.importFromFile(exported));
    QVERIFY(!page.isDirty());
}

QTEST_MAIN(TestFieldsMappingWorker)
#include "tst_fieldsmappingworker.moc"
