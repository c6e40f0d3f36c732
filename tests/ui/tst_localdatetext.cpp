#include "common/localdatetext.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The console's one date format: the locale's order, four-digit years, local time.
class TestLocalDateText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void widensYears_data();
    void widensYears();
    void writesInTheLocalesOrder_data();
    void writesInTheLocalesOrder();
    void invalidIsEmpty();
};

void TestLocalDateText::widensYears_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en_US") << u"M/d/yy"_s << u"M/d/yyyy"_s;
    QTest::newRow("de_DE") << u"dd.MM.yy"_s << u"dd.MM.yyyy"_s;
    QTest::newRow("already four") << u"dd/MM/yyyy"_s << u"dd/MM/yyyy"_s;
    QTest::newRow("one y") << u"d.M.y"_s << u"d.M.yyyy"_s;
    QTest::newRow("quoted text kept") << u"'yy' d.M.yy"_s << u"'yy' d.M.yyyy"_s;
    QTest::newRow("year first") << u"yy/MM/dd"_s << u"yyyy/MM/dd"_s;
}

void TestLocalDateText::widensYears()
{
    QFETCH(QString, format);
    QFETCH(QString, expected);
    QCOMPARE(LocalDateText::withFourDigitYears(format), expected);
}

void TestLocalDateText::writesInTheLocalesOrder_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("dateTime");
    QTest::addColumn<QString>("withSeconds");
    QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates) << u"12/8/2026"_s
                           << u"12/8/2026 2:05\u202fPM"_s << u"12/8/2026 2:05:09\u202fPM"_s;
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany) << u"08.12.2026"_s << u"08.12.2026 14:05"_s
                           << u"08.12.2026 14:05:09"_s;
}

void TestLocalDateText::writesInTheLocalesOrder()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, date);
    QFETCH(QString, dateTime);
    QFETCH(QString, withSeconds);
    const QDateTime local(QDate(2026, 12, 8), QTime(14, 5, 9));
    QCOMPARE(LocalDateText::date(local.date(), locale), date);
    // Qt's CLDR data may separate "PM" with a narrow no-break space or a plain one: compare without it.
    const auto plain = [](QString text) { return text.replace(u'\u202f', u' '); };
    QCOMPARE(plain(LocalDateText::dateTime(local, locale)), plain(dateTime));
    QCOMPARE(plain(LocalDateText::dateTimeWithSeconds(local, locale)), plain(withSeconds));
    // A UTC time is shown in local time.
    QCOMPARE(LocalDateText::dateTime(local.toUTC(), locale), LocalDateText::dateTime(local, locale));
}

void TestLocalDateText::invalidIsEmpty()
{
    QVERIFY(LocalDateText::dateTime(QDateTime()).isEmpty());
    QVERIFY(LocalDateText::date(QDate()).isEmpty());
}

QTEST_GUILESS_MAIN(TestLocalDateText)
#include "tst_localdatetext.moc"
