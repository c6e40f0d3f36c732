#include "magento/magentoauthmode.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// One text form per mode: what profiles store and `connect magento --auth` takes.
class TestMagentoAuthMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void formerSpellings();
    void unknown();
};

void TestMagentoAuthMode::roundTrip_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("name");
    // The stored names: the connection_profiles CHECK constraint admits exactly these.
    QTest::newRow("integration token") << int(MagentoAuthMode::IntegrationToken) << u"integration_bearer"_s;
    QTest::newRow("admin user") << int(MagentoAuthMode::AdminUser) << u"admin_token"_s;
    QTest::newRow("oauth1") << int(MagentoAuthMode::OAuth1) << u"oauth1"_s;
}

void TestMagentoAuthMode::roundTrip()
{
    QFETCH(int, mode);
    QFETCH(QString, name);
    QCOMPARE(magentoAuthModeName(MagentoAuthMode(mode)), name);
    QCOMPARE(magentoAuthModeFromName(name), std::optional(MagentoAuthMode(mode)));
}

void TestMagentoAuthMode::formerSpellings()
{
    QCOMPARE(magentoAuthModeFromName(u"token"), std::optional(MagentoAuthMode::IntegrationToken));
    QCOMPARE(magentoAuthModeFromName(u"admin"), std::optional(MagentoAuthMode::AdminUser));
}

void TestMagentoAuthMode::unknown()
{
    QCOMPARE(magentoAuthModeFromName(u"basic"), std::nullopt);
    QCOMPARE(magentoAuthModeFromName(u""), std::nullopt);
    QCOMPARE(magentoAuthModeFromName(u"OAUTH1"), std::nullopt);
    QVERIFY(magentoAuthModeName(static_cast<MagentoAuthMode>(42)).isEmpty());
}

QTEST_APPLESS_MAIN(TestMagentoAuthMode)
#include "tst_magentoauthmode.moc"
