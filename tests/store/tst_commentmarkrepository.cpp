#include "storeundertest.h"
#include "store/commentmarkrepository.h"
#include "store/database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestCommentMarkRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void emptyStoreHasNoMarks();
    void saveAddsAndMovesMarks();
    void marksSurviveReopen();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

void TestCommentMarkRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

void TestCommentMarkRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestCommentMarkRepository::emptyStoreHasNoMarks()
{
    const auto marks = CommentMarkRepository(m_db).load();
    QVERIFY(marks);
    QVERIFY(marks->isEmpty());
    QVERIFY(CommentMarkRepository(m_db).save({})); // nothing to store is no error
}

void TestCommentMarkRepository::saveAddsAndMovesMarks()
{
    const CommentMarkRepository repository(m_db);
    // Magento entity IDs beyond 32 bits still round-trip (BIGINT on PostgreSQL).
    const qint64 large = qint64(1) << 40;
    QVERIFY(repository.save({{7, 70}, {8, 80}, {large, large + 1}}));
    QVERIFY(repository.save({{8, 81}, {9, 90}}));
    const auto marks = repository.load();
    QVERIFY(marks);
    const QHash<qint64, qint64> expected{{7, 70}, {8, 81}, {9, 90}, {large, large + 1}};
    QCOMPARE(*marks, expected);
}

void TestCommentMarkRepository::marksSurviveReopen()
{
    QVERIFY(CommentMarkRepository(m_db).save({{5, 50}}));
    m_db.reset();
    const auto reopened = m_store.open(m_location);
    QVERIFY(reopened);
    QCOMPARE(CommentMarkRepository(*reopened).load()->value(5), 50);
}

QTEST_GUILESS_MAIN(TestCommentMarkRepository)
#include "tst_commentmarkrepository.moc"
