#include "sync/orderscsv.h"

#include "store/database.h"
#include "store/ordersrepository.h"

#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::OrderQuery;
using OrderBridge::OrderRecord;
using OrderBridge::OrdersCsv;
using OrderBridge::OrdersRepository;

class TestOrdersCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportsEveryMatchingOrderOwnerOnly();
    void formulaLeadingCellsAreText_data();
    void formulaLeadingCellsAreText();
    void cancelledExportLeavesNoFile();
    void unwritableFolderIsNamed();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
};

namespace {

// More orders than the grid's page (200) holds, so an export of loaded rows only would come up short.
constexpr int orderCount = 450;

OrderRecord order(int i)
{
    OrderRecord record;
    record.magentoEntityId = i;
    record.incrementId = QString::number(100000000 + i);
    record.customerName = u"Customer %1"_s.arg(i);
    record.customerEmail = u"c%1@example.test"_s.arg(i);
    record.grandTotal = i + 0.5;
    record.currency = u"EUR"_s;
    record.status = u"processing"_s;
    record.state = u"processing"_s;
    record.createdAt = QDateTime(QDate(2026, 2, 1), QTime(9, 0), Qt::UTC).addSecs(60LL * i);
    return record;
}

QByteArray expectedLine(int i)
{
    const OrderRecord o = order(i);
    return "\"" + o.incrementId.toUtf8() + "\",\"" + o.createdAt.toString(Qt::ISODateWithMs).toUtf8() + "\",\"Customer "
        + QByteArray::number(i) + "\",\"c" + QByteArray::number(i) + "@example.test\",\"" + QByteArray::number(i) + ".50\","
        + "\"EUR\",\"processing\",\"\",\"pending\"\r\n";
}

} // namespace

void TestOrdersCsv::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"orders.sqlite"_s));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    m_database = *opened;
    const OrdersRepository repository(m_database);
    for (int i = 1; i <= orderCount; ++i)
        QVERIFY(repository.upsertFromMagento(order(i)));
}

void TestOrdersCsv::exportsEveryMatchingOrderOwnerOnly()
{
    OrderQuery query;
    query.minGrandTotal = 10.0;     // orders 10..450
    query.sortBy = OrderQuery::SortColumn::GrandTotal;
    query.descending = false;
    query.limit = 5;                // a page size is not an export size
    const QString path = m_dir.filePath(u"view.csv"_s);
    const auto written = OrdersCsv::exportTo(OrdersRepository(m_database), query, path);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
    QCOMPARE(*written, qint64(orderCount - 9));
    QFile file(path);
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QVERIFY(file.permissions().testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray expected = "\"ORDER\",\"PURCHASE_DATE\",\"BILL_TO_NAME\",\"EMAIL\",\"GRAND_TOTAL\",\"CURRENCY\",\"STATUS\","
                          "\"SALESFORCE_ORDER_ID\",\"SYNC_STATUS\"\r\n";
    for (int i = 10; i <= orderCount; ++i)
        expected += expectedLine(i);
    QCOMPARE(file.readAll(), expected);
}

void TestOrdersCsv::formulaLeadingCellsAreText_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("cell");
    QTest::newRow("equals") << u"=HYPERLINK(\"http://x\")"_s << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("plus") << u"+1+1"_s << QByteArray("\"'+1+1\"");
    QTest::newRow("minus") << u"-2+3"_s << QByteArray("\"'-2+3\"");
    QTest::newRow("at") << u"@SUM(A1)"_s << QByteArray("\"'@SUM(A1)\"");
    QTest::newRow("plain") << u"Ann, Lee"_s << QByteArray("\"Ann, Lee\"");
}

void TestOrdersCsv::formulaLeadingCellsAreText()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, cell);
    OrderRecord record = order(1);
    record.customerName = name;
    const QByteArray line = OrdersCsv::record(record);
    const QByteArray cells = "\"," + cell + ",\"c1@";
    QVERIFY2(line.contains(cells), line.constData());
}

void TestOrdersCsv::cancelledExportLeavesNoFile()
{
    const QString path = m_dir.filePath(u"cancelled.csv"_s);
    const std::atomic_bool cancelled = true;
    const auto written = OrdersCsv::exportTo(OrdersRepository(m_database), OrderQuery(), path, &cancelled);
    QVERIFY(!written);
    QCOMPARE(written.error().code, u"orders.export_cancelled"_s);
    QVERIFY(!QFile::exists(path));
}

void TestOrdersCsv::unwritableFolderIsNamed()
{
    const QString path = m_dir.filePath(u"no-such-folder/view.csv"_s);
    const auto written = OrdersCsv::exportTo(OrdersRepository(m_database), OrderQuery(), path);
    QVERIFY(!written);
    QCOMPARE(written.error().code, u"orders.export_failed"_s);
    QVERIFY2(written.error().message.contains(u"no-such-folder"_s), qPrintable(written.error().message));
    QVERIFY(!written.error().hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestOrdersCsv)
#include "tst_orderscsv.moc"
