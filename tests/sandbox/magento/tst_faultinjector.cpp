#include "faultinjector.h"

#include <QTest>

using Sandbox::FaultInjector;
using Sandbox::FaultKind;

class tst_FaultInjector : public QObject
{
    Q_OBJECT

private:
    static QList<FaultKind> draw(double rate, quint64 seed, int n)
    {
        FaultInjector f(rate, seed);
        QList<FaultKind> out;
        for (int i = 0; i < n; ++i)
            out.append(f.next());
        return out;
    }

private slots:
    void sameSeedSameSequence()
    {
        QCOMPARE(draw(0.3, 7, 500), draw(0.3, 7, 500));
    }
    void otherSeedOtherSequence()
    {
        QVERIFY(draw(0.3, 7, 500) != draw(0.3, 8, 500));
    }
    void rateIsRespected_data()
    {
        QTest::addColumn<double>("rate");
        QTest::newRow("none") << 0.0;
        QTest::newRow("a tenth") << 0.1;
        QTest::newRow("half") << 0.5;
        QTest::newRow("all") << 1.0;
    }
    void rateIsRespected()
    {
        QFETCH(double, rate);
        const auto faults = draw(rate, 1, 4000);
        const double share = double(faults.size() - faults.count(FaultKind::None)) / faults.size();
        QVERIFY2(qAbs(share - rate) < 0.03, qPrintable(QString::number(share)));
    }
    void everyKindOccurs()
    {
        const auto faults = draw(1.0, 3, 2000);
        for (FaultKind k : {FaultKind::ServerError, FaultKind::Unavailable, FaultKind::DropBefore, FaultKind::DropAfter,
                            FaultKind::Stall, FaultKind::Truncated, FaultKind::ApiSpecific})
            QVERIFY(faults.contains(k));
    }
};

QTEST_APPLESS_MAIN(tst_FaultInjector)
#include "tst_faultinjector.moc"
