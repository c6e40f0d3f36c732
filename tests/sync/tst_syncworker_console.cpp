// What the console asks of the sync worker, over real HTTP against orderbridge-sandbox: the worker
// without a connection, reconfigure, the org schema with the Order Status categories, the order
// preview before and after a sync, and the settings, mapping and connection saves with their
// validation (nothing stored when refused).

#include "asyncresult.h"
#include "crossthreadspy.h"
#include "magento/magentoclient.h"
#include "mapping/mappingeditor.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxworkerfixture.h"
#include "spyerror.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/consoletypes.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

using Values = QHash<QString, QString>;

class TestSyncWorkerConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void unconfiguredWorkerSaysWhatToDo();
    void unconfiguredWorkerStillStoresSettings();
    void reconfigureConnectsToTheSandbox();
    void orgSchemaHasStatusCategoriesAndCustomFields();
    void refreshOrgSchemaSeesANewCustomField();
    void saveConnectionProfile_data();
    void saveConnectionProfile();
    void saveSettingsRefusesInvalidAndStoresNothing_data();
    void saveSettingsRefusesInvalidAndStoresNothing();
    void saveSettingsQueuesOrdersForTheNewRules();
    void saveMappingsRefusesBadRows_data();
    void saveMappingsRefusesBadRows();
    void saveMappingsAcceptsACustomMappingAndKeepsSystemOnes();
    void previewBeforeAndAfterSync();
    void reconfigureWaitsForTheBatchInFlight();
    void reconfigureToNothingAndBack();

private:
    SyncWorkerConfig sandboxConfig() const { return m_fixture.workerConfig(); }
    SyncRunSummary run(const RunRequest &request) { return m_fixture.run(request); }
    /// The host's answer to a run request, waited for.
    RunResult runResult(const RunRequest &request);
    qint64 placeOrder(const QString &email, const QString &city);
    QList<QJsonObject> soql(const QString &statement) { return m_fixture.org().soql(statement); }
    QString orderStatus(qint64 entityId);
    OrderPreview preview(const QString &incrementId);
    /// The org schema read (refreshed when `refresh`), or nullopt with a warning saying why not.
    std::optional<OrgSchema> orgSchema(bool refresh = false);
    Result<OrgSchema> orgSchemaResult(bool refresh = false);
    Result<SettingsUpdate::Outcome> saveSettings(const Values &values);
    Result<void> saveMappings(MappingEntity entity, const FieldMappingList &mappings);
    Result<ConnectionProfile> saveConnectionProfile(const ConnectionProfile &profile);
    QList<ConnectionCheck> testConnection();
    /// Waits for `answer` (set by the host's reply); false after a minute.
    template<typename T>
    static bool waitFor(const std::optional<T> &answer) { return QTest::qWaitFor([&] { return answer.has_value(); }, 60000); }
    static const PreviewRecord *record(const OrderPreview &preview, const QString &object);

    SandboxWorkerFixture m_fixture;
    std::shared_ptr<Database> m_db;
    WorkerHost *m_host = nullptr;
    SyncWorker *m_worker = nullptr; ///< for its notifications
    QNetworkAccessManager m_network;
};

void TestSyncWorkerConsole::initTestCase()
{
    QVERIFY2(m_fixture.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"7"_s}), qPrintable(m_fixture.errorString()));
    m_db = m_fixture.database();

    // The worker starts as the console starts it before the keychain answered: no connection at all.
    SyncWorkerConfig empty;
    empty.database = m_db;
    QVERIFY(!empty.isConfigured());
    m_host = m_fixture.startWorker(empty);
    m_worker = m_host->worker();

    QVERIFY2(m_fixture.signInToOrg(), qPrintable(m_fixture.errorString()));
}

void TestSyncWorkerConsole::cleanupTestCase()
{
    m_fixture.stopWorker();
}

qint64 TestSyncWorkerConsole::placeOrder(const QString &email, const QString &city)
{
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 1}, {u"MG-2001"_s, 2}},
        SandboxConnections::address(u"Ada"_s, u"Byrne"_s, u"1 Grafton Street"_s, city, u"D02"_s, u"IE"_s, u"+353 1 555 0100"_s, email));
    return m_fixture.placeOrder(this, checkout);
}

QString TestSyncWorkerConsole::orderStatus(qint64 entityId)
{
    auto r = OrdersRepository(m_db).findByEntityId(entityId);
    if (!r || !r->has_value())
        return {};
    return syncStatusDbName((*r)->syncStatus);
}

