#include "storeundertest.h"
#include "store/database.h"
#include "store/feedpositionrepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

// A position as MagentoChangeFeedState::toJson() writes it.
const QJsonObject position{{u"high_water"_s, u"2026-03-01 12:00:00"_s},
                           {u"processed"_s, QJsonArray{QJsonArray{7, u"2026-03-01 11:59:58"_s, u"ab12"_s}}}};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFeedPositionRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void emptyBeforeTheFirstSave();
    void savesAndReplaces();
    void importsTheLegacyFileOnce();
    void noLegacyFileIsNothingToDo();
    void corruptLegacyFileIsReportedAndLeftAlone_data();
    void corruptLegacyFileIsReportedAndLeftAlone();
    void storedPositionWinsOverAnOldFile();
    void openImportsTheFileBesideTheDatabase();
    void openReportsACorruptFileAndOpensAnyway();

private:
    [[nodiscard]] QString legacyPath() const { return m_dir->filePath(FeedPositionRepository::legacyFileName()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

void TestFeedPositionRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    m_db = *db;
}

void TestFeedPositionRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestFeedPositionRepository::emptyBeforeTheFirstSave()
{
    const auto loaded = FeedPositionRepository(m_db).load();
    QVERIFY(loaded);
    QCOMPARE(*loaded, QJsonObject());
}

void TestFeedPositionRepository::savesAndReplaces()
{
    const FeedPositionRepository repository(m_db);
    QVERIFY(repository.save(position));
    QCOMPARE(*repository.load(), position);
    const QJsonObject later{{u"high_water"_s, u"2026-03-02 08:00:00"_s}, {u"processed"_s, QJsonArray()}};
    QVERIFY(repository.save(later));
    QCOMPARE(*repository.load(), later);
    // Beside the queue, not beside the database.
    QVERIFY(!QFile::exists(legacyPath()));
}

void TestFeedPositionRepository::importsTheLegacyFileOnce()
{
    QVERIFY(writeFile(legacyPath(), QJsonDocument(position).toJson()));
    const FeedPositionRepository repository(m_db);
    const auto imported = repository.importLegacyFile(legacyPath());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    QVERIFY(*imported);
    QCOMPARE(*repository.load(), position);
    QVERIFY(!QFile::exists(legacyPath()));
    QCOMPARE(*repository.importLegacyFile(legacyPath()), false);
}

void TestFeedPositionRepository::noLegacyFileIsNothingToDo()
{
    const auto imported = FeedPositionRepository(m_db).importLegacyFile(legacyPath());
    QVERIFY(imported);
    QVERIFY(!*imported);
    QCOMPARE(*FeedPositionRepository(m_db).load(), QJsonObject());
}

void TestFeedPositionRepository::corruptLegacyFileIsReportedAndLeftAlone_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("cut off") << QByteArray(R"({"high_water": "2026-03-01 12:00:00", "proc)");
    QTest::newRow("not JSON") << QByteArray("\x00\x01garbage", 9);
    QTest::newRow("an array") << QByteArray("[1, 2, 3]");
    QTest::newRow("empty") << QByteArray();
}

void TestFeedPositionRepository::corruptLegacyFileIsReportedAndLeftAlone()
{
    QFETCH(QByteArray, content);
    QVERIFY(writeFile(legacyPath(), content));
    const auto imported = FeedPositionRepository(m_db).importLegacyFile(legacyPath());
    QVERIFY(!imported);
    QCOMPARE(imported.error().code, u"store.feed_import_failed"_s);
    QVERIFY2(imported.error().message.contains(legacyPath()), qPrintable(imported.error().message));
    QVERIFY2(imported.error().message.contains(u"left in place"_s), qPrintable(imported.error().message));
    QVERIFY(!imported.error().hint.isEmpty());
    QCOMPARE(readFile(legacyPath()), content);
    QCOMPARE(*FeedPositionRepository(m_db).load(), QJsonObject());
}

void TestFeedPositionRepository::storedPositionWinsOverAnOldFile()
{
    const FeedPositionRepository repository(m_db);
    QVERIFY(repository.save(position));
    QVERIFY(writeFile(legacyPath(), R"({"high_water": "2020-01-01 00:00:00", "processed": []})"));
    QVERIFY(*repository.importLegacyFile(legacyPath()));
    QCOMPARE(*repository.load(), position);
    QVERIFY(!QFile::exists(legacyPath()));
}

void TestFeedPositionRepository::openImportsTheFileBesideTheDatabase()
{
    if (StoreUnderTest::onPostgres())
        QSKIP("Older builds left the feed position beside a SQLite file; a PostgreSQL store has none to import.");
    QTemporaryDir dir;
    const QString file = dir.filePath(FeedPositionRepository::legacyFileName());
    QVERIFY(writeFile(file, QJsonDocument(position).toJson(QJsonDocument::Compact)));
    {
        const auto db = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
        QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
        QCOMPARE(*FeedPositionRepository(*db).load(), position);
    }
    QVERIFY(!QFile::exists(file));
    // Opened again: the position stays, nothing to import.
    const auto again = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(again);
    QCOMPARE(*FeedPositionRepository(*again).load(), position);
}

void TestFeedPositionRepository::openReportsACorruptFileAndOpensAnyway()
{
    if (StoreUnderTest::onPostgres())
        QSKIP("Older builds left the feed position beside a SQLite file; a PostgreSQL store has none to import.");
    QTemporaryDir dir;
    const QString file = dir.filePath(FeedPositionRepository::legacyFileName());
    const QByteArray corrupt = R"({"high_water": )";
    QVERIFY(writeFile(file, corrupt));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"change feed position .*magento-feed\\.json.* left in place"_s));
    const auto db = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    QCOMPARE(readFile(file), corrupt);
    QCOMPARE(*FeedPositionRepository(*db).load(), QJsonObject());
}

QTEST_GUILESS_MAIN(TestFeedPositionRepository)
#include "tst_feedpositionrepository.moc"
