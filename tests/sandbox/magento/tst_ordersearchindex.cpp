// OrderSearchIndex against a straightforward reference (filter every order, stable sort, slice) on randomised
// orders: the same page, order, tie-breaks and total_count for the change cursor's, the backfill's and other
// searches, with orders changing between pages; and the store keeping its index current through its actions.
#include "catalog.h"
#include "magentostore.h"
#include "ordersearchindex.h"
#include "searchcriteria.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>

using namespace Qt::Literals::StringLiterals;
using Sandbox::OrderSearchIndex;
using Sandbox::SearchCriteria;

namespace {

// NULL first ascending, numbers by value, text case-insensitively: MySQL's order as the sandbox documents it.
int referenceCompare(const QJsonValue &a, const QJsonValue &b)
{
    const bool an = a.isNull() || a.isUndefined();
    const bool bn = b.isNull() || b.isUndefined();
    if (an || bn)
        return an == bn ? 0 : (an ? -1 : 1);
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    return QString::compare(a.toVariant().toString(), b.toVariant().toString(), Qt::CaseInsensitive);
}

/// The page and total_count by brute force: every order filtered, sorted with a comparison that reads the
/// fields each time, then sliced.
OrderSearchIndex::Page reference(const SearchCriteria &criteria, const std::map<int, QJsonObject> &orders)
{
    QList<const QJsonObject *> matches;
    for (const auto &[id, order] : orders) {
        if (criteria.matches(order))
            matches.append(&order);
    }
    std::stable_sort(matches.begin(), matches.end(), [&](const QJsonObject *a, const QJsonObject *b) {
        for (const auto &s : criteria.sortOrders) {
            const int c = referenceCompare(a->value(s.field), b->value(s.field));
            if (c != 0)
                return s.direction == u"ASC"_s ? c < 0 : c > 0;
        }
        return a->value(u"entity_id"_s).toInt() < b->value(u"entity_id"_s).toInt();
    });
    OrderSearchIndex::Page page;
    page.total = matches.size();
    const auto [first, count] = criteria.page(page.total);
    for (qsizetype i = first; i < first + count; ++i)
        page.ids.append(matches.at(i)->value(u"entity_id"_s).toInt());
    return page;
}

SearchCriteria::Filter filter(const QString &field, const QString &condition, const QString &value)
{
    SearchCriteria::Filter f;
    f.field = field;
    f.conditionType = condition;
    f.value = value;
    return f;
}

QList<SearchCriteria::Filter> group(const SearchCriteria::Filter &f)
{
    return QList<SearchCriteria::Filter>{f};
}

SearchCriteria::SortOrder by(const QString &field, const QString &direction)
{
    SearchCriteria::SortOrder s;
    s.field = field;
    s.direction = direction;
    return s;
}

/// A timestamp among few seconds, so that many orders share one (the cursor's crowded second).
QString randomTime(QRandomGenerator &rng)
{
    const int second = rng.bounded(40);
    return u"2026-03-01 10:%1:%2"_s.arg(second / 60, 2, 10, QChar(u'0')).arg(second % 60, 2, 10, QChar(u'0'));
}

/// Criteria of the shapes OrderBridge sends (change cursor, backfill, entity ranges) and some others.
SearchCriteria randomCriteria(QRandomGenerator &rng, int orderCount)
{
    static const QStringList fields{u"updated_at"_s, u"created_at"_s, u"entity_id"_s};
    static const QStringList conditions{u"eq"_s, u"gt"_s, u"gteq"_s, u"lt"_s, u"lteq"_s, u"moreq"_s, u"from"_s, u"to"_s};
    auto value = [&](const QString &field) -> QString {
        if (field == u"entity_id"_s) {
            const int pick = rng.bounded(4);
            if (pick == 0)
                return QString::number(rng.bounded(orderCount + 3) - 1) + u".5"_s;
            return QString::number(rng.bounded(orderCount + 3) - 1);
        }
        const int pick = rng.bounded(6);
        if (pick == 0)
            return u"2026-03-01"_s; // a date alone compares as the shorter text
        if (pick == 1)
            return u"2026-03-01 10:00:1"_s;
        return randomTime(rng);
    };
    SearchCriteria c;
    switch (rng.bounded(7)) {
    case 0: // cursor, first page from a start, or after a key
        c.filterGroups.append(group(filter(u"updated_at"_s, rng.bounded(2) ? u"gteq"_s : u"gt"_s, randomTime(rng))));
        c.sortOrders = {by(u"updated_at"_s, u"ASC"_s), by(u"entity_id"_s, u"ASC"_s)};
        break;
    case 1: // cursor inside a crowded second
        c.filterGroups.append(group(filter(u"updated_at"_s, u"eq"_s, randomTime(rng))));
        c.filterGroups.append(group(filter(u"entity_id"_s, u"gt"_s, QString::number(rng.bounded(orderCount + 1)))));
        c.sortOrders = {by(u"entity_id"_s, u"ASC"_s)};
        break;
    case 2: // backfill
        c.filterGroups.append(group(filter(u"created_at"_s, u"gteq"_s, randomTime(rng))));
        c.sortOrders = {by(u"entity_id"_s, u"ASC"_s)};
        break;
    case 3: // the cursor's very first query without a start
        c.sortOrders = {by(u"updated_at"_s, u"ASC"_s), by(u"entity_id"_s, u"ASC"_s)};
        break;
    default: { // anything of up to three range filters and two sort orders
        const int groups = rng.bounded(4);
        for (int g = 0; g < groups; ++g) {
            const QString field = fields.at(rng.bounded(int(fields.size())));
            c.filterGroups.append(group(filter(field, conditions.at(rng.bounded(int(conditions.size()))), value(field))));
        }
        const int sorts = rng.bounded(3);
        for (int s = 0; s < sorts; ++s)
            c.sortOrders.append(by(fields.at(rng.bounded(int(fields.size()))), rng.bounded(2) ? u"ASC"_s : u"DESC"_s));
        break;
    }
    }
    c.pageSize = 1 + rng.bounded(12);
    c.currentPage = 1 + rng.bounded(3);
    return c;
}

} // namespace

