#include "mainwindow.h"
#include "settings/ordersconfigpage.h"
#include "store/database.h"
#include "settings/settingoption.h"
#include "settings/settingscatalog.h"
#include "store/settingsrepository.h"
#include "sync/consoletypes.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
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
    void applyRequestsEveryOptionAsCommandLineText();
    void rejectedSaveKeepsTheEditsAndFocusesTheNamedControl();
    void editsWhileSavingAreKept();
    void applyWithoutAWorkerExplains();
    void invalidConfigurationIsRefused_data();
    void invalidConfigurationIsRefused();
    void defaultStatusSaysItIsNotFromTheOrgYet();
    void syncSinceIsSavedAsUtcAndMayBeCleared();
    void defaultStatusOffersTheOrgsDraftValues();
    void storedStatusOutsideTheDraftGroupIsFlaggedAndRefused_data();
    void storedStatusOutsideTheDraftGroupIsFlaggedAndRefused();
    void everyControlHasAnAccessibleNameAndHelp();
    void everyLabelHasItsOwnMnemonic();
    void mainWindowShowsThePageWithAStore();

private:
    [[nodiscard]] OrderBridge::Settings stored() const;
    void store(const QString &key, const QString &text) const;
    /// Answers applyRequested as the settings update on the worker does, from the event loop (queued, as
    /// across the worker's thread): each value parsed as its option requires, the whole validated
    /// and stored, then handleSaved() or handleRejected().
    void answerLikeTheWorker(OrdersConfigPage &page, QList<QHash<QString, QString>> *requests = nullptr) const;

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
QList<OrderBridge::OrderStatusValue> orgStatuses()
{
    // As an org's Order Status picklist reads: two Draft values (one with a label unlike its API
    // value) and the standard Activated one.
    return {{u"Draft"_s, u"Draft"_s, u"Draft"_s, true},
            {u"Awaiting Magento"_s, u"Awaiting Magento Updates"_s, u"Draft"_s, false},
            {u"Activated"_s, u"Activated"_s, u"Activated"_s, false}};
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

void TestOrdersConfigPage::store(const QString &key, const QString &text) const
{
    const OrderBridge::SettingsRepository repository(m_database);
    OrderBridge::Settings settings = stored();
    if (auto set = settings.set(key, text); !set)
        qFatal("%s", qPrintable(set.error().toString()));
    if (auto saved = repository.save(settings); !saved)
        qFatal("%s", qPrintable(saved.error().toString()));
}

void TestOrdersConfigPage::answerLikeTheWorker(OrdersConfigPage &page, QList<QHash<QString, QString>> *requests) const
{
    std::shared_ptr<OrderBridge::Database> database = m_database;
    QObject::connect(
        &page, &OrdersConfigPage::applyRequested, &page,
        [&page, database, requests](const QHash<QString, QString> &values) {
            if (requests)
                requests->append(values);
            QHash<QString, QVariant> typed = OrderBridge::SettingsRepository(database).load()->values();
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                const OrderBridge::SettingOption *option = OrderBridge::SettingsCatalog::find(it.key());
                if (!option) {
                    page.handleRejected(OrderBridge::Settings::unknownKeyError(it.key()));
                    return;
                }
                auto parsed = option->parse(it.value());
                if (!parsed) {
                    OrderBridge::Error error = parsed.error();
                    error.fields.prepend(it.key());
                    page.handleRejected(error);
                    return;
                }
                typed.insert(it.key(), *parsed);
            }
            auto settings = OrderBridge::Settings::fromValues(typed);
            if (!settings) {
                page.handleRejected(settings.error());
                return;
            }
            if (auto saved = OrderBridge::SettingsRepository(database).save(*settings); !saved) {
                page.handleRejected(saved.error());
                return;
            }
            page.handleSaved();
        },
        Qt::QueuedConnection);
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
    answerLikeTheWorker(page);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy messages(&page, &OrdersConfigPage::statusMessage);
    QSignalSpy requested(&page, &OrdersConfigPage::applyRequested);

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
    // The page asked for the save and waits for the worker's answer with Apply off.
    QCOMPARE(requested.count(), 1);
    QVERIFY(page.isSaving());
    QVERIFY(!page.applyButton()->isEnabled());
    QVERIFY(stored() == OrderBridge::Settings());
    QTRY_VERIFY(!page.isSaving());
    QVERIFY(page.errorLabel()->isHidden());
    QVERIFY(!page.applyButton()->isEnabled());
    QCOMPARE(messages.count(), 2);
    QCOMPARE(messages.last().first().toString(), u"Orders configuration saved."_s);

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

void TestOrdersConfigPage::applyRequestsEveryOptionAsCommandLineText()
{
    OrdersConfigPage page(m_database);
    QList<QHash<QString, QString>> requests;
    answerLikeTheWorker(page, &requests);
    combo(page, u"orders.sync_all_orders"_s)->setCurrentIndex(1);
    checkStatus(page, u"pending"_s);
    checkStatus(page, u"holded"_s);
    combo(page, u"advanced.create_missing_products"_s)->setCurrentIndex(0);
    spin(page, u"engine.max_attempts"_s)->setValue(7);
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());

    QCOMPARE(requests.size(), 1);
    const QHash<QString, QString> &values = requests.first();
    // The whole configuration, every option the page edits, so the worker validates it whole.
    QCOMPARE(values.size(), OrderBridge::SettingsCatalog::options().size());
    QCOMPARE(values.value(u"orders.sync_all_orders"_s), u"false"_s);
    QCOMPARE(values.value(u"orders.order_statuses"_s), u"pending,holded"_s);
    QCOMPARE(values.value(u"advanced.create_missing_products"_s), u"true"_s);
    QCOMPARE(values.value(u"engine.max_attempts"_s), u"7"_s);
    QCOMPARE(values.value(u"advanced.create_order"_s), u"paid"_s);
    QCOMPARE(values.value(u"orders.default_status"_s), u"Draft"_s);
    // Each value parses back, as orderbridge-cli config set would read it.
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const OrderBridge::SettingOption *option = OrderBridge::SettingsCatalog::find(it.key());
        QVERIFY2(option, qPrintable(it.key()));
        const auto parsed = option->parse(it.value());
        QVERIFY2(parsed.has_value(), qPrintable(it.key() + u'=' + it.value()));
    }
    QCOMPARE(stored().orderStatuses(), (QStringList{u"pending"_s, u"holded"_s}));
    QCOMPARE(stored().maxAttempts(), 7);
}

