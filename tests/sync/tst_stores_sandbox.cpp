// Magento store views end to end, through the sync worker against orderbridge-sandbox: Magento numbers
// orders per store view, so two views' order 000000001 must become two Salesforce Orders, while a
// single-view store keeps its increment_id keys; and an order's EffectiveDate is its store's day.

#include "asyncresult.h"
#include "sandboxworkerfixture.h"
#include "settingsvalues.h"
#include "magento/magentosearchcriteria.h"
#include "store/settingsrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestStoresSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoViewsWithTheSameNumberAreTwoOrders();
    void singleViewKeepsIncrementIdKeys();

private:
    static bool prepare(SandboxWorkerFixture &fixture, const QStringList &sandboxArgs);
    static QStringList orderKeys(SandboxWorkerFixture &fixture);
    static QList<QJsonObject> magentoOrders(SandboxWorkerFixture &fixture, QObject *context);
};

bool TestStoresSandbox::prepare(SandboxWorkerFixture &fixture, const QStringList &sandboxArgs)
{
    if (!fixture.start(sandboxArgs)) {
        qWarning("%s", qPrintable(fixture.errorString()));
        return false;
    }
    const Result<Settings> settings = settingsWith({{u"orders.automated_synchronization"_s, u"yes"_s},
                                                    {u"orders.sync_all_orders"_s, u"yes"_s},
                                                    {u"advanced.create_order"_s, u"every"_s},
                                                    {u"advanced.create_opportunity"_s, u"no"_s}});
    if (!settings || !SettingsRepository(fixture.database()).save(*settings)) {
        qWarning("settings: %s", qPrintable(errorText(settings)));
        return false;
    }
    fixture.startWorker(fixture.workerConfig());
    if (!fixture.signInToOrg()) {
        qWarning("%s", qPrintable(fixture.errorString()));
        return false;
    }
    return true;
}

QStringList TestStoresSandbox::orderKeys(SandboxWorkerFixture &fixture)
{
    QStringList keys;
    for (const QJsonObject &o : fixture.org().soql(u"SELECT Magento_ID__c FROM Order"_s))
        keys << o.value(u"Magento_ID__c"_s).toString();
    keys.sort();
    return keys;
}

QList<QJsonObject> TestStoresSandbox::magentoOrders(SandboxWorkerFixture &fixture, QObject *context)
{
    Waiter<Result<MagentoOrderPage>> page;
    MagentoSearchCriteria criteria;
    criteria.setPageSize(100);
    fixture.magento().fetchOrders(criteria, context, page.callback());
    QList<QJsonObject> out;
    if (page.wait() && page.result->has_value()) {
        for (const MagentoOrder &o : (*page.result)->orders)
            out << o.json;
    }
    return out;
}

void TestStoresSandbox::twoViewsWithTheSameNumberAreTwoOrders()
{
    SandboxWorkerFixture fixture;
    QVERIFY(prepare(fixture, {u"--orders"_s, u"24"_s, u"--seed"_s, u"5"_s, u"--stores"_s, u"default,fr:Europe/Paris"_s}));
    const SyncRunSummary run = fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    QVERIFY2(run.inSync > 0, qPrintable(QString::number(run.inSync)));

    // View 1 had the first orders: its keys are the increment_ids; view 2's carry the store.
    const QStringList keys = orderKeys(fixture);
    QVERIFY2(keys.contains(u"000000001"_s), qPrintable(keys.join(u' ')));
    QVERIFY2(keys.contains(u"000000001@2"_s), qPrintable(keys.join(u' ')));
    QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()).size(), keys.size());
    const QList<QJsonObject> orders = magentoOrders(fixture, this);
    QCOMPARE(orders.size(), 24);
    int inSalesforce = 0;
    for (const QJsonObject &o : orders) {
        const QString increment = o.value(u"increment_id"_s).toString();
        const QString key = o.value(u"store_id"_s).toInt() == 1 ? increment : increment + u"@2"_s;
        inSalesforce += keys.contains(key) ? 1 : 0;
    }
    QCOMPARE(inSalesforce, keys.size());

    // The Order's date is the day in its view's time zone (order timestamps are UTC in Magento's REST API).
    const QString idList = u"'"_s + keys.join(u"','"_s) + u"'"_s;
    QHash<QString, QString> dates;
    for (const QJsonObject &o : fixture.org().soql(u"SELECT Magento_ID__c, EffectiveDate FROM Order WHERE Magento_ID__c IN (%1)"_s.arg(idList)))
        dates.insert(o.value(u"Magento_ID__c"_s).toString(), o.value(u"EffectiveDate"_s).toString());
    int dayDiffers = 0;
    for (const QJsonObject &o : orders) {
        const bool paris = o.value(u"store_id"_s).toInt() == 2;
        const QString key = o.value(u"increment_id"_s).toString() + (paris ? u"@2"_s : QString());
        if (!dates.contains(key))
            continue;
        QDateTime created = QDateTime::fromString(o.value(u"created_at"_s).toString(), u"yyyy-MM-dd HH:mm:ss"_s);
        created.setTimeZone(QTimeZone::utc());
        const QTimeZone zone(paris ? "Europe/Paris" : "America/Los_Angeles");
        const QString local = created.toTimeZone(zone).date().toString(Qt::ISODate);
        QCOMPARE(dates.value(key), local);
        dayDiffers += local != created.date().toString(Qt::ISODate) ? 1 : 0;
    }
    // Seed 5 has orders whose UTC day is not their store's day, or the check above proves nothing.
    QVERIFY2(dayDiffers > 0, "no order near midnight");

    // Again: nothing new.
    const SyncRunSummary again = fixture.run(RunRequest::syncOrders({u"000000001"_s}));
    QCOMPARE(again.errors, 0);
    QCOMPARE(orderKeys(fixture), keys);
}

void TestStoresSandbox::singleViewKeepsIncrementIdKeys()
{
    SandboxWorkerFixture fixture;
    QVERIFY(prepare(fixture, {u"--orders"_s, u"6"_s, u"--seed"_s, u"5"_s}));
    const SyncRunSummary run = fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    const QStringList keys = orderKeys(fixture);
    QVERIFY(!keys.isEmpty());
    for (const QString &key : keys)
        QVERIFY2(QRegularExpression(u"^\\d{9}$"_s).match(key).hasMatch(), qPrintable(key));
}

QTEST_GUILESS_MAIN(TestStoresSandbox)
#include "tst_stores_sandbox.moc"
