// SfIndexPosting against the QStringList it replaces in SfRecordStore's index: after any sequence of filings and
// removals (the same id filed twice included) it lists the same ids in the same order.
#include "sfindexposting.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SfIndexPosting;

class tst_SfIndexPosting : public QObject
{
    Q_OBJECT

private slots:
    void matchesAListOnRandomChanges_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("appendsInFive"); // out of five steps, this many file an id and the rest remove one
        for (quint32 seed = 1; seed <= 8; ++seed)
            QTest::newRow(qPrintable(u"growing, seed %1"_s.arg(seed))) << seed << 3;
        // Even odds keep the posting near the size where it turns from a plain list into the sequence map.
        for (quint32 seed = 1; seed <= 4; ++seed)
            QTest::newRow(qPrintable(u"hovering, seed %1"_s.arg(seed))) << seed << 2;
    }
    void matchesAListOnRandomChanges()
    {
        QFETCH(quint32, seed);
        QFETCH(int, appendsInFive);
        QRandomGenerator rng(seed);
        SfIndexPosting posting;
        QStringList reference;
        for (int step = 0; step < 3000; ++step) {
            const QString id = u"801000000000%1AAA"_s.arg(rng.bounded(40), 3, 10, QChar(u'0'));
            if (int(rng.bounded(5)) < appendsInFive) {
                posting.append(id);
                reference.append(id);
            } else {
                posting.removeOne(id);
                reference.removeOne(id);
            }
            if (rng.bounded(4) == 0) // read now and then: the list is rebuilt after removals, kept after filings
                QCOMPARE(posting.ids(), reference);
            QCOMPARE(posting.size(), reference.size());
            QCOMPARE(posting.isEmpty(), reference.isEmpty());
        }
        QCOMPARE(posting.ids(), reference);
    }

    void removingWhatIsNotFiledChangesNothing()
    {
        SfIndexPosting posting;
        posting.append(u"a"_s);
        posting.removeOne(u"b"_s);
        QCOMPARE(posting.ids(), QStringList{u"a"_s});
        posting.removeOne(u"a"_s);
        QVERIFY(posting.isEmpty());
        QCOMPARE(posting.ids(), QStringList());
    }
};

QTEST_APPLESS_MAIN(tst_SfIndexPosting)
#include "tst_sfindexposting.moc"
