#include "soqlparser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SoqlParser;
using Sandbox::SoqlQuery;
using Sandbox::SoqlValue;

class TestSoqlParser : public QObject
{
    Q_OBJECT

private slots:
    void goodQueries_data();
    void goodQueries();
    void badQueries_data();
    void badQueries();
    void stringEscapes_data();
    void stringEscapes();
    void positions();
    void literalKinds();
    void everyPrefixFailsCleanly();
};

namespace {

// Salesforce's caret frame: "\n<line>\n<spaces>^\nERROR at Row:r:Column:c\n<detail>".
QString frame(const QString &line, int row, int column, const QString &detail)
{
    return u"\n"_s + line + u"\n"_s + QString(column - 1, u' ') + u"^\nERROR at Row:"_s + QString::number(row)
           + u":Column:"_s + QString::number(column) + u"\n"_s + detail;
}

} // namespace

void TestSoqlParser::goodQueries_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<QString>("summary");

    QTest::newRow("minimal") << u"SELECT Id FROM Account"_s << u"SELECT Id FROM Account"_s;
    QTest::newRow("keywords any case") << u"sElEcT Id, name fRoM account wHeRe name = 'Acme' LiMiT 5"_s
                                       << u"SELECT Id, name FROM account WHERE name = 'Acme' LIMIT 5"_s;
    QTest::newRow("whitespace and newlines") << u"  SELECT\n\tId ,Name\r\nFROM   Contact  "_s
                                             << u"SELECT Id, Name FROM Contact"_s;
    QTest::newRow("parent fields two levels") << u"SELECT Id, Account.Name, Account.Owner.Name FROM Contact"_s
                                              << u"SELECT Id, Account.Name, Account.Owner.Name FROM Contact"_s;
    QTest::newRow("count()") << u"SELECT COUNT() FROM Order WHERE Status = 'Draft'"_s
                             << u"SELECT COUNT() FROM Order WHERE Status = 'Draft'"_s;
    QTest::newRow("count(field) alias") << u"SELECT count(Id) total, COUNT(AccountId) FROM Order"_s
                                        << u"SELECT COUNT(Id) total, COUNT(AccountId) FROM Order"_s;
    QTest::newRow("child subquery")
        << u"SELECT Id, (SELECT Id, Quantity FROM OrderItems WHERE Quantity > 1 ORDER BY Quantity DESC LIMIT 2) FROM Order"_s
        << u"SELECT Id, (SELECT Id, Quantity FROM OrderItems WHERE Quantity > 1 ORDER BY Quantity DESC LIMIT 2) FROM Order"_s;
    QTest::newRow("comparison operators")
        << u"SELECT Id FROM Order WHERE TotalAmount >= 10.5 AND TotalAmount < 100 AND TotalAmount <= 99 AND TotalAmount > 0 AND Status != 'Activated' AND Name <> 'x'"_s
        << u"SELECT Id FROM Order WHERE (TotalAmount >= 10.5 AND TotalAmount < 100 AND TotalAmount <= 99 AND TotalAmount > 0 AND Status != 'Activated' AND Name != 'x')"_s;
    QTest::newRow("in and not in")
        << u"SELECT Id FROM Contact WHERE Id IN ('003RO0000035WQg','003RO0000035WQgYAM') AND Email NOT IN ('a@b.c', NULL)"_s
        << u"SELECT Id FROM Contact WHERE (Id IN ('003RO0000035WQg', '003RO0000035WQgYAM') AND Email NOT IN ('a@b.c', NULL))"_s;
    QTest::newRow("like with quote") << uR"(SELECT Id FROM Contact WHERE LastName LIKE 'O\'Br%')"_s
                                     << uR"(SELECT Id FROM Contact WHERE LastName LIKE 'O\'Br%')"_s;
    QTest::newRow("not binds tighter than and")
        << u"SELECT Id FROM Account WHERE NOT Name = 'x' AND (Type = 'a' OR Type = 'b')"_s
        << u"SELECT Id FROM Account WHERE (NOT Name = 'x' AND (Type = 'a' OR Type = 'b'))"_s;
    QTest::newRow("not over parentheses") << u"SELECT Id FROM Account WHERE NOT (Name = 'x' OR Name = 'y')"_s
                                          << u"SELECT Id FROM Account WHERE NOT (Name = 'x' OR Name = 'y')"_s;
    QTest::newRow("nested parentheses")
        << u"SELECT Id FROM Account WHERE ((Name = 'x' AND Type = 'y') OR (Name = 'z'))"_s
        << u"SELECT Id FROM Account WHERE ((Name = 'x' AND Type = 'y') OR Name = 'z')"_s;
    QTest::newRow("booleans and null") << u"SELECT Id FROM Product2 WHERE IsActive = true AND Description = null"_s
                                       << u"SELECT Id FROM Product2 WHERE (IsActive = TRUE AND Description = NULL)"_s;
    QTest::newRow("dates and date-times")
        << u"SELECT Id FROM Order WHERE EffectiveDate = 2024-01-31 AND CreatedDate > 2024-01-31T10:00:00Z AND LastModifiedDate < 2024-01-31T10:00:00+02:00 AND SystemModstamp >= 2024-01-31T10:00:00.250-01:30"_s
        << u"SELECT Id FROM Order WHERE (EffectiveDate = 2024-01-31 AND CreatedDate > 2024-01-31T10:00:00Z AND LastModifiedDate < 2024-01-31T08:00:00Z AND SystemModstamp >= 2024-01-31T11:30:00Z)"_s;
    QTest::newRow("date literals") << u"SELECT Id FROM Order WHERE CreatedDate = today OR CreatedDate = LAST_N_DAYS:30"_s
                                   << u"SELECT Id FROM Order WHERE (CreatedDate = TODAY OR CreatedDate = LAST_N_DAYS:30)"_s;
    QTest::newRow("order by several")
        << u"SELECT Id FROM Account ORDER BY Name DESC NULLS LAST, CreatedDate, Id ASC NULLS FIRST LIMIT 10 OFFSET 20"_s
        << u"SELECT Id FROM Account ORDER BY Name DESC NULLS LAST, CreatedDate ASC, Id ASC NULLS FIRST LIMIT 10 OFFSET 20"_s;
    QTest::newRow("signed numbers") << u"SELECT Id FROM Order WHERE TotalAmount > -5 AND TotalAmount < +7.25"_s
                                    << u"SELECT Id FROM Order WHERE (TotalAmount > -5 AND TotalAmount < 7.25)"_s;
    QTest::newRow("with security_enforced, for view")
        << u"SELECT Id FROM Account WITH SECURITY_ENFORCED ORDER BY Name LIMIT 1 FOR VIEW"_s
        << u"SELECT Id FROM Account ORDER BY Name ASC LIMIT 1"_s;
    QTest::newRow("FIELDS()") << u"SELECT fields(all), (SELECT FIELDS(STANDARD) FROM OrderItems) FROM Order LIMIT 200"_s
                              << u"SELECT FIELDS(ALL), (SELECT FIELDS(STANDARD) FROM OrderItems) FROM Order LIMIT 200"_s;
    QTest::newRow("FIELDS(STANDARD) unbounded") << u"SELECT FIELDS(STANDARD) FROM Order"_s
                                                << u"SELECT FIELDS(STANDARD) FROM Order"_s;
    QTest::newRow("semi-join and anti-join")
        << u"SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email LIKE '%@example.com') AND Id NOT IN (SELECT AccountId FROM Order)"_s
        << u"SELECT Id FROM Account WHERE (Id IN (SELECT AccountId FROM Contact WHERE Email LIKE '%@example.com') AND Id NOT IN (SELECT AccountId FROM Order))"_s;
    QTest::newRow("child relationship through the parent")
        << u"SELECT Name, (SELECT LastName FROM Account.Contacts) FROM Account"_s
        << u"SELECT Name, (SELECT LastName FROM Contacts) FROM Account"_s;
    QTest::newRow("GROUP BY with aggregates")
        << u"SELECT Status, count(Id) n, SUM(TotalAmount), max(EffectiveDate), COUNT_DISTINCT(AccountId) FROM Order WHERE Status != null GROUP BY Status ORDER BY Status LIMIT 5"_s
        << u"SELECT Status, COUNT(Id) n, SUM(TotalAmount), MAX(EffectiveDate), COUNT_DISTINCT(AccountId) FROM Order WHERE Status != NULL GROUP BY Status ORDER BY Status ASC LIMIT 5"_s;
    QTest::newRow("custom fields") << u"SELECT Magento_ID__c FROM Order WHERE Magento_ID__c IN ('100000001')"_s
                                   << u"SELECT Magento_ID__c FROM Order WHERE Magento_ID__c IN ('100000001')"_s;
}