OrderPreview TestSyncWorkerConsole::preview(const QString &incrementId)
{
    std::optional<OrderPreview> answer;
    m_host->previewOrder(incrementId, this, [&answer](const OrderPreview &preview) { answer = preview; });
    if (!waitFor(answer)) {
        OrderPreview none;
        none.incrementId = u"timeout"_s;
        return none;
    }
    return *answer;
}

RunResult TestSyncWorkerConsole::runResult(const RunRequest &request)
{
    std::optional<RunResult> answer;
    m_host->run(request, this, [&answer](const RunResult &result) { answer = result; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 120000))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer to the run"_s, {}, {}});
    return *answer;
}

Result<OrgSchema> TestSyncWorkerConsole::orgSchemaResult(bool refresh)
{
    std::optional<Result<OrgSchema>> answer;
    const auto done = [&answer](const Result<OrgSchema> &schema) { answer = schema; };
    if (refresh)
        m_host->refreshOrgSchema(this, done);
    else
        m_host->readOrgSchema(this, done);
    if (!waitFor(answer))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer to the org schema request"_s, {}, {}});
    return *answer;
}

std::optional<OrgSchema> TestSyncWorkerConsole::orgSchema(bool refresh)
{
    const Result<OrgSchema> schema = orgSchemaResult(refresh);
    if (!schema) {
        qWarning("no org schema: %s", qPrintable(errorText(schema)));
        return std::nullopt;
    }
    return *schema;
}

Result<SettingsUpdate::Outcome> TestSyncWorkerConsole::saveSettings(const Values &values)
{
    std::optional<Result<SettingsUpdate::Outcome>> answer;
    m_host->saveSettings(values, this, [&answer](const Result<SettingsUpdate::Outcome> &saved) { answer = saved; });
    if (!waitFor(answer))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer to the settings save"_s, {}, {}});
    return *answer;
}

Result<void> TestSyncWorkerConsole::saveMappings(MappingEntity entity, const FieldMappingList &mappings)
{
    std::optional<Result<void>> answer;
    m_host->saveMappings(entity, mappings, this, [&answer](const Result<void> &saved) { answer = saved; });
    if (!waitFor(answer))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer to the mappings save"_s, {}, {}});
    return *answer;
}

Result<ConnectionProfile> TestSyncWorkerConsole::saveConnectionProfile(const ConnectionProfile &profile)
{
    std::optional<Result<ConnectionProfile>> answer;
    m_host->saveConnectionProfile(profile, this, [&answer](const Result<ConnectionProfile> &saved) { answer = saved; });
    if (!waitFor(answer))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer to the profile save"_s, {}, {}});
    return *answer;
}

QList<ConnectionCheck> TestSyncWorkerConsole::testConnection()
{
    std::optional<QList<ConnectionCheck>> answer;
    m_host->testConnection(this, [&answer](const QList<ConnectionCheck> &checks) { answer = checks; });
    if (!waitFor(answer))
        return {ConnectionCheck{u"test"_s, false, u"no answer to the connection test"_s}};
    return *answer;
}

const PreviewRecord *TestSyncWorkerConsole::record(const OrderPreview &preview, const QString &object)
{
    for (const PreviewRecord &r : preview.records) {
        if (r.object == object)
            return &r;
    }
    return nullptr;
}

void TestSyncWorkerConsole::unconfiguredWorkerSaysWhatToDo()
{
    // The run began and failed at once: its asker and every watcher hear the same error.
    CrossThreadSpy finished(m_worker, &SyncWorker::runFinished);
    const RunResult result = runResult(RunRequest::syncOrders({u"000000001"_s}));
    QVERIFY(!result.has_value());
    const Error error = result.error();
    QCOMPARE(error.code, u"sync.not_configured"_s);
    QCOMPARE(error.kind, ErrorKind::NotConfigured);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<RunResult>().error(), error);
    QVERIFY2(error.message.contains(u"No connection is configured"_s), qPrintable(error.message));
    QVERIFY2(error.hint.contains(u"Salesforce › Connection"_s), qPrintable(error.hint));
    QVERIFY2(error.hint.contains(u"orderbridge-cli connect"_s), qPrintable(error.hint));

    // Every network request answers the same way, each to its own asker.
    const Result<OrgSchema> schema = orgSchemaResult();
    QVERIFY(!schema.has_value());
    QCOMPARE(schema.error().code, u"sync.not_configured"_s);

    const OrderPreview p = preview(u"000000001"_s);
    QCOMPARE(p.incrementId, u"000000001"_s);
    QCOMPARE(p.status, SyncStatus::Error);
    QCOMPARE(p.error.code, u"sync.not_configured"_s);
    QVERIFY(p.records.isEmpty());

    finished.clear();
    const QList<ConnectionCheck> checks = testConnection();
    QCOMPARE(checks.size(), 1);
    QVERIFY(!checks.first().ok);
    QVERIFY(checks.first().detail.contains(u"No connection is configured"_s));
    QTest::qWait(100);
    QVERIFY(finished.isEmpty()); // the test is no run: only its asker hears of it

    for (const RunRequest &request : {RunRequest::poll(), RunRequest::drain()}) {
        const RunResult r = runResult(request);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, u"sync.not_configured"_s);
    }
}

