#include "store/postgresaddress.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestPostgresAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesUrl_data();
    void parsesUrl();
    void refusesBadUrl_data();
    void refusesBadUrl();
    void refusesPasswordWithoutEchoingIt();
    void tlsUnlessLoopback_data();
    void tlsUnlessLoopback();
    void tellsUrlsFromFiles();
};

void TestPostgresAddress::parsesUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::newRow("full") << u"postgresql://ops@db.example.com:6432/orders"_s << u"ops"_s << u"db.example.com"_s << 6432
                          << u"orders"_s;
    QTest::newRow("default port") << u"postgresql://ops@10.0.0.5/orderbridge"_s << u"ops"_s << u"10.0.0.5"_s << 5432
                                  << u"orderbridge"_s;
    QTest::newRow("short scheme") << u"postgres://ops@localhost:5433/ob"_s << u"ops"_s << u"localhost"_s << 5433
                                  << u"ob"_s;
    QTest::newRow("ipv6") << u"postgresql://ops@[::1]:5432/ob"_s << u"ops"_s << u"::1"_s << 5432 << u"ob"_s;
}

void TestPostgresAddress::parsesUrl()
{
    QFETCH(QString, url);
    const auto address = PostgresAddress::parse(url);
    QVERIFY2(address, qPrintable(address ? QString() : address.error().toString()));
    QTEST(address->user, "user");
    QTEST(address->host, "host");
    QTEST(address->port, "port");
    QTEST(address->databaseName, "database");
    // Written back the same way, so that messages name what the user typed.
    QCOMPARE(PostgresAddress::parse(address->toString())->toString(), address->toString());
}

void TestPostgresAddress::refusesBadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("said");
    QTest::newRow("no user") << u"postgresql://db.example.com/orders"_s << u"lacks the user"_s;
    QTest::newRow("no database") << u"postgresql://ops@db.example.com:5432/"_s << u"lacks the user"_s;
    QTest::newRow("no host") << u"postgresql://ops@/orders"_s << u"lacks the user"_s;
    QTest::newRow("nested path") << u"postgresql://ops@db/a/b"_s << u"lacks the user"_s;
    QTest::newRow("options") << u"postgresql://ops@db/orders?sslmode=disable"_s << u"options"_s;
    QTest::newRow("other scheme") << u"mysql://ops@db/orders"_s << u"not a PostgreSQL URL"_s;
    QTest::newRow("bad port") << u"postgresql://ops@db:notaport/orders"_s << u"not a PostgreSQL URL"_s;
}

void TestPostgresAddress::refusesBadUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, said);
    const auto address = PostgresAddress::parse(url);
    QVERIFY(!address);
    QCOMPARE(address.error().code, u"store.bad_database_url"_s);
    QCOMPARE(address.error().kind, ErrorKind::Invalid);
    QVERIFY2(address.error().message.contains(said), qPrintable(address.error().message));
    QVERIFY2(address.error().hint.contains(u"postgresql://"_s), qPrintable(address.error().hint));
}

void TestPostgresAddress::refusesPasswordWithoutEchoingIt()
{
    for (const QString &url : {u"postgresql://ops:s3cr3t-pw@db.example.com/orders"_s,
                               u"postgresql://ops:@db.example.com/orders"_s}) {
        const auto address = PostgresAddress::parse(url);
        QVERIFY2(!address, qPrintable(url));
        QVERIFY2(address.error().message.contains(u"password"_s), qPrintable(address.error().message));
        QVERIFY(address.error().hint.contains(u"keychain"_s));
        QVERIFY(address.error().hint.contains(u"database.password"_s));
        QVERIFY(!address.error().toString().contains(u"s3cr3t"_s));
    }
}

void TestPostgresAddress::tlsUnlessLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << u"localhost"_s << true;
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.8.9.10") << u"127.8.9.10"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("lan") << u"192.168.1.20"_s << false;
    QTest::newRow("name") << u"db.example.com"_s << false;
    QTest::newRow("127 as a name") << u"127.example.com"_s << false;
    QTest::newRow("out of range") << u"127.0.0.300"_s << false;
}

void TestPostgresAddress::tlsUnlessLoopback()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    PostgresAddress address;
    address.host = host;
    QCOMPARE(address.isLoopback(), loopback);
    QCOMPARE(address.connectOptions().contains(u"sslmode=verify-full"_s), !loopback);
}

void TestPostgresAddress::tellsUrlsFromFiles()
{
    QVERIFY(PostgresAddress::isUrl(u"postgresql://a@b/c"_s));
    QVERIFY(PostgresAddress::isUrl(u"POSTGRES://a@b/c"_s));
    QVERIFY(!PostgresAddress::isUrl(u"/var/lib/orderbridge/orderbridge.sqlite"_s));
    QVERIFY(!PostgresAddress::isUrl(u"postgresql.sqlite"_s));
}

QTEST_APPLESS_MAIN(TestPostgresAddress)
#include "tst_postgresaddress.moc"