void TestSoqlParser::goodQueries()
{
    QFETCH(QString, soql);
    QFETCH(QString, summary);
    const auto query = SoqlParser::parseQuery(soql);
    QVERIFY2(query.has_value(), qPrintable(query ? QString() : query.error().message));
    QCOMPARE(SoqlParser::summary(*query), summary);
    QCOMPARE(query->text, soql);
}

void TestSoqlParser::badQueries_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");

    const QString malformed = u"MALFORMED_QUERY"_s;
    QTest::newRow("empty") << QString() << malformed << u"SOQL statements cannot be empty or null"_s;
    QTest::newRow("blank") << u"  \n "_s << malformed << u"SOQL statements cannot be empty or null"_s;
    QTest::newRow("FORM") << u"SELECT Id FORM Account"_s << malformed
                          << frame(u"SELECT Id FORM Account"_s, 1, 11, u"unexpected token: 'FORM'"_s);
    QTest::newRow("trailing WHERE") << u"SELECT Id FROM Account WHERE"_s << malformed
                                    << frame(u"SELECT Id FROM Account WHERE"_s, 1, 29, u"unexpected token: '<EOF>'"_s);
    QTest::newRow("dangling comma") << u"SELECT Id, FROM Account"_s << malformed
                                    << frame(u"SELECT Id, FROM Account"_s, 1, 12, u"unexpected token: 'FROM'"_s);
    QTest::newRow("no field") << u"SELECT FROM Account"_s << malformed
                              << frame(u"SELECT FROM Account"_s, 1, 8, u"unexpected token: 'FROM'"_s);
    QTest::newRow("no object") << u"SELECT Id FROM"_s << malformed
                               << frame(u"SELECT Id FROM"_s, 1, 15, u"unexpected token: '<EOF>'"_s);
    QTest::newRow("not a select") << u"DELETE FROM Account"_s << malformed
                                  << frame(u"DELETE FROM Account"_s, 1, 1, u"unexpected token: 'DELETE'"_s);
    QTest::newRow("AND and OR mixed without parentheses")
        << u"SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Type = 'c'"_s << malformed
        << frame(u"SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Type = 'c'"_s, 1, 56,
                 u"unexpected token: 'OR'"_s);
    QTest::newRow("OR then AND") << u"SELECT Id FROM Account WHERE Name = 'a' OR Type = 'b' AND Id = null"_s << malformed
                                 << frame(u"SELECT Id FROM Account WHERE Name = 'a' OR Type = 'b' AND Id = null"_s, 1, 55,
                                          u"unexpected token: 'AND'"_s);
    QTest::newRow("stray character") << u"SELECT Id FROM Contact WHERE Email = @x"_s << malformed
                                     << frame(u"SELECT Id FROM Contact WHERE Email = @x"_s, 1, 38,
                                              u"unexpected token: '@'"_s);
    QTest::newRow("semicolon") << u"SELECT Id FROM Account;"_s << malformed
                               << frame(u"SELECT Id FROM Account;"_s, 1, 23, u"unexpected token: ';'"_s);
    QTest::newRow("empty IN list") << u"SELECT Id FROM Account WHERE Id IN ()"_s << malformed
                                   << frame(u"SELECT Id FROM Account WHERE Id IN ()"_s, 1, 37, u"unexpected token: ')'"_s);
    QTest::newRow("missing value") << u"SELECT Id FROM Account WHERE Name = ORDER BY Name"_s << malformed
                                   << frame(u"SELECT Id FROM Account WHERE Name = ORDER BY Name"_s, 1, 37,
                                            u"unexpected token: 'ORDER'"_s);
    QTest::newRow("identifier as value") << u"SELECT Id FROM Account WHERE Name = Acme"_s << malformed
                                         << frame(u"SELECT Id FROM Account WHERE Name = Acme"_s, 1, 37,
                                                  u"unexpected token: 'Acme'"_s);
    QTest::newRow("negative limit") << u"SELECT Id FROM Account LIMIT -1"_s << malformed
                                    << frame(u"SELECT Id FROM Account LIMIT -1"_s, 1, 30, u"unexpected token: '-'"_s);
    QTest::newRow("decimal limit") << u"SELECT Id FROM Account LIMIT 1.5"_s << malformed
                                   << frame(u"SELECT Id FROM Account LIMIT 1.5"_s, 1, 30, u"unexpected token: '1.5'"_s);
    QTest::newRow("NULLS without FIRST/LAST") << u"SELECT Id FROM Account ORDER BY Name NULLS"_s << malformed
                                              << frame(u"SELECT Id FROM Account ORDER BY Name NULLS"_s, 1, 43,
                                                       u"unexpected token: '<EOF>'"_s);
    QTest::newRow("date-time without zone")
        << u"SELECT Id FROM Account WHERE CreatedDate > 2024-01-31T10:00:00"_s << malformed
        << frame(u"SELECT Id FROM Account WHERE CreatedDate > 2024-01-31T10:00:00"_s, 1, 44,
                 u"unexpected token: '2024-01-31T10:00:00'"_s);
    QTest::newRow("impossible date") << u"SELECT Id FROM Order WHERE EffectiveDate = 2024-02-30"_s << malformed
                                     << frame(u"SELECT Id FROM Order WHERE EffectiveDate = 2024-02-30"_s, 1, 44,
                                              u"unexpected token: '2024-02-30'"_s);
    QTest::newRow("date literal without n") << u"SELECT Id FROM Order WHERE CreatedDate = LAST_N_DAYS"_s << malformed
                                            << frame(u"SELECT Id FROM Order WHERE CreatedDate = LAST_N_DAYS"_s, 1, 53,
                                                     u"unexpected token: '<EOF>'"_s);
    QTest::newRow("bad escape") << uR"(SELECT Id FROM Account WHERE Name = 'a\qb')"_s << malformed
                                << frame(uR"(SELECT Id FROM Account WHERE Name = 'a\qb')"_s, 1, 37,
                                         uR"(Invalid string literal 'a\q'. Illegal character sequence '\q' in string literal.)"_s);
    QTest::newRow("row and column on line 3") << u"SELECT Id\nFROM Account\nWHERE Name = = 'x'"_s << malformed
                                              << frame(u"WHERE Name = = 'x'"_s, 3, 14, u"unexpected token: '='"_s);
    QTest::newRow("nested subquery")
        << u"SELECT Id, (SELECT Id, (SELECT Id FROM Notes) FROM OrderItems) FROM Order"_s << malformed
        << frame(u"SELECT Id, (SELECT Id, (SELECT Id FROM Notes) FROM OrderItems) FROM Order"_s, 1, 24,
                 u"unexpected token: '('"_s);
    QTest::newRow("COUNT() not alone") << u"SELECT Id, COUNT() FROM Account"_s << malformed
                                       << frame(u"SELECT Id, COUNT() FROM Account"_s, 1, 20,
                                                u"COUNT() must be the only element in the SELECT list."_s);
    QTest::newRow("offset too large") << u"SELECT Id FROM Account LIMIT 10 OFFSET 2001"_s << u"NUMBER_OUTSIDE_VALID_RANGE"_s
                                      << frame(u"SELECT Id FROM Account LIMIT 10 OFFSET 2001"_s, 1, 40,
                                               u"Maximum SOQL offset allowed is 2000"_s);
    QTest::newRow("FIELDS(ALL) without LIMIT") << u"SELECT FIELDS(ALL) FROM Account"_s << malformed
                                               << u"The SOQL FIELDS function must have a LIMIT of at most 200"_s;
    QTest::newRow("FIELDS(CUSTOM) LIMIT 201") << u"SELECT FIELDS(CUSTOM) FROM Account LIMIT 201"_s << malformed
                                              << u"The SOQL FIELDS function must have a LIMIT of at most 200"_s;
    QTest::newRow("FIELDS(bogus)") << u"SELECT FIELDS(SOME) FROM Account LIMIT 1"_s << malformed
                                   << frame(u"SELECT FIELDS(SOME) FROM Account LIMIT 1"_s, 1, 15,
                                            u"unexpected token: 'SOME'"_s);
    QTest::newRow("OFFSET before LIMIT") << u"SELECT Id FROM Account OFFSET 1 LIMIT 1"_s << malformed
                                         << frame(u"SELECT Id FROM Account OFFSET 1 LIMIT 1"_s, 1, 33,
                                                  u"unexpected token: 'LIMIT'"_s);
}