void TestOrdersConfigPage::rejectedSaveKeepsTheEditsAndFocusesTheNamedControl()
{
    OrdersConfigPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const OrderBridge::Error refusal{u"salesforce.price_book_missing"_s,
                                     u"The price book \"Wholesale\" does not exist in the org."_s,
                                     u"Create it in Salesforce or name an existing one."_s,
                                     {u"advanced.price_book"_s}};
    QObject::connect(&page, &OrdersConfigPage::applyRequested, &page,
                     [&page, refusal] { page.handleRejected(refusal); }, Qt::QueuedConnection);
    QSignalSpy messages(&page, &OrdersConfigPage::statusMessage);

    replaceText(edit(page, u"advanced.price_book"_s), u"Wholesale"_s);
    spin(page, u"engine.batch_size"_s)->setValue(50);
    page.tabs()->setCurrentIndex(0);
    page.applyButton()->setFocus();
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QVERIFY(!page.applyButton()->isEnabled());
    QTRY_VERIFY(!page.isSaving());

    QVERIFY(!page.errorLabel()->isHidden());
    QCOMPARE(page.errorLabel()->text(), refusal.toString());
    QCOMPARE(page.tabs()->currentIndex(), 1);
    QCOMPARE(page.focusWidget(), page.control(u"advanced.price_book"_s));
    // The edits stay for the operator to fix and apply again.
    QCOMPARE(edit(page, u"advanced.price_book"_s)->text(), u"Wholesale"_s);
    QCOMPARE(spin(page, u"engine.batch_size"_s)->value(), 50);
    QVERIFY(page.applyButton()->isEnabled());
    QCOMPARE(messages.last().first().toString(), u"Orders configuration not saved."_s);
    QVERIFY(stored() == OrderBridge::Settings());
}

