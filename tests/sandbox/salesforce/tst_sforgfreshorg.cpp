// --fresh-org and the org's setup side over real HTTP: a fresh org has none of the integration's fields;
// fields created through the Tooling API stay invisible (describe, SOQL, writes) until a permission set with
// field permissions is assigned to the user; --no-customize-application refuses the setup. Without the flag
// the org ships the fields, visible. Always: 404 NOT_FOUND for an upsert by an unknown external-ID field.
// The Order permissions (Activate Orders, Edit Activated Orders) come from the assigned permission sets.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {

QString q(const QString &soql)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(soql));
}

bool describes(SfHttp &api, const QString &object, const QString &field)
{
    const auto r = api.get(SfHttp::data(u"sobjects/"_s + object + u"/describe"_s));
    for (const auto &f : r.object().value(u"fields"_s).toArray()) {
        if (f.toObject().value(u"name"_s).toString() == field)
            return true;
    }
    return false;
}

QJsonObject magentoIdField()
{
    return QJsonObject{{u"FullName"_s, u"Order.Magento_ID__c"_s},
                       {u"Metadata"_s, QJsonObject{{u"type"_s, u"Text"_s}, {u"label"_s, u"Magento ID"_s}, {u"length"_s, 255},
                                                   {u"externalId"_s, true}, {u"unique"_s, true}}}};
}

} // namespace

class TestSfOrgFreshOrg : public QObject
{
    Q_OBJECT

private slots:
    void defaultOrgShipsTheFieldsVisible();
    void freshOrgHasNoneOfThem();
    void createdFieldsAreInvisibleUntilGranted();
    void withoutCustomizeApplicationTheSetupIsRefused();
    void orderPermissionsComeFromPermissionSets();
};

void TestSfOrgFreshOrg::defaultOrgShipsTheFieldsVisible()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    QVERIFY(describes(api, u"Order"_s, u"Magento_ID__c"_s));
    QVERIFY(describes(api, u"OrderItem"_s, u"Magento_Item_ID__c"_s));
    QVERIFY(describes(api, u"Order"_s, u"Grand_Total__c"_s));
    // The Tooling API lists the shipped fields too.
    auto r = api.get(SfHttp::data(u"tooling/query?q="_s
                                  + q(u"SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Order'"_s)));
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().value(u"totalSize"_s).toInt() >= 7);
    // Creating one that exists is refused.
    r = api.post(SfHttp::data(u"tooling/sobjects/CustomField"_s), magentoIdField());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"DUPLICATE_DEVELOPER_NAME"_s);
    // An upsert by a field the object does not have: 404 with the documented bare object.
    r = api.patch(SfHttp::data(u"sobjects/Order/No_Such_Field__c/1"_s), QJsonObject{{u"Name"_s, u"x"_s}});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.object().value(u"errorCode"_s).toString(), u"NOT_FOUND"_s);
}

void TestSfOrgFreshOrg::freshOrgHasNoneOfThem()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s, u"--fresh-org"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    for (const auto &[object, field] : {std::pair{u"Order"_s, u"Magento_ID__c"_s}, std::pair{u"Account"_s, u"Magento_ID__c"_s},
                                        std::pair{u"Contact"_s, u"Magento_ID__c"_s},
                                        std::pair{u"OrderItem"_s, u"Magento_Item_ID__c"_s},
                                        std::pair{u"Order"_s, u"Magento_Website__c"_s}, std::pair{u"Order"_s, u"Subtotal__c"_s}})
        QVERIFY2(!describes(api, object, field), qPrintable(object + u'.' + field));
    auto r = api.get(SfHttp::data(u"query?q="_s + q(u"SELECT Id, Magento_ID__c FROM Order"_s)));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD"_s);
    r = api.patch(SfHttp::data(u"sobjects/Account/Magento_ID__c/42"_s), QJsonObject{{u"Name"_s, u"x"_s}});
    QCOMPARE(r.status, 404);
    r = api.get(SfHttp::data(u"tooling/query?q="_s + q(u"SELECT Id FROM CustomField"_s)));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 0);
    // No permission set but the profile's.
    r = api.get(SfHttp::data(u"query?q="_s + q(u"SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = false"_s)));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 0);
}