void TestSyncWorkerConsole::unconfiguredWorkerStillStoresSettings()
{
    // Database requests need no connection.
    const Values walkthrough{{u"orders.automated_synchronization"_s, u"yes"_s},
                                              {u"orders.zero_grand_total"_s, u"synchronize"_s},
                                              {u"orders.synchronize_order_notes"_s, u"yes"_s},
                                              {u"orders.default_status"_s, u"Draft"_s},
                                              {u"orders.sync_all_orders"_s, u"yes"_s},
                                              {u"advanced.create_order"_s, u"paid"_s},
                                              {u"advanced.create_opportunity"_s, u"no"_s}};
    const auto saved = saveSettings(walkthrough);
    QVERIFY2(saved.has_value(), qPrintable(errorText(saved)));
    auto stored = SettingsRepository(m_db).load();
    QVERIFY(stored.has_value());
    QCOMPARE(stored->createOrder(), CreateOrderMode::Paid);
}

void TestSyncWorkerConsole::reconfigureConnectsToTheSandbox()
{
    CrossThreadSpy signedIn(m_worker, &SyncWorker::signedIn);
    m_host->reconfigure(sandboxConfig());
    const QList<ConnectionCheck> checks = testConnection();
    QVERIFY(checks.size() >= 3);
    for (const ConnectionCheck &check : checks)
        QVERIFY2(check.ok, qPrintable(check.name + u": "_s + check.detail));
    QCOMPARE(signedIn.size(), 1);
    QVERIFY(signedIn.first().first().toUrl().isValid());

    // A sync now works: the poll finishes without errors (no orders yet).
    const SyncRunSummary summary = run(RunRequest::poll());
    QCOMPARE(summary.errors, 0);
}

void TestSyncWorkerConsole::orgSchemaHasStatusCategoriesAndCustomFields()
{
    const Result<OrgSchema> read = orgSchemaResult();
    QVERIFY2(read.has_value(), qPrintable(errorText(read)));
    const OrgSchema org = *read;

    Values categories;
    for (const OrderStatusValue &v : org.orderStatuses)
        categories.insert(v.value, v.category);
    QCOMPARE(categories.value(u"Draft"_s), u"Draft"_s);
    QCOMPARE(categories.value(u"Activated"_s), u"Activated"_s);
    QCOMPARE(org.orderStatuses.first().value, u"Draft"_s); // SortOrder
    QVERIFY(org.orderStatuses.first().isDefault);
    QCOMPARE(org.orderStatuses.first().label, u"Draft"_s);
    const QList<OrderStatusValue> draft = org.draftStatuses();
    QCOMPARE(draft.size(), 1);
    QCOMPARE(draft.first().value, u"Draft"_s);

    // The integration's custom fields come from the live describe, with their facts.
    for (const QString &field : {u"Magento_ID__c"_s, u"Magento_Website__c"_s, u"Grand_Total__c"_s}) {
        const SalesforceFieldInfo *info = findSalesforceField(org.schema.order, field);
        QVERIFY2(info, qPrintable(field));
        QVERIFY(info->createable);
    }
    QVERIFY(findSalesforceField(org.schema.order, u"Magento_ID__c"_s)->externalId);
    QVERIFY(findSalesforceField(org.schema.orderItem, u"Magento_Item_ID__c"_s));
    const SalesforceFieldInfo *product = findSalesforceField(org.schema.orderItem, u"Product2Id"_s);
    QVERIFY(product);
    QVERIFY(!product->updateable);
    QVERIFY(org.schema.orderStatusValues().contains(u"Activated"_s));
    QVERIFY(org.instanceUrl.isValid());
    QVERIFY(!org.instanceUrl.host().isEmpty());
}