void TestOrdersConfigPage::editsWhileSavingAreKept()
{
    OrdersConfigPage page(m_database);
    answerLikeTheWorker(page);
    spin(page, u"engine.batch_size"_s)->setValue(120);
    QVERIFY(page.apply());
    // Apply stays off while the save is in flight, even for a further edit, and a second Apply is ignored.
    spin(page, u"engine.max_attempts"_s)->setValue(3);
    QVERIFY(!page.applyButton()->isEnabled());
    QVERIFY(!page.apply());
    QTRY_VERIFY(!page.isSaving());

    QCOMPARE(stored().batchSize(), 120);
    QCOMPARE(stored().maxAttempts(), 5);
    QCOMPARE(spin(page, u"engine.max_attempts"_s)->value(), 3);
    QVERIFY(page.applyButton()->isEnabled());
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());
    QCOMPARE(stored().maxAttempts(), 3);
    QVERIFY(!page.applyButton()->isEnabled());
}

void TestOrdersConfigPage::applyWithoutAWorkerExplains()
{
    OrdersConfigPage page(m_database);
    spin(page, u"engine.batch_size"_s)->setValue(120);
    QVERIFY(!page.apply());
    QVERIFY(!page.isSaving());
    QVERIFY(!page.errorLabel()->isHidden());
    QVERIFY(page.errorLabel()->text().contains(u"No sync engine"_s));
    QVERIFY(page.applyButton()->isEnabled());
    QVERIFY(stored() == OrderBridge::Settings());
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
    QTest::newRow("sync since not a date")
        << Edit([](OrdersConfigPage &page) { replaceText(edit(page, u"orders.sync_since"_s), u"last week"_s); })
        << u"orders.sync_since"_s << 0;
}

void TestOrdersConfigPage::invalidConfigurationIsRefused()
{
    QFETCH(Edit, edit);
    QFETCH(QString, offendingKey);
    QFETCH(int, tab);

    OrdersConfigPage page(m_database);
    answerLikeTheWorker(page);
    QSignalSpy requested(&page, &OrdersConfigPage::applyRequested);
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
    // Nothing requested, nothing saved: the store still holds every default.
    QCOMPARE(requested.count(), 0);
    QVERIFY(!page.isSaving());
    QVERIFY(stored() == OrderBridge::Settings());
    QVERIFY(page.applyButton()->isEnabled());
}

void TestOrdersConfigPage::defaultStatusSaysItIsNotFromTheOrgYet()
{
    OrdersConfigPage page(m_database);
    QVERIFY(!page.hasLiveOrderStatuses());
    QComboBox *status = combo(page, u"orders.default_status"_s);
    QVERIFY(status->isEditable());
    QCOMPARE(status->currentText(), u"Draft"_s);
    QVERIFY(page.defaultStatusNote()->text().contains(u"not from the org yet"_s));
    // A value typed by hand is taken as today: the org checks it when it syncs.
    answerLikeTheWorker(page);
    status->setEditText(u"Pending Review"_s);
    QVERIFY(page.applyButton()->isEnabled());
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());
    QCOMPARE(stored().defaultStatus(), u"Pending Review"_s);
}

void TestOrdersConfigPage::syncSinceIsSavedAsUtcAndMayBeCleared()
{
    OrdersConfigPage page(m_database);
    answerLikeTheWorker(page);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QLineEdit *since = edit(page, u"orders.sync_since"_s);
    QVERIFY(since);
    QVERIFY(since->text().isEmpty()); // all history
    replaceText(since, u"2026-01-31"_s);
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());
    QCOMPARE(stored().syncSince(), QDateTime(QDate(2026, 1, 31), QTime(0, 0), Qt::UTC));
    QCOMPARE(since->text(), u"2026-01-31T00:00:00Z"_s); // shown as stored
    replaceText(since, QString());
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());
    QVERIFY(!stored().syncSince().isValid());
}

