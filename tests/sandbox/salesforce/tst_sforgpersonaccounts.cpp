// Integration tests of an org with Person Accounts (--person-accounts) over real HTTP: the RecordType object and
// the person fields in describe; an Account written without a record type is a person account (the user's
// default), so Name is refused and LastName required; Salesforce makes the person contact itself, and that
// contact cannot be written as a Contact, nor can another Contact join a person account; business accounts
// with their record type work as before. Without the switch the org has none of it.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

class TestSfOrgPersonAccounts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void withoutTheSwitchAccountsAreBusinessOnly();
    void describeAndRecordTypes();
    void accountWithANameIsRefused();
    void personAccountGetsItsPersonContact();
    void personContactIsWrittenOnlyThroughItsAccount();
    void businessAccountsStillWork();
    void seededPeopleArePersonAccounts();

private:
    QList<QJsonObject> soql(SfHttp &http, const QString &statement);
    QString recordTypeId(bool person);

    SandboxProcess m_plain;
    SandboxProcess m_org;
    std::unique_ptr<SfHttp> m_plainHttp;
    std::unique_ptr<SfHttp> m_http;
};

void TestSfOrgPersonAccounts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_plain.start({u"--seed"_s, u"7"_s, u"--orders"_s, u"0"_s}), qPrintable(m_plain.errorString()));
    QVERIFY2(m_org.start({u"--seed"_s, u"7"_s, u"--orders"_s, u"0"_s, u"--person-accounts"_s}),
             qPrintable(m_org.errorString()));
    QCOMPARE(m_plain.salesforce().value(u"person_accounts"_s).toBool(), false);
    QCOMPARE(m_org.salesforce().value(u"person_accounts"_s).toBool(), true);
    m_plainHttp = std::make_unique<SfHttp>(m_plain.salesforceLoginUrl());
    QCOMPARE(m_plainHttp->login(m_plain.salesforce()), QString());
    m_http = std::make_unique<SfHttp>(m_org.salesforceLoginUrl());
    QCOMPARE(m_http->login(m_org.salesforce()), QString());
}