void TestSyncWorkerConsole::refreshOrgSchemaSeesANewCustomField()
{
    // An admin adds a field in Setup while the console runs.
    QNetworkRequest request(QUrl(m_fixture.sandbox().salesforce().value(u"login_url"_s).toString() + u"/__sandbox/custom-fields"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QJsonObject field{{u"object"_s, u"Order"_s}, {u"name"_s, u"Gift_Message__c"_s}, {u"type"_s, u"string"_s},
                            {u"length"_s, 200}};
    QNetworkReply *reply = m_network.post(request, QJsonDocument(field).toJson());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    reply->deleteLater();

    // The describe is cached for the session: loading again costs nothing and does not see it yet.
    const auto cached = orgSchema();
    QVERIFY(cached.has_value());
    QVERIFY(!findSalesforceField(cached->schema.order, u"Gift_Message__c"_s));
    const auto fresh = orgSchema(true);
    QVERIFY(fresh.has_value());
    const SalesforceFieldInfo *gift = findSalesforceField(fresh->schema.order, u"Gift_Message__c"_s);
    QVERIFY(gift);
    QCOMPARE(gift->length, 200);
    QVERIFY(gift->createable && gift->updateable);
    QCOMPARE(fresh->draftStatuses().size(), 1);
}

void TestSyncWorkerConsole::saveConnectionProfile_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("rejectedField"); // empty: accepted

    QTest::newRow("valid") << QString() << QString() << QString();
    QTest::newRow("no name") << u"name"_s << u"  "_s << u"name"_s;
    QTest::newRow("magento url") << u"magentoBaseUrl"_s << u"shop"_s << u"magento_base_url"_s;
    QTest::newRow("magento http remote") << u"magentoBaseUrl"_s << u"http://shop.example.com"_s << u"magento_base_url"_s;
    QTest::newRow("auth mode") << u"magentoAuthMode"_s << u"password"_s << u"magento_auth_mode"_s;
    QTest::newRow("login url") << u"salesforceLoginUrl"_s << u"ftp://login.salesforce.com"_s << u"salesforce_login_url"_s;
    QTest::newRow("flow") << u"salesforceFlow"_s << u"device"_s << u"salesforce_flow"_s;
    QTest::newRow("client id") << u"salesforceClientId"_s << QString() << u"salesforce_client_id"_s;
    QTest::newRow("username") << u"salesforceUsername"_s << QString() << u"salesforce_username"_s;
}

void TestSyncWorkerConsole::saveConnectionProfile()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, rejectedField);

    ConnectionProfile profile = SandboxConnections::profile(m_fixture.sandbox(), u"sandbox"_s);
    QHash<QString, QString *> fields{{u"name"_s, &profile.name},
                                     {u"magentoBaseUrl"_s, &profile.magentoBaseUrl},
                                     {u"salesforceLoginUrl"_s, &profile.salesforceLoginUrl},
                                     {u"salesforceClientId"_s, &profile.salesforceClientId},
                                     {u"salesforceUsername"_s, &profile.salesforceUsername}};
    // The modes are enums: a name they do not have stands for a value outside them.
    if (field == u"magentoAuthMode"_s)
        profile.magentoAuthMode = magentoAuthModeFromName(value).value_or(static_cast<MagentoAuthMode>(-1));
    else if (field == u"salesforceFlow"_s)
        profile.salesforceFlow = salesforceFlowFromName(value).value_or(static_cast<SalesforceFlow>(-1));
    else if (!field.isEmpty())
        *fields.value(field) = value;

    const auto before = ConnectionProfileRepository(m_db).list();
    QVERIFY(before.has_value());
    const Result<ConnectionProfile> saved = saveConnectionProfile(profile);
    if (rejectedField.isEmpty()) {
        QVERIFY2(saved.has_value(), qPrintable(errorText(saved)));
        const ConnectionProfile stored = *saved;
        QVERIFY(stored.id > 0);
        QVERIFY(stored.active);
        auto active = ConnectionProfileRepository(m_db).active();
        QVERIFY(active.has_value() && active->has_value());
        QCOMPARE(**active, stored);
        return;
    }
    QVERIFY(!saved.has_value());
    const Error error = saved.error();
    QCOMPARE(error.fields, QStringList{rejectedField});
    QCOMPARE(error.kind, ErrorKind::Invalid);
    QVERIFY(!error.hint.isEmpty());
    const auto after = ConnectionProfileRepository(m_db).list();
    QVERIFY(after.has_value());
    QCOMPARE(*after, *before); // nothing stored
}

