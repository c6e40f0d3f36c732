// Integration tests of State and Country/Territory Picklists (--state-country-picklists) over real HTTP:
// *CountryCode / *StateCode in describe (the state picklist dependent on the country), names that must be
// integration values, the two halves kept in step, and the FIELD_INTEGRITY_EXCEPTIONs Salesforce answers;
// without the switch the address fields are free text.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject fieldOf(const QJsonObject &describe, const QString &name)
{
    for (const QJsonValue &f : describe.value(u"fields"_s).toArray()) {
        if (f.toObject().value(u"name"_s).toString() == name)
            return f.toObject();
    }
    return {};
}

} // namespace

class TestSfOrgAddressPicklists : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void withoutTheSwitchAddressesAreText();
    void describeHasCodeFields();
    void isoCodeInTheTextFieldIsRefused();
    void integrationValueFillsTheCode();
    void codesFillTheNames();
    void stateMustBelongToTheCountry();
    void stateNeedsACountry();

private:
    QJsonObject get(SfHttp &http, const QString &object, const QString &id, const QString &fields);

    SandboxProcess m_plain;
    SandboxProcess m_picklists;
    std::unique_ptr<SfHttp> m_plainHttp;
    std::unique_ptr<SfHttp> m_http;
};

void TestSfOrgAddressPicklists::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_plain.start({u"--seed"_s, u"6"_s, u"--orders"_s, u"0"_s}), qPrintable(m_plain.errorString()));
    QVERIFY2(m_picklists.start({u"--seed"_s, u"6"_s, u"--orders"_s, u"0"_s, u"--state-country-picklists"_s}),
             qPrintable(m_picklists.errorString()));
    QCOMPARE(m_picklists.salesforce().value(u"state_country_picklists"_s).toBool(), true);
    m_plainHttp = std::make_unique<SfHttp>(m_plain.salesforceLoginUrl());
    QCOMPARE(m_plainHttp->login(m_plain.salesforce()), QString());
    m_http = std::make_unique<SfHttp>(m_picklists.salesforceLoginUrl());
    QCOMPARE(m_http->login(m_picklists.salesforce()), QString());
}

QJsonObject TestSfOrgAddressPicklists::get(SfHttp &http, const QString &object, const QString &id, const QString &fields)
{
    return http.get(SfHttp::data(u"sobjects/%1/%2?fields=%3"_s.arg(object, id, fields))).object();
}

void TestSfOrgAddressPicklists::withoutTheSwitchAddressesAreText()
{
    const QJsonObject describe = m_plainHttp->get(SfHttp::data(u"sobjects/Account/describe"_s)).object();
    QVERIFY(!fieldOf(describe, u"BillingCountry"_s).isEmpty());
    QVERIFY(fieldOf(describe, u"BillingCountryCode"_s).isEmpty());
    const auto r = m_plainHttp->post(SfHttp::data(u"sobjects/Account"_s),
                                     QJsonObject{{u"Name"_s, u"Text Address"_s}, {u"BillingCountry"_s, u"US"_s},
                                                 {u"BillingState"_s, u"Bavaria"_s}});
    QCOMPARE(r.status, 201);
}

void TestSfOrgAddressPicklists::describeHasCodeFields()
{
    for (const QString &object : {u"Account"_s, u"Contact"_s, u"Order"_s}) {
        const QJsonObject describe = m_http->get(SfHttp::data(u"sobjects/%1/describe"_s.arg(object))).object();
        const QString prefix = object == u"Contact"_s ? u"Mailing"_s : u"Billing"_s;
        const QJsonObject country = fieldOf(describe, prefix + u"CountryCode"_s);
        QCOMPARE(country.value(u"type"_s).toString(), u"picklist"_s);
        QVERIFY(country.value(u"restrictedPicklist"_s).toBool());
        const QJsonObject state = fieldOf(describe, prefix + u"StateCode"_s);
        QCOMPARE(state.value(u"controllerName"_s).toString(), prefix + u"CountryCode"_s);
        QVERIFY(state.value(u"dependentPicklist"_s).toBool());
        // TX is valid for the United States only: its bit is the position of US among the country values.
        const QJsonArray countries = country.value(u"picklistValues"_s).toArray();
        int us = -1;
        for (int i = 0; i < countries.size(); ++i) {
            if (countries.at(i).toObject().value(u"value"_s).toString() == u"US"_s) {
                us = i;
                QCOMPARE(countries.at(i).toObject().value(u"label"_s).toString(), u"United States"_s);
            }
        }
        QVERIFY(us >= 0);
        QByteArray bits;
        for (const QJsonValue &v : state.value(u"picklistValues"_s).toArray()) {
            if (v.toObject().value(u"value"_s).toString() == u"TX"_s)
                bits = QByteArray::fromBase64(v.toObject().value(u"validFor"_s).toString().toLatin1());
        }
        QVERIFY(!bits.isEmpty());
        for (int i = 0; i < countries.size(); ++i)
            QCOMPARE(bool(uchar(bits.at(i / 8)) & (0x80 >> (i % 8))), i == us);
    }
}

