#include "orders/attempthistorymodel.h"
#include "orders/orderdialog.h"
#include "common/localdatetext.h"
#include "ordersfixture.h"
#include "orders/orderstablemodel.h"
#include "orders/previewdelegate.h"
#include "orders/previewmodel.h"

#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QSettings>
#include <QTest>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

namespace {

constexpr int orderCount = 12;
// Order 5 is in sync and linked to all four records; order 10 (also in sync) only to its Order.
constexpr qint64 linkedOrder = 5;
constexpr qint64 orderOnlyLinked = 10;
// Order 4 is in Error in the fixture.
constexpr qint64 failedOrder = 4;

const QUrl instance(u"https://acme.my.salesforce.com"_s);

// Exposes the styling the view would paint with.
class ExposedPreviewDelegate : public PreviewDelegate
{
public:
    using PreviewDelegate::initStyleOption;
};

bool exec(const OrderBridge::Database &database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database.connection());
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qWarning() << query.lastError().text();
        return false;
    }
    return true;
}

bool addLog(const OrderBridge::Database &database, const QString &incrementId, const QString &when, const QString &level,
            const QString &code, const QString &message, const QString &fields = {})
{
    return exec(database,
                u"INSERT INTO sync_log (logged_at, level, order_increment_id, object, error_code, message, fields)"
                u" VALUES (?, ?, ?, 'Order', ?, ?, ?)"_s,
                {when, level, incrementId, code.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code), message,
                 fields.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(fields)});
}

OrderBridge::PreviewRecord record(const QString &object, const QString &operation, const QString &id,
                                  const QJsonObject &sending, const QJsonObject &current)
{
    OrderBridge::PreviewRecord r;
    r.object = object;
    r.referenceId = u"ref"_s + object;
    r.operation = operation;
    r.recordId = id;
    r.sending = sending;
    r.current = current;
    return r;
}

// The preview of an update of the Order (Status changes, the total does not), an insert of a
// Note and an Account that is left alone.
OrderBridge::OrderPreview samplePreview(const QString &incrementId)
{
    OrderBridge::OrderPreview preview;
    preview.incrementId = incrementId;
    preview.status = SyncStatus::InSync;
    preview.records << record(u"Order"_s, u"update"_s, u"801000000000000005"_s,
                              {{u"Status"_s, u"Activated"_s}, {u"Magento_Grand_Total__c"_s, 45.25}},
                              {{u"Status"_s, u"Draft"_s}, {u"Magento_Grand_Total__c"_s, 45.25}});
    preview.records << record(u"Note"_s, u"insert"_s, QString(), {{u"Title"_s, u"Invoice"_s}, {u"Body"_s, QJsonValue::Null}}, {});
    preview.records << record(u"Account"_s, u"none"_s, u"001000000000000005"_s, {{u"Name"_s, u"Bob Jones"_s}},
                              {{u"Name"_s, u"Bob Jones"_s}});
    return preview;
}

} // namespace

class TestOrderDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void informationTabShowsTheOrderAndItsLines();
    void linksOpenEachRecord_data();
    void linksOpenEachRecord();
    void linksAbsentWithoutIdOrInstance();
    void recordUrlIsBuiltFromTheInstance_data();
    void recordUrlIsBuiltFromTheInstance();
    void errorShowsCodeMessageAndFix();
    void historyListsAttemptsNewestFirst();
    void historyModelPassesTheTester();
    void saveAndSyncAsksAndWaitsForTheAnswer();
    void saveAndSyncEndsOnFailure();
    void openingTheSalesforceTabAsksForThePreview();
    void previewShowsInsertUpdateAndNone();
    void previewShowsTheErrorOrTheReason();
    void previewModelPassesTheTester();
    void previewValuesAreExact_data();
    void previewValuesAreExact();
    void keyboardAndAccessibility();
    void informationBlocksAsMagentoShowsThem();
    void opensOnTheLastTab();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
    int m_run = 0;
};

void TestOrderDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestOrderDialog::init()
{
    QSettings().remove(u"orderDialog/lastTab"_s); // every test opens on Information unless it says otherwise
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_database.reset();
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"dialog-%1.sqlite"_s.arg(++m_run)));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString error = OrdersFixture::fill(*m_database, orderCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(exec(*m_database,
                 u"UPDATE orders SET sf_account_id = '001000000000000005', sf_contact_id = '003000000000000005',"
                 u" sf_opportunity_id = '006000000000000005', last_synced_at = '2026-01-02T09:00:00.000Z'"
                 u" WHERE magento_entity_id = ?"_s,
                 {linkedOrder}));
    // The Magento order the worker queued: a configurable parent with its child, and a simple product.
    const QJsonObject intent{
        {u"entity_id"_s, linkedOrder},
        {u"increment_id"_s, OrdersFixture::incrementId(int(linkedOrder))},
        {u"items"_s, QJsonArray{
            QJsonObject{{u"item_id"_s, 1}, {u"sku"_s, u"MH01-XS-Black"_s}, {u"name"_s, u"Chaz Kangeroo Hoodie"_s},
                        {u"product_type"_s, u"configurable"_s}, {u"qty_ordered"_s, 2}, {u"price"_s, 52}, {u"row_total"_s, 104}},
            QJsonObject{{u"item_id"_s, 2}, {u"parent_item_id"_s, 1}, {u"sku"_s, u"MH01-XS-Black"_s},
                        {u"name"_s, u"Chaz Kangeroo Hoodie-XS-Black"_s}, {u"product_type"_s, u"simple"_s},
                        {u"qty_ordered"_s, 2}, {u"price"_s, 0}, {u"row_total"_s, 0}},
            QJsonObject{{u"item_id"_s, 3}, {u"sku"_s, u"24-MB01"_s}, {u"name"_s, u"Joust Duffle Bag"_s},
                        {u"product_type"_s, u"simple"_s}, {u"qty_ordered"_s, 1}, {u"price"_s, 34}, {u"row_total"_s, 34}},
        }},
        // The parts of GET /V1/orders/{id} the Information blocks show (shape: Magento 2.4 SalesDataOrderInterface).
        {u"billing_address"_s, QJsonObject{{u"firstname"_s, u"Jane"_s}, {u"lastname"_s, u"Doe"_s},
                                           {u"street"_s, QJsonArray{u"1 Main St"_s, u"Suite 5"_s}}, {u"city"_s, u"Austin"_s},
                                           {u"region"_s, u"Texas"_s}, {u"postcode"_s, u"78701"_s},
                                           {u"country_id"_s, u"US"_s}, {u"telephone"_s, u"5550100"_s}}},
        {u"extension_attributes"_s, QJsonObject{
            {u"shipping_assignments"_s, QJsonArray{QJsonObject{{u"shipping"_s, QJsonObject{
                {u"address"_s, QJsonObject{{u"firstname"_s, u"John"_s}, {u"lastname"_s, u"Roe"_s},
                                          {u"company"_s, u"Roe & Co"_s}, {u"street"_s, QJsonArray{u"9 Side Rd"_s}},
                                          {u"city"_s, u"Dallas"_s}, {u"region"_s, u"Texas"_s},
                                          {u"postcode"_s, u"75201"_s}, {u"country_id"_s, u"US"_s}}},
                {u"method"_s, u"flatrate_flatrate"_s}}}}}},
            {u"payment_additional_info"_s, QJsonArray{QJsonObject{{u"key"_s, u"method_title"_s},
                                                                  {u"value"_s, u"Check / Money order"_s}}}}}},
        {u"payment"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}},
        {u"shipping_description"_s, u"Flat Rate - Fixed"_s},
        {u"subtotal"_s, 138}, {u"discount_amount"_s, -10}, {u"shipping_amount"_s, 5}, {u"tax_amount"_s, 0},
        {u"grand_total"_s, 133}, {u"total_paid"_s, 133}, {u"total_due"_s, 0},
        {u"status_histories"_s, QJsonArray{
            QJsonObject{{u"comment"_s, u"Leave at the back door."_s}, {u"created_at"_s, u"2026-01-02 10:00:00"_s},
                        {u"status"_s, u"processing"_s}, {u"is_customer_notified"_s, 1}},
            QJsonObject{{u"comment"_s, QJsonValue::Null}, {u"created_at"_s, u"2026-01-01 09:00:00"_s},
                        {u"status"_s, u"pending"_s}, {u"is_customer_notified"_s, 0}}}},
    };
    QVERIFY(exec(*m_database,
                 u"INSERT INTO sync_queue (order_id, kind, state, intent_json)"
                 u" SELECT id, 'order', 'done', ? FROM orders WHERE magento_entity_id = ?"_s,
                 {QString::fromUtf8(QJsonDocument(intent).toJson(QJsonDocument::Compact)), linkedOrder}));
}

void TestOrderDialog::cleanup()
{
    QLocale::setDefault(QLocale::system());
}

void TestOrderDialog::informationTabShowsTheOrderAndItsLines()
{
    OrderDialog dialog(m_database, linkedOrder);
    QVERIFY(dialog.order().has_value());
    const QString incrementId = OrdersFixture::incrementId(int(linkedOrder));
    QCOMPARE(dialog.incrementId(), incrementId);
    QVERIFY(dialog.windowTitle().contains(incrementId));
    QCOMPARE(dialog.findChild<QLabel *>(u"orderIncrementId"_s)->text(), incrementId);
    QCOMPARE(dialog.findChild<QLabel *>(u"orderBillToName"_s)->text(), OrdersFixture::name(int(linkedOrder)));
    QCOMPARE(dialog.findChild<QLabel *>(u"orderEmail"_s)->text(), OrdersFixture::email(int(linkedOrder)));
    // Order 5: 10 + 35 + 0.25, in USD, en_US.
    QCOMPARE(dialog.grandTotalLabel()->text(), u"$45.25"_s);
    QCOMPARE(dialog.findChild<QLabel *>(u"orderMagentoStatus"_s)->text(), u"Complete"_s);
    QVERIFY(!dialog.findChild<QLabel *>(u"orderPurchaseDate"_s)->text().isEmpty());

    // The child line of the configurable product is not listed twice.
    QTableWidget *lines = dialog.linesTable();
    QCOMPARE(lines->rowCount(), 2);
    QCOMPARE(lines->item(0, 0)->text(), u"MH01-XS-Black"_s);
    QCOMPARE(lines->item(0, 1)->text(), u"Chaz Kangeroo Hoodie"_s);
    QCOMPARE(lines->item(0, 2)->text(), u"2"_s);
    QCOMPARE(lines->item(0, 4)->text(), u"$104.00"_s);
    QCOMPARE(lines->item(1, 1)->text(), u"Joust Duffle Bag"_s);

    // An order the store holds no lines for says so.
    OrderDialog other(m_database, 3);
    QCOMPARE(other.linesTable()->rowCount(), 0);
    QVERIFY(!other.findChild<QLabel *>(u"orderLinesNote"_s)->text().isEmpty());
    QVERIFY(other.findChild<QLabel *>(u"orderLinesNote"_s)->isVisibleTo(&other));

    // An order that is not in the store.
    OrderDialog missing(m_database, 99999);
    QVERIFY(!missing.order());
    QVERIFY(!missing.syncButton()->isEnabled());
}

