// OrderPreviewer without a thread, against a fake store and org: the answers that need no plan (no
// connection, an order Magento does not have). The plans themselves are the console test's, against
// the sandbox.

#include "fakeorg.h"

#include "store/database.h"
#include "sync/orderpreviewer.h"
#include "sync/orgsession.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestOrderPreviewer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void withoutConnectionThePreviewSaysSo();
    void orderMagentoDoesNotHave();
    void reconfiguredMeanwhile();

private:
    static std::optional<OrderPreview> preview(OrderPreviewer &previewer, const QString &incrementId);

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
};

void TestOrderPreviewer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto db = Database::open(m_dir.filePath(u"store.sqlite"_s));
    QVERIFY(db.has_value());
    m_db = *db;
}

std::optional<OrderPreview> TestOrderPreviewer::preview(OrderPreviewer &previewer, const QString &incrementId)
{
    std::optional<OrderPreview> answer;
    previewer.preview(incrementId, [&answer](const OrderPreview &p) { answer = p; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000))
        return std::nullopt;
    return answer;
}

void TestOrderPreviewer::withoutConnectionThePreviewSaysSo()
{
    SyncWorkerConfig empty;
    empty.database = m_db;
    OrgSession session(empty);
    OrderPreviewer previewer(&session);
    const auto p = preview(previewer, u"100000001"_s);
    QVERIFY(p.has_value());
    QCOMPARE(p->incrementId, u"100000001"_s);
    QCOMPARE(p->status, SyncStatus::Error);
    QCOMPARE(p->error.kind, ErrorKind::NotConfigured);
    QVERIFY(p->records.isEmpty());
}

void TestOrderPreviewer::orderMagentoDoesNotHave()
{
    FakeOrg org;
    org.magentoTotal = 0;
    OrgSession session(FakeOrg::config(m_db), org.network());
    OrderPreviewer previewer(&session);
    const auto p = preview(previewer, u"999999999"_s);
    QVERIFY(p.has_value());
    QCOMPARE(p->status, SyncStatus::Error);
    QCOMPARE(p->error.code, u"magento.not_found"_s);
    QCOMPARE(p->error.kind, ErrorKind::NotFound);
    QCOMPARE(org.count(u"/rest/V1/orders"_s), 1);
}

void TestOrderPreviewer::reconfiguredMeanwhile()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    OrderPreviewer previewer(&session);
    std::optional<OrderPreview> answer;
    previewer.preview(u"100000001"_s, [&answer](const OrderPreview &p) { answer = p; });
    session.reconfigure(FakeOrg::config(m_db)); // while it signs in
    QTRY_VERIFY(answer.has_value());
    QCOMPARE(answer->error.kind, ErrorKind::Reconfigured);
    QTest::qWait(50);
    QCOMPARE(org.count(u"/rest/V1/orders"_s), 0);
}

QTEST_GUILESS_MAIN(TestOrderPreviewer)
#include "tst_orderpreviewer.moc"