class tst_OrderSearchIndex : public QObject
{
    Q_OBJECT

private slots:
    void matchesReferenceOnRandomOrders_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 12; ++seed)
            QTest::newRow(qPrintable(u"seed %1"_s.arg(seed))) << seed;
    }
    void matchesReferenceOnRandomOrders()
    {
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        std::map<int, QJsonObject> orders;
        OrderSearchIndex index;
        auto place = [&](int id) {
            const QString created = randomTime(rng);
            QJsonObject o{{u"entity_id"_s, id}, {u"created_at"_s, created}, {u"updated_at"_s, created}};
            orders[id] = o;
            index.update(id, o);
        };
        const int initial = 20 + rng.bounded(60);
        for (int id = 1; id <= initial; ++id)
            place(id);

        int answered = 0;
        int cursorAnswered = 0;
        for (int round = 0; round < 400; ++round) {
            const SearchCriteria criteria = randomCriteria(rng, int(orders.size()));
            const auto got = index.search(criteria, int(orders.size()));
            const auto expected = reference(criteria, orders);
            if (got) {
                ++answered;
                if (criteria.sortOrders.size() == 2 && criteria.sortOrders.first().field == u"updated_at"_s)
                    ++cursorAnswered;
                QCOMPARE(got->ids, expected.ids);
                QCOMPARE(got->total, expected.total);
            }
            // Between pages the store moves on: an order changes (updated_at, also backwards as a late
            // commit would), has its case changed, or a new one arrives.
            switch (rng.bounded(4)) {
            case 0: {
                const int id = 1 + rng.bounded(int(orders.size()));
                orders[id].insert(u"updated_at"_s, randomTime(rng));
                index.update(id, orders[id]);
                break;
            }
            case 1: place(int(orders.size()) + 1); break;
            case 2: {
                const int id = 1 + rng.bounded(int(orders.size()));
                // Another spelling of the same or a near time: 'T' and 't' compare equal, as in MySQL's collation.
                QString at = orders[id].value(u"created_at"_s).toString();
                at.replace(u' ', rng.bounded(2) ? u'T' : u't');
                orders[id].insert(u"created_at"_s, at);
                index.update(id, orders[id]);
                break;
            }
            default: break;
            }
        }
        // The index must answer the searches it is for, or the comparison above proves nothing.
        QVERIFY2(answered > 200, qPrintable(u"answered %1 of 400"_s.arg(answered)));
        QVERIFY(cursorAnswered > 20);
    }

    void pagingACursorWhileOrdersChange()
    {
        // Keyset paging as MagentoChangeCursor does it, with an order saved between any two pages: each page
        // is the reference's page.
        QRandomGenerator rng(99);
        std::map<int, QJsonObject> orders;
        OrderSearchIndex index;
        for (int id = 1; id <= 500; ++id) {
            const QString at = randomTime(rng);
            orders[id] = QJsonObject{{u"entity_id"_s, id}, {u"created_at"_s, at}, {u"updated_at"_s, at}};
            index.update(id, orders[id]);
        }
        QString lastTime = u"2026-03-01 10:00:00"_s;
        int lastId = 0;
        int pages = 0;
        for (bool sameSecond = false; pages < 300; ++pages) {
            SearchCriteria c;
            if (sameSecond) {
                c.filterGroups = {group(filter(u"updated_at"_s, u"eq"_s, lastTime)),
                                  group(filter(u"entity_id"_s, u"gt"_s, QString::number(lastId)))};
                c.sortOrders = {by(u"entity_id"_s, u"ASC"_s)};
            } else {
                c.filterGroups = {group(filter(u"updated_at"_s, u"gteq"_s, lastTime))};
                c.sortOrders = {by(u"updated_at"_s, u"ASC"_s), by(u"entity_id"_s, u"ASC"_s)};
            }
            c.pageSize = 10;
            c.currentPage = 1;
            const auto got = index.search(c, int(orders.size()));
            QVERIFY(got);
            const auto expected = reference(c, orders);
            QCOMPARE(got->ids, expected.ids);
            QCOMPARE(got->total, expected.total);
            if (got->ids.isEmpty())
                break;
            const QJsonObject &last = orders[got->ids.last()];
            sameSecond = last.value(u"updated_at"_s).toString() == lastTime && !sameSecond;
            lastTime = last.value(u"updated_at"_s).toString();
            lastId = got->ids.last();
            const int changed = 1 + rng.bounded(int(orders.size()));
            orders[changed].insert(u"updated_at"_s, randomTime(rng));
            index.update(changed, orders[changed]);
        }
        QVERIFY(pages > 3);
    }

    void declinesWhatItCannotAnswer()
    {
        OrderSearchIndex index;
        index.update(1, QJsonObject{{u"entity_id"_s, 1}, {u"created_at"_s, u"2026-01-01 00:00:00"_s},
                                    {u"updated_at"_s, u"2026-01-01 00:00:00"_s}});
        index.update(2, QJsonObject{{u"entity_id"_s, 2}, {u"created_at"_s, u"2026-01-01 00:00:00"_s},
                                    {u"updated_at"_s, QJsonValue::Null}});
        SearchCriteria byUpdated;
        byUpdated.sortOrders = {by(u"updated_at"_s, u"ASC"_s)};
        QVERIFY(!index.search(byUpdated, 2)); // a NULL updated_at: the scan knows where NULL sorts
        SearchCriteria byCreated;
        byCreated.sortOrders = {by(u"created_at"_s, u"ASC"_s)};
        QVERIFY(index.search(byCreated, 2));
        QVERIFY(!index.search(byCreated, 3)); // order 3 is not filed
        SearchCriteria other;
        other.filterGroups = {group(filter(u"state"_s, u"eq"_s, u"new"_s))};
        QVERIFY(!index.search(other, 2));
        SearchCriteria orGroup;
        orGroup.filterGroups = {QList<SearchCriteria::Filter>{filter(u"entity_id"_s, u"eq"_s, u"1"_s),
                                                              filter(u"entity_id"_s, u"eq"_s, u"2"_s)}};
        QVERIFY(!index.search(orGroup, 2));
        SearchCriteria textId;
        textId.filterGroups = {group(filter(u"entity_id"_s, u"gt"_s, u"abc"_s))};
        QVERIFY(!index.search(textId, 2));
    }

    void plannedTimesAreTheBuiltOrders_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 5") << 5u;
        QTest::newRow("seed 31") << 31u;
    }
    void plannedTimesAreTheBuiltOrders()
    {
        // The store files orders it has not built by the times their draws fix: the views must list them as
        // the built orders do (every state of the generator's walk is among 600 orders).
        QFETCH(quint32, seed);
        const Sandbox::Catalog catalog = Sandbox::generateCatalog(seed);
        Sandbox::MagentoStore store(catalog, seed, 600);
        SearchCriteria byUpdated;
        byUpdated.sortOrders = {by(u"updated_at"_s, u"ASC"_s), by(u"entity_id"_s, u"ASC"_s)};
        SearchCriteria byCreated;
        byCreated.sortOrders = {by(u"created_at"_s, u"DESC"_s), by(u"entity_id"_s, u"DESC"_s)};
        const auto planned = store.indexedSearch(byUpdated);
        const auto plannedCreated = store.indexedSearch(byCreated);
        QVERIFY(planned && plannedCreated);
        QCOMPARE(planned->ids.size(), 600);
        std::map<int, QJsonObject> orders;
        for (int i = 1; i <= store.orderCount(); ++i)
            orders[i] = store.orderCore(i); // builds every order
        QCOMPARE(planned->ids, reference(byUpdated, orders).ids);
        QCOMPARE(plannedCreated->ids, reference(byCreated, orders).ids);
    }

    void storeKeepsItsIndexCurrent()
    {
        // The store's own orders and actions: each action moves updated_at; searches through the store's
        // index equal the reference over the store's orders.
        const Sandbox::Catalog catalog = Sandbox::generateCatalog(5);
        Sandbox::MagentoStore store(catalog, 5, 120);
        QRandomGenerator rng(5);
        int answered = 0;
        for (int round = 0; round < 150; ++round) {
            const int id = 1 + rng.bounded(store.orderCount());
            switch (rng.bounded(6)) {
            case 0: (void)store.hold(id); break;
            case 1: (void)store.unhold(id); break;
            case 2: (void)store.cancel(id); break;
            case 3: (void)store.backdate(id, rng.bounded(86400 * 400)); break;
            case 4: (void)store.placeLargeOrder(1 + rng.bounded(3)); break;
            default: (void)store.invoice(id, {}); break;
            }
            std::map<int, QJsonObject> orders;
            for (int i = 1; i <= store.orderCount(); ++i)
                orders[i] = store.orderCore(i);
            const SearchCriteria criteria = randomCriteria(rng, store.orderCount());
            // The store's times are real ones: move the criteria's values onto its range.
            SearchCriteria onStore = criteria;
            for (auto &group : onStore.filterGroups) {
                for (auto &f : group) {
                    if (f.field != u"entity_id"_s) {
                        const int pick = 1 + rng.bounded(store.orderCount());
                        f.value = orders[pick].value(f.field).toString();
                    }
                }
            }
            const auto got = store.indexedSearch(onStore);
            if (!got)
                continue;
            ++answered;
            const auto expected = reference(onStore, orders);
            QCOMPARE(got->ids, expected.ids);
            QCOMPARE(got->total, expected.total);
        }
        QVERIFY(answered > 50);
    }
};

QTEST_APPLESS_MAIN(tst_OrderSearchIndex)
#include "tst_ordersearchindex.moc"