void TestOrdersConfigPage::defaultStatusOffersTheOrgsDraftValues()
{
    OrdersConfigPage page(m_database);
    QList<QHash<QString, QString>> requests;
    answerLikeTheWorker(page, &requests);
    OrderBridge::OrgSchema schema;
    schema.orderStatuses = orgStatuses();
    page.setOrgSchema(schema);

    QVERIFY(page.hasLiveOrderStatuses());
    QComboBox *status = combo(page, u"orders.default_status"_s);
    // Exactly the Draft group, label and API value; no free text, no Activated.
    QVERIFY(!status->isEditable());
    QCOMPARE(status->count(), 2);
    QCOMPARE(status->itemData(0).toString(), u"Draft"_s);
    QCOMPARE(status->itemText(0), u"Draft"_s);
    QCOMPARE(status->itemData(1).toString(), u"Awaiting Magento"_s);
    QCOMPARE(status->itemText(1), u"Awaiting Magento Updates (Awaiting Magento)"_s);
    QCOMPARE(status->findData(u"Activated"_s), -1);
    QCOMPARE(status->currentData().toString(), u"Draft"_s);
    QVERIFY(page.defaultStatusNote()->text().contains(u"From the org"_s));
    // Reading the org is not an edit.
    QVERIFY(!page.applyButton()->isEnabled());
    QVERIFY(page.errorLabel()->isHidden());

    status->setCurrentIndex(1);
    QVERIFY(page.applyButton()->isEnabled());
    QVERIFY(page.apply());
    QTRY_VERIFY(!page.isSaving());
    // The API value is stored, not the label.
    QCOMPARE(requests.first().value(u"orders.default_status"_s), u"Awaiting Magento"_s);
    QCOMPARE(stored().defaultStatus(), u"Awaiting Magento"_s);
    QCOMPARE(status->currentData().toString(), u"Awaiting Magento"_s);
    QVERIFY(!page.applyButton()->isEnabled());

    // A schema without the picklist (the worker fell back to its built-in catalogue) gives the
    // free field back, keeping the value.
    page.setOrgSchema(OrderBridge::OrgSchema{});
    QVERIFY(!page.hasLiveOrderStatuses());
    QVERIFY(status->isEditable());
    QCOMPARE(status->currentText(), u"Awaiting Magento"_s);
    QVERIFY(page.defaultStatusNote()->text().contains(u"not from the org yet"_s));
    QVERIFY(!page.applyButton()->isEnabled());
}

void TestOrdersConfigPage::storedStatusOutsideTheDraftGroupIsFlaggedAndRefused_data()
{
    QTest::addColumn<QString>("storedStatus");
    QTest::addColumn<QString>("detail");
    QTest::newRow("Activated group") << u"Activated"_s << u"is in the Activated status group"_s;
    QTest::newRow("not in the picklist") << u"On Hold"_s << u"is not a value of the org's Order Status picklist"_s;
}

void TestOrdersConfigPage::storedStatusOutsideTheDraftGroupIsFlaggedAndRefused()
{
    QFETCH(QString, storedStatus);
    QFETCH(QString, detail);
    const QString rule = u"Default status must be from the Draft status group in Salesforce"_s;

    store(u"orders.default_status"_s, storedStatus);
    OrdersConfigPage page(m_database);
    QSignalSpy requested(&page, &OrdersConfigPage::applyRequested);
    answerLikeTheWorker(page);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    OrderBridge::OrgSchema schema;
    schema.orderStatuses = orgStatuses();
    page.setOrgSchema(schema);

    // Shown as stored, flagged with the walkthrough's explanation.
    QComboBox *status = combo(page, u"orders.default_status"_s);
    QCOMPARE(status->count(), 3);
    QCOMPARE(status->currentData().toString(), storedStatus);
    QVERIFY(status->currentText().contains(storedStatus));
    QVERIFY(!status->itemIcon(status->currentIndex()).isNull());
    QVERIFY(page.defaultStatusNote()->text().contains(rule));
    QVERIFY2(page.defaultStatusNote()->text().contains(detail), qPrintable(page.defaultStatusNote()->text()));

    // Apply is refused with that error and Default Status focused, even from the other tab.
    spin(page, u"engine.batch_size"_s)->setValue(150);
    page.tabs()->setCurrentIndex(1);
    page.applyButton()->setFocus();
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 0);
    QVERIFY(!page.errorLabel()->isHidden());
    QVERIFY(page.errorLabel()->text().contains(rule));
    QVERIFY(page.errorLabel()->text().contains(u"Draft, Awaiting Magento"_s));
    QCOMPARE(page.tabs()->currentIndex(), 0);
    QCOMPARE(page.focusWidget(), static_cast<QWidget *>(status));
    QCOMPARE(stored().defaultStatus(), storedStatus);

    // Choosing a Draft value clears the flag and saves.
    status->setCurrentIndex(status->findData(u"Draft"_s));
    QVERIFY(!page.defaultStatusNote()->text().contains(rule));
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QTRY_VERIFY(!page.isSaving());
    QVERIFY(page.errorLabel()->isHidden());
    QCOMPARE(stored().defaultStatus(), u"Draft"_s);
    QCOMPARE(stored().batchSize(), 150);
    // The refused value is no longer offered once the store holds a Draft one.
    QCOMPARE(status->count(), 2);
}