void TestSyncWorkerConsole::saveSettingsRefusesInvalidAndStoresNothing_data()
{
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("key");

    QTest::newRow("unknown key") << Values{{u"orders.color"_s, u"red"_s}} << u"settings.unknown_key"_s
                                 << u"orders.color"_s;
    QTest::newRow("bad choice") << Values{{u"advanced.price_book"_s, u"Other"_s},
                                                           {u"advanced.create_order"_s, u"sometimes"_s}}
                                << u"settings.invalid_value"_s << u"advanced.create_order"_s;
    QTest::newRow("out of range") << Values{{u"engine.batch_size"_s, u"5000"_s}}
                                  << u"settings.invalid_value"_s << u"engine.batch_size"_s;
    QTest::newRow("no status to sync") << Values{{u"orders.sync_all_orders"_s, u"no"_s},
                                                                  {u"orders.order_statuses"_s, QString()}}
                                       << u"settings.invalid_combination"_s << u"orders.order_statuses"_s;
    // The org's Order Status picklist was read: Default Status takes only Draft-category values.
    QTest::newRow("activated default status") << Values{{u"orders.default_status"_s, u"Activated"_s}}
                                              << u"settings.invalid_value"_s << u"orders.default_status"_s;
}

void TestSyncWorkerConsole::saveSettingsRefusesInvalidAndStoresNothing()
{
    QFETCH(Values, values);
    QFETCH(QString, code);
    QFETCH(QString, key);

    const auto before = SettingsRepository(m_db).load();
    QVERIFY(before.has_value());
    const auto saved = saveSettings(values);
    QVERIFY(!saved.has_value());
    const Error error = saved.error();
    QCOMPARE(error.code, code);
    QCOMPARE(error.kind, ErrorKind::Invalid);
    QVERIFY2(error.fields.contains(key) || error.message.contains(key), qPrintable(error.toString()));
    QVERIFY(!error.hint.isEmpty());
    const auto after = SettingsRepository(m_db).load();
    QVERIFY(after.has_value());
    QVERIFY(*after == *before);
}

void TestSyncWorkerConsole::saveSettingsQueuesOrdersForTheNewRules()
{
    // Placed, not invoiced: Out of Sync under "Create Order: For paid order".
    const qint64 entity = placeOrder(u"requeue@example.ie"_s, u"Cork"_s);
    QVERIFY(entity > 0);
    SyncRunSummary summary = run(RunRequest::poll());
    QCOMPARE(summary.errors, 0);
    QCOMPARE(orderStatus(entity), u"out_of_sync"_s);

    // A setting that does not decide eligibility queues nothing.
    auto saved = saveSettings({{u"engine.max_attempts"_s, u"6"_s}});
    QVERIFY(saved.has_value());
    QVERIFY(saved->changedRules.isEmpty());
    QCOMPARE(orderStatus(entity), u"out_of_sync"_s);

    // "Every order" decides anew: the order is queued again and the next run creates it.
    saved = saveSettings({{u"advanced.create_order"_s, u"every"_s}});
    QVERIFY2(saved.has_value(), qPrintable(errorText(saved)));
    QCOMPARE(saved->changedRules, QStringList{u"advanced.create_order"_s});
    QCOMPARE(saved->requeued, 1);
    QCOMPARE(SettingsRepository(m_db).load()->createOrder(), CreateOrderMode::Every);
    QCOMPARE(orderStatus(entity), u"pending"_s);
    QSqlQuery log(m_db->connection());
    QVERIFY(log.exec(u"SELECT message FROM sync_log WHERE message LIKE 'Settings changed (advanced.create_order)%'"_s));
    QVERIFY(log.next());
    const QString logged = log.value(0).toString();
    log.finish(); // an open statement would pin this connection's view of the database
    QVERIFY2(logged.contains(u": 1 Out of Sync or Skipped orders queued again"_s), qPrintable(logged));

    summary = run(RunRequest::drain());
    QCOMPARE(summary.errors, 0);
    QCOMPARE(summary.inSync, 1);
    QCOMPARE(orderStatus(entity), u"in_sync"_s);
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE BillingCity = 'Cork'"_s).size(), 1);

    // Back to the walkthrough's rule for the tests that follow.
    QVERIFY(saveSettings({{u"advanced.create_order"_s, u"paid"_s}}).has_value());
}