void TestSoqlParser::badQueries()
{
    QFETCH(QString, soql);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);
    const auto query = SoqlParser::parseQuery(soql);
    QVERIFY2(!query.has_value(), qPrintable(query ? SoqlParser::summary(*query) : QString()));
    QCOMPARE(query.error().errorCode, errorCode);
    QCOMPARE(query.error().message, message);
}

void TestSoqlParser::stringEscapes_data()
{
    QTest::addColumn<QString>("literal"); // as written between the quotes
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("raw");
    QTest::newRow("plain") << u"Acme"_s << u"Acme"_s << u"Acme"_s;
    QTest::newRow("quote (O'Brien)") << uR"(O\'Brien)"_s << u"O'Brien"_s << uR"(O\'Brien)"_s;
    QTest::newRow("double quote") << uR"(say \"hi\")"_s << u"say \"hi\""_s << uR"(say \"hi\")"_s;
    QTest::newRow("backslash") << uR"(C:\\temp)"_s << uR"(C:\temp)"_s << uR"(C:\\temp)"_s;
    QTest::newRow("control characters") << uR"(a\nb\tc\rd\be\ff)"_s << u"a\nb\tc\rd\be\ff"_s << uR"(a\nb\tc\rd\be\ff)"_s;
    QTest::newRow("upper-case escapes") << uR"(a\Nb\Tc)"_s << u"a\nb\tc"_s << uR"(a\Nb\Tc)"_s;
    QTest::newRow("percent and underscore") << uR"(100\% \_x)"_s << u"100% _x"_s << uR"(100\% \_x)"_s;
    QTest::newRow("unicode") << u"Zoë Straße"_s << u"Zoë Straße"_s << u"Zoë Straße"_s;
}

