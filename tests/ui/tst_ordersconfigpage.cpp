#include "mainwindow.h"
#include "ordersconfigpage.h"
#include "store/database.h"
#include "store/settingsrepository.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;

using Edit = std::function<void(OrdersConfigPage &)>;
Q_DECLARE_METATYPE(Edit)

class TestOrdersConfigPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void loadsTheWalkthroughDefaults();
    void statusListShownOnlyWhenNotSyncingAll();
    void applySavesEveryChangedOption();
    void invalidConfigurationIsRefused_data();
    void invalidConfigurationIsRefused();
    void everyControlHasAnAccessibleNameAndHelp();
    void mainWindowShowsThePageWithAStore();

private:
    [[nodiscard]] OrderBridge::Settings stored() const;

    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
    int m_run = 0;
};

namespace {
QComboBox *combo(const OrdersConfigPage &page, const QString &key)
{
    return qobject_cast<QComboBox *>(page.control(key));
}
QSpinBox *spin(const OrdersConfigPage &page, const QString &key)
{
    return qobject_cast<QSpinBox *>(page.control(key));
}
QLineEdit *edit(const OrdersConfigPage &page, const QString &key)
{
    return qobject_cast<QLineEdit *>(page.control(key));
}
QListWidget *statusList(const OrdersConfigPage &page)
{
    return qobject_cast<QListWidget *>(page.control(u"orders.order_statuses"_s));
}
void checkStatus(const OrdersConfigPage &page, const QString &status)
{
    const QList<QListWidgetItem *> items = statusList(page)->findItems(status, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    items.first()->setCheckState(Qt::Checked);
}
void replaceText(QLineEdit *lineEdit, const QString &text)
{
    // Typed like an operator, so textEdited fires as it does in use.
    lineEdit->setFocus();
    lineEdit->selectAll();
    QTest::keyClick(lineEdit, Qt::Key_Delete);
    if (!text.isEmpty())
        QTest::keyClicks(lineEdit, text);
}
}

void TestOrdersConfigPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestOrdersConfigPage::init()
{
    m_database.reset();
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"config-%1.sqlite"_s.arg(++m_run)));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
}

OrderBridge::Settings TestOrdersConfigPage::stored() const
{
    auto settings = OrderBridge::SettingsRepository(m_database).load();
    if (!settings)
        qFatal("%s", qPrintable(settings.error().toString()));
    return *settings;
}

void TestOrdersConfigPage::loadsTheWalkthroughDefaults()
{
    OrdersConfigPage page(m_database);
    QCOMPARE(page.tabs()->count(), 2);
    QCOMPARE(page.tabs()->tabText(0), u"Order Configuration"_s);
    QCOMPARE(page.tabs()->tabText(1), u"Advanced"_s);
    // The walkthrough's example values.
    QCOMPARE(combo(page, u"orders.automated_synchronization"_s)->currentText(), u"Yes"_s);
    QCOMPARE(combo(page, u"orders.zero_grand_total"_s)->currentText(), u"Synchronize"_s);
    QCOMPARE(combo(page, u"orders.synchronize_order_notes"_s)->currentText(), u"Yes"_s);
    QCOMPARE(combo(page, u"orders.note_object"_s)->currentText(), u"Note"_s);
    QCOMPARE(combo(page, u"orders.default_status"_s)->currentText(), u"Draft"_s);
    QVERIFY(combo(page, u"orders.default_status"_s)->isEditable());
    QCOMPARE(combo(page, u"orders.sync_all_orders"_s)->currentText(), u"Yes"_s);
    QCOMPARE(combo(page, u"advanced.create_order"_s)->currentText(), u"For paid order"_s);
    QCOMPARE(combo(page, u"advanced.create_opportunity"_s)->currentText(), u"No"_s);
    QCOMPARE(spin(page, u"advanced.sales_cycle_length_days"_s)->value(), 15);
    QCOMPARE(edit(page, u"advanced.price_book"_s)->text(), u"Magento Default"_s);
    QCOMPARE(edit(page, u"advanced.opportunity_stage_draft"_s)->text(), u"Prospecting"_s);
    QCOMPARE(combo(page, u"advanced.create_missing_products"_s)->currentText(), u"No"_s);
    QCOMPARE(spin(page, u"engine.polling_interval_seconds"_s)->value(), 60);
    QCOMPARE(spin(page, u"engine.batch_size"_s)->value(), 200);
    QCOMPARE(spin(page, u"engine.max_attempts"_s)->value(), 5);
    QCOMPARE(spin(page, u"engine.api_share_percent"_s)->value(), 50);
    QCOMPARE(statusList(page)->count(), 9);
    QVERIFY(!page.applyButton()->isEnabled());
    QVERIFY(page.errorLabel()->isHidden());
}

