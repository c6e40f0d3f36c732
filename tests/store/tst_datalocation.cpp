#include "store/datalocation.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestDataLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void resolves_data();
    void resolves();
};

void TestDataLocation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"OrderBridge"_s);
    QCoreApplication::setApplicationName(u"OrderBridge"_s);
}

void TestDataLocation::cleanup()
{
    qunsetenv("ORDERBRIDGE_DATA_DIR");
}

void TestDataLocation::resolves_data()
{
    QTest::addColumn<QString>("explicitDir");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("expected");
    const QString platform = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QTest::newRow("platform default") << QString() << QString() << platform;
    QTest::newRow("environment") << QString() << u"/tmp/ob-env"_s << u"/tmp/ob-env"_s;
    QTest::newRow("explicit wins") << u"/tmp/ob-cli"_s << u"/tmp/ob-env"_s << u"/tmp/ob-cli"_s;
    QTest::newRow("explicit cleaned") << u"/tmp/ob-cli/../ob-x/"_s << QString() << u"/tmp/ob-x"_s;
    QTest::newRow("relative made absolute") << u"rel"_s << QString() << QDir::current().absoluteFilePath(u"rel"_s);
}

void TestDataLocation::resolves()
{
    QFETCH(QString, explicitDir);
    QFETCH(QString, environment);
    QFETCH(QString, expected);
    if (!environment.isEmpty())
        qputenv("ORDERBRIDGE_DATA_DIR", environment.toLocal8Bit());
    QCOMPARE(DataLocation::resolveDataDir(explicitDir), QDir::cleanPath(expected));
    QCOMPARE(DataLocation::databasePath(explicitDir), QDir::cleanPath(expected) + u"/orderbridge.sqlite"_s);
    QCOMPARE(DataLocation::environmentVariable(), u"ORDERBRIDGE_DATA_DIR"_s);
}

QTEST_GUILESS_MAIN(TestDataLocation)
#include "tst_datalocation.moc"