void TestSoqlParser::stringEscapes()
{
    QFETCH(QString, literal);
    QFETCH(QString, value);
    QFETCH(QString, raw);
    const auto query = SoqlParser::parseQuery(u"SELECT Id FROM Account WHERE Name = '"_s + literal + u"'"_s);
    QVERIFY2(query.has_value(), qPrintable(query ? QString() : query.error().message));
    QVERIFY(query->where);
    QCOMPARE(query->where->values.size(), size_t(1));
    QCOMPARE(query->where->values.front().kind, SoqlValue::Kind::String);
    QCOMPARE(query->where->values.front().text, value);
    QCOMPARE(query->where->values.front().raw, raw);
}

void TestSoqlParser::positions()
{
    const auto query = SoqlParser::parseQuery(u"SELECT Id,\n  Account.Name\nFROM Contact\nWHERE Email = 'x'"_s);
    QVERIFY(query.has_value());
    QCOMPARE(query->select.size(), size_t(2));
    QCOMPARE(query->select.at(1).field.position.row, 2);
    QCOMPARE(query->select.at(1).field.position.column, 3);
    QCOMPARE(query->fromPosition.row, 3);
    QCOMPARE(query->fromPosition.column, 6);
    QCOMPARE(query->where->field.position.row, 4);
    QCOMPARE(query->where->values.front().position.column, 15);
}