void TestSfOrgAddressPicklists::isoCodeInTheTextFieldIsRefused()
{
    const auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                QJsonObject{{u"Name"_s, u"x"_s}, {u"BillingCountry"_s, u"US"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(r.errorMessage(), u"There's a problem with this country, even though it may appear correct. Please "
                               "select a country/territory from the list of valid countries.: Billing Country"_s);
    QCOMPARE(r.array().at(0).toObject().value(u"fields"_s).toArray(), QJsonArray{u"BillingCountry"_s});
    const auto contact = m_http->post(SfHttp::data(u"sobjects/Contact"_s),
                                      QJsonObject{{u"LastName"_s, u"x"_s}, {u"MailingCountry"_s, u"DE"_s}});
    QCOMPARE(contact.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QVERIFY(contact.errorMessage().endsWith(u": Mailing Country"_s));
    const auto unknown = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                      QJsonObject{{u"Name"_s, u"x"_s}, {u"BillingCountryCode"_s, u"XX"_s}});
    QCOMPARE(unknown.status, 400);
}

void TestSfOrgAddressPicklists::integrationValueFillsTheCode()
{
    const auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                QJsonObject{{u"Name"_s, u"Names"_s}, {u"BillingCountry"_s, u"United States"_s},
                                            {u"BillingState"_s, u"Texas"_s}});
    QCOMPARE(r.status, 201);
    const QJsonObject row = get(*m_http, u"Account"_s, r.object().value(u"id"_s).toString(),
                                u"BillingCountry,BillingCountryCode,BillingState,BillingStateCode"_s);
    QCOMPARE(row.value(u"BillingCountryCode"_s).toString(), u"US"_s);
    QCOMPARE(row.value(u"BillingStateCode"_s).toString(), u"TX"_s);
}

void TestSfOrgAddressPicklists::codesFillTheNames()
{
    const auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                QJsonObject{{u"Name"_s, u"Codes"_s}, {u"BillingCountryCode"_s, u"CA"_s},
                                            {u"BillingStateCode"_s, u"QC"_s}, {u"ShippingCountryCode"_s, u"DE"_s}});
    QCOMPARE(r.status, 201);
    const QString id = r.object().value(u"id"_s).toString();
    QJsonObject row = get(*m_http, u"Account"_s, id, u"BillingCountry,BillingState,ShippingCountry,ShippingState"_s);
    QCOMPARE(row.value(u"BillingCountry"_s).toString(), u"Canada"_s);
    QCOMPARE(row.value(u"BillingState"_s).toString(), u"Quebec"_s);
    QCOMPARE(row.value(u"ShippingCountry"_s).toString(), u"Germany"_s);
    QVERIFY(row.value(u"ShippingState"_s).isNull());
    // A name and a code that disagree are refused; changing the code alone moves the name along.
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/Account/"_s + id),
                           QJsonObject{{u"ShippingCountryCode"_s, u"FR"_s}, {u"ShippingCountry"_s, u"Germany"_s}})
                 .errorCode(),
             u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/Account/"_s + id), QJsonObject{{u"ShippingCountryCode"_s, u"FR"_s}}).status,
             204);
    row = get(*m_http, u"Account"_s, id, u"ShippingCountry"_s);
    QCOMPARE(row.value(u"ShippingCountry"_s).toString(), u"France"_s);
}

void TestSfOrgAddressPicklists::stateMustBelongToTheCountry()
{
    const QString path = SfHttp::data(u"sobjects/Account"_s);
    auto r = m_http->post(path, QJsonObject{{u"Name"_s, u"x"_s}, {u"BillingCountryCode"_s, u"DE"_s},
                                            {u"BillingState"_s, u"Bayern"_s}});
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(r.errorMessage(), u"There's a problem with this state, even though it may appear correct. Please select "
                               "a state from the list of valid states.: Billing State/Province"_s);
    // TX exists, but not in Canada.
    r = m_http->post(path, QJsonObject{{u"Name"_s, u"x"_s}, {u"BillingCountryCode"_s, u"CA"_s},
                                       {u"BillingStateCode"_s, u"TX"_s}});
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
}

void TestSfOrgAddressPicklists::stateNeedsACountry()
{
    const auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                                QJsonObject{{u"Name"_s, u"x"_s}, {u"ShippingState"_s, u"Texas"_s}});
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(r.errorMessage(),
             u"A country/territory must be specified before specifying a state value for field: Shipping "
             "State/Province"_s);
}

QTEST_GUILESS_MAIN(TestSfOrgAddressPicklists)
#include "tst_sforgaddresspicklists.moc"
