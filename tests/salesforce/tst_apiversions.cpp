#include "salesforce/apiversions.h"

#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class tst_ApiVersions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheVersionsReply();
    void chooses_data();
    void chooses();
};

void tst_ApiVersions::parsesTheVersionsReply()
{
    const QByteArray body = R"([{"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"},
        {"label":"Summer '14","url":"/services/data/v31.0","version":"31.0"},
        {"label":"Spring '26","url":"/services/data/v66.0","version":"66.0"},{"url":"/x"}])";
    QCOMPARE(ApiVersions::parse(body), (QStringList{u"31.0"_s, u"62.0"_s, u"66.0"_s}));
    QVERIFY(ApiVersions::parse("{\"errorCode\":\"NOT_FOUND\"}").isEmpty());
    QVERIFY(ApiVersions::parse("<html>").isEmpty());
}

void tst_ApiVersions::chooses_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("expected"); // empty: API_VERSION_UNSUPPORTED

    const QStringList sandbox{u"31.0"_s, u"40.0"_s, u"61.0"_s, u"62.0"_s, u"63.0"_s, u"68.0"_s};
    QTest::newRow("newest tested") << sandbox << QString() << u"62.0"_s;
    QTest::newRow("configured") << sandbox << u"61.0"_s << u"61.0"_s;
    QTest::newRow("configured newer than tested") << sandbox << u"68.0"_s << u"68.0"_s;
    QTest::newRow("configured without .0") << sandbox << u"40"_s << u"40.0"_s;
    QTest::newRow("configured not offered") << sandbox << u"70.0"_s << QString();
    QTest::newRow("older org") << QStringList{u"58.0"_s, u"59.0"_s, u"60.0"_s} << QString() << u"60.0"_s;
    QTest::newRow("unsorted") << QStringList{u"9.0"_s, u"60.0"_s, u"10.0"_s} << QString() << u"60.0"_s;
    QTest::newRow("all newer") << QStringList{u"64.0"_s, u"63.0"_s} << QString() << u"63.0"_s;
    QTest::newRow("nothing offered") << QStringList() << QString() << QString();
}

void tst_ApiVersions::chooses()
{
    QFETCH(QStringList, offered);
    QFETCH(QString, configured);
    QFETCH(QString, expected);
    const auto chosen = ApiVersions::choose(offered, configured, u"62.0");
    if (expected.isEmpty()) {
        QVERIFY(!chosen);
        QCOMPARE(chosen.error().errorCode, u"API_VERSION_UNSUPPORTED"_s);
        QVERIFY(!chosen.error().hint.isEmpty());
        if (!offered.isEmpty()) {
            QVERIFY2(chosen.error().message.contains(configured), qPrintable(chosen.error().message));
            QVERIFY(chosen.error().message.contains(u"31.0 to 68.0"_s));
        }
    } else {
        QVERIFY2(chosen, chosen ? "" : qPrintable(chosen.error().message));
        QCOMPARE(*chosen, expected);
    }
}

QTEST_APPLESS_MAIN(tst_ApiVersions)
#include "tst_apiversions.moc"