void TestSfOrgFreshOrg::createdFieldsAreInvisibleUntilGranted()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s, u"--fresh-org"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    auto r = api.post(SfHttp::data(u"tooling/sobjects/CustomField"_s), magentoIdField());
    QCOMPARE(r.status, 201);
    QVERIFY(r.object().value(u"id"_s).toString().startsWith(u"00N"_s));
    // It exists (Tooling API) but nobody was granted it: not in describe, not in SOQL, not writable.
    r = api.get(SfHttp::data(u"tooling/query?q="_s
                             + q(u"SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = 'Order'"_s)));
    QCOMPARE(r.object().value(u"records"_s).toArray().at(0).toObject().value(u"DeveloperName"_s).toString(), u"Magento_ID"_s);
    QVERIFY(!describes(api, u"Order"_s, u"Magento_ID__c"_s));
    QCOMPARE(api.get(SfHttp::data(u"query?q="_s + q(u"SELECT Magento_ID__c FROM Order"_s))).errorCode(), u"INVALID_FIELD"_s);

    r = api.post(SfHttp::data(u"sobjects/PermissionSet"_s),
                 QJsonObject{{u"Name"_s, u"OrderBridge_Integration"_s}, {u"Label"_s, u"OrderBridge Integration"_s}});
    QCOMPARE(r.status, 201);
    const QString set = r.object().value(u"id"_s).toString();
    r = api.post(SfHttp::data(u"sobjects/FieldPermissions"_s),
                 QJsonObject{{u"ParentId"_s, set}, {u"SobjectType"_s, u"Order"_s}, {u"Field"_s, u"Order.No_Such__c"_s},
                             {u"PermissionsRead"_s, true}});
    QCOMPARE(r.errorCode(), u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
    r = api.post(SfHttp::data(u"sobjects/FieldPermissions"_s),
                 QJsonObject{{u"ParentId"_s, set}, {u"SobjectType"_s, u"Order"_s}, {u"Field"_s, u"Order.Magento_ID__c"_s},
                             {u"PermissionsRead"_s, true}});
    QCOMPARE(r.status, 201);
    const QString permission = r.object().value(u"id"_s).toString();
    // Granted in a set nobody has: still invisible.
    QVERIFY(!describes(api, u"Order"_s, u"Magento_ID__c"_s));
    const QString user = sandbox.salesforce().value(u"user_id"_s).toString();
    r = api.post(SfHttp::data(u"sobjects/PermissionSetAssignment"_s),
                 QJsonObject{{u"AssigneeId"_s, user}, {u"PermissionSetId"_s, set}});
    QCOMPARE(r.status, 201);
    r = api.post(SfHttp::data(u"sobjects/PermissionSetAssignment"_s),
                 QJsonObject{{u"AssigneeId"_s, user}, {u"PermissionSetId"_s, set}});
    QCOMPARE(r.errorCode(), u"DUPLICATE_VALUE"_s);
    // Read only: visible, not writable.
    r = api.get(SfHttp::data(u"sobjects/Order/describe"_s));
    bool found = false;
    for (const auto &f : r.object().value(u"fields"_s).toArray()) {
        const QJsonObject o = f.toObject();
        if (o.value(u"name"_s).toString() != u"Magento_ID__c")
            continue;
        found = true;
        QVERIFY(o.value(u"externalId"_s).toBool());
        QVERIFY(o.value(u"unique"_s).toBool());
        QVERIFY(!o.value(u"updateable"_s).toBool());
        QVERIFY(!o.value(u"createable"_s).toBool());
    }
    QVERIFY(found);
    QCOMPARE(api.get(SfHttp::data(u"query?q="_s + q(u"SELECT Magento_ID__c FROM Order"_s))).status, 200);
    // Edit too: writable.
    r = api.patch(SfHttp::data(u"sobjects/FieldPermissions/"_s + permission), QJsonObject{{u"PermissionsEdit"_s, true}});
    QCOMPARE(r.status, 204);
    r = api.get(SfHttp::data(u"query?q="_s + q(u"SELECT Id FROM Account LIMIT 1"_s)));
    const QString account = r.object().value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString();
    r = api.patch(SfHttp::data(u"sobjects/Order/Magento_ID__c/000000042"_s),
                  QJsonObject{{u"AccountId"_s, account}, {u"EffectiveDate"_s, u"2026-01-02"_s}, {u"Status"_s, u"Draft"_s}});
    QVERIFY2(r.status == 201, r.body.constData());
    // Revoked: invisible again.
    QCOMPARE(api.del(SfHttp::data(u"sobjects/FieldPermissions/"_s + permission)).status, 204);
    QVERIFY(!describes(api, u"Order"_s, u"Magento_ID__c"_s));
}

