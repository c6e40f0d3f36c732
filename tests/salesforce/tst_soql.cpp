#include "salesforce/soql.h"
#include "salesforce/soqlquery.h"

#include <QDate>
#include <QDateTime>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSoql : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quote_data();
    void quote();
    void quoteLike_data();
    void quoteLike();
    void names_data();
    void names();
    void inList();
    void literal();
    void hostileQueries_data();
    void hostileQueries();
    void builderRefusesBadNames();
    void builderShapes();
};

void TestSoql::quote_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"Acme"_s << u"'Acme'"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("apostrophe") << u"O'Brien"_s << u"'O\\'Brien'"_s;
    QTest::newRow("injection") << u"x' OR Name != '"_s << u"'x\\' OR Name != \\''"_s;
    QTest::newRow("backslash") << u"a\\b"_s << u"'a\\\\b'"_s;
    QTest::newRow("backslash-quote") << u"\\'"_s << u"'\\\\\\''"_s;
    QTest::newRow("double quote") << u"say \"hi\""_s << u"'say \\\"hi\\\"'"_s;
    QTest::newRow("newline") << u"a\nb"_s << u"'a\\nb'"_s;
    QTest::newRow("cr") << u"a\rb"_s << u"'a\\rb'"_s;
    QTest::newRow("tab") << u"a\tb"_s << u"'a\\tb'"_s;
    QTest::newRow("backspace") << u"a\bb"_s << u"'a\\bb'"_s;
    QTest::newRow("formfeed") << u"a\fb"_s << u"'a\\fb'"_s;
    QTest::newRow("percent kept outside LIKE") << u"100%_x"_s << u"'100%_x'"_s;
    QTest::newRow("other control dropped") << u"a\u0001b\u007f"_s << u"'ab'"_s;
    QTest::newRow("unicode") << u"Zoë Ünal 山田 😀"_s << u"'Zoë Ünal 山田 😀'"_s;
    QTest::newRow("email") << u"o'brien+test@example.com"_s << u"'o\\'brien+test@example.com'"_s;
}

void TestSoql::quote()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(Soql::quote(value), expected);
}

void TestSoql::quoteLike_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("match");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exact") << u"50%_off"_s << int(Soql::LikeMatch::Exact) << u"'50\\%\\_off'"_s;
    QTest::newRow("prefix") << u"O'B"_s << int(Soql::LikeMatch::Prefix) << u"'O\\'B%'"_s;
    QTest::newRow("suffix") << u"a_b"_s << int(Soql::LikeMatch::Suffix) << u"'%a\\_b'"_s;
    QTest::newRow("contains") << u"\\%"_s << int(Soql::LikeMatch::Contains) << u"'%\\\\\\%%'"_s;
}

void TestSoql::quoteLike()
{
    QFETCH(QString, value);
    QFETCH(int, match);
    QFETCH(QString, expected);
    QCOMPARE(Soql::quoteLike(value, Soql::LikeMatch(match)), expected);
}

void TestSoql::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"Name"_s << true;
    QTest::newRow("custom") << u"Magento_ID__c"_s << true;
    QTest::newRow("namespaced") << u"ob__Magento_ID__c"_s << true;
    QTest::newRow("relationship") << u"Account.Owner.Name"_s << true;
    QTest::newRow("custom relationship") << u"Parent__r.Name"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << u"Name FROM Account"_s << false;
    QTest::newRow("quote") << u"Name'"_s << false;
    QTest::newRow("comma") << u"Id,Name"_s << false;
    QTest::newRow("paren") << u"COUNT(Id)"_s << false;
    QTest::newRow("leading digit") << u"1Name"_s << false;
    QTest::newRow("leading underscore") << u"_Name"_s << false;
    QTest::newRow("trailing underscore") << u"Name_"_s << false;
    QTest::newRow("triple underscore") << u"A___c"_s << false;
    QTest::newRow("empty segment") << u"Account..Name"_s << false;
    QTest::newRow("trailing dot") << u"Account."_s << false;
    QTest::newRow("unicode") << u"Näme"_s << false;
    QTest::newRow("newline") << u"Name\n"_s << false;
    QTest::newRow("comment") << u"Name--"_s << false;
}

void TestSoql::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Soql::isValidName(name), valid);
    QCOMPARE(Soql::name(name).has_value(), valid);
    if (!valid)
        QCOMPARE(Soql::name(name).error().code, u"INVALID_SOQL_NAME"_s);
}

void TestSoql::inList()
{
    QCOMPARE(*Soql::inList({u"a"_s, u"O'Brien"_s}), u"('a','O\\'Brien')"_s);
    QVERIFY(!Soql::inList({}).has_value());
    QCOMPARE(Soql::inList({}).error().code, u"INVALID_SOQL_VALUE"_s);
}

