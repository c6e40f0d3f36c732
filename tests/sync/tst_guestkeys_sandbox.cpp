// Guest keys end to end over real HTTP. Salesforce answers 404 for an external-ID URL whose value ends in a
// TLD that looks like a file extension (".inc"), and the sandbox does the same; a guest is therefore keyed by
// a hash of the e-mail, so a guest with such an address syncs, and a customer synced while guests were keyed
// "guest-<email>" is still found by that key (no second Account or Contact).

#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceclient.h"
#include "sandboxorg.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestGuestKeysSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void guestWithIncAddressSyncsWithoutTheEmailInAUrl();
    void guestKeyedTheOldWayIsFoundAgain();

private:
    /// A paid order of the store made a guest order of `email`, at `index` among the paid ones.
    QJsonObject guestOrder(const QString &email, int index);
    static SyncEngine::Config config();
    QString createRecord(const QString &object, const QJsonObject &fields);

    QNetworkAccessManager m_network;
    SandboxOrg m_org;
    QList<QJsonObject> m_paid;
};

void TestGuestKeysSandbox::initTestCase()
{
    QVERIFY(m_org.start(&m_network, {u"--orders"_s, u"30"_s, u"--seed"_s, u"29"_s}));
    for (const QJsonObject &o : m_org.orders(this)) {
        if (SyncPlanner::isPaid(o))
            m_paid << o;
    }
    QVERIFY(m_paid.size() >= 2);
}

QJsonObject TestGuestKeysSandbox::guestOrder(const QString &email, int index)
{
    QJsonObject order = m_paid.at(index);
    order.insert(u"customer_is_guest"_s, 1);
    order.remove(u"customer_id"_s);
    order.insert(u"customer_email"_s, email);
    return order;
}

SyncEngine::Config TestGuestKeysSandbox::config()
{
    SyncEngine::Config c;
    c.mappings = defaultMappings();
    c.schema = SalesforceFieldCatalogue::schema();
    c.trigger = SyncTrigger::OnDemand;
    return c;
}

QString TestGuestKeysSandbox::createRecord(const QString &object, const QJsonObject &fields)
{
    Waiter<SalesforceResult<SaveResult>> created;
    m_org.org->client()->create(object, fields, created.callback());
    if (!created.wait() || !created.result->has_value() || !(*created.result)->success)
        return {};
    return (*created.result)->id;
}

void TestGuestKeysSandbox::guestWithIncAddressSyncsWithoutTheEmailInAUrl()
{
    const QString email = u"jane.doe@example.inc"_s;
    const QJsonObject order = guestOrder(email, 0);
    // What a key holding the e-mail would meet: the org refuses the URL.
    Waiter<SalesforceResult<SaveResult>> byEmail;
    m_org.org->client()->upsert(u"Contact"_s, u"Magento_ID__c"_s, u"guest-"_s + email,
                                QJsonObject{{u"LastName"_s, u"Doe"_s}}, byEmail.callback());
    QVERIFY(byEmail.wait());
    QVERIFY(!byEmail.result->has_value() || !(*byEmail.result)->success);

    const BatchOutcome outcome = m_org.sync({order}, config());
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.code + u": "_s + o.error.message));
    const QList<QJsonObject> contacts = m_org.org->soql(
        u"SELECT Id, AccountId, Magento_ID__c FROM Contact WHERE Email = 'jane.doe@example.inc'"_s);
    QCOMPARE(contacts.size(), 1);
    const QString key = contacts.first().value(u"Magento_ID__c"_s).toString();
    QCOMPARE(key, SyncPlanner::customerKey(order));
    QVERIFY(!key.contains(u'@'));
    QCOMPARE(contacts.first().value(u"AccountId"_s).toString(), o.accountId);

    // A second sync finds the customer again and writes nothing.
    const BatchOutcome again = m_org.sync({order}, config());
    QCOMPARE(again.orders.size(), 1);
    QCOMPARE(again.orders.first().status, SyncStatus::InSync);
    QVERIFY(!again.orders.first().wrote);
    QCOMPARE(m_org.org->soql(u"SELECT Id FROM Contact WHERE Email = 'jane.doe@example.inc'"_s).size(), 1);
}

void TestGuestKeysSandbox::guestKeyedTheOldWayIsFoundAgain()
{
    // Synced before guest keys were hashed; since then someone changed the Contact's e-mail in Salesforce,
    // so only the old key still ties the guest to it.
    const QString email = u"old.guest@example.de"_s;
    const QString legacyKey = u"guest-"_s + email;
    const QString accountId = createRecord(u"Account"_s, {{u"Name"_s, u"Old Guest"_s}, {u"Magento_ID__c"_s, legacyKey}});
    QVERIFY(!accountId.isEmpty());
    const QString contactId = createRecord(u"Contact"_s, {{u"LastName"_s, u"Guest"_s}, {u"AccountId"_s, accountId},
                                                          {u"Email"_s, u"renamed@example.de"_s},
                                                          {u"Magento_ID__c"_s, legacyKey}});
    QVERIFY(!contactId.isEmpty());

    const QJsonObject order = guestOrder(email, 1);
    QCOMPARE(SyncPlanner::legacyCustomerKey(order), legacyKey);
    const BatchOutcome outcome = m_org.sync({order}, config());
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.code + u": "_s + o.error.message));
    QCOMPARE(o.accountId, accountId);
    const QList<QJsonObject> orders = m_org.org->soql(
        u"SELECT AccountId FROM Order WHERE Magento_ID__c = '%1'"_s.arg(order.value(u"increment_id"_s).toString()));
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().value(u"AccountId"_s).toString(), accountId);
    // No second customer: neither under the e-mail nor under the new key.
    QVERIFY(m_org.org->soql(u"SELECT Id FROM Contact WHERE Email = 'old.guest@example.de'"_s).isEmpty());
    QVERIFY(m_org.org->soql(u"SELECT Id FROM Account WHERE Magento_ID__c = '%1'"_s.arg(SyncPlanner::customerKey(order)))
                .isEmpty());
}

QTEST_GUILESS_MAIN(TestGuestKeysSandbox)
#include "tst_guestkeys_sandbox.moc"
