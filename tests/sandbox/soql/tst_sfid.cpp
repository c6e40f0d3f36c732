#include "sfid.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SfId;

class TestSfId : public QObject
{
    Q_OBJECT

private slots:
    void checksum_data();
    void checksum();
    void validation_data();
    void validation();
    void normalizeRestoresCase();
    void keyPrefixes_data();
    void keyPrefixes();
    void prefixToObject();
};

void TestSfId::checksum_data()
{
    QTest::addColumn<QString>("id15");
    QTest::addColumn<QString>("id18");
    // The five vectors of api-facts A14 (Salesforce's published examples).
    QTest::newRow("a0RE000000IJmcN") << u"a0RE000000IJmcN"_s << u"a0RE000000IJmcNMAT"_s;
    QTest::newRow("001M000000qfPyS") << u"001M000000qfPyS"_s << u"001M000000qfPySIAU"_s;
    QTest::newRow("a01M00000062mPg") << u"a01M00000062mPg"_s << u"a01M00000062mPgIAI"_s;
    QTest::newRow("a0FE000000D6r3F") << u"a0FE000000D6r3F"_s << u"a0FE000000D6r3FMAR"_s;
    QTest::newRow("aBcDEfgHIJKLMNO") << u"aBcDEfgHIJKLMNO"_s << u"aBcDEfgHIJKLMNO025"_s;
    // Ids printed in Salesforce's REST documentation (query example and its locator, api-facts A8).
    QTest::newRow("doc Contact id") << u"003RO0000035WQg"_s << u"003RO0000035WQgYAM"_s;
    QTest::newRow("doc query locator") << u"01gRO0000016PIA"_s << u"01gRO0000016PIAYA2"_s;
    // Edge cases: no upper-case letter at all, and every character upper-case.
    QTest::newRow("all digits") << u"001000000000000"_s << u"001000000000000AAA"_s;
    QTest::newRow("all upper") << u"ABCDEFGHIJKLMNO"_s << u"ABCDEFGHIJKLMNO555"_s;
}

void TestSfId::checksum()
{
    QFETCH(QString, id15);
    QFETCH(QString, id18);
    QCOMPARE(SfId::checksum(id15), id18.right(3));
    QCOMPARE(SfId::to18(id15), id18);
    QCOMPARE(SfId::to18(id18), id18);
    QVERIFY(SfId::isValid(id15));
    QVERIFY(SfId::isValid(id18));
    QCOMPARE(SfId::normalize(id15).value_or(QString()), id18);
}

void TestSfId::validation_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("wrong checksum") << u"001M000000qfPySIAA"_s << false;
    QTest::newRow("checksum of another case") << u"001M000000qfPYSIAU"_s << false;
    QTest::newRow("16 chars") << u"001M000000qfPySI"_s << false;
    QTest::newRow("14 chars") << u"001M000000qfPy"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("dash") << u"001M000000qf-yS"_s << false;
    QTest::newRow("checksum char outside alphabet") << u"001M000000qfPyS9AU"_s << false;
    QTest::newRow("valid 15") << u"001M000000qfPyS"_s << true;
    QTest::newRow("valid 18") << u"001M000000qfPySIAU"_s << true;
}

void TestSfId::validation()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(SfId::isValid(id), valid);
    if (!valid && id.size() != 18)
        QVERIFY(SfId::to18(id).isEmpty());
}

void TestSfId::normalizeRestoresCase()
{
    // An 18-character id that lost its case (spreadsheets, case-insensitive stores) still names one record.
    QCOMPARE(SfId::normalize(u"001m000000qfpysiau"_s).value_or(QString()), u"001M000000qfPySIAU"_s);
    QCOMPARE(SfId::normalize(u"A0RE000000IJMCNMAT"_s).value_or(QString()), u"a0RE000000IJmcNMAT"_s);
    // ... but a 15-character id is case-sensitive: lower-casing it names another record.
    QCOMPARE(SfId::normalize(u"001m000000qfpys"_s).value_or(QString()), u"001m000000qfpysAAA"_s);
    // The middle chunk "00000" is all digits: a checksum claiming an upper-case letter there cannot be right.
    QVERIFY(!SfId::normalize(u"001M000000qfPySIBU"_s));
    // Any case pattern of the letters is a different record, so the suffix decides it.
    QCOMPARE(SfId::normalize(u"001M000000qfPySIAZ"_s).value_or(QString()), u"001M000000QfpYSIAZ"_s);
}

void TestSfId::keyPrefixes_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("Account") << u"Account"_s << u"001"_s;
    QTest::newRow("Note") << u"Note"_s << u"002"_s;
    QTest::newRow("Contact") << u"Contact"_s << u"003"_s;
    QTest::newRow("User") << u"User"_s << u"005"_s;
    QTest::newRow("Opportunity") << u"Opportunity"_s << u"006"_s;
    QTest::newRow("OpportunityLineItem") << u"OpportunityLineItem"_s << u"00k"_s;
    QTest::newRow("Organization") << u"Organization"_s << u"00D"_s;
    QTest::newRow("Product2") << u"Product2"_s << u"01t"_s;
    QTest::newRow("Pricebook2") << u"Pricebook2"_s << u"01s"_s;
    QTest::newRow("PricebookEntry") << u"PricebookEntry"_s << u"01u"_s;
    QTest::newRow("ContentNote") << u"ContentNote"_s << u"069"_s;
    QTest::newRow("ContentDocument") << u"ContentDocument"_s << u"069"_s;
    QTest::newRow("ContentDocumentLink") << u"ContentDocumentLink"_s << u"06A"_s;
    QTest::newRow("Order") << u"Order"_s << u"801"_s;
    QTest::newRow("OrderItem") << u"OrderItem"_s << u"802"_s;
    QTest::newRow("OrderStatus") << u"OrderStatus"_s << u"0Ow"_s;
    QTest::newRow("case-insensitive") << u"orderitem"_s << u"802"_s;
    QTest::newRow("unknown") << u"Foo__c"_s << QString();
}

void TestSfId::keyPrefixes()
{
    QFETCH(QString, object);
    QFETCH(QString, prefix);
    QCOMPARE(SfId::keyPrefix(object), prefix);
}

void TestSfId::prefixToObject()
{
    QCOMPARE(SfId::objectForPrefix(u"801"_s), u"Order"_s);
    QCOMPARE(SfId::objectForPrefix(u"06A"_s), u"ContentDocumentLink"_s);
    QCOMPARE(SfId::objectForPrefix(u"069"_s), u"ContentDocument"_s);
    QCOMPARE(SfId::objectForPrefix(u"00k"_s), u"OpportunityLineItem"_s);
    QCOMPARE(SfId::objectForPrefix(u"00K"_s), QString()); // prefixes are case-sensitive
    QCOMPARE(SfId::objectForPrefix(u"zzz"_s), QString());
}

QTEST_APPLESS_MAIN(TestSfId)
#include "tst_sfid.moc"