void TestSyncWorkerConsole::saveMappingsRefusesBadRows_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("when");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown field") << int(MappingEntity::Order) << u"customer_email"_s << u"No_Such_Field__c"_s
                                   << int(WhenMode::Upsert) << u"mapping.unknown_field"_s;
    QTest::newRow("update only, not updateable") << int(MappingEntity::OrderItem) << u"product_id"_s << u"Product2Id"_s
                                                 << int(WhenMode::UpdateOnly) << u"mapping.not_updateable"_s;
    QTest::newRow("type mismatch") << int(MappingEntity::Order) << u"grand_total"_s << u"PoDate"_s
                                   << int(WhenMode::Upsert) << u"mapping.type_mismatch"_s;
}

void TestSyncWorkerConsole::saveMappingsRefusesBadRows()
{
    QFETCH(int, entity);
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(int, when);
    QFETCH(QString, code);

    const auto e = MappingEntity(entity);
    MappingEditor repository(m_db);
    QVERIFY(repository.ensureDefaults().has_value());
    const auto before = repository.list();
    QVERIFY(before.has_value());
    FieldMappingList edited = *repository.list(e);
    FieldMapping custom;
    custom.entity = e;
    custom.magentoAttribute = source;
    custom.salesforceField = target;
    custom.when = WhenMode(when);
    edited.append(custom);

    const Result<void> saved = saveMappings(e, edited);
    QVERIFY(!saved.has_value());
    const Error error = saved.error();
    QCOMPARE(error.code, code);
    QCOMPARE(error.kind, ErrorKind::Invalid);
    QVERIFY2(error.message.startsWith(u"Row %1 "_s.arg(edited.size())), qPrintable(error.message));
    QCOMPARE(error.fields, QStringList{QString::number(edited.size() - 1)});
    QCOMPARE(*repository.list(), *before); // nothing stored
}

void TestSyncWorkerConsole::saveMappingsAcceptsACustomMappingAndKeepsSystemOnes()
{
    MappingEditor repository(m_db);
    const FieldMappingList before = *repository.list(MappingEntity::Order);
    const auto save = [&](const FieldMappingList &list) { return saveMappings(MappingEntity::Order, list); };

    // A system mapping cannot be removed, nor an essential one disabled.
    FieldMappingList withoutCity = before;
    withoutCity.removeIf([](const FieldMapping &m) { return m.salesforceField == u"BillingCity"_s; });
    Result<void> saved = save(withoutCity);
    QVERIFY(!saved.has_value());
    QCOMPARE(saved.error().code, u"mapping.system"_s);
    FieldMappingList disabledKey = before;
    for (FieldMapping &m : disabledKey) {
        if (m.salesforceField == u"Magento_ID__c"_s)
            m.enabled = false;
    }
    QVERIFY(!save(disabledKey).has_value());
    QCOMPARE(*repository.list(MappingEntity::Order), before);

    // A custom mapping to Description, and a non-essential system mapping switched off.
    FieldMappingList edited = before;
    for (FieldMapping &m : edited) {
        if (m.salesforceField == u"ShippingState"_s)
            m.enabled = false;
    }
    FieldMapping custom;
    custom.entity = MappingEntity::Order;
    custom.magentoAttribute = u"customer_email"_s;
    custom.salesforceField = u"Description"_s;
    custom.when = WhenMode::InsertOnly;
    edited.append(custom);
    saved = save(edited);
    QVERIFY2(saved.has_value(), qPrintable(errorText(saved)));

    const FieldMappingList after = *repository.list(MappingEntity::Order);
    QCOMPARE(after.size(), before.size() + 1);
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id); // system rows keep their identity
        QCOMPARE(after.at(i).system, before.at(i).system);
        QCOMPARE(after.at(i).enabled, before.at(i).salesforceField != u"ShippingState"_s && before.at(i).enabled);
    }
    QVERIFY(!after.last().system);
    QCOMPARE(after.last().salesforceField, u"Description"_s);
    QCOMPARE(after.last().when, WhenMode::InsertOnly);
    // The other entities were not touched.
    QVERIFY(!repository.list(MappingEntity::OrderItem)->isEmpty());
    QVERIFY(!repository.list(MappingEntity::OrderStatus)->isEmpty());

    // The custom row edited and then removed again.
    edited = after;
    edited.last().defaultValue = u"no e-mail"_s;
    QVERIFY(save(edited).has_value());
    QCOMPARE(repository.list(MappingEntity::Order)->last().defaultValue, u"no e-mail"_s);
    edited.removeLast();
    QVERIFY(save(edited).has_value());
    QCOMPARE(repository.list(MappingEntity::Order)->size(), before.size());

    // Leave the custom mapping in place for the preview.
    edited = before;
    edited.append(custom);
    QVERIFY(save(edited).has_value());
}

