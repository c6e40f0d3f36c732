#include "sync/synclogcsv.h"
#include "store/synclogrepository.h"

#include "store/database.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncLogCsv;
using OrderBridge::SyncLogQuery;
using OrderBridge::SyncLogRepository;

class TestSyncLogCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quotes_data();
    void quotes();
    void recordJoinsWithCommasAndEndsWithCrLf();
    void exportsTheErrorsExactly();
    void exportFollowsTheFilters_data();
    void exportFollowsTheFilters();
    void refusesAClosedDevice();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
};

namespace {

struct Row
{
    QString loggedAt;
    QString level;
    QString order;
    QString object;
    QString code;
    QString message;
    QString fields;
};

// The fixture log, oldest first: errors with quotes, commas, line breaks and umlauts between
// info and warning entries that the export leaves out.
const QList<Row> &fixture()
{
    static const QList<Row> rows{
        {u"2026-11-20T10:00:00.000Z"_s, u"info"_s, u"000000001"_s, u"Order"_s, {}, u"Synced to Salesforce Order 801A."_s, {}},
        {u"2026-11-20T10:01:00.000Z"_s, u"error"_s, u"000000002"_s, u"Order"_s, u"REQUIRED_FIELD_MISSING"_s,
         u"Required fields are missing: [BillingCity]. Map billing_address.city."_s, u"BillingCity"_s},
        {u"2026-11-20T10:02:00.000Z"_s, u"warning"_s, u"000000002"_s, u"Order"_s, {}, u"Note skipped."_s, {}},
        {u"2026-11-20T10:03:00.000Z"_s, u"error"_s, u"000000003"_s, u"OrderItem"_s, u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_s,
         u"Menge \"Größe\" ungültig,\nbitte prüfen"_s, u"Quantity,UnitPrice"_s},
        {u"2026-11-20T10:04:00.000Z"_s, u"error"_s, u"100000004"_s, u"Order"_s, u"UNABLE_TO_LOCK_ROW"_s,
         u"unable to obtain exclusive access to this record"_s, {}},
        {u"2026-11-20T10:05:00.000Z"_s, u"error"_s, {}, {}, u"sync.not_connected"_s, u"No connection is set up."_s, {}},
    };
    return rows;
}

QByteArray exportErrors(const SyncLogRepository &reader, const SyncLogQuery &query, qint64 *count = nullptr)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    auto written = SyncLogCsv::writeErrors(reader, query, buffer);
    if (!written) {
        qWarning() << written.error().toString();
        return "failed";
    }
    if (count)
        *count = *written;
    return bytes;
}

const QByteArray kHeader = "\"ORDER\",\"OBJECT\",\"ERROR_CODE\",\"MESSAGE\",\"FIELDS\"\r\n";

} // namespace

void TestSyncLogCsv::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"log.sqlite"_s));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    m_database = *opened;
    QSqlQuery insert(m_database->connection());
    QVERIFY(insert.prepare(u"INSERT INTO sync_log (logged_at, level, order_increment_id, object, error_code, message, fields)"
                           u" VALUES (?, ?, ?, ?, ?, ?, ?)"_s));
    auto nullable = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s); };
    for (const Row &row : fixture()) {
        insert.addBindValue(row.loggedAt);
        insert.addBindValue(row.level);
        insert.addBindValue(nullable(row.order));
        insert.addBindValue(nullable(row.object));
        insert.addBindValue(nullable(row.code));
        insert.addBindValue(row.message);
        insert.addBindValue(nullable(row.fields));
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }
}

void TestSyncLogCsv::quotes_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << u"Order"_s << QByteArray("\"Order\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
    QTest::newRow("comma") << u"Quantity,UnitPrice"_s << QByteArray("\"Quantity,UnitPrice\"");
    QTest::newRow("quotes doubled") << u"say \"hi\""_s << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << u"\""_s << QByteArray("\"\"\"\"");
    QTest::newRow("newline kept") << u"line 1\nline 2"_s << QByteArray("\"line 1\nline 2\"");
    QTest::newRow("crlf kept") << u"a\r\nb"_s << QByteArray("\"a\r\nb\"");
    QTest::newRow("umlauts as UTF-8") << u"Größe Ä"_s << QByteArray("\"Gr\xc3\xb6\xc3\x9f" "e \xc3\x84\"");
    QTest::newRow("beyond the BMP") << QString::fromUcs4(U"\U0001F600") << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("leading spaces kept") << u"  x "_s << QByteArray("\"  x \"");
    QTest::newRow("formula =") << u"=HYPERLINK(\"http://x\")"_s << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("formula +") << u"+1"_s << QByteArray("\"'+1\"");
    QTest::newRow("formula -") << u"-2+3"_s << QByteArray("\"'-2+3\"");
    QTest::newRow("formula @") << u"@SUM(A1)"_s << QByteArray("\"'@SUM(A1)\"");
    QTest::newRow("leading tab") << u"\t=1"_s << QByteArray("\"'\t=1\"");
    QTest::newRow("leading CR") << u"\r=1"_s << QByteArray("\"'\r=1\"");
    QTest::newRow("formula sign inside kept") << u"a=b-c"_s << QByteArray("\"a=b-c\"");
}