void TestOrderDialog::linksOpenEachRecord_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("id");
    QTest::newRow("Order") << u"Order"_s << u"801000000000000005"_s;
    QTest::newRow("Account") << u"Account"_s << u"001000000000000005"_s;
    QTest::newRow("Contact") << u"Contact"_s << u"003000000000000005"_s;
    QTest::newRow("Opportunity") << u"Opportunity"_s << u"006000000000000005"_s;
}

void TestOrderDialog::linksOpenEachRecord()
{
    QFETCH(QString, object);
    QFETCH(QString, id);
    OrderDialog dialog(m_database, linkedOrder);
    QList<QUrl> browsed;
    dialog.setUrlOpener([&browsed](const QUrl &url) {
        browsed << url;
        return true;
    });
    dialog.setInstanceUrl(QUrl(u"https://acme.my.salesforce.com/"_s));
    const QUrl expected(u"https://acme.my.salesforce.com/lightning/r/%1/%2/view"_s.arg(object, id));
    QCOMPARE(dialog.linkFor(object), expected);
    QLabel *label = dialog.linkLabel(object);
    QVERIFY(label);
    QVERIFY2(label->text().contains(u"href=\""_s + expected.toString() + u'"'), qPrintable(label->text()));
    QVERIFY(label->text().contains(u'>' + id + u"</a>"_s));
    QVERIFY(label->textInteractionFlags() & Qt::LinksAccessibleByKeyboard);
    QVERIFY(!label->accessibleName().isEmpty());

    QSignalSpy opened(&dialog, &OrderDialog::salesforceRecordOpened);
    Q_EMIT label->linkActivated(expected.toString());
    QCOMPARE(browsed, QList<QUrl>{expected});
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toUrl(), expected);
}

void TestOrderDialog::linksAbsentWithoutIdOrInstance()
{
    QVERIFY(exec(*m_database, u"UPDATE orders SET sf_order_id = '801000000000000010' WHERE magento_entity_id = ?"_s,
                 {orderOnlyLinked}));
    OrderDialog dialog(m_database, orderOnlyLinked);
    dialog.setInstanceUrl(instance);
    QVERIFY(dialog.linkLabel(u"Order"_s)->text().contains(u"<a href="_s));
    for (const QString &object : {u"Account"_s, u"Contact"_s, u"Opportunity"_s}) {
        QVERIFY(dialog.linkFor(object).isEmpty());
        QLabel *label = dialog.linkLabel(object);
        QVERIFY2(!label->text().contains(u"<a"_s), qPrintable(label->text()));
        QCOMPARE(label->text(), u"Not linked"_s);
        QCOMPARE(label->focusPolicy(), Qt::NoFocus);
    }

    // Without the instance URL the IDs show, but as plain text.
    OrderDialog unsigned_(m_database, linkedOrder);
    QVERIFY(unsigned_.linkFor(u"Order"_s).isEmpty());
    QCOMPARE(unsigned_.linkLabel(u"Order"_s)->text(), u"801000000000000005"_s);
    // The sign-in arrives while the dialog is open: the IDs become links.
    unsigned_.setInstanceUrl(instance);
    QVERIFY(unsigned_.linkLabel(u"Contact"_s)->text().contains(u"/lightning/r/Contact/003000000000000005/view"_s));
}