void TestSyncWorkerConsole::previewBeforeAndAfterSync()
{
    const qint64 entity = placeOrder(u"preview@example.ie"_s, u"Galway"_s);
    QVERIFY(entity > 0);
    const Result<MagentoOrder> fetched = SandboxConnections::invoiceOrder(m_fixture.magento(), this, entity);
    QVERIFY2(fetched.has_value(), qPrintable(errorText(fetched)));
    const QString inc = fetched->incrementId;

    // New order: every record an insert, with the values it sends; nothing in Salesforce yet.
    OrderPreview p = preview(inc);
    QCOMPARE(p.incrementId, inc);
    QVERIFY2(p.error.code.isEmpty(), qPrintable(p.error.toString()));
    QCOMPARE(p.status, SyncStatus::InSync);
    const PreviewRecord *order = record(p, u"Order"_s);
    QVERIFY(order);
    QCOMPARE(order->operation, u"insert"_s);
    QVERIFY(order->recordId.isEmpty());
    QCOMPARE(order->sending.value(u"BillingCity"_s).toString(), u"Galway"_s);
    QCOMPARE(order->sending.value(u"Description"_s).toString(), u"preview@example.ie"_s); // the custom mapping
    QVERIFY(order->sending.contains(u"Status"_s));
    QVERIFY(order->current.isEmpty());
    int items = 0;
    for (const PreviewRecord &r : p.records) {
        if (r.object == u"OrderItem"_s) {
            ++items;
            QCOMPARE(r.operation, u"insert"_s);
            QVERIFY(r.sending.contains(u"Quantity"_s));
        }
    }
    QCOMPARE(items, 2);
    QVERIFY(soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).isEmpty()); // a dry run writes nothing

    // After a real sync: nothing to send, Salesforce's values shown.
    SyncRunSummary summary = run(RunRequest::syncOrders({inc}));
    QCOMPARE(summary.inSync, 1);
    const auto orders = soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(orders.size(), 1);
    const QString orderId = orders.first().value(u"Id"_s).toString();
    p = preview(inc);
    QVERIFY2(p.error.code.isEmpty(), qPrintable(p.error.toString()));
    QCOMPARE(p.status, SyncStatus::InSync);
    order = record(p, u"Order"_s);
    QVERIFY(order);
    QCOMPARE(order->operation, u"none"_s);
    QCOMPARE(order->recordId, orderId);
    QCOMPARE(order->current.value(u"BillingCity"_s).toString(), u"Galway"_s);
    QCOMPARE(order->current.value(u"Status"_s).toString(), u"Draft"_s);
    for (const PreviewRecord &r : p.records)
        QVERIFY2(r.operation == u"none"_s, qPrintable(r.object + u' ' + r.operation));

    // Shipped in Magento: the Order's status is an update, beside its current value.
    Waiter<Result<qint64>> shipped;
    m_fixture.magento().createShipment(entity, MagentoShipmentRequest{}, this, shipped.callback());
    QVERIFY(shipped.wait());
    QVERIFY(shipped.result->has_value());
    p = preview(inc);
    QVERIFY2(p.error.code.isEmpty(), qPrintable(p.error.toString()));
    order = record(p, u"Order"_s);
    QVERIFY(order);
    QCOMPARE(order->operation, u"update"_s);
    QCOMPARE(order->recordId, orderId);
    QCOMPARE(order->sending.value(u"Status"_s).toString(), u"Activated"_s);
    QCOMPARE(order->current.value(u"Status"_s).toString(), u"Draft"_s);
    QCOMPARE(soql(u"SELECT Status FROM Order WHERE Id = '%1'"_s.arg(orderId)).first().value(u"Status"_s).toString(),
             u"Draft"_s);

    // Not eligible: the reason, and nothing to send.
    const qint64 unpaid = placeOrder(u"unpaid@example.ie"_s, u"Sligo"_s);
    Waiter<Result<MagentoOrder>> unpaidOrder;
    m_fixture.magento().fetchOrder(unpaid, this, unpaidOrder.callback());
    QVERIFY(unpaidOrder.wait());
    QVERIFY(unpaidOrder.result->has_value());
    p = preview((*unpaidOrder.result)->incrementId);
    QCOMPARE(p.status, SyncStatus::OutOfSync);
    QVERIFY2(p.reason.contains(u"For paid order"_s), qPrintable(p.reason));
    QVERIFY(p.records.isEmpty());

    // An order Magento does not have.
    p = preview(u"999999999"_s);
    QCOMPARE(p.status, SyncStatus::Error);
    QCOMPARE(p.error.code, u"magento.not_found"_s);
}