void TestSyncLogCsv::quotes()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(SyncLogCsv::quote(value), expected);
}

void TestSyncLogCsv::recordJoinsWithCommasAndEndsWithCrLf()
{
    QCOMPARE(SyncLogCsv::record(QStringList{u"a"_s, u"b,c"_s, QString()}), QByteArray("\"a\",\"b,c\",\"\"\r\n"));
    QCOMPARE(SyncLogCsv::record(SyncLogCsv::header()), kHeader);
    OrderBridge::SyncLogEntry entry;
    entry.incrementId = u"000000009"_s;
    entry.object = u"Order"_s;
    entry.errorCode = u"X"_s;
    entry.message = u"m"_s;
    entry.fields = u"F"_s;
    entry.level = u"error"_s; // not a column
    QCOMPARE(SyncLogCsv::record(entry), QByteArray("\"000000009\",\"Order\",\"X\",\"m\",\"F\"\r\n"));
}

void TestSyncLogCsv::exportsTheErrorsExactly()
{
    SyncLogRepository reader(m_database);
    qint64 count = -1;
    const QByteArray csv = exportErrors(reader, SyncLogQuery{}, &count);
    const QByteArray expected = kHeader
        + "\"\",\"\",\"sync.not_connected\",\"No connection is set up.\",\"\"\r\n"
          "\"100000004\",\"Order\",\"UNABLE_TO_LOCK_ROW\",\"unable to obtain exclusive access to this record\",\"\"\r\n"
          "\"000000003\",\"OrderItem\",\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
          "\"Menge \"\"Gr\xc3\xb6\xc3\x9f" "e\"\" ung\xc3\xbcltig,\nbitte pr\xc3\xbc" "fen\",\"Quantity,UnitPrice\"\r\n"
          "\"000000002\",\"Order\",\"REQUIRED_FIELD_MISSING\","
          "\"Required fields are missing: [BillingCity]. Map billing_address.city.\",\"BillingCity\"\r\n";
    QCOMPARE(csv, expected);
    QCOMPARE(count, 4);
    // No byte order mark; the text is valid UTF-8 that reads back to the umlauts.
    QVERIFY(!csv.startsWith("\xef\xbb\xbf"));
    QVERIFY(QString::fromUtf8(csv).contains(u"\"\"Größe\"\" ungültig,\nbitte prüfen"_s));
}

void TestSyncLogCsv::exportFollowsTheFilters_data()
{
    QTest::addColumn<SyncLogQuery>("query");
    QTest::addColumn<QStringList>("orders");

    QTest::newRow("all levels: errors only") << SyncLogQuery{} << QStringList{QString(), u"100000004"_s, u"000000003"_s, u"000000002"_s};
    SyncLogQuery errors;
    errors.level = SyncLogQuery::Level::Errors;
    QTest::newRow("errors") << errors << QStringList{QString(), u"100000004"_s, u"000000003"_s, u"000000002"_s};
    SyncLogQuery warnings;
    warnings.level = SyncLogQuery::Level::Warnings;
    QTest::newRow("warnings: no errors") << warnings << QStringList{};
    SyncLogQuery prefix;
    prefix.orderSearch = u"0000"_s;
    QTest::newRow("order prefix") << prefix << QStringList{u"000000003"_s, u"000000002"_s};
    SyncLogQuery exact;
    exact.orderSearch = u" 000000002 "_s;
    QTest::newRow("exact order, trimmed") << exact << QStringList{u"000000002"_s};
    SyncLogQuery range;
    range.from = QDateTime(QDate(2026, 11, 20), QTime(10, 2), Qt::UTC);
    range.to = QDateTime(QDate(2026, 11, 20), QTime(10, 5), Qt::UTC);
    QTest::newRow("time range [from, to)") << range << QStringList{u"100000004"_s, u"000000003"_s};
}

void TestSyncLogCsv::exportFollowsTheFilters()
{
    QFETCH(SyncLogQuery, query);
    QFETCH(QStringList, orders);
    SyncLogRepository reader(m_database);
    const QByteArray csv = exportErrors(reader, query);
    QVERIFY(csv.startsWith(kHeader));
    // Records start after CRLF; the only embedded line break is a bare LF inside quotes.
    const QList<QByteArray> lines = csv.mid(kHeader.size()).split('\r');
    QStringList got;
    for (const QByteArray &line : lines) {
        const QByteArray record = line.startsWith('\n') ? line.mid(1) : line;
        if (record.isEmpty())
            continue;
        got << QString::fromUtf8(record.mid(1, record.indexOf("\",") - 1));
    }
    QCOMPARE(got, orders);
}

void TestSyncLogCsv::refusesAClosedDevice()
{
    SyncLogRepository reader(m_database);
    QBuffer closed;
    const auto written = SyncLogCsv::writeErrors(reader, SyncLogQuery{}, closed);
    QVERIFY(!written);
    QCOMPARE(written.error().code, u"log.export_failed"_s);
}

QTEST_GUILESS_MAIN(TestSyncLogCsv)
#include "tst_synclogcsv.moc"
