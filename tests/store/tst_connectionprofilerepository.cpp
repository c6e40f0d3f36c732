#include "storeundertest.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestConnectionProfileRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void insertsAndReadsBack();
    void updates();
    void onlyOneProfileIsActive();
    void refusesDuplicateNameAndBadModes_data();
    void refusesDuplicateNameAndBadModes();
    void removes();
    void tableHasNoSecretColumns();

private:
    [[nodiscard]] static ConnectionProfile sample(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

ConnectionProfile TestConnectionProfileRepository::sample(const QString &name)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.magentoBaseUrl = u"https://shop.example.test"_s;
    profile.magentoAuthMode = MagentoAuthMode::OAuth1;
    profile.magentoStoreCode = u"de"_s;
    profile.salesforceLoginUrl = u"https://test.salesforce.com"_s;
    profile.salesforceFlow = SalesforceFlow::JwtBearer;
    profile.salesforceClientId = u"3MVG9-consumer-key"_s;
    profile.salesforceUsername = u"integration@example.test"_s;
    profile.salesforceApiVersion = u"v62.0"_s;
    profile.magentoCaFile = u"/etc/orderbridge/shop-ca.pem"_s;
    profile.salesforceCaFile = u"/etc/orderbridge/proxy-ca.pem"_s;
    return profile;
}

void TestConnectionProfileRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY(db);
    m_db = *db;
}

void TestConnectionProfileRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestConnectionProfileRepository::insertsAndReadsBack()
{
    const ConnectionProfileRepository repository(m_db);
    const auto saved = repository.save(sample(u"production"_s));
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    QVERIFY(saved->id > 0);
    const auto found = repository.findByName(u"production"_s);
    QVERIFY(found && found->has_value());
    QCOMPARE(found->value(), *saved);
    const auto missing = repository.findByName(u"staging"_s);
    QVERIFY(missing && !missing->has_value());
}

void TestConnectionProfileRepository::updates()
{
    const ConnectionProfileRepository repository(m_db);
    auto saved = repository.save(sample(u"production"_s));
    QVERIFY(saved);
    ConnectionProfile changed = *saved;
    changed.magentoBaseUrl = u"https://shop2.example.test"_s;
    changed.salesforceFlow = SalesforceFlow::WebServer;
    const auto updated = repository.save(changed);
    QVERIFY(updated);
    QCOMPARE(updated->id, saved->id);
    const auto all = repository.list();
    QVERIFY(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->first(), changed);

    ConnectionProfile ghost = changed;
    ghost.id = 999;
    QVERIFY(!repository.save(ghost));
}

void TestConnectionProfileRepository::onlyOneProfileIsActive()
{
    const ConnectionProfileRepository repository(m_db);
    ConnectionProfile a = sample(u"a"_s);
    a.active = true;
    QVERIFY(repository.save(a));
    ConnectionProfile b = sample(u"b"_s);
    b.active = true;
    QVERIFY(repository.save(b));
    const auto active = repository.active();
    QVERIFY(active && active->has_value());
    QCOMPARE(active->value().name, u"b"_s);
    const auto all = repository.list();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QVERIFY(!all->at(0).active);
}

void TestConnectionProfileRepository::refusesDuplicateNameAndBadModes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("authMode");
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("hint");
    QTest::newRow("duplicate") << u"production"_s << u"oauth1"_s << u"jwt_bearer"_s << u"unique"_s;
    QTest::newRow("empty name") << QString() << u"oauth1"_s << u"jwt_bearer"_s << u"non-empty name"_s;
    QTest::newRow("auth mode") << u"x"_s << u"basic"_s << u"jwt_bearer"_s << u"oauth1"_s;
    QTest::newRow("flow") << u"x"_s << u"oauth1"_s << u"implicit"_s << u"web_server"_s;
}

void TestConnectionProfileRepository::refusesDuplicateNameAndBadModes()
{
    QFETCH(QString, name);
    QFETCH(QString, authMode);
    QFETCH(QString, flow);
    QFETCH(QString, hint);
    const ConnectionProfileRepository repository(m_db);
    QVERIFY(repository.save(sample(u"production"_s)));
    ConnectionProfile profile = sample(name);
    // A name the enums do not have stands for a value outside them, which only the table's CHECK can catch.
    profile.magentoAuthMode = magentoAuthModeFromName(authMode).value_or(static_cast<MagentoAuthMode>(-1));
    profile.salesforceFlow = salesforceFlowFromName(flow).value_or(static_cast<SalesforceFlow>(-1));
    const auto saved = repository.save(profile);
    QVERIFY(!saved);
    QVERIFY2(saved.error().hint.contains(hint), qPrintable(saved.error().toString()));
    QCOMPARE(repository.list()->size(), 1);
}

void TestConnectionProfileRepository::removes()
{
    const ConnectionProfileRepository repository(m_db);
    const auto saved = repository.save(sample(u"production"_s));
    QVERIFY(saved);
    QVERIFY(repository.remove(saved->id));
    QVERIFY(repository.list()->isEmpty());
    const auto again = repository.remove(saved->id);
    QVERIFY(!again);
    QCOMPARE(again.error().code, u"store.profile_not_found"_s);
}

void TestConnectionProfileRepository::tableHasNoSecretColumns()
{
    const QSqlRecord record = m_db->connection().record(u"connection_profiles"_s);
    QVERIFY(record.count() > 5);
    for (int i = 0; i < record.count(); ++i) {
        const QString column = record.fieldName(i);
        for (const QString &word : {u"secret"_s, u"password"_s, u"token"_s, u"key"_s})
            QVERIFY2(!column.contains(word), qPrintable(column));
    }
}

QTEST_GUILESS_MAIN(TestConnectionProfileRepository)
#include "tst_connectionprofilerepository.moc"
