#include "salesforce/salesforceflow.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// One text form per flow: what profiles store and `connect salesforce --flow` takes.
class TestSalesforceFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void formerSpellings();
    void unknown();
};

void TestSalesforceFlow::roundTrip_data()
{
    QTest::addColumn<int>("flow");
    QTest::addColumn<QString>("name");
    // The stored names: the connection_profiles CHECK constraint admits exactly these.
    QTest::newRow("web server") << int(SalesforceFlow::WebServer) << u"web_server"_s;
    QTest::newRow("username-password") << int(SalesforceFlow::UsernamePassword) << u"username_password"_s;
    QTest::newRow("jwt bearer") << int(SalesforceFlow::JwtBearer) << u"jwt_bearer"_s;
}

void TestSalesforceFlow::roundTrip()
{
    QFETCH(int, flow);
    QFETCH(QString, name);
    QCOMPARE(salesforceFlowName(SalesforceFlow(flow)), name);
    QCOMPARE(salesforceFlowFromName(name), std::optional(SalesforceFlow(flow)));
}

void TestSalesforceFlow::formerSpellings()
{
    QCOMPARE(salesforceFlowFromName(u"browser"), std::optional(SalesforceFlow::WebServer));
    QCOMPARE(salesforceFlowFromName(u"password"), std::optional(SalesforceFlow::UsernamePassword));
    QCOMPARE(salesforceFlowFromName(u"jwt"), std::optional(SalesforceFlow::JwtBearer));
}

void TestSalesforceFlow::unknown()
{
    QCOMPARE(salesforceFlowFromName(u"device"), std::nullopt);
    QCOMPARE(salesforceFlowFromName(u"implicit"), std::nullopt);
    QCOMPARE(salesforceFlowFromName(u""), std::nullopt);
    QVERIFY(salesforceFlowName(static_cast<SalesforceFlow>(42)).isEmpty());
}

QTEST_APPLESS_MAIN(TestSalesforceFlow)
#include "tst_salesforceflow.moc"