void TestOrdersConfigPage::statusListShownOnlyWhenNotSyncingAll()
{
    OrdersConfigPage page(m_database);
    QVERIFY(statusList(page)->isHidden());
    combo(page, u"orders.sync_all_orders"_s)->setCurrentIndex(1); // No
    QVERIFY(!statusList(page)->isHidden());
    QVERIFY(page.applyButton()->isEnabled());
    combo(page, u"orders.sync_all_orders"_s)->setCurrentIndex(0); // Yes
    QVERIFY(statusList(page)->isHidden());
}

void TestOrdersConfigPage::applySavesEveryChangedOption()
{
    OrdersConfigPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy saved(&page, &OrdersConfigPage::statusMessage);

    combo(page, u"orders.automated_synchronization"_s)->setCurrentIndex(1);
    combo(page, u"orders.zero_grand_total"_s)->setCurrentIndex(1);
    combo(page, u"orders.note_object"_s)->setCurrentIndex(1);
    combo(page, u"orders.sync_all_orders"_s)->setCurrentIndex(1);
    checkStatus(page, u"processing"_s);
    checkStatus(page, u"complete"_s);
    combo(page, u"advanced.create_order"_s)->setCurrentIndex(1);
    combo(page, u"advanced.create_opportunity"_s)->setCurrentIndex(1);
    spin(page, u"advanced.sales_cycle_length_days"_s)->setValue(30);
    spin(page, u"engine.batch_size"_s)->setValue(100);
    page.tabs()->setCurrentIndex(1);
    replaceText(edit(page, u"advanced.price_book"_s), u"  Standard Price Book  "_s);
    QVERIFY(page.applyButton()->isEnabled());

    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QVERIFY(page.errorLabel()->isHidden());
    QVERIFY(!page.applyButton()->isEnabled());
    QCOMPARE(saved.count(), 1);

    const OrderBridge::Settings settings = stored();
    QCOMPARE(settings.automatedSynchronization(), false);
    QCOMPARE(settings.zeroGrandTotal(), OrderBridge::ZeroGrandTotal::DoNotSynchronize);
    QCOMPARE(settings.noteObject(), OrderBridge::NoteObject::ContentNote);
    QCOMPARE(settings.syncAllOrders(), false);
    QCOMPARE(settings.orderStatuses(), (QStringList{u"processing"_s, u"complete"_s}));
    QCOMPARE(settings.createOrder(), OrderBridge::CreateOrderMode::Every);
    QCOMPARE(settings.createOpportunity(), OrderBridge::CreateOpportunityMode::Every);
    QCOMPARE(settings.salesCycleLengthDays(), 30);
    QCOMPARE(settings.batchSize(), 100);
    QCOMPARE(settings.priceBook(), u"Standard Price Book"_s);
    // Unchanged options keep their values.
    QCOMPARE(settings.synchronizeOrderNotes(), true);
    QCOMPARE(settings.defaultStatus(), u"Draft"_s);
    // The page shows the normalised value it stored.
    QCOMPARE(edit(page, u"advanced.price_book"_s)->text(), u"Standard Price Book"_s);

    // A new page reads back what was saved.
    OrdersConfigPage reopened(m_database);
    QCOMPARE(combo(reopened, u"advanced.create_order"_s)->currentText(), u"For every order"_s);
    QCOMPARE(combo(reopened, u"orders.sync_all_orders"_s)->currentText(), u"No"_s);
    QCOMPARE(statusList(reopened)->findItems(u"complete"_s, Qt::MatchExactly).first()->checkState(), Qt::Checked);
    QCOMPARE(statusList(reopened)->findItems(u"pending"_s, Qt::MatchExactly).first()->checkState(), Qt::Unchecked);
}