void TestOrdersConfigPage::everyControlHasAnAccessibleNameAndHelp()
{
    OrdersConfigPage page(m_database);
    const QList<QWidget *> controls = page.findChildren<QWidget *>();
    int checked = 0;
    // Every option of the catalogue has its control: a new setting cannot slip in without one.
    for (const QString &key : OrderBridge::SettingsCatalog::keys()) {
        QWidget *control = page.control(key);
        QVERIFY2(control, qPrintable(key));
        QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(key));
        QVERIFY2(!control->toolTip().isEmpty(), qPrintable(key));
        QVERIFY2(controls.contains(control), qPrintable(key));
        ++checked;
    }
    QCOMPARE(checked, int(OrderBridge::SettingsCatalog::keys().size()));
    QCOMPARE(page.control(u"orders.automated_synchronization"_s)->toolTip(),
             u"Created orders and any changes with them will be automatically synchronized."_s);
    QVERIFY(!page.applyButton()->accessibleName().isEmpty());
}

void TestOrdersConfigPage::everyLabelHasItsOwnMnemonic()
{
    OrdersConfigPage page(m_database);
    page.show();
    QApplication::setActiveWindow(&page);
    QVERIFY(QTest::qWaitForWindowActive(&page));
    for (int tab = 0; tab < page.tabs()->count(); ++tab) {
        QSet<QChar> keys;
        int labels = 0;
        const QList<QLabel *> found = page.tabs()->widget(tab)->findChildren<QLabel *>();
        for (const QLabel *label : found) {
            if (!label->buddy())
                continue;
            ++labels;
            const QString text = label->text();
            const qsizetype at = text.indexOf(u'&');
            QVERIFY2(at >= 0 && at + 1 < text.size() && text.at(at + 1) != u'&', qPrintable(text));
            const QChar key = text.at(at + 1).toLower();
            QVERIFY2(!keys.contains(key), qPrintable(u"%1 repeats Alt+%2 on its tab"_s.arg(text, key)));
            // Taken by the window's menus (File, View, Sync, Help) and by Apply.
            QVERIFY2(!QStringList({u"f"_s, u"v"_s, u"s"_s, u"h"_s, u"a"_s}).contains(QString(key)), qPrintable(text));
            keys.insert(key);
        }
        QVERIFY(labels >= 7);
    }

    // Alt+letter of a label on the visible tab focuses its control.
    page.tabs()->setCurrentIndex(1);
    QLabel *priceBookLabel = nullptr;
    const QList<QLabel *> advanced = page.tabs()->widget(1)->findChildren<QLabel *>();
    for (QLabel *label : advanced) {
        if (label->buddy() == page.control(u"advanced.price_book"_s))
            priceBookLabel = label;
    }
    QVERIFY(priceBookLabel);
    const QString text = priceBookLabel->text();
    const QChar key = text.at(text.indexOf(u'&') + 1).toUpper();
    QTest::keyClick(&page, Qt::Key(key.unicode()), Qt::AltModifier);
    QTRY_COMPARE(QApplication::focusWidget(), page.control(u"advanced.price_book"_s));
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
