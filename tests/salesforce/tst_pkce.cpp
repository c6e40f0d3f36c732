#include "salesforce/pkce.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc7636AppendixB();
    void verifierShape();
    void stateIsRandom();
};

void TestPkce::rfc7636AppendixB()
{
    // RFC 7636, Appendix B.
    QCOMPARE(Pkce::challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

void TestPkce::verifierShape()
{
    static const QRegularExpression unreserved(u"^[A-Za-z0-9._~-]{43,128}$"_s);
    QSet<QByteArray> seen;
    for (int i = 0; i < 50; ++i) {
        const QByteArray v = Pkce::generateVerifier();
        QCOMPARE(v.size(), 43);
        QVERIFY(unreserved.match(QString::fromLatin1(v)).hasMatch());
        QCOMPARE(Pkce::challenge(v).size(), 43);
        seen.insert(v);
    }
    QCOMPARE(seen.size(), 50);
}

void TestPkce::stateIsRandom()
{
    QVERIFY(Pkce::generateState() != Pkce::generateState());
    QVERIFY(Pkce::generateState().size() >= 20);
}

QTEST_APPLESS_MAIN(TestPkce)
#include "tst_pkce.moc"