void TestOrderDialog::recordUrlIsBuiltFromTheInstance_data()
{
    QTest::addColumn<QUrl>("instance");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QUrl>("expected");
    QTest::newRow("plain") << QUrl(u"https://acme.my.salesforce.com"_s) << u"Account"_s << u"001000000000000AAA"_s
                           << QUrl(u"https://acme.my.salesforce.com/lightning/r/Account/001000000000000AAA/view"_s);
    QTest::newRow("trailing slashes") << QUrl(u"https://acme.my.salesforce.com//"_s) << u"Order"_s << u"801x"_s
                                      << QUrl(u"https://acme.my.salesforce.com/lightning/r/Order/801x/view"_s);
    QTest::newRow("sandbox on a port") << QUrl(u"http://127.0.0.1:8443"_s) << u"Opportunity"_s << u"006y"_s
                                       << QUrl(u"http://127.0.0.1:8443/lightning/r/Opportunity/006y/view"_s);
    QTest::newRow("no id") << QUrl(u"https://acme.my.salesforce.com"_s) << u"Contact"_s << QString() << QUrl();
    QTest::newRow("no instance") << QUrl() << u"Contact"_s << u"003z"_s << QUrl();
}

void TestOrderDialog::recordUrlIsBuiltFromTheInstance()
{
    QFETCH(QUrl, instance);
    QFETCH(QString, object);
    QFETCH(QString, id);
    QFETCH(QUrl, expected);
    QCOMPARE(OrderDialog::recordUrl(instance, object, id), expected);
}

void TestOrderDialog::errorShowsCodeMessageAndFix()
{
    QVERIFY(exec(*m_database, u"UPDATE orders SET attempts = 3, next_retry_at = '2026-01-03T10:00:00.000Z' WHERE magento_entity_id = ?"_s,
                 {failedOrder}));
    QVERIFY(OrdersFixture::markError(*m_database, failedOrder, u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s,
                                     u"Status: choose a Draft status."_s, u"Set Default Status to a Draft value."_s));
    OrderDialog dialog(m_database, failedOrder);
    QCOMPARE(dialog.syncStatusLabel()->text(), u"Error"_s);
    const QString details = dialog.reasonLabel()->text();
    QVERIFY2(details.contains(u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s), qPrintable(details));
    QVERIFY(details.contains(u"Status: choose a Draft status."_s));
    QVERIFY(details.contains(u"Fix: Set Default Status to a Draft value."_s));
    QCOMPARE(dialog.attemptsLabel()->text(), u"3 failed"_s);
    QVERIFY(dialog.findChild<QLabel *>(u"orderNextRetry"_s)->text().contains(u"2026"_s)
            || dialog.findChild<QLabel *>(u"orderNextRetry"_s)->text().contains(u"26"_s));
    QVERIFY(!dialog.findChild<QLabel *>(u"orderSyncStatusIcon"_s)->pixmap().isNull());

    OrderDialog outOfSync(m_database, 2);
    QCOMPARE(outOfSync.syncStatusLabel()->text(), u"Out of Sync"_s);
    QCOMPARE(outOfSync.reasonLabel()->text(), u"Created only for paid orders."_s);
    QCOMPARE(outOfSync.findChild<QLabel *>(u"orderNextRetry"_s)->text(), u"None scheduled"_s);
}

void TestOrderDialog::historyListsAttemptsNewestFirst()
{
    const QString incrementId = OrdersFixture::incrementId(int(failedOrder));
    QVERIFY(addLog(*m_database, incrementId, u"2026-01-02T10:00:00.000Z"_s, u"error"_s, u"salesforce.UNABLE_TO_LOCK_ROW"_s,
                   u"unable to obtain exclusive access to this record"_s, u"Id"_s));
    QVERIFY(addLog(*m_database, incrementId, u"2026-01-02T10:05:00.000Z"_s, u"error"_s,
                   u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s, u"Status: choose a Draft status."_s, u"Status,Type"_s));
    QVERIFY(addLog(*m_database, incrementId, u"2026-01-02T09:00:00.000Z"_s, u"warning"_s, QString(),
                   u"Waiting for the invoice."_s));
    // Another order's entry stays out.
    QVERIFY(addLog(*m_database, OrdersFixture::incrementId(7), u"2026-01-02T11:00:00.000Z"_s, u"info"_s, QString(),
                   u"Synced to Salesforce Order 801."_s));

    OrderDialog dialog(m_database, failedOrder);
    AttemptHistoryModel *history = dialog.historyModel();
    QCOMPARE(dialog.historyView()->model(), history);
    QCOMPARE(history->rowCount(), 3);
    QCOMPARE(history->errorCount(), 2);
    QCOMPARE(history->index(0, AttemptHistoryModel::ErrorCodeColumn).data().toString(),
             u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s);
    QCOMPARE(history->index(0, AttemptHistoryModel::OutcomeColumn).data().toString(), u"Error"_s);
    QCOMPARE(history->index(0, AttemptHistoryModel::MessageColumn).data().toString(), u"Status: choose a Draft status."_s);
    QCOMPARE(history->index(0, 0).data(AttemptHistoryModel::FieldsRole).toStringList(), (QStringList{u"Status"_s, u"Type"_s}));
    QVERIFY(history->index(0, AttemptHistoryModel::MessageColumn).data(Qt::ToolTipRole).toString().contains(u"Status, Type"_s));
    QCOMPARE(history->index(0, AttemptHistoryModel::TimeColumn).data(AttemptHistoryModel::SortRole).toDateTime(),
             QDateTime(QDate(2026, 1, 2), QTime(10, 5), Qt::UTC));
    QCOMPARE(history->index(1, AttemptHistoryModel::ErrorCodeColumn).data().toString(), u"salesforce.UNABLE_TO_LOCK_ROW"_s);
    QCOMPARE(history->index(2, AttemptHistoryModel::OutcomeColumn).data().toString(), u"Warning"_s);
    QCOMPARE(history->index(2, AttemptHistoryModel::ErrorCodeColumn).data().toString(), QString());
    QVERIFY(!history->index(2, AttemptHistoryModel::TimeColumn).data().toString().isEmpty());
    QCOMPARE(dialog.findChild<QLabel *>(u"orderHistoryNote"_s)->text(), u"Entries: 3, newest first; errors among them: 2"_s);

    // An order without history says so.
    OrderDialog quiet(m_database, 1);
    QCOMPARE(quiet.historyModel()->rowCount(), 0);
    QVERIFY(quiet.findChild<QLabel *>(u"orderHistoryNote"_s)->text().contains(u"No sync"_s));
}

