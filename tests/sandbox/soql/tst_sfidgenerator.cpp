#include "sfid.h"
#include "sfidgenerator.h"

#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SfId;
using Sandbox::SfIdGenerator;

class TestSfIdGenerator : public QObject
{
    Q_OBJECT

private slots:
    void layout();
    void deterministicAndUnique();
    void base62Counter();
    void perPrefixCounters();
    void observeContinuesAfterLoadedIds();
    void rejectsBadInput();
};

void TestSfIdGenerator::layout()
{
    SfIdGenerator generator(u"RO"_s);
    const QString id = generator.nextFor(u"Order"_s);
    QCOMPARE(id.size(), 18);
    QCOMPARE(id.left(15), u"801RO0000000001"_s);
    QCOMPARE(id, SfId::to18(id.left(15)));
    QVERIFY(SfId::isValid(id));
}

void TestSfIdGenerator::deterministicAndUnique()
{
    SfIdGenerator a;
    SfIdGenerator b;
    QSet<QString> seen;
    for (int i = 0; i < 5000; ++i) {
        const QString x = a.next(u"001"_s);
        QCOMPARE(x, b.next(u"001"_s));
        QVERIFY(SfId::isValid(x));
        QVERIFY2(!seen.contains(x), qPrintable(x));
        seen.insert(x);
    }
}

void TestSfIdGenerator::base62Counter()
{
    SfIdGenerator generator(u"Sb"_s);
    QString id;
    for (int i = 0; i < 61; ++i)
        id = generator.next(u"802"_s);
    QCOMPARE(id.left(15), u"802Sb000000000z"_s);
    QCOMPARE(generator.next(u"802"_s).left(15), u"802Sb0000000010"_s);
}

void TestSfIdGenerator::perPrefixCounters()
{
    SfIdGenerator generator;
    QCOMPARE(generator.nextFor(u"Account"_s).left(15), u"001Sb0000000001"_s);
    QCOMPARE(generator.nextFor(u"Contact"_s).left(15), u"003Sb0000000001"_s);
    QCOMPARE(generator.nextFor(u"Account"_s).left(15), u"001Sb0000000002"_s);
    generator.reset();
    QCOMPARE(generator.nextFor(u"Account"_s).left(15), u"001Sb0000000001"_s);
}

void TestSfIdGenerator::observeContinuesAfterLoadedIds()
{
    SfIdGenerator first;
    QString last;
    for (int i = 0; i < 100; ++i)
        last = first.nextFor(u"Order"_s);
    SfIdGenerator restored;
    restored.observe(last.left(15)); // a 15-character id counts too
    restored.observe(SfId::to18(u"801Sb0000000005"_s)); // lower numbers do not move the counter back
    restored.observe(u"801XX0000000999"_s); // another pod's ids do not collide with ours
    QCOMPARE(restored.nextFor(u"Order"_s), first.nextFor(u"Order"_s));
}

void TestSfIdGenerator::rejectsBadInput()
{
    SfIdGenerator generator(u"!!"_s); // an invalid pod falls back to the default
    QCOMPARE(generator.next(u"001"_s).mid(3, 2), u"Sb"_s);
    QVERIFY(generator.nextFor(u"NoSuchObject"_s).isEmpty());
    QVERIFY(generator.next(u"01"_s).isEmpty());
    QVERIFY(generator.next(u"0-1"_s).isEmpty());
}

QTEST_APPLESS_MAIN(TestSfIdGenerator)
#include "tst_sfidgenerator.moc"