void TestSyncWorkerConsole::reconfigureWaitsForTheBatchInFlight()
{
    const qint64 entity = placeOrder(u"inflight@example.ie"_s, u"Athlone"_s);
    QVERIFY(entity > 0);
    const Result<MagentoOrder> fetched = SandboxConnections::invoiceOrder(m_fixture.magento(), this, entity);
    QVERIFY2(fetched.has_value(), qPrintable(errorText(fetched)));

    // The new settings arrive while the run is under way: its batch completes, then they apply.
    CrossThreadSpy finished(m_worker, &SyncWorker::runFinished);
    CrossThreadSpy changed(m_worker, &SyncWorker::configurationChanged);
    QList<int> order; // 1 = runFinished, 2 = configurationChanged
    // Recorded on this thread (queued: the worker's two signals arrive in the order it sent them), and
    // disconnected when the test returns.
    QObject receiver;
    connect(m_worker, &SyncWorker::runFinished, &receiver, [&order] { order << 1; }, Qt::QueuedConnection);
    connect(m_worker, &SyncWorker::configurationChanged, &receiver, [&order] { order << 2; }, Qt::QueuedConnection);
    std::optional<RunResult> answer;
    m_host->run(RunRequest::syncOrders({fetched->incrementId}), this, [&answer](const RunResult &r) { answer = r; });
    m_host->reconfigure(sandboxConfig());
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty() || (answer && !answer->has_value()), 60000);
    QVERIFY2(answer && answer->has_value(), answer ? qPrintable(errorText(*answer)) : "no answer");
    QTRY_COMPARE(order, (QList<int>{1, 2}));
    QCOMPARE(finished.size(), 1);
    // The run stopped at the first batch boundary after the reconfigure: the order was synced by a
    // batch already under way, or it waits in the queue for the next run, on the new connection.
    const SyncRunSummary first = **answer;
    QVERIFY2(first.inSync == 1 || first.stoppedBecause == u"cancelled"_s, qPrintable(first.stoppedBecause));
    QVERIFY(orderStatus(entity) == u"in_sync"_s || orderStatus(entity) == u"pending"_s);
    const SyncRunSummary next = run(RunRequest::drain());
    QCOMPARE(next.errors, 0);
    QCOMPARE(first.inSync + next.inSync, 1);
    QCOMPARE(orderStatus(entity), u"in_sync"_s);
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE BillingCity = 'Athlone'"_s).size(), 1);
}

void TestSyncWorkerConsole::reconfigureToNothingAndBack()
{
    // Without a connection again (the profile was removed): requests say so, nothing crashes.
    CrossThreadSpy changed(m_worker, &SyncWorker::configurationChanged);
    SyncWorkerConfig empty;
    m_host->reconfigure(empty);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 10000);
    QCOMPARE(changed.first().first().toBool(), false);
    const RunResult drained = runResult(RunRequest::drain());
    QVERIFY(!drained.has_value());
    QCOMPARE(drained.error().code, u"sync.not_configured"_s);
    QVERIFY(!orgSchema().has_value());
    // The database stays the worker's (an empty config keeps it).
    QVERIFY(saveSettings({{u"engine.max_attempts"_s, u"5"_s}}).has_value());

    // Back to the sandbox: a new session (signed in again) and the org read anew.
    CrossThreadSpy signedIn(m_worker, &SyncWorker::signedIn);
    m_host->reconfigure(sandboxConfig());
    const auto org = orgSchema();
    QVERIFY(org.has_value());
    QVERIFY(findSalesforceField(org->schema.order, u"Gift_Message__c"_s));
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().first().toBool(), true);
}

QTEST_GUILESS_MAIN(TestSyncWorkerConsole)
#include "tst_syncworker_console.moc"
