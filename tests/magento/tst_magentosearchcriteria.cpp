#include "magento/magentosearchcriteria.h"

#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;
using Condition = MagentoSearchCriteria::Condition;

class TestMagentoSearchCriteria : public QObject
{
    Q_OBJECT

private slots:
    void changeFeedQuery();
    void orGroupAndInFilter();
    void encoding_data();
    void encoding();
    void emptyCriteriaStillSendsSearchCriteria();
    void roundTripThroughQUrl();
};

void TestMagentoSearchCriteria::changeFeedQuery()
{
    MagentoSearchCriteria c;
    c.where(u"updated_at"_s, Condition::Gteq, u"2024-05-01 10:00:00"_s)
        .orderBy(u"updated_at"_s)
        .orderBy(u"entity_id"_s)
        .setPageSize(50)
        .setCurrentPage(2);
    QCOMPARE(c.toQueryString(),
             QByteArray("searchCriteria[filter_groups][0][filters][0][field]=updated_at&"
                        "searchCriteria[filter_groups][0][filters][0][value]=2024-05-01%2010%3A00%3A00&"
                        "searchCriteria[filter_groups][0][filters][0][condition_type]=gteq&"
                        "searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC&"
                        "searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC&"
                        "searchCriteria[pageSize]=50&searchCriteria[currentPage]=2"));
}

void TestMagentoSearchCriteria::orGroupAndInFilter()
{
    MagentoSearchCriteria c;
    c.whereAny({{u"status"_s, u"pending"_s, Condition::Eq}, {u"status"_s, u"processing"_s, Condition::Eq}})
        .whereIn(u"increment_id"_s, {u"000000001"_s, u"000000002"_s})
        .orderBy(u"created_at"_s, MagentoSearchCriteria::Direction::Descending);
    const auto items = c.queryItems();
    const QList<QPair<QString, QString>> expected{
        {u"searchCriteria[filter_groups][0][filters][0][field]"_s, u"status"_s},
        {u"searchCriteria[filter_groups][0][filters][0][value]"_s, u"pending"_s},
        {u"searchCriteria[filter_groups][0][filters][0][condition_type]"_s, u"eq"_s},
        {u"searchCriteria[filter_groups][0][filters][1][field]"_s, u"status"_s},
        {u"searchCriteria[filter_groups][0][filters][1][value]"_s, u"processing"_s},
        {u"searchCriteria[filter_groups][0][filters][1][condition_type]"_s, u"eq"_s},
        {u"searchCriteria[filter_groups][1][filters][0][field]"_s, u"increment_id"_s},
        {u"searchCriteria[filter_groups][1][filters][0][value]"_s, u"000000001,000000002"_s},
        {u"searchCriteria[filter_groups][1][filters][0][condition_type]"_s, u"in"_s},
        {u"searchCriteria[sortOrders][0][field]"_s, u"created_at"_s},
        {u"searchCriteria[sortOrders][0][direction]"_s, u"DESC"_s},
    };
    QCOMPARE(items, expected);
    QVERIFY(c.toQueryString().contains("000000001%2C000000002"));
}

void TestMagentoSearchCriteria::encoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("space") << u"a b"_s << QByteArray("a%20b");
    QTest::newRow("plus stays a plus") << u"jane+shop@example.com"_s << QByteArray("jane%2Bshop%40example.com");
    QTest::newRow("like percent") << u"%Doe%"_s << QByteArray("%25Doe%25");
    QTest::newRow("ampersand and equals") << u"a&b=c"_s << QByteArray("a%26b%3Dc");
    QTest::newRow("brackets in value") << u"[x]"_s << QByteArray("%5Bx%5D");
    QTest::newRow("hash") << u"#1"_s << QByteArray("%231");
    QTest::newRow("utf-8") << u"Müller"_s << QByteArray("M%C3%BCller");
}

void TestMagentoSearchCriteria::encoding()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    MagentoSearchCriteria c;
    c.where(u"customer_email"_s, Condition::Like, value);
    const QByteArray needle = QByteArray("[value]=") + encoded + QByteArray("&");
    QVERIFY2(c.toQueryString().contains(needle), c.toQueryString().constData());
}

void TestMagentoSearchCriteria::emptyCriteriaStillSendsSearchCriteria()
{
    // GET /V1/orders without searchCriteria is a 400 "\"%fieldName\" is required. Enter and try again.".
    QCOMPARE(MagentoSearchCriteria().toQueryString(), QByteArray("searchCriteria="));
}

void TestMagentoSearchCriteria::roundTripThroughQUrl()
{
    // What a server decodes must be exactly what we meant, '+' included.
    MagentoSearchCriteria c;
    c.where(u"customer_email"_s, Condition::Eq, u"a+b c&d@example.com"_s).setPageSize(3);
    QUrl url(u"http://127.0.0.1/rest/V1/orders"_s);
    url.setQuery(QString::fromLatin1(c.toQueryString()), QUrl::StrictMode);
    QVERIFY(url.isValid());
    const QUrlQuery query(QUrl::fromEncoded(url.toEncoded()));
    QCOMPARE(query.queryItemValue(u"searchCriteria[filter_groups][0][filters][0][value]"_s, QUrl::FullyDecoded),
             u"a+b c&d@example.com"_s);
    QCOMPARE(query.queryItemValue(u"searchCriteria[pageSize]"_s), u"3"_s);
}

QTEST_APPLESS_MAIN(TestMagentoSearchCriteria)
#include "tst_magentosearchcriteria.moc"