QList<QJsonObject> TestSfOrgPersonAccounts::soql(SfHttp &http, const QString &statement)
{
    const auto r = http.get(SfHttp::data(u"query?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(statement))));
    if (r.status != 200)
        qWarning("%s: %s", qPrintable(statement), r.body.constData());
    QList<QJsonObject> rows;
    for (const QJsonValue &v : r.object().value(u"records"_s).toArray())
        rows << v.toObject();
    return rows;
}

QString TestSfOrgPersonAccounts::recordTypeId(bool person)
{
    const auto rows = soql(*m_http, u"SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = %1"_s
                                        .arg(person ? u"true"_s : u"false"_s));
    return rows.size() == 1 ? rows.first().value(u"Id"_s).toString() : QString();
}

void TestSfOrgPersonAccounts::withoutTheSwitchAccountsAreBusinessOnly()
{
    const auto describe = m_plainHttp->get(SfHttp::data(u"sobjects/Account/describe"_s)).object();
    for (const QJsonValue &f : describe.value(u"fields"_s).toArray())
        QVERIFY(f.toObject().value(u"name"_s).toString() != u"IsPersonAccount"_s);
    const auto created = m_plainHttp->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Acme"_s}});
    QCOMPARE(created.status, 201);
    QCOMPARE(m_plainHttp->post(SfHttp::data(u"sobjects/Contact"_s),
                               QJsonObject{{u"LastName"_s, u"Roe"_s}, {u"AccountId"_s, created.object().value(u"id"_s)}})
                 .status,
             201);
}

void TestSfOrgPersonAccounts::describeAndRecordTypes()
{
    const auto describe = m_http->get(SfHttp::data(u"sobjects/Account/describe"_s)).object();
    QStringList names;
    for (const QJsonValue &f : describe.value(u"fields"_s).toArray())
        names << f.toObject().value(u"name"_s).toString();
    for (const QString &field : {u"IsPersonAccount"_s, u"PersonContactId"_s, u"FirstName"_s, u"LastName"_s,
                                 u"Salutation"_s, u"PersonEmail"_s, u"PersonMailingCity"_s, u"RecordTypeId"_s})
        QVERIFY2(names.contains(field), qPrintable(field));
    QVERIFY(!recordTypeId(true).isEmpty());
    QVERIFY(!recordTypeId(false).isEmpty());
    QVERIFY(recordTypeId(true) != recordTypeId(false));
}

void TestSfOrgPersonAccounts::accountWithANameIsRefused()
{
    // An integration that writes Account + Contact: without a record type the Account is a person account.
    auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Jane Roe"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD_FOR_INSERT_UPDATE"_s);
    QVERIFY(r.errorMessage().startsWith(u"Unable to create/update fields: Name."_s));
    r = m_http->patch(SfHttp::data(u"sobjects/Account/Magento_ID__c/customer-9"_s), QJsonObject{{u"Name"_s, u"Jane"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD_FOR_INSERT_UPDATE"_s);
    r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"FirstName"_s, u"Jane"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
    QVERIFY(r.errorMessage().contains(u"LastName"_s));
}

void TestSfOrgPersonAccounts::personAccountGetsItsPersonContact()
{
    const auto r = m_http->patch(SfHttp::data(u"sobjects/Account/Magento_ID__c/customer-10"_s),
                                 QJsonObject{{u"FirstName"_s, u"Jane"_s}, {u"LastName"_s, u"Roe"_s},
                                             {u"PersonEmail"_s, u"jane.roe@example.com"_s}});
    QCOMPARE(r.status, 201);
    const QString accountId = r.object().value(u"id"_s).toString();
    const auto accounts = soql(*m_http, u"SELECT Name, IsPersonAccount, PersonContactId, RecordTypeId FROM Account "
                                        "WHERE Id = '%1'"_s.arg(accountId));
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().value(u"Name"_s).toString(), u"Jane Roe"_s);
    QCOMPARE(accounts.first().value(u"IsPersonAccount"_s).toBool(), true);
    QCOMPARE(accounts.first().value(u"RecordTypeId"_s).toString(), recordTypeId(true));
    const QString contactId = accounts.first().value(u"PersonContactId"_s).toString();
    QVERIFY(contactId.startsWith(u"003"_s));
    const auto contacts = soql(*m_http, u"SELECT Id, AccountId, Email, LastName, IsPersonAccount FROM Contact "
                                        "WHERE AccountId = '%1'"_s.arg(accountId));
    QCOMPARE(contacts.size(), 1);
    QCOMPARE(contacts.first().value(u"Id"_s).toString(), contactId);
    QCOMPARE(contacts.first().value(u"Email"_s).toString(), u"jane.roe@example.com"_s);
    QCOMPARE(contacts.first().value(u"IsPersonAccount"_s).toBool(), true);

    // Edits of the person account reach its contact; the same upsert again creates nothing.
    const auto again = m_http->patch(SfHttp::data(u"sobjects/Account/Magento_ID__c/customer-10"_s),
                                     QJsonObject{{u"LastName"_s, u"Doe"_s}, {u"PersonEmail"_s, u"jane.doe@example.com"_s}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.object().value(u"id"_s).toString(), accountId);
    const auto after = soql(*m_http, u"SELECT Id, Email, Name FROM Contact WHERE AccountId = '%1'"_s.arg(accountId));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().value(u"Email"_s).toString(), u"jane.doe@example.com"_s);
    QCOMPARE(after.first().value(u"Name"_s).toString(), u"Jane Doe"_s);
    QCOMPARE(soql(*m_http, u"SELECT Name FROM Account WHERE Id = '%1'"_s.arg(accountId)).value(0).value(u"Name"_s)
                 .toString(),
             u"Jane Doe"_s);
}

void TestSfOrgPersonAccounts::personContactIsWrittenOnlyThroughItsAccount()
{
    const auto created = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                      QJsonObject{{u"LastName"_s, u"Solo"_s}, {u"PersonEmail"_s, u"solo@example.com"_s}});
    QCOMPARE(created.status, 201);
    const QString accountId = created.object().value(u"id"_s).toString();
    const QString contactId = soql(*m_http, u"SELECT PersonContactId FROM Account WHERE Id = '%1'"_s.arg(accountId))
                                  .value(0).value(u"PersonContactId"_s).toString();
    QVERIFY(!contactId.isEmpty());
    auto r = m_http->patch(SfHttp::data(u"sobjects/Contact/"_s + contactId), QJsonObject{{u"Title"_s, u"Chef"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_PERSON_ACCOUNT_OPERATION"_s);
    r = m_http->post(SfHttp::data(u"sobjects/Contact"_s), QJsonObject{{u"LastName"_s, u"Second"_s}, {u"AccountId"_s, accountId}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_PERSON_ACCOUNT_OPERATION"_s);
    QCOMPARE(soql(*m_http, u"SELECT Id FROM Contact WHERE AccountId = '%1'"_s.arg(accountId)).size(), 1);
}

void TestSfOrgPersonAccounts::businessAccountsStillWork()
{
    const QString business = recordTypeId(false);
    auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Acme GmbH"_s}, {u"RecordTypeId"_s, business}});
    QCOMPARE(r.status, 201);
    const QString accountId = r.object().value(u"id"_s).toString();
    const auto rows = soql(*m_http, u"SELECT IsPersonAccount, PersonContactId FROM Account WHERE Id = '%1'"_s.arg(accountId));
    QCOMPARE(rows.value(0).value(u"IsPersonAccount"_s).toBool(), false);
    QVERIFY(rows.value(0).value(u"PersonContactId"_s).isNull());
    r = m_http->post(SfHttp::data(u"sobjects/Contact"_s), QJsonObject{{u"LastName"_s, u"Buyer"_s}, {u"AccountId"_s, accountId}});
    QCOMPARE(r.status, 201);
    // Person fields belong to person accounts only.
    r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                     QJsonObject{{u"Name"_s, u"Mixed"_s}, {u"LastName"_s, u"Mixed"_s}, {u"RecordTypeId"_s, business}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD_FOR_INSERT_UPDATE"_s);
}

void TestSfOrgPersonAccounts::seededPeopleArePersonAccounts()
{
    const auto people = soql(*m_http, u"SELECT Id, PersonContactId, PersonEmail FROM Account WHERE IsPersonAccount = true"_s);
    QVERIFY(!people.isEmpty());
    for (const QJsonObject &p : people)
        QVERIFY(!p.value(u"PersonContactId"_s).toString().isEmpty());
    // Their person contacts are found by e-mail, as an integration looks customers up.
    const QString email = people.first().value(u"PersonEmail"_s).toString();
    const auto contacts = soql(*m_http, u"SELECT Id, AccountId FROM Contact WHERE Email = '%1'"_s.arg(email));
    QVERIFY(!contacts.isEmpty());
}

QTEST_GUILESS_MAIN(TestSfOrgPersonAccounts)
#include "tst_sforgpersonaccounts.moc"