void TestSfOrgFreshOrg::withoutCustomizeApplicationTheSetupIsRefused()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s, u"--fresh-org"_s, u"--no-customize-application"_s}),
             qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    auto r = api.post(SfHttp::data(u"tooling/sobjects/CustomField"_s), magentoIdField());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INSUFFICIENT_ACCESS_OR_READONLY"_s);
    r = api.post(SfHttp::data(u"sobjects/PermissionSet"_s),
                 QJsonObject{{u"Name"_s, u"OrderBridge_Integration"_s}, {u"Label"_s, u"OrderBridge Integration"_s}});
    QCOMPARE(r.errorCode(), u"INSUFFICIENT_ACCESS_OR_READONLY"_s);
    r = api.get(SfHttp::data(u"query?q="_s
                             + q(u"SELECT PermissionSet.PermissionsCustomizeApplication FROM PermissionSetAssignment"_s)));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 1);
    QVERIFY(!r.object().value(u"records"_s).toArray().at(0).toObject().value(u"PermissionSet"_s).toObject()
                 .value(u"PermissionsCustomizeApplication"_s).toBool());
}

// A fresh org's integration user has neither "Activate Orders" nor "Edit Activated Orders": activation is
// refused until a permission set assigned to it turns them on; the default org's profile has both.
void TestSfOrgFreshOrg::orderPermissionsComeFromPermissionSets()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s, u"--fresh-org"_s}), qPrintable(sandbox.errorString()));
    const QJsonObject sf = sandbox.salesforce();
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sf), QString());
    const QString user = sf.value(u"user_id"_s).toString();
    auto permissions = [&api, &user] {
        const auto r = api.get(SfHttp::data(u"query?q="_s
                                            + q(u"SELECT PermissionSet.PermissionsActivateOrder, "
                                                "PermissionSet.PermissionsEditActivatedOrders FROM PermissionSetAssignment "
                                                "WHERE AssigneeId = '"_s + user + u"'"_s)));
        std::pair<bool, bool> has{false, false};
        for (const auto &row : r.object().value(u"records"_s).toArray()) {
            const QJsonObject set = row.toObject().value(u"PermissionSet"_s).toObject();
            has.first = has.first || set.value(u"PermissionsActivateOrder"_s).toBool();
            has.second = has.second || set.value(u"PermissionsEditActivatedOrders"_s).toBool();
        }
        return has;
    };
    QCOMPARE(permissions(), (std::pair{false, false}));

    // A Draft order with one product.
    auto r = api.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Permission Shop"_s}});
    QCOMPARE(r.status, 201);
    const QString book = sf.value(u"magento_pricebook_id"_s).toString();
    r = api.post(SfHttp::data(u"sobjects/Order"_s),
                 QJsonObject{{u"AccountId"_s, r.object().value(u"id"_s).toString()}, {u"EffectiveDate"_s, u"2024-05-01"_s},
                             {u"Status"_s, u"Draft"_s}, {u"Pricebook2Id"_s, book}});
    QCOMPARE(r.status, 201);
    const QString order = r.object().value(u"id"_s).toString();
    r = api.get(SfHttp::data(u"query?q="_s
                             + q(u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '"_s + book
                                 + u"' AND IsActive = true LIMIT 1"_s)));
    const QString entry = r.object().value(u"records"_s).toArray().first().toObject().value(u"Id"_s).toString();
    r = api.post(SfHttp::data(u"sobjects/OrderItem"_s), QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entry},
                                                                     {u"Quantity"_s, 1}, {u"UnitPrice"_s, 5}});
    QCOMPARE(r.status, 201);
    const QString item = r.object().value(u"id"_s).toString();

    // Without Activate Orders the activation is refused, naming the permission; the order stays Draft.
    r = api.patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Activated"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QVERIFY2(r.body.contains("Activate Orders"), r.body.constData());
    QCOMPARE(api.get(SfHttp::data(u"sobjects/Order/"_s + order)).object().value(u"StatusCode"_s).toString(), u"Draft"_s);

    // A permission set with Activate Orders alone, assigned: activation passes, edits of it do not.
    r = api.post(SfHttp::data(u"sobjects/PermissionSet"_s),
                 QJsonObject{{u"Name"_s, u"OrderBridge_Integration"_s}, {u"Label"_s, u"OrderBridge Integration"_s},
                             {u"PermissionsActivateOrder"_s, true}});
    QCOMPARE(r.status, 201);
    const QString set = r.object().value(u"id"_s).toString();
    QCOMPARE(api.post(SfHttp::data(u"sobjects/PermissionSetAssignment"_s),
                      QJsonObject{{u"AssigneeId"_s, user}, {u"PermissionSetId"_s, set}}).status, 201);
    QCOMPARE(permissions(), (std::pair{true, false}));
    QCOMPARE(api.patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Activated"_s}}).status, 204);
    r = api.patch(SfHttp::data(u"sobjects/OrderItem/"_s + item), QJsonObject{{u"Quantity"_s, 2}});
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("Edit Activated Orders"), r.body.constData());

    // The set updated with Edit Activated Orders: the Activated order's product is edited in place.
    QCOMPARE(api.patch(SfHttp::data(u"sobjects/PermissionSet/"_s + set), QJsonObject{{u"PermissionsEditActivatedOrders"_s, true}})
                 .status, 204);
    QCOMPARE(permissions(), (std::pair{true, true}));
    QCOMPARE(api.patch(SfHttp::data(u"sobjects/OrderItem/"_s + item), QJsonObject{{u"Quantity"_s, 2}}).status, 204);
    QCOMPARE(api.get(SfHttp::data(u"sobjects/Order/"_s + order)).object().value(u"StatusCode"_s).toString(), u"Activated"_s);

    // The default org's profile has both.
    SandboxProcess standard;
    QVERIFY2(standard.start({u"--orders"_s, u"0"_s}), qPrintable(standard.errorString()));
    SfHttp other(standard.salesforceLoginUrl());
    QCOMPARE(other.login(standard.salesforce()), QString());
    r = other.get(SfHttp::data(u"query?q="_s
                               + q(u"SELECT PermissionSet.PermissionsActivateOrder, PermissionSet.PermissionsEditActivatedOrders "
                                   "FROM PermissionSetAssignment"_s)));
    const QJsonObject profileSet = r.object().value(u"records"_s).toArray().at(0).toObject().value(u"PermissionSet"_s).toObject();
    QVERIFY(profileSet.value(u"PermissionsActivateOrder"_s).toBool());
    QVERIFY(profileSet.value(u"PermissionsEditActivatedOrders"_s).toBool());
}

QTEST_GUILESS_MAIN(TestSfOrgFreshOrg)
#include "tst_sforgfreshorg.moc"