void TestOrderDialog::historyModelPassesTheTester()
{
    AttemptHistoryModel model(m_database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString incrementId = OrdersFixture::incrementId(3);
    QVERIFY(model.load(incrementId));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(addLog(*m_database, incrementId, u"2026-01-02T10:00:00.000Z"_s, u"error"_s, u"x.y"_s, u"Broken."_s, u"A,B"_s));
    QVERIFY(addLog(*m_database, incrementId, u"2026-01-02T10:01:00.000Z"_s, u"info"_s, QString(), u"Fine."_s));
    QVERIFY(model.reload());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(AttemptHistoryModel::ColumnCount));
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    QVERIFY(model.load(QString()));
    QCOMPARE(model.rowCount(), 0);
    AttemptHistoryModel noStore(nullptr);
    QAbstractItemModelTester noStoreTester(&noStore, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(noStore.load(incrementId));
    QCOMPARE(noStore.rowCount(), 0);
    QVERIFY(!QTest::currentTestFailed());
}

void TestOrderDialog::saveAndSyncAsksAndWaitsForTheAnswer()
{
    OrderDialog dialog(m_database, failedOrder);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QSignalSpy requested(&dialog, &OrderDialog::syncRequested);
    QSignalSpy previews(&dialog, &OrderDialog::previewRequested);
    dialog.showPreview(samplePreview(dialog.incrementId())); // the tab's preview arrived
    const int previewsBefore = int(previews.count());
    QVERIFY(dialog.syncButton()->isEnabled());
    QVERIFY(!dialog.syncProgress()->isVisible());
    QTest::mouseClick(dialog.syncButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toStringList(), QStringList{OrdersFixture::incrementId(int(failedOrder))});
    QVERIFY(dialog.isSyncPending());
    QVERIFY(dialog.syncProgress()->isVisible());
    QVERIFY(!dialog.syncButton()->isEnabled());
    dialog.syncOrder(); // one request at a time
    QCOMPARE(requested.count(), 1);

    // Another order's outcome does not end the wait.
    OrderBridge::OrderOutcome other;
    other.entityId = 7;
    other.incrementId = OrdersFixture::incrementId(7);
    other.status = SyncStatus::InSync;
    dialog.handleBatchFinished({other});
    QVERIFY(dialog.isSyncPending());

    // The worker recorded the sync, then reports it.
    QVERIFY(OrdersFixture::markInSync(*m_database, failedOrder, u"801000000000000004"_s));
    dialog.setInstanceUrl(instance);
    OrderBridge::OrderOutcome mine;
    mine.entityId = failedOrder;
    mine.incrementId = OrdersFixture::incrementId(int(failedOrder));
    mine.status = SyncStatus::InSync;
    mine.orderId = u"801000000000000004"_s;
    dialog.handleBatchFinished({other, mine});
    QVERIFY(!dialog.isSyncPending());
    QVERIFY(!dialog.syncProgress()->isVisible());
    QVERIFY(dialog.syncButton()->isEnabled());
    QCOMPARE(dialog.syncStatusLabel()->text(), u"In Sync"_s);
    QVERIFY(dialog.findChild<QLabel *>(u"orderSyncNews"_s)->text().contains(u"In Sync"_s));
    QCOMPARE(dialog.linkFor(u"Order"_s), QUrl(u"https://acme.my.salesforce.com/lightning/r/Order/801000000000000004/view"_s));
    // What Salesforce holds changed: the visible preview is asked for again.
    QCOMPARE(previews.count(), previewsBefore + 1);

    // Without a sync engine the button is not offered.
    dialog.setSyncAvailable(false);
    QVERIFY(!dialog.syncButton()->isEnabled());
    dialog.syncOrder();
    QCOMPARE(requested.count(), 1);
}

void TestOrderDialog::saveAndSyncEndsOnFailure()
{
    OrderDialog dialog(m_database, 3);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.syncOrder();
    QVERIFY(dialog.isSyncPending());
    dialog.handleFailed({u"sync.busy"_s, u"A sync is already running."_s, u"Wait for it to finish."_s, {}});
    QVERIFY(!dialog.isSyncPending());
    QVERIFY(!dialog.syncProgress()->isVisible());
    QVERIFY(dialog.findChild<QLabel *>(u"orderSyncNews"_s)->text().contains(u"Wait for it to finish."_s));

    // A run that ends without this order's outcome ends the wait too.
    dialog.syncOrder();
    QVERIFY(dialog.isSyncPending());
    OrderBridge::SyncRunSummary summary;
    summary.stoppedBecause = u"cancelled"_s;
    dialog.handleFinished(summary);
    QVERIFY(!dialog.isSyncPending());
    QVERIFY(dialog.findChild<QLabel *>(u"orderSyncNews"_s)->text().contains(u"cancelled"_s));
}

void TestOrderDialog::openingTheSalesforceTabAsksForThePreview()
{
    OrderDialog dialog(m_database, linkedOrder);
    QSignalSpy previews(&dialog, &OrderDialog::previewRequested);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(previews.count(), 0); // the Information tab is first
    dialog.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QCOMPARE(previews.count(), 1);
    QCOMPARE(previews.at(0).at(0).toString(), OrdersFixture::incrementId(int(linkedOrder)));
    QVERIFY(dialog.isPreviewPending());
    QVERIFY(!dialog.refreshPreviewButton()->isEnabled());
    // Back and forth while the answer is on its way: no second request.
    dialog.tabs()->setCurrentIndex(OrderDialog::InformationTab);
    dialog.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QCOMPARE(previews.count(), 1);

    // Another order's preview is not this dialog's.
    dialog.showPreview(samplePreview(OrdersFixture::incrementId(7)));
    QVERIFY(dialog.isPreviewPending());
    QCOMPARE(dialog.previewModel()->rowCount(), 0);
    dialog.showPreview(samplePreview(dialog.incrementId()));
    QVERIFY(!dialog.isPreviewPending());
    QVERIFY(dialog.refreshPreviewButton()->isEnabled());
    dialog.tabs()->setCurrentIndex(OrderDialog::InformationTab);
    dialog.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QCOMPARE(previews.count(), 1); // still current

    QTest::mouseClick(dialog.refreshPreviewButton(), Qt::LeftButton);
    QCOMPARE(previews.count(), 2);
}

void TestOrderDialog::previewShowsInsertUpdateAndNone()
{
    OrderDialog dialog(m_database, linkedOrder);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    dialog.showPreview(samplePreview(dialog.incrementId()));
    PreviewModel *model = dialog.previewModel();
    QCOMPARE(dialog.previewView()->model(), model);
    QCOMPARE(model->rowCount(), 3);

    // The Order is updated: Status changes, the total does not.
    const QModelIndex order = model->index(0, PreviewModel::NameColumn);
    QCOMPARE(order.data().toString(), u"Order"_s);
    QCOMPARE(model->index(0, PreviewModel::ChangeColumn).data().toString(), u"Update"_s);
    QCOMPARE(model->index(0, PreviewModel::SalesforceIdColumn).data().toString(), u"801000000000000005"_s);
    QCOMPARE(model->rowCount(order), 2);
    QVERIFY(dialog.previewView()->isExpanded(order));
    // Fields read alphabetically: Magento_Grand_Total__c, then Status.
    const QModelIndex total = model->index(0, PreviewModel::NameColumn, order);
    const QModelIndex status = model->index(1, PreviewModel::NameColumn, order);
    QCOMPARE(total.data().toString(), u"Magento_Grand_Total__c"_s);
    QCOMPARE(model->index(0, PreviewModel::SendingColumn, order).data().toString(), u"45.25"_s);
    QCOMPARE(model->index(0, PreviewModel::CurrentColumn, order).data().toString(), u"45.25"_s);
    QCOMPARE(model->index(0, PreviewModel::ChangeColumn, order).data().toString(), u"Unchanged"_s);
    QVERIFY(!total.data(PreviewModel::ChangedRole).toBool());
    QCOMPARE(status.data().toString(), u"Status"_s);
    QCOMPARE(model->index(1, PreviewModel::SendingColumn, order).data().toString(), u"Activated"_s);
    QCOMPARE(model->index(1, PreviewModel::CurrentColumn, order).data().toString(), u"Draft"_s);
    QCOMPARE(model->index(1, PreviewModel::ChangeColumn, order).data().toString(), u"Changed"_s);
    QVERIFY(status.data(PreviewModel::ChangedRole).toBool());

    // Changed is marked in words and type, not only by colour.
    ExposedPreviewDelegate delegate;
    QStyleOptionViewItem changedOption;
    delegate.initStyleOption(&changedOption, model->index(1, PreviewModel::SendingColumn, order));
    QVERIFY(changedOption.font.bold());
    QVERIFY(changedOption.backgroundBrush.style() != Qt::NoBrush);
    QStyleOptionViewItem sameOption;
    delegate.initStyleOption(&sameOption, model->index(0, PreviewModel::SendingColumn, order));
    QVERIFY(!sameOption.font.bold());
    QCOMPARE(sameOption.backgroundBrush.style(), Qt::NoBrush);

    // The Note is inserted: every value is new, null clears.
    const QModelIndex note = model->index(1, PreviewModel::NameColumn);
    QCOMPARE(model->index(1, PreviewModel::ChangeColumn).data().toString(), u"Insert"_s);
    QCOMPARE(model->index(1, PreviewModel::SalesforceIdColumn).data().toString(), u"(new)"_s);
    QCOMPARE(note.data(PreviewModel::OperationRole).toString(), u"insert"_s);
    QCOMPARE(model->rowCount(note), 2);
    QCOMPARE(model->index(0, PreviewModel::NameColumn, note).data().toString(), u"Body"_s);
    QCOMPARE(model->index(0, PreviewModel::SendingColumn, note).data().toString(), u"(empty)"_s);
    QCOMPARE(model->index(0, PreviewModel::ChangeColumn, note).data().toString(), u"New"_s);
    QCOMPARE(model->index(0, PreviewModel::CurrentColumn, note).data().toString(), QString());
    QVERIFY(model->index(1, PreviewModel::NameColumn, note).data(PreviewModel::ChangedRole).toBool());

    // The Account is left alone.
    const QModelIndex account = model->index(2, PreviewModel::NameColumn);
    QCOMPARE(model->index(2, PreviewModel::ChangeColumn).data().toString(), u"No change"_s);
    QVERIFY(!account.data(PreviewModel::ChangedRole).toBool());
    QCOMPARE(model->index(0, PreviewModel::ChangeColumn, account).data().toString(), u"Unchanged"_s);

    QCOMPARE(model->changedFieldCount(), 3);
    const QString summary = dialog.previewStatusLabel()->text();
    QVERIFY2(summary.contains(u"inserts: 1, updates: 1"_s), qPrintable(summary));
    QVERIFY(summary.contains(u"values that change: 3"_s));

    // Nothing to write.
    OrderBridge::OrderPreview same;
    same.incrementId = dialog.incrementId();
    same.status = SyncStatus::InSync;
    same.records << record(u"Order"_s, u"none"_s, u"801000000000000005"_s, {{u"Status"_s, u"Draft"_s}},
                           {{u"Status"_s, u"Draft"_s}});
    dialog.showPreview(same);
    QCOMPARE(dialog.previewModel()->changedFieldCount(), 0);
    QVERIFY(dialog.previewStatusLabel()->text().contains(u"writes nothing"_s));
}

void TestOrderDialog::previewShowsTheErrorOrTheReason()
{
    OrderDialog dialog(m_database, linkedOrder);
    OrderBridge::OrderPreview failing;
    failing.incrementId = dialog.incrementId();
    failing.status = SyncStatus::Error;
    failing.error = {u"mapping.invalid_value"_s, u"Order.Status: 'Shipped' is not a value of the picklist."_s,
                     u"Map the status to an Order Status value under Salesforce › Fields Mapping."_s, {u"Status"_s}};
    dialog.showPreview(failing);
    const QString text = dialog.previewStatusLabel()->text();
    QVERIFY2(text.contains(u"mapping.invalid_value"_s), qPrintable(text));
    QVERIFY(text.contains(u"'Shipped' is not a value"_s));
    QVERIFY(text.contains(u"Fix: Map the status"_s));
    QVERIFY(text.contains(u"Fields: Status"_s));
    QCOMPARE(dialog.previewModel()->rowCount(), 0);
    QVERIFY(!dialog.findChild<QLabel *>(u"orderPreviewIcon"_s)->pixmap().isNull());

    OrderBridge::OrderPreview ineligible;
    ineligible.incrementId = dialog.incrementId();
    ineligible.status = SyncStatus::OutOfSync;
    ineligible.reason = u"Created only for paid orders."_s;
    dialog.showPreview(ineligible);
    QCOMPARE(dialog.previewStatusLabel()->text(), u"Out of Sync: Created only for paid orders."_s);
}

void TestOrderDialog::previewModelPassesTheTester()
{
    PreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setPreview(samplePreview(u"100000005"_s));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(PreviewModel::ColumnCount));
    // Fields have no children; columns other than the first have none either.
    const QModelIndex order = model.index(0, 0);
    QCOMPARE(model.rowCount(model.index(0, 0, order)), 0);
    QCOMPARE(model.rowCount(model.index(0, 1)), 0);
    QCOMPARE(model.parent(model.index(1, 2, order)), order);
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    model.setPreview(samplePreview(u"100000006"_s));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!QTest::currentTestFailed());
}

