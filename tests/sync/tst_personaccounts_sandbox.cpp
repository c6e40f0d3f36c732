// Person Accounts end to end over real HTTP. In an org with Person Accounts whose default Account record type is
// the person one (orderbridge-sandbox --person-accounts), an Account written by name fails, so Account + Contact
// (advanced.person_accounts = no) fails every new customer; by default (auto) the engine finds IsPersonAccount
// in Account's describe and makes a Person Account upserted by the customer key instead, whose person contact
// Salesforce makes; a customer the org holds as a person account is found by e-mail; a second sync writes nothing.
// In an org without Person Accounts auto keeps Account + Contact, and yes fails the order alone with a reason.

#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "sandboxorg.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestPersonAccountsSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accountAndContactFailInAPersonAccountOrg();
    void newCustomerBecomesAPersonAccount();
    void personAccountInTheOrgIsFoundByEmail();
    void orgWithoutPersonAccountsKeepsAccountAndContact();
    void yesWithoutPersonAccountsFailsTheOrderAlone();

private:
    static SyncEngine::Config config(const QString &personAccounts);
    /// A paid order of `org` made a guest order of `email` (a customer the org does not know yet).
    static QJsonObject guestOrder(const QList<QJsonObject> &paid, int index, const QString &email);
    static QList<QJsonObject> paidOrders(SandboxOrg &org, QObject *context);

    QNetworkAccessManager m_network;
    SandboxOrg m_people;
    SandboxOrg m_plain;
    QList<QJsonObject> m_paid;
    QList<QJsonObject> m_plainPaid;
};

void TestPersonAccountsSandbox::initTestCase()
{
    const QStringList args{u"--orders"_s, u"30"_s, u"--seed"_s, u"31"_s};
    QVERIFY(m_people.start(&m_network, args + QStringList{u"--person-accounts"_s}));
    QVERIFY(m_plain.start(&m_network, args));
    m_paid = paidOrders(m_people, this);
    m_plainPaid = paidOrders(m_plain, this);
    QVERIFY(m_paid.size() >= 4);
    QVERIFY(m_plainPaid.size() >= 2);
}

QList<QJsonObject> TestPersonAccountsSandbox::paidOrders(SandboxOrg &org, QObject *context)
{
    QList<QJsonObject> paid;
    for (const QJsonObject &o : org.orders(context)) {
        if (SyncPlanner::isPaid(o))
            paid << o;
    }
    return paid;
}

SyncEngine::Config TestPersonAccountsSandbox::config(const QString &personAccounts)
{
    SyncEngine::Config c;
    c.mappings = defaultMappings();
    c.schema = SalesforceFieldCatalogue::schema();
    c.trigger = SyncTrigger::OnDemand;
    if (!c.settings.set(u"advanced.person_accounts"_s, personAccounts))
        qWarning("advanced.person_accounts was refused");
    return c;
}

QJsonObject TestPersonAccountsSandbox::guestOrder(const QList<QJsonObject> &paid, int index, const QString &email)
{
    QJsonObject order = paid.at(index);
    order.insert(u"customer_is_guest"_s, 1);
    order.remove(u"customer_id"_s);
    order.insert(u"customer_email"_s, email);
    return order;
}

void TestPersonAccountsSandbox::accountAndContactFailInAPersonAccountOrg()
{
    const QJsonObject order = guestOrder(m_paid, 0, u"new.buyer@example.org"_s);
    const BatchOutcome outcome = m_people.sync({order}, config(u"no"_s));
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QCOMPARE(o.status, SyncStatus::Error);
    QCOMPARE(o.error.code, u"INVALID_FIELD_FOR_INSERT_UPDATE"_s);
    QVERIFY2(o.error.message.contains(u"Name"_s), qPrintable(o.error.message));
    QVERIFY(m_people.org->soql(u"SELECT Id FROM Account WHERE PersonEmail = 'new.buyer@example.org'"_s).isEmpty());
}

