#include "searchcriteria.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SearchCriteria;

class tst_SearchCriteria : public QObject
{
    Q_OBJECT

private:
    static QUrlQuery query(const QString &q) { return QUrlQuery(q); }
    static QList<QJsonObject> rows()
    {
        return {
            QJsonObject{{u"entity_id"_s, 1}, {u"state"_s, u"new"_s}, {u"grand_total"_s, 10.5}, {u"email"_s, u"Ann@Example.com"_s},
                        {u"tags"_s, u"a,b"_s}, {u"created_at"_s, u"2025-01-01 10:00:00"_s},
                        {u"increment_id"_s, u"000000001"_s}},
            QJsonObject{{u"entity_id"_s, 2}, {u"state"_s, u"processing"_s}, {u"grand_total"_s, 99}, {u"email"_s, u"bob@example.org"_s},
                        {u"coupon"_s, u"SAVE10"_s}, {u"created_at"_s, u"2025-01-02 10:00:00"_s}},
            QJsonObject{{u"entity_id"_s, 3}, {u"state"_s, u"complete"_s}, {u"grand_total"_s, 0}, {u"email"_s, u"cy@example.com"_s},
                        {u"tags"_s, u"b"_s}, {u"created_at"_s, u"2025-01-03 10:00:00"_s}},
        };
    }

private slots:
    void missingIsNullopt()
    {
        QVERIFY(!SearchCriteria::fromQuery(query(u"foo=1"_s)));
        QVERIFY(SearchCriteria::fromQuery(query(u"searchCriteria="_s)));
        QVERIFY(SearchCriteria::fromQuery(query(u"searchCriteria%5BpageSize%5D=5"_s)));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("eq") << u"state"_s << u"new"_s << u"eq"_s << QList<int>{1};
        QTest::newRow("eq is case-insensitive") << u"state"_s << u"NEW"_s << u"eq"_s << QList<int>{1};
        QTest::newRow("neq skips NULL-free rows only") << u"state"_s << u"new"_s << u"neq"_s << QList<int>{2, 3};
        QTest::newRow("neq on NULL is false") << u"coupon"_s << u"X"_s << u"neq"_s << QList<int>{2};
        QTest::newRow("gt numeric, not text") << u"grand_total"_s << u"9"_s << u"gt"_s << QList<int>{1, 2};
        QTest::newRow("gteq") << u"grand_total"_s << u"10.5"_s << u"gteq"_s << QList<int>{1, 2};
        QTest::newRow("lt") << u"grand_total"_s << u"10.5"_s << u"lt"_s << QList<int>{3};
        QTest::newRow("lteq") << u"grand_total"_s << u"10.5"_s << u"lteq"_s << QList<int>{1, 3};
        QTest::newRow("moreq") << u"entity_id"_s << u"2"_s << u"moreq"_s << QList<int>{2, 3};
        QTest::newRow("text column compares as text") << u"increment_id"_s << u"1"_s << u"eq"_s << QList<int>{};
        QTest::newRow("text column, exact") << u"increment_id"_s << u"000000001"_s << u"eq"_s << QList<int>{1};
        QTest::newRow("in") << u"state"_s << u"new, complete"_s << u"in"_s << QList<int>{1, 3};
        QTest::newRow("nin") << u"state"_s << u"new,complete"_s << u"nin"_s << QList<int>{2};
        QTest::newRow("like %") << u"email"_s << u"%@example.com"_s << u"like"_s << QList<int>{1, 3};
        QTest::newRow("like _") << u"email"_s << u"c_@%"_s << u"like"_s << QList<int>{3};
        QTest::newRow("nlike") << u"email"_s << u"%.com"_s << u"nlike"_s << QList<int>{2};
        QTest::newRow("null") << u"coupon"_s << u""_s << u"null"_s << QList<int>{1, 3};
        QTest::newRow("notnull") << u"coupon"_s << u""_s << u"notnull"_s << QList<int>{2};
        QTest::newRow("from") << u"created_at"_s << u"2025-01-02 00:00:00"_s << u"from"_s << QList<int>{2, 3};
        QTest::newRow("to") << u"created_at"_s << u"2025-01-02 10:00:00"_s << u"to"_s << QList<int>{1, 2};
        QTest::newRow("finset") << u"tags"_s << u"b"_s << u"finset"_s << QList<int>{1, 3};
        QTest::newRow("nfinset") << u"tags"_s << u"a"_s << u"nfinset"_s << QList<int>{3};
    }
    void filters()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, condition);
        QFETCH(QList<int>, expected);
        QUrlQuery q;
        q.addQueryItem(u"searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D"_s, field);
        q.addQueryItem(u"searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D"_s,
                       QString::fromUtf8(QUrl::toPercentEncoding(value)));
        q.addQueryItem(u"searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D"_s, condition);
        const auto sc = SearchCriteria::fromQuery(q);
        QVERIFY(sc);
        QList<int> got;
        for (const auto &row : rows()) {
            if (sc->matches(row))
                got.append(row.value(u"entity_id"_s).toInt());
        }
        QCOMPARE(got, expected);
    }

    void groupsSortPageEcho()
    {
        const auto sc = SearchCriteria::fromQuery(query(
            u"searchCriteria[filterGroups][0][filters][0][field]=state&searchCriteria[filterGroups][0][filters][0][value]=new"
            "&searchCriteria[filterGroups][0][filters][1][field]=state&searchCriteria[filterGroups][0][filters][1][value]=complete"
            "&searchCriteria[filter_groups][1][filters][0][field]=grand_total&searchCriteria[filter_groups][1][filters][0][value]=5"
            "&searchCriteria[filter_groups][1][filters][0][conditionType]=lt"
            "&searchCriteria[sortOrders][0][field]=grand_total&searchCriteria[pageSize]=1&searchCriteria[currentPage]=1"_s));
        QVERIFY(sc);
        QCOMPARE(sc->filterGroups.size(), 2);
        QCOMPARE(sc->filterGroups.at(0).size(), 2);
        QList<int> got;
        for (const auto &row : rows()) {
            if (sc->matches(row))
                got.append(row.value(u"entity_id"_s).toInt());
        }
        QCOMPARE(got, QList<int>{3}); // (new OR complete) AND grand_total < 5
        QCOMPARE(sc->sortOrders.at(0).direction, u"DESC"_s);
        const QJsonObject echo = sc->toJson();
        QCOMPARE(echo.value(u"page_size"_s).toInt(), 1);
        QCOMPARE(echo.value(u"current_page"_s).toInt(), 1);
        QCOMPARE(echo.value(u"filter_groups"_s).toArray().at(1).toObject().value(u"filters"_s).toArray().at(0).toObject()
                     .value(u"condition_type"_s).toString(), u"lt"_s);
        QCOMPARE(sc->page(3), std::make_pair(qsizetype(0), qsizetype(1)));

        const auto all = rows();
        QList<const QJsonObject *> ptrs{&all[0], &all[1], &all[2]};
        sc->sort(ptrs, u"entity_id"_s);
        QCOMPARE(ptrs.at(0)->value(u"entity_id"_s).toInt(), 2);
        QCOMPARE(ptrs.at(2)->value(u"entity_id"_s).toInt(), 3);
    }

    void paging_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("currentPage");
        QTest::addColumn<qsizetype>("first");
        QTest::addColumn<qsizetype>("count");
        QTest::newRow("first page") << 10 << 1 << qsizetype(0) << qsizetype(10);
        QTest::newRow("page 0 is page 1") << 10 << 0 << qsizetype(0) << qsizetype(10);
        QTest::newRow("last, partial") << 10 << 3 << qsizetype(20) << qsizetype(5);
        QTest::newRow("beyond the end is empty") << 10 << 4 << qsizetype(25) << qsizetype(0);
    }
    void paging()
    {
        QFETCH(int, pageSize);
        QFETCH(int, currentPage);
        QFETCH(qsizetype, first);
        QFETCH(qsizetype, count);
        SearchCriteria sc;
        sc.pageSize = pageSize;
        sc.currentPage = currentPage;
        QCOMPARE(sc.page(25), std::make_pair(first, count));
    }
};

QTEST_APPLESS_MAIN(tst_SearchCriteria)
#include "tst_searchcriteria.moc"