void TestSoql::literal()
{
    QCOMPARE(*Soql::literal(QVariant(u"x'"_s)), u"'x\\''"_s);
    QCOMPARE(*Soql::literal(QVariant(true)), u"true"_s);
    QCOMPARE(*Soql::literal(QVariant(42)), u"42"_s);
    QCOMPARE(*Soql::literal(QVariant(qint64(1) << 40)), u"1099511627776"_s);
    QCOMPARE(*Soql::literal(QVariant(2.5)), u"2.5"_s);
    QCOMPARE(*Soql::literal(QVariant()), u"null"_s);
    QCOMPARE(*Soql::literal(QVariant(QDate(2024, 1, 31))), u"2024-01-31"_s);
    QCOMPARE(*Soql::literal(QVariant(QDateTime(QDate(2024, 1, 31), QTime(10, 5, 0), Qt::UTC))), u"2024-01-31T10:05:00Z"_s);
    QVERIFY(!Soql::literal(QVariant(qInf())).has_value());
    QVERIFY(!Soql::literal(QVariant(QStringList{u"a"_s})).has_value());
}

void TestSoql::hostileQueries_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("O'Brien") << u"O'Brien"_s
                             << u"SELECT Id FROM Contact WHERE Email = 'O\\'Brien'"_s;
    QTest::newRow("or-injection") << u"x' OR Name != '"_s
                                  << u"SELECT Id FROM Contact WHERE Email = 'x\\' OR Name != \\''"_s;
    QTest::newRow("escape-the-escape") << u"x\\' OR Id != null OR Name = '"_s
                                       << u"SELECT Id FROM Contact WHERE Email = 'x\\\\\\' OR Id != null OR Name = \\''"_s;
    QTest::newRow("newline") << u"a\n' LIMIT 1"_s << u"SELECT Id FROM Contact WHERE Email = 'a\\n\\' LIMIT 1'"_s;
    QTest::newRow("unicode") << u"Åsa Ørsted 日本"_s << u"SELECT Id FROM Contact WHERE Email = 'Åsa Ørsted 日本'"_s;
}

void TestSoql::hostileQueries()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const Result<QString> soql = SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, value).build();
    QVERIFY(soql.has_value());
    QCOMPARE(*soql, expected);
    // Every quote inside the literal is escaped: stripping escape pairs leaves exactly the two
    // delimiting quotes of the one literal.
    QString stripped = *soql;
    stripped.replace(u"\\\\"_s, QString()).replace(u"\\'"_s, QString());
    QCOMPARE(stripped.count(u'\''), 2);
}

void TestSoql::builderRefusesBadNames()
{
    QVERIFY(!SoqlQuery(u"Contact WHERE Id != null"_s).select({u"Id"_s}).build().has_value());
    QVERIFY(!SoqlQuery(u"Contact"_s).select({u"Id, (SELECT Id FROM Cases)"_s}).build().has_value());
    QVERIFY(!SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email = 'a' OR Id"_s, u"x"_s).build().has_value());
    QVERIFY(!SoqlQuery(u"Contact"_s).select({u"Id"_s}).orderBy(u"Name; DELETE"_s).build().has_value());
    QVERIFY(!SoqlQuery(u"Contact"_s).select({}).build().has_value());
    QVERIFY(!SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereIn(u"Email"_s, {}).build().has_value());
}

void TestSoql::builderShapes()
{
    const Result<QString> soql = SoqlQuery(u"Contact"_s)
                                     .select({u"Id"_s, u"Email"_s, u"Account.Name"_s, u"Id"_s})
                                     .anyOf({{u"Email"_s, SoqlQuery::Op::In, QVariant(QStringList{u"a@x.io"_s, u"o'b@x.io"_s}), {}},
                                             {u"Magento_ID__c"_s, SoqlQuery::Op::In, QVariant(QStringList{u"42"_s}), {}}})
                                     .where(u"CreatedDate"_s, SoqlQuery::Op::GreaterOrEqual, QVariant(QDate(2024, 2, 1)))
                                     .whereLike(u"LastName"_s, u"O'_"_s, Soql::LikeMatch::Prefix)
                                     .orderBy(u"CreatedDate"_s, false)
                                     .limit(200)
                                     .build();
    QVERIFY2(soql.has_value(), qPrintable(soql.has_value() ? QString() : soql.error().message));
    QCOMPARE(*soql, u"SELECT Id, Email, Account.Name FROM Contact WHERE (Email IN ('a@x.io','o\\'b@x.io') OR "
                    "Magento_ID__c IN ('42')) AND CreatedDate >= 2024-02-01 AND LastName LIKE 'O\\'\\_%' "
                    "ORDER BY CreatedDate DESC LIMIT 200"_s);
}

QTEST_APPLESS_MAIN(TestSoql)
#include "tst_soql.moc"