void TestSoqlParser::literalKinds()
{
    const auto query = SoqlParser::parseQuery(
        u"SELECT Id FROM Order WHERE A = 5 AND B = 2.50 AND C = FALSE AND D = NEXT_N_DAYS:7 AND E = 2024-02-29"_s);
    QVERIFY(query.has_value());
    const auto &c = query->where->children;
    QCOMPARE(c.size(), size_t(5));
    QCOMPARE(c[0].values.front().kind, SoqlValue::Kind::Number);
    QCOMPARE(c[0].values.front().number, 5.0);
    QCOMPARE(c[1].values.front().number, 2.5);
    QCOMPARE(c[2].values.front().kind, SoqlValue::Kind::Boolean);
    QCOMPARE(c[2].values.front().boolean, false);
    QCOMPARE(c[3].values.front().kind, SoqlValue::Kind::DateLiteral);
    QCOMPARE(c[3].values.front().text, u"NEXT_N_DAYS"_s);
    QCOMPARE(c[3].values.front().n, 7);
    QCOMPARE(c[4].values.front().date, QDate(2024, 2, 29));
}

void TestSoqlParser::everyPrefixFailsCleanly()
{
    // Cut a rich statement at every character: each prefix parses or fails with a framed MALFORMED_QUERY whose
    // caret position lies inside (or just past) the text.
    const QString full = uR"(SELECT Id, Account.Name, COUNT(Id) n, (SELECT Id FROM OrderItems WHERE Quantity > -1.5 LIMIT 2) FROM Order WHERE (Name LIKE 'O\'B%' OR Id IN ('801RO0000000001', NULL)) AND NOT EffectiveDate = LAST_N_DAYS:3 AND CreatedDate >= 2024-01-31T10:00:00+02:00 AND Id NOT IN (SELECT OrderId FROM Note) ORDER BY Name DESC NULLS LAST LIMIT 5 OFFSET 1)"_s;
    int parsed = 0;
    for (qsizetype n = 0; n <= full.size(); ++n) {
        const QString prefix = full.left(n);
        const auto query = SoqlParser::parseQuery(prefix);
        if (query) {
            ++parsed;
            continue;
        }
        const QString &message = query.error().message;
        QVERIFY2(!query.error().errorCode.isEmpty(), qPrintable(prefix));
        if (prefix.trimmed().isEmpty()) {
            QCOMPARE(message, u"SOQL statements cannot be empty or null"_s);
            continue;
        }
        const qsizetype at = message.indexOf(u"ERROR at Row:1:Column:"_s);
        QVERIFY2(at > 0, qPrintable(prefix + u" -> "_s + message));
        const int column = QStringView(message).mid(at + 22).split(u'\n').front().toInt();
        QVERIFY2(column >= 1 && column <= prefix.size() + 1, qPrintable(prefix + u" -> "_s + message));
    }
    QVERIFY(parsed >= 2); // the whole statement and a few cuts at clause boundaries
    QVERIFY(SoqlParser::parseQuery(full).has_value());
}

QTEST_APPLESS_MAIN(TestSoqlParser)
#include "tst_soqlparser.moc"