void TestOrderDialog::previewValuesAreExact_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << QJsonValue(u"Draft"_s) << u"Draft"_s;
    QTest::newRow("decimal") << QJsonValue(90.19) << u"90.19"_s;
    QTest::newRow("integer") << QJsonValue(3) << u"3"_s;
    QTest::newRow("bool") << QJsonValue(true) << u"true"_s;
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << u"(empty)"_s;
    QTest::newRow("object") << QJsonValue(QJsonObject{{u"Magento_Order_Id__c"_s, u"100000005"_s}})
                            << u"{\"Magento_Order_Id__c\":\"100000005\"}"_s;
}

void TestOrderDialog::previewValuesAreExact()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, text);
    QCOMPARE(PreviewModel::valueText(value), text);
    QVERIFY(!PreviewModel::differs(value, value));
    QVERIFY(PreviewModel::differs(QJsonValue(90.19), QJsonValue(90.2)));
    QVERIFY(!PreviewModel::differs(QJsonValue(45), QJsonValue(u"45"_s)));
}

void TestOrderDialog::keyboardAndAccessibility()
{
    auto *dialog = new OrderDialog(m_database, linkedOrder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<OrderDialog> guard(dialog);
    dialog->setInstanceUrl(instance);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));

    // Every control a keyboard reaches has a name a screen reader can say.
    const QList<QWidget *> widgets = dialog->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        const bool control = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QAbstractItemView *>(widget)
            || qobject_cast<QTabWidget *>(widget) || qobject_cast<QProgressBar *>(widget)
            || (qobject_cast<QLabel *>(widget) && widget->focusPolicy() != Qt::NoFocus);
        if (!control || widget->objectName().startsWith(u"qt_"_s) || !widget->objectName().size())
            continue;
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }

    // Ctrl+Tab reaches the Salesforce tab.
    dialog->tabs()->setFocus();
    QCOMPARE(dialog->tabs()->currentIndex(), int(OrderDialog::InformationTab));
    QTest::keyClick(dialog->tabs(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(dialog->tabs()->currentIndex(), int(OrderDialog::SalesforceTab));
    // The record links are in the tab chain.
    QVERIFY(dialog->linkLabel(u"Order"_s)->focusPolicy() & Qt::TabFocus);

    // Esc closes.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(guard.isNull());
}

void TestOrderDialog::informationBlocksAsMagentoShowsThem()
{
    OrderDialog dialog(m_database, linkedOrder);
    QCOMPARE(dialog.billingAddressLabel()->text(),
             u"Jane Doe\n1 Main St\nSuite 5\nAustin, Texas 78701\nUS\nT: 5550100"_s);
    QCOMPARE(dialog.shippingAddressLabel()->text(), u"John Roe\nRoe & Co\n9 Side Rd\nDallas, Texas 75201\nUS"_s);
    QCOMPARE(dialog.paymentMethodLabel()->text(), u"Check / Money order"_s);
    QCOMPARE(dialog.shippingMethodLabel()->text(), u"Flat Rate - Fixed"_s);
    // Totals in Magento's order, the discount only because there is one, none Magento did not send.
    QTableWidget *totals = dialog.totalsTable();
    QStringList rows;
    for (int row = 0; row < totals->rowCount(); ++row)
        rows << totals->item(row, 0)->text() + u'=' + totals->item(row, 1)->text();
    QCOMPARE(rows, (QStringList{u"Subtotal=$138.00"_s, u"Discount="_s + OrdersTableModel::formatMoney(-10, u"USD"_s), u"Shipping & Handling=$5.00"_s,
                                u"Tax=$0.00"_s, u"Grand Total=$133.00"_s, u"Total Paid=$133.00"_s, u"Total Due=$0.00"_s}));
    QVERIFY(totals->item(4, 0)->font().bold());
    // Comments newest first, with the status and whether the customer was told.
    QTableWidget *comments = dialog.commentsTable();
    QCOMPARE(comments->rowCount(), 2);
    QCOMPARE(comments->item(0, 3)->text(), u"Leave at the back door."_s);
    QCOMPARE(comments->item(0, 1)->text(), u"Processing"_s);
    QCOMPARE(comments->item(0, 2)->text(), u"Notified"_s);
    QCOMPARE(comments->item(0, 0)->text(), LocalDateText::dateTime(QDateTime(QDate(2026, 1, 2), QTime(10, 0), Qt::UTC)));
    QCOMPARE(comments->item(1, 1)->text(), u"Pending"_s);
    QCOMPARE(comments->item(1, 3)->text(), QString());

    // An order whose Magento JSON the store does not hold yet says where the blocks come from.
    OrderDialog other(m_database, 3);
    QVERIFY(other.billingAddressLabel()->text().contains(u"next sync"_s));
    QCOMPARE(other.totalsTable()->rowCount(), 0);
}

void TestOrderDialog::opensOnTheLastTab()
{
    {
        OrderDialog first(m_database, linkedOrder);
        QCOMPARE(first.tabs()->currentIndex(), int(OrderDialog::InformationTab));
        first.tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    }
    OrderDialog second(m_database, linkedOrder);
    QSignalSpy preview(&second, &OrderDialog::previewRequested);
    QCOMPARE(second.tabs()->currentIndex(), int(OrderDialog::SalesforceTab));
    // Opened there, it still asks for the preview once the caller is listening.
    QTRY_COMPARE(preview.count(), 1);
    second.tabs()->setCurrentIndex(OrderDialog::InformationTab);
    OrderDialog third(m_database, linkedOrder);
    QCOMPARE(third.tabs()->currentIndex(), int(OrderDialog::InformationTab));
}

QTEST_MAIN(TestOrderDialog)
#include "tst_orderdialog.moc"