void TestPersonAccountsSandbox::newCustomerBecomesAPersonAccount()
{
    const QJsonObject order = guestOrder(m_paid, 0, u"new.buyer@example.org"_s);
    const BatchOutcome outcome = m_people.sync({order}, config(u"auto"_s));
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.code + u": "_s + o.error.message));
    const QList<QJsonObject> accounts = m_people.org->soql(
        u"SELECT Id, IsPersonAccount, PersonContactId, PersonEmail, LastName FROM Account WHERE Magento_ID__c = '%1'"_s
            .arg(SyncPlanner::customerKey(order)));
    QCOMPARE(accounts.size(), 1);
    const QJsonObject &account = accounts.first();
    QCOMPARE(account.value(u"IsPersonAccount"_s).toBool(), true);
    QCOMPARE(account.value(u"PersonEmail"_s).toString(), u"new.buyer@example.org"_s);
    QVERIFY(!account.value(u"LastName"_s).toString().isEmpty());
    QCOMPARE(o.accountId, account.value(u"Id"_s).toString());
    // Only the person contact Salesforce made: the engine wrote no Contact of its own.
    const QList<QJsonObject> contacts = m_people.org->soql(
        u"SELECT Id, AccountId FROM Contact WHERE Email = 'new.buyer@example.org'"_s);
    QCOMPARE(contacts.size(), 1);
    QCOMPARE(contacts.first().value(u"Id"_s).toString(), account.value(u"PersonContactId"_s).toString());
    const QList<QJsonObject> orders = m_people.org->soql(
        u"SELECT AccountId FROM Order WHERE Magento_ID__c = '%1'"_s.arg(order.value(u"increment_id"_s).toString()));
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().value(u"AccountId"_s).toString(), o.accountId);

    const BatchOutcome again = m_people.sync({order}, config(u"auto"_s));
    QCOMPARE(again.orders.size(), 1);
    QCOMPARE(again.orders.first().status, SyncStatus::InSync);
    QVERIFY(!again.orders.first().wrote);
    QCOMPARE(m_people.org->soql(u"SELECT Id FROM Account WHERE PersonEmail = 'new.buyer@example.org'"_s).size(), 1);
}

void TestPersonAccountsSandbox::personAccountInTheOrgIsFoundByEmail()
{
    const QList<QJsonObject> people = m_people.org->soql(
        u"SELECT Id, PersonEmail FROM Account WHERE IsPersonAccount = true AND Magento_ID__c = null"_s);
    QVERIFY(!people.isEmpty());
    const QString email = people.first().value(u"PersonEmail"_s).toString();
    const QString accountId = people.first().value(u"Id"_s).toString();
    const QJsonObject order = guestOrder(m_paid, 1, email);
    const BatchOutcome outcome = m_people.sync({order}, config(u"auto"_s));
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.code + u": "_s + o.error.message));
    QCOMPARE(o.accountId, accountId);
    QCOMPARE(m_people.org->soql(u"SELECT Id FROM Account WHERE PersonEmail = '%1'"_s.arg(email)).size(), 1);
}

void TestPersonAccountsSandbox::orgWithoutPersonAccountsKeepsAccountAndContact()
{
    const QJsonObject order = guestOrder(m_plainPaid, 0, u"plain.buyer@example.org"_s);
    const BatchOutcome outcome = m_plain.sync({order}, config(u"auto"_s));
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.error.code + u": "_s + o.error.message));
    const QString key = SyncPlanner::customerKey(order);
    QCOMPARE(m_plain.org->soql(u"SELECT Id FROM Account WHERE Magento_ID__c = '%1'"_s.arg(key)).size(), 1);
    const QList<QJsonObject> contacts = m_plain.org->soql(
        u"SELECT AccountId FROM Contact WHERE Magento_ID__c = '%1'"_s.arg(key));
    QCOMPARE(contacts.size(), 1);
    QCOMPARE(contacts.first().value(u"AccountId"_s).toString(), o.accountId);
}

void TestPersonAccountsSandbox::yesWithoutPersonAccountsFailsTheOrderAlone()
{
    const QJsonObject order = guestOrder(m_plainPaid, 1, u"wants.person@example.org"_s);
    const BatchOutcome outcome = m_plain.sync({order}, config(u"yes"_s));
    QCOMPARE(outcome.orders.size(), 1);
    const OrderOutcome &o = outcome.orders.first();
    QCOMPARE(o.status, SyncStatus::Error);
    QCOMPARE(o.error.code, u"sync.person_accounts_missing"_s);
    QVERIFY(o.error.hint.contains(u"advanced.person_accounts"_s));
    QVERIFY(m_plain.org->soql(u"SELECT Id FROM Contact WHERE Email = 'wants.person@example.org'"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestPersonAccountsSandbox)
#include "tst_personaccounts_sandbox.moc"