void TestOrdersConfigPage::invalidConfigurationIsRefused_data()
{
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("offendingKey");
    QTest::addColumn<int>("tab");

    QTest::newRow("sync all orders No without a status")
        << Edit([](OrdersConfigPage &page) { combo(page, u"orders.sync_all_orders"_s)->setCurrentIndex(1); })
        << u"orders.order_statuses"_s << 0;
    QTest::newRow("empty default status")
        << Edit([](OrdersConfigPage &page) { combo(page, u"orders.default_status"_s)->setEditText(QString()); })
        << u"orders.default_status"_s << 0;
    QTest::newRow("empty opportunity stage")
        << Edit([](OrdersConfigPage &page) { replaceText(edit(page, u"advanced.opportunity_stage_cart"_s), {}); })
        << u"advanced.opportunity_stage_cart"_s << 1;
}

void TestOrdersConfigPage::invalidConfigurationIsRefused()
{
    QFETCH(Edit, edit);
    QFETCH(QString, offendingKey);
    QFETCH(int, tab);

    OrdersConfigPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.tabs()->setCurrentIndex(tab);
    // Other valid edits alongside the bad one: none of them may be saved either.
    spin(page, u"engine.max_attempts"_s)->setValue(9);
    edit(page);
    // Start on the other tab: the page must bring the offending control into view.
    page.tabs()->setCurrentIndex(1 - tab);
    page.applyButton()->setFocus();
    QVERIFY(page.applyButton()->isEnabled());

    QTest::mouseClick(page.applyButton(), Qt::LeftButton);

    QVERIFY(!page.errorLabel()->isHidden());
    QVERIFY(!page.errorLabel()->text().isEmpty());
    QCOMPARE(page.tabs()->currentIndex(), tab);
    QCOMPARE(page.focusWidget(), page.control(offendingKey));
    // Nothing saved: the store still holds every default.
    QVERIFY(stored() == OrderBridge::Settings());
    QVERIFY(page.applyButton()->isEnabled());
}

void TestOrdersConfigPage::everyControlHasAnAccessibleNameAndHelp()
{
    OrdersConfigPage page(m_database);
    const QList<QWidget *> controls = page.findChildren<QWidget *>();
    int checked = 0;
    for (const QString &key : {u"orders.automated_synchronization"_s, u"orders.zero_grand_total"_s,
                               u"orders.synchronize_order_notes"_s, u"orders.note_object"_s,
                               u"orders.default_status"_s, u"orders.sync_all_orders"_s, u"orders.order_statuses"_s,
                               u"advanced.create_order"_s, u"advanced.create_opportunity"_s,
                               u"advanced.sales_cycle_length_days"_s, u"advanced.opportunity_stage_draft"_s,
                               u"advanced.opportunity_stage_converted"_s, u"advanced.opportunity_stage_cart"_s,
                               u"advanced.price_book"_s, u"advanced.create_missing_products"_s,
                               u"engine.polling_interval_seconds"_s, u"engine.batch_size"_s,
                               u"engine.max_attempts"_s, u"engine.api_share_percent"_s}) {
        QWidget *control = page.control(key);
        QVERIFY2(control, qPrintable(key));
        QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(key));
        QVERIFY2(!control->toolTip().isEmpty(), qPrintable(key));
        QVERIFY2(controls.contains(control), qPrintable(key));
        ++checked;
    }
    QCOMPARE(checked, 19);
    QCOMPARE(page.control(u"orders.automated_synchronization"_s)->toolTip(),
             u"Created orders and any changes with them will be automatically synchronized."_s);
    QVERIFY(!page.applyButton()->accessibleName().isEmpty());
}

void TestOrdersConfigPage::mainWindowShowsThePageWithAStore()
{
    MainWindow withStore(m_database);
    QVERIFY(qobject_cast<OrdersConfigPage *>(withStore.pages()->widget(MainWindow::SalesforceOrdersPage)));
    MainWindow withoutStore;
    QVERIFY(!qobject_cast<OrdersConfigPage *>(withoutStore.pages()->widget(MainWindow::SalesforceOrdersPage)));
    QCOMPARE(withoutStore.pages()->widget(MainWindow::SalesforceOrdersPage)->objectName(), u"salesforceOrdersPage"_s);
}

QTEST_MAIN(TestOrdersConfigPage)
#include "tst_ordersconfigpage.moc"
