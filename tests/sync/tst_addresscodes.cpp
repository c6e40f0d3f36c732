// AddressCodes: mapped countries and states go to *CountryCode / *StateCode where the org has them
// (State and Country/Territory Picklists), checked against the described picklists and the state's
// dependency on the country; orgs without the code fields keep the text fields.

#include "sync/addresscodes.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

SalesforceFieldInfo picklist(const QString &name, const QList<std::pair<QString, QString>> &values)
{
    SalesforceFieldInfo f;
    f.name = name;
    f.type = u"picklist"_s;
    f.restrictedPicklist = true;
    for (const auto &[value, label] : values)
        f.picklistValues << PicklistValue{value, label, true, false, {}};
    return f;
}

// Billing only: US, CA, DE; TX valid for US (bit 0), QC for CA (bit 1).
SalesforceFieldMap picklistOrg()
{
    SalesforceFieldMap fields;
    SalesforceFieldInfo text;
    text.type = u"string"_s;
    for (const QString &name : {u"BillingCountry"_s, u"BillingState"_s, u"ShippingCountry"_s}) {
        text.name = name;
        fields.insert(name, text);
    }
    fields.insert(u"BillingCountryCode"_s,
                  picklist(u"BillingCountryCode"_s, {{u"US"_s, u"United States"_s}, {u"CA"_s, u"Canada"_s}, {u"DE"_s, u"Germany"_s}}));
    SalesforceFieldInfo state = picklist(u"BillingStateCode"_s, {{u"TX"_s, u"Texas"_s}, {u"QC"_s, u"Quebec"_s}});
    state.controllerName = u"BillingCountryCode"_s;
    state.validFor.insert(u"TX"_s, QByteArray(1, char(0x80)));
    state.validFor.insert(u"QC"_s, QByteArray(1, char(0x40)));
    fields.insert(u"BillingStateCode"_s, state);
    return fields;
}

} // namespace

class TestAddressCodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orgWithoutCodeFieldsKeepsTheText();
    void isoCodeAndStateNameBecomeCodes_data();
    void isoCodeAndStateNameBecomeCodes();
    void stateOfACountryWithoutStatesIsLeftOut();
    void unknownCountryIsLeftOutWithItsState();
    void mappingToACodeFieldIsKept();
    void lookupReadsTheCodeFields();
};

void TestAddressCodes::orgWithoutCodeFieldsKeepsTheText()
{
    SalesforceFieldMap fields;
    QJsonObject values{{u"BillingCountry"_s, u"US"_s}, {u"BillingState"_s, u"Texas"_s}};
    const QJsonObject before = values;
    QVERIFY(AddressCodes::apply(values, fields).isEmpty());
    QCOMPARE(values, before);
}

void TestAddressCodes::isoCodeAndStateNameBecomeCodes_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("countryCode");
    QTest::addColumn<QString>("stateCode");
    QTest::newRow("Magento's codes") << u"US"_s << u"Texas"_s << u"US"_s << u"TX"_s;
    QTest::newRow("lower case") << u"us"_s << u"tx"_s << u"US"_s << u"TX"_s;
    QTest::newRow("names") << u"Canada"_s << u"Quebec"_s << u"CA"_s << u"QC"_s;
    // Texas is known, but not for Canada: left out, the order still goes.
    QTest::newRow("state of another country") << u"CA"_s << u"Texas"_s << u"CA"_s << QString();
}

void TestAddressCodes::isoCodeAndStateNameBecomeCodes()
{
    QFETCH(QString, country);
    QFETCH(QString, state);
    QFETCH(QString, countryCode);
    QFETCH(QString, stateCode);
    QJsonObject values{{u"BillingCountry"_s, country}, {u"BillingState"_s, state}, {u"BillingCity"_s, u"Austin"_s}};
    const auto leftOut = AddressCodes::apply(values, picklistOrg());
    QVERIFY(!values.contains(u"BillingCountry"_s));
    QVERIFY(!values.contains(u"BillingState"_s));
    QCOMPARE(values.value(u"BillingCountryCode"_s).toString(), countryCode);
    QCOMPARE(values.value(u"BillingStateCode"_s).toString(), stateCode);
    QVERIFY(values.contains(u"BillingStateCode"_s)); // null clears a stale state
    QCOMPARE(values.value(u"BillingCity"_s).toString(), u"Austin"_s);
    QCOMPARE(leftOut.size(), stateCode.isEmpty() ? 1 : 0);
}

void TestAddressCodes::stateOfACountryWithoutStatesIsLeftOut()
{
    QJsonObject values{{u"BillingCountry"_s, u"DE"_s}, {u"BillingState"_s, u"Bayern"_s}};
    const auto leftOut = AddressCodes::apply(values, picklistOrg());
    QCOMPARE(values.value(u"BillingCountryCode"_s).toString(), u"DE"_s);
    QVERIFY(values.value(u"BillingStateCode"_s).isNull());
    QCOMPARE(leftOut.size(), 1);
    QCOMPARE(leftOut.first().field, u"BillingState"_s);
    QCOMPARE(leftOut.first().value, u"Bayern"_s);
    QCOMPARE(leftOut.first().country, u"DE"_s);
    // No state at all is no notice.
    QJsonObject empty{{u"BillingCountry"_s, u"DE"_s}, {u"BillingState"_s, QJsonValue()}};
    QVERIFY(AddressCodes::apply(empty, picklistOrg()).isEmpty());
}

void TestAddressCodes::unknownCountryIsLeftOutWithItsState()
{
    QJsonObject values{{u"BillingCountry"_s, u"XK"_s}, {u"BillingState"_s, u"Prishtina"_s}};
    const auto leftOut = AddressCodes::apply(values, picklistOrg());
    QVERIFY(values.value(u"BillingCountryCode"_s).isNull());
    QVERIFY(values.value(u"BillingStateCode"_s).isNull());
    QCOMPARE(leftOut.size(), 2);
    QVERIFY(leftOut.first().country.isEmpty());
}

void TestAddressCodes::mappingToACodeFieldIsKept()
{
    QJsonObject values{{u"BillingCountryCode"_s, u"US"_s}, {u"BillingCountry"_s, u"United States"_s}};
    const QJsonObject before = values;
    QVERIFY(AddressCodes::apply(values, picklistOrg()).isEmpty());
    QCOMPARE(values, before);
}

void TestAddressCodes::lookupReadsTheCodeFields()
{
    const QStringList mapped{u"Id"_s, u"BillingCountry"_s, u"BillingState"_s, u"ShippingCountry"_s};
    QCOMPARE(AddressCodes::lookupFields(mapped, picklistOrg()), (QStringList{u"BillingCountryCode"_s, u"BillingStateCode"_s}));
    QVERIFY(AddressCodes::lookupFields(mapped, {}).isEmpty());
}

QTEST_APPLESS_MAIN(TestAddressCodes)
#include "tst_addresscodes.moc"
