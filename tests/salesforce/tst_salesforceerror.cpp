#include "salesforce/salesforceerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSalesforceError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restArrayShape();
    void collectionStatusCodeShape();
    void singleObjectShape();
    void oauthShapeOnRestRoute();
    void malformedBodies_data();
    void malformedBodies();
    void hints_data();
    void hints();
    void convertsToError();
    void signInHintsAreTranslatable();
};

void TestSalesforceError::restArrayShape()
{
    const QByteArray body = R"([{"message":"Required fields are missing: [EffectiveDate, Status]","errorCode":"REQUIRED_FIELD_MISSING","fields":["EffectiveDate","Status"]},
                               {"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
    const QList<SalesforceError> errors = SalesforceError::parseBody(body, 400);
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors[0].errorCode, u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(errors[0].message, u"Required fields are missing: [EffectiveDate, Status]"_s);
    QCOMPARE(errors[0].fields, (QStringList{u"EffectiveDate"_s, u"Status"_s}));
    QCOMPARE(errors[0].httpStatus, 400);
    QVERIFY(errors[0].hint.contains(u"EffectiveDate, Status"_s));
    QCOMPARE(errors[1].errorCode, u"INVALID_SESSION_ID"_s);
    QVERIFY(errors[1].fields.isEmpty());
}

void TestSalesforceError::collectionStatusCodeShape()
{
    const QJsonArray errs = QJsonDocument::fromJson(
                                R"([{"statusCode":"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST","message":"Status: bad value for restricted picklist field: Shipped","fields":["Status"]}])")
                                .array();
    const QList<SalesforceError> errors = SalesforceError::parseArray(errs, 200);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].errorCode, u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
    QCOMPARE(errors[0].fields, QStringList{u"Status"_s});
    QVERIFY(errors[0].hint.contains(u"Order Status mapping"_s));
}

void TestSalesforceError::singleObjectShape()
{
    const QList<SalesforceError> errors = SalesforceError::parseBody(
        R"({"message":"The requested resource does not exist","errorCode":"NOT_FOUND"})", 404);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].errorCode, u"NOT_FOUND"_s);
    QCOMPARE(errors[0].httpStatus, 404);
}

void TestSalesforceError::oauthShapeOnRestRoute()
{
    const QList<SalesforceError> errors =
        SalesforceError::parseBody(R"({"error":"invalid_grant","error_description":"authentication failure"})", 400);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].errorCode, u"invalid_grant"_s);
    QCOMPARE(errors[0].message, u"authentication failure"_s);
    QVERIFY(errors[0].hint.contains(u"security token"_s));
}

void TestSalesforceError::malformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html><body>Bad Gateway</body></html>");
    QTest::newRow("truncated") << QByteArray(R"([{"message":"Requ)");
    QTest::newRow("strings") << QByteArray(R"(["/services/data/v62.0/sobjects/Order/801"])");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("unrelated object") << QByteArray(R"({"foo":1})");
}

void TestSalesforceError::malformedBodies()
{
    QFETCH(QByteArray, body);
    const QList<SalesforceError> errors = SalesforceError::parseBody(body, 502);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().errorCode, u"MALFORMED_RESPONSE"_s);
    QCOMPARE(errors.first().httpStatus, 502);
    QVERIFY(!errors.first().hint.isEmpty());
}

void TestSalesforceError::hints_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("needle");
    QTest::newRow("price book") << u"FIELD_INTEGRITY_EXCEPTION"_s << u"Price Book Entry"_s;
    QTest::newRow("picklist") << u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s << u"Order Status mapping"_s;
    QTest::newRow("required") << u"REQUIRED_FIELD_MISSING"_s << u"Map the field"_s;
    QTest::newRow("too long") << u"STRING_TOO_LONG"_s << u"longer"_s;
    QTest::newRow("duplicate") << u"DUPLICATE_VALUE"_s << u"unique"_s;
    QTest::newRow("locked") << u"ENTITY_IS_LOCKED"_s << u"Draft group"_s;
    QTest::newRow("invalid field") << u"INVALID_FIELD"_s << u"custom field"_s;
    QTest::newRow("limit") << u"REQUEST_LIMIT_EXCEEDED"_s << u"24-hour"_s;
    QTest::newRow("client id") << u"invalid_client_id"_s << u"consumer key"_s;
    QTest::newRow("grant") << u"invalid_grant"_s << u"username-password flow"_s;
    QTest::newRow("app access") << u"invalid_app_access"_s << u"pre-authorize"_s;
}

void TestSalesforceError::hints()
{
    QFETCH(QString, code);
    QFETCH(QString, needle);
    QVERIFY2(SalesforceError::hintFor(code).contains(needle), qPrintable(SalesforceError::hintFor(code)));
    QVERIFY(SalesforceError::hintFor(u"SOMETHING_NEW"_s).isEmpty());
}

void TestSalesforceError::convertsToError()
{
    const SalesforceError e = SalesforceError::make(u"STRING_TOO_LONG"_s, u"Name: data value too large"_s, 400);
    const Error generic = e; // implicit, so Result<T> accepts it
    QCOMPARE(generic.code, u"STRING_TOO_LONG"_s);
    QVERIFY(generic.message.contains(u"HTTP 400"_s));
    QCOMPARE(generic.hint, e.hint);
    const SalesforceResult<int> sf = std::unexpected(e);
    const Result<int> r = sf;
    QCOMPARE(r.error().code, u"STRING_TOO_LONG"_s);
}

void TestSalesforceError::signInHintsAreTranslatable()
{
    // Stored hints are translated where shown by their English source: each sign-in hint must be one.
    using Hint = SalesforceError::SignInHint;
    const QStringList sources = SalesforceError::hintSources();
    for (Hint h : {Hint::BlockedPasswordFlow, Hint::RefreshTokenDropped, Hint::RefreshTokenExpired, Hint::JwtAudience,
                   Hint::JwtNotApproved, Hint::JwtSignature, Hint::IpRestricted, Hint::Pkce}) {
        const QString text = SalesforceError::signInHint(h);
        QVERIFY2(!text.isEmpty(), qPrintable(QString::number(int(h))));
        QVERIFY2(sources.contains(text), qPrintable(text));
    }
    QVERIFY(SalesforceError::signInHint(Hint::BlockedPasswordFlow).contains(u"Allow OAuth Username-Password Flows"));
    QVERIFY(SalesforceError::signInHint(Hint::JwtAudience).contains(u"https://test.salesforce.com"));
}

QTEST_APPLESS_MAIN(TestSalesforceError)
#include "tst_salesforceerror.moc"
