// Salesforce › Orders wired to the real SyncWorker on its own thread and the sandbox org, as
// MainWindow wires them: orgSchemaLoaded -> setOrgSchema, applyRequested -> saveSettings,
// settingsSaved -> handleSaved, settingsRejected -> handleRejected.

#include "asyncresult.h"
#include "settings/ordersconfigpage.h"
#include "sandboxworkerfixture.h"

#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/consoletypes.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestOrdersConfigPageSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void defaultStatusFromTheSandboxOrg();
    void workerRefusesWhatThePageCouldNotCheck();

private:
    void wire(OrdersConfigPage &page);
    [[nodiscard]] Settings stored() const;

    SandboxWorkerFixture m_fixture;
    std::shared_ptr<Database> m_db;
    WorkerHost *m_host = nullptr;
    OrgSchema m_schema;
};

void TestOrdersConfigPageSandbox::initTestCase()
{
    QVERIFY2(m_fixture.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"5"_s}), qPrintable(m_fixture.errorString()));
    m_db = m_fixture.database();
    m_host = m_fixture.startWorker(m_fixture.workerConfig());

    // The org's Order Status picklist with its categories, read live by the worker.
    std::optional<Result<OrgSchema>> read;
    m_host->readOrgSchema(this, [&read](const Result<OrgSchema> &schema) { read = schema; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
    if (!read->has_value())
        QFAIL(qPrintable(errorText(*read)));
    m_schema = **read;
    QVERIFY(!m_schema.draftStatuses().isEmpty());
    QVERIFY(m_schema.draftStatuses().size() < m_schema.orderStatuses.size());
}

void TestOrdersConfigPageSandbox::cleanupTestCase()
{
    m_fixture.stopWorker();
}

void TestOrdersConfigPageSandbox::wire(OrdersConfigPage &page)
{
    page.connectTo(m_host); // as MainWindow wires it
}

Settings TestOrdersConfigPageSandbox::stored() const
{
    auto settings = SettingsRepository(m_db).load();
    if (!settings)
        qFatal("%s", qPrintable(errorText(settings)));
    return *settings;
}

void TestOrdersConfigPageSandbox::defaultStatusFromTheSandboxOrg()
{
    // A Default Status from the Activated group, as an import or an older version may have stored it.
    Settings settings = stored();
    QVERIFY(settings.set(u"orders.default_status"_s, u"Activated"_s).has_value());
    QVERIFY(SettingsRepository(m_db).save(settings).has_value());

    OrdersConfigPage page(m_db);
    wire(page);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!page.hasLiveOrderStatuses());
    // MainWindow hands the org schema it asked for to the page.
    m_host->readOrgSchema(&page, [&page](const Result<OrgSchema> &schema) {
        if (schema)
            page.setOrgSchema(*schema);
    });
    QTRY_VERIFY_WITH_TIMEOUT(page.hasLiveOrderStatuses(), 30000);

    auto *status = qobject_cast<QComboBox *>(page.control(u"orders.default_status"_s));
    QVERIFY(status);
    // Exactly the org's Draft values, then the stored Activated one, flagged.
    const QList<OrderStatusValue> draft = m_schema.draftStatuses();
    QCOMPARE(status->count(), draft.size() + 1);
    for (int row = 0; row < draft.size(); ++row)
        QCOMPARE(status->itemData(row).toString(), draft.at(row).value);
    QCOMPARE(status->currentData().toString(), u"Activated"_s);
    QVERIFY(page.defaultStatusNote()->text().contains(u"Default status must be from the Draft status group in Salesforce"_s));

    QSignalSpy requested(&page, &OrdersConfigPage::applyRequested);
    qobject_cast<QSpinBox *>(page.control(u"engine.batch_size"_s))->setValue(75);
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 0);
    QCOMPARE(page.focusWidget(), static_cast<QWidget *>(status));
    QCOMPARE(stored().defaultStatus(), u"Activated"_s);

    status->setCurrentIndex(status->findData(draft.first().value));
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isSaving(), 10000);
    QVERIFY2(page.errorLabel()->isHidden(), qPrintable(page.errorLabel()->text()));
    QCOMPARE(stored().defaultStatus(), draft.first().value);
    QCOMPARE(stored().batchSize(), 75);
    QVERIFY(!page.applyButton()->isEnabled());
}

void TestOrdersConfigPageSandbox::workerRefusesWhatThePageCouldNotCheck()
{
    // The page has not been given the org's statuses (free field), but the worker has read them:
    // its answer names the field, and the page shows it, focuses it and keeps the edits.
    OrdersConfigPage page(m_db);
    page.connectTo(m_host);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const Settings before = stored();

    auto *status = qobject_cast<QComboBox *>(page.control(u"orders.default_status"_s));
    QVERIFY(status->isEditable());
    status->setEditText(u"Activated"_s);
    qobject_cast<QSpinBox *>(page.control(u"engine.max_attempts"_s))->setValue(8);
    page.tabs()->setCurrentIndex(1);
    QVERIFY(page.apply());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isSaving(), 10000);

    QVERIFY(!page.errorLabel()->isHidden());
    QVERIFY2(page.errorLabel()->text().contains(u"Activated"_s), qPrintable(page.errorLabel()->text()));
    QCOMPARE(page.tabs()->currentIndex(), 0);
    QCOMPARE(page.focusWidget(), static_cast<QWidget *>(status));
    QCOMPARE(status->currentText(), u"Activated"_s);
    QCOMPARE(qobject_cast<QSpinBox *>(page.control(u"engine.max_attempts"_s))->value(), 8);
    QVERIFY(page.applyButton()->isEnabled());
    QVERIFY(stored() == before);
}

QTEST_MAIN(TestOrdersConfigPageSandbox)
#include "tst_ordersconfigpage_sandbox.moc"
