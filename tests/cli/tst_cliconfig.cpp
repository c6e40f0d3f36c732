#include "clirunner.h"

#include "settings/settingscatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

QSet<QString> s_roundTripKeys;
QSet<QString> s_badValueKeys;

// The settings table as it is on disk, read behind the CLI's back.
QHash<QString, QString> storedSettings(const QString &dataDir)
{
    QHash<QString, QString> values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(dataDir + u"/orderbridge.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT key, value FROM settings"_s)) {
                while (query.next())
                    values.insert(query.value(0).toString(), query.value(1).toString());
            }
        }
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
    return values;
}

QJsonObject showJson(const QString &dataDir)
{
    const CliRun run = runCli(withDataDir(dataDir, {u"config"_s, u"show"_s, u"--json"_s}));
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

QJsonValue lookup(const QJsonObject &root, const QString &key)
{
    return root.value(key.section(u'.', 0, 0)).toObject().value(key.section(u'.', 1));
}

} // namespace

class TestCliConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showJsonHasEveryOptionAtItsDefault();
    void showTableIsAligned();
    void setRoundTripsThroughShowAndDatabase_data();
    void setRoundTripsThroughShowAndDatabase();
    void badValueExitsTwoAndChangesNothing_data();
    void badValueExitsTwoAndChangesNothing();
    void everyOptionIsCovered();
    void crossFieldRuleNeedsStatusesFirst();
    void exportImportRoundTrip();
    void importOfBadFileIsRefusedWhole_data();
    void importOfBadFileIsRefusedWhole();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void refusedDatabaseExitsOne();
    void environmentChoosesDataFolder();
    void databaseFileIsPrivate();
};

void TestCliConfig::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE)), ORDERBRIDGE_CLI_EXECUTABLE);
}

void TestCliConfig::showJsonHasEveryOptionAtItsDefault()
{
    QTemporaryDir dir;
    const QJsonObject json = showJson(dir.path());
    QCOMPARE(json.keys(), (QStringList{u"advanced"_s, u"engine"_s, u"orders"_s}));
    for (const SettingOption &option : SettingsCatalog::options())
        QCOMPARE(lookup(json, option.key()), option.toJson(option.defaultValue()));
    const QJsonObject orders = json.value(u"orders"_s).toObject();
    QCOMPARE(orders.value(u"automated_synchronization"_s), QJsonValue(true));
    QCOMPARE(orders.value(u"zero_grand_total"_s), QJsonValue(u"synchronize"_s));
    QCOMPARE(orders.value(u"default_status"_s), QJsonValue(u"Draft"_s));
    QCOMPARE(orders.value(u"order_statuses"_s), QJsonValue(QJsonArray()));
    QCOMPARE(json.value(u"advanced"_s).toObject().value(u"create_order"_s), QJsonValue(u"paid"_s));
}

void TestCliConfig::showTableIsAligned()
{
    QTemporaryDir dir;
    const CliRun run = runCli(withDataDir(dir.path(), {u"config"_s, u"show"_s}));
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), SettingsCatalog::options().size() + 2);
    QVERIFY(lines.at(0).startsWith(u"KEY"_s));
    // Every row's value column starts where the header's VALUE does.
    const qsizetype valueColumn = lines.at(0).indexOf(u"VALUE"_s);
    QVERIFY(valueColumn > 0);
    for (const QString &line : lines.mid(2)) {
        QVERIFY2(line.at(valueColumn - 1) == u' ' && line.at(valueColumn) != u' ', qPrintable(line));
        QVERIFY(SettingsCatalog::find(line.left(valueColumn).trimmed()));
    }
    QVERIFY(run.out.contains(u"orders.zero_grand_total"_s));
}

void TestCliConfig::setRoundTripsThroughShowAndDatabase_data()
{
    QTest::addColumn<QStringList>("before"); // KEY=VALUE sets needed first (cross-field rules)
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("stored");
    const auto row = [](const QString &key, const QString &value, const QJsonValue &json, const QString &stored,
                        const QStringList &before = {}) {
        s_roundTripKeys.insert(key);
        QTest::addRow("%s=%s", qPrintable(key), qPrintable(value)) << before << key << value << json << stored;
    };
    row(u"orders.automated_synchronization"_s, u"no"_s, false, u"false"_s);
    row(u"orders.automated_synchronization"_s, u"False"_s, false, u"false"_s);
    row(u"orders.zero_grand_total"_s, u"do_not_synchronize"_s, u"do_not_synchronize"_s, u"do_not_synchronize"_s);
    row(u"orders.synchronize_order_notes"_s, u"NO"_s, false, u"false"_s);
    row(u"orders.notify_run_errors"_s, u"no"_s, false, u"false"_s);
    row(u"orders.note_object"_s, u"content_note"_s, u"content_note"_s, u"content_note"_s);
    row(u"orders.default_status"_s, u"Entwurf"_s, u"Entwurf"_s, u"Entwurf"_s);
    row(u"orders.order_statuses"_s, u"processing,complete"_s, QJsonArray{u"processing"_s, u"complete"_s},
        uR"(["processing","complete"])"_s);
    row(u"orders.sync_all_orders"_s, u"no"_s, false, u"false"_s, {u"orders.order_statuses=complete"_s});
    row(u"orders.sync_all_orders"_s, u"yes"_s, true, u"true"_s);
    row(u"advanced.create_order"_s, u"every"_s, u"every"_s, u"every"_s);
    row(u"advanced.create_order"_s, u"no"_s, u"no"_s, u"no"_s);
    row(u"advanced.create_opportunity"_s, u"every"_s, u"every"_s, u"every"_s);
    row(u"advanced.sales_cycle_length_days"_s, u"90"_s, 90, u"90"_s);
    row(u"advanced.opportunity_stage_draft"_s, u"Value Proposition"_s, u"Value Proposition"_s,
        u"Value Proposition"_s);
    row(u"advanced.opportunity_stage_converted"_s, u"Closed Won"_s, u"Closed Won"_s, u"Closed Won"_s);
    row(u"advanced.opportunity_stage_cart"_s, u"Perception Analysis"_s, u"Perception Analysis"_s,
        u"Perception Analysis"_s);
    row(u"advanced.price_book"_s, u"Standard Price Book"_s, u"Standard Price Book"_s, u"Standard Price Book"_s);
    row(u"advanced.create_missing_products"_s, u"true"_s, true, u"true"_s);
    row(u"advanced.allow_duplicate_save"_s, u"no"_s, false, u"false"_s);
    row(u"advanced.book_base_currency"_s, u"yes"_s, true, u"true"_s);
    row(u"advanced.person_accounts"_s, u"no"_s, u"no"_s, u"no"_s);
    row(u"engine.polling_interval_seconds"_s, u"3600"_s, 3600, u"3600"_s);
    row(u"engine.batch_size"_s, u"25"_s, 25, u"25"_s);
    row(u"engine.max_attempts"_s, u"12"_s, 12, u"12"_s);
    row(u"engine.api_share_percent"_s, u"80"_s, 80, u"80"_s);
    row(u"orders.sync_since"_s, u"2026-01-31"_s, u"2026-01-31T00:00:00Z"_s, u"2026-01-31T00:00:00Z"_s);
    row(u"orders.sync_since"_s, QString(), QString(), QString(), {u"orders.sync_since=2026-01-31"_s}); // all history
    row(u"orders.rescan_window_minutes"_s, u"0"_s, 0, u"0"_s);
    row(u"orders.comment_sweep_days"_s, u"30"_s, 30, u"30"_s);
    row(u"engine.request_timeout_seconds"_s, u"90"_s, 90, u"90"_s);
    row(u"engine.concurrent_calls"_s, u"6"_s, 6, u"6"_s);
}

void TestCliConfig::setRoundTripsThroughShowAndDatabase()
{
    QFETCH(QStringList, before);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QJsonValue, json);
    QFETCH(QString, stored);
    QTemporaryDir dir;
    for (const QString &assignment : before) {
        const CliRun pre = runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, assignment.section(u'=', 0, 0),
                                                           assignment.section(u'=', 1)}));
        QCOMPARE(pre.exitCode, 0);
    }
    const CliRun run = runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, key, value}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.startsWith(key + u" = "_s));

    QCOMPARE(lookup(showJson(dir.path()), key), json);
    QCOMPARE(storedSettings(dir.path()).value(key), stored);
    const CliRun get = runCli(withDataDir(dir.path(), {u"config"_s, u"get"_s, key}));
    QCOMPARE(get.exitCode, 0);
    QVERIFY(!get.out.trimmed().isEmpty());
}

void TestCliConfig::badValueExitsTwoAndChangesNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("allowed");
    const auto row = [](const QString &key, const QString &value, const QString &allowed) {
        s_badValueKeys.insert(key);
        QTest::addRow("%s=%s", qPrintable(key), qPrintable(value)) << key << value << allowed;
    };
    const QString boolean = u"true, false, yes or no"_s;
    row(u"orders.automated_synchronization"_s, u"sometimes"_s, boolean);
    row(u"orders.zero_grand_total"_s, u"yes"_s, u"\"synchronize\" or \"do_not_synchronize\""_s);
    row(u"orders.synchronize_order_notes"_s, u"2"_s, boolean);
    row(u"orders.notify_run_errors"_s, u"off"_s, boolean);
    row(u"orders.note_object"_s, u"email"_s, u"\"note\" or \"content_note\""_s);
    row(u"orders.default_status"_s, u" "_s, u"non-empty text"_s);
    row(u"orders.order_statuses"_s, u"Complete!"_s, u"Magento order status codes"_s);
    row(u"orders.sync_all_orders"_s, u"nope"_s, boolean);
    row(u"advanced.create_order"_s, u"always"_s, u"\"paid\", \"every\" or \"no\""_s);
    row(u"advanced.create_opportunity"_s, u"paid"_s, u"\"no\" or \"every\""_s);
    row(u"advanced.sales_cycle_length_days"_s, u"3651"_s, u"from 0 to 3650"_s);
    row(u"advanced.opportunity_stage_draft"_s, QString(), u"non-empty text"_s);
    row(u"advanced.opportunity_stage_converted"_s, QString(300, u'x'), u"at most 255"_s);
    row(u"advanced.opportunity_stage_cart"_s, u"  "_s, u"non-empty text"_s);
    row(u"advanced.price_book"_s, QString(), u"non-empty text"_s);
    row(u"advanced.create_missing_products"_s, u"y"_s, boolean);
    row(u"advanced.allow_duplicate_save"_s, u"maybe"_s, boolean);
    row(u"advanced.book_base_currency"_s, u"sometimes"_s, boolean);
    row(u"advanced.person_accounts"_s, u"business"_s, u"\"auto\", \"yes\" or \"no\""_s);
    row(u"engine.polling_interval_seconds"_s, u"5"_s, u"from 10 to 86400"_s);
    row(u"engine.batch_size"_s, u"500"_s, u"from 1 to 200"_s);
    row(u"engine.max_attempts"_s, u"0"_s, u"from 1 to 50"_s);
    row(u"engine.api_share_percent"_s, u"half"_s, u"from 1 to 100"_s);
    row(u"orders.sync_since"_s, u"31/01/2026"_s, u"ISO 8601 date"_s);
    row(u"orders.rescan_window_minutes"_s, u"-5"_s, u"from 0 to 1440"_s);
    row(u"orders.comment_sweep_days"_s, u"a month"_s, u"from 0 to 3650"_s);
    row(u"engine.request_timeout_seconds"_s, u"1"_s, u"from 5 to 600"_s);
    row(u"engine.concurrent_calls"_s, u"many"_s, u"from 1 to 10"_s);
    QTest::newRow("unknown key") << u"orders.turbo"_s << u"true"_s << u"orders.zero_grand_total"_s;
    QTest::newRow("group only") << u"orders"_s << u"true"_s << u"engine.batch_size"_s;
    QTest::newRow("rule: sync_all_orders without statuses") << u"orders.sync_all_orders"_s << u"false"_s
                                                            << u"orders.order_statuses"_s;
}

void TestCliConfig::badValueExitsTwoAndChangesNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, allowed);
    QTemporaryDir dir;
    QCOMPARE(runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"engine.batch_size"_s, u"42"_s})).exitCode, 0);
    const QJsonObject before = showJson(dir.path());
    const QHash<QString, QString> storedBefore = storedSettings(dir.path());
    QVERIFY(!before.isEmpty());

    const CliRun run = runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, key, value}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(key), qPrintable(run.err));
    QVERIFY2(run.err.contains(allowed), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QCOMPARE(showJson(dir.path()), before);
    QCOMPARE(storedSettings(dir.path()), storedBefore);
}

void TestCliConfig::everyOptionIsCovered()
{
    for (const QString &key : SettingsCatalog::keys()) {
        QVERIFY2(s_roundTripKeys.contains(key), qPrintable(u"no round-trip row for "_s + key));
        QVERIFY2(s_badValueKeys.contains(key), qPrintable(u"no bad-value row for "_s + key));
    }
}

void TestCliConfig::crossFieldRuleNeedsStatusesFirst()
{
    QTemporaryDir dir;
    const CliRun refused = runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"orders.sync_all_orders"_s, u"no"_s}));
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.err.contains(u"config set orders.order_statuses"_s));
    QCOMPARE(runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"orders.order_statuses"_s, u"complete,closed"_s}))
                 .exitCode,
             0);
    QCOMPARE(runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"orders.sync_all_orders"_s, u"no"_s})).exitCode, 0);
    const CliRun emptied = runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"orders.order_statuses"_s, u""_s}));
    QCOMPARE(emptied.exitCode, 2);
    QCOMPARE(lookup(showJson(dir.path()), u"orders.order_statuses"_s),
             QJsonValue(QJsonArray{u"complete"_s, u"closed"_s}));
}

void TestCliConfig::exportImportRoundTrip()
{
    QTemporaryDir source;
    QTemporaryDir target;
    const QList<QStringList> sets{
        {u"orders.order_statuses"_s, u"processing"_s}, {u"orders.sync_all_orders"_s, u"no"_s},
        {u"advanced.create_order"_s, u"every"_s},      {u"engine.max_attempts"_s, u"7"_s},
        {u"advanced.price_book"_s, u"EU Prices"_s},    {u"orders.automated_synchronization"_s, u"no"_s},
    };
    for (const QStringList &set : sets)
        QCOMPARE(runCli(withDataDir(source.path(), QStringList{u"config"_s, u"set"_s} + set)).exitCode, 0);
    const QString file = source.filePath(u"settings.json"_s);
    const CliRun exported = runCli(withDataDir(source.path(), {u"config"_s, u"export"_s, file}));
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    QVERIFY(QFile::exists(file));

    const CliRun imported = runCli(withDataDir(target.path(), {u"config"_s, u"import"_s, file}));
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QJsonObject expected = showJson(source.path());
    QCOMPARE(showJson(target.path()), expected);
    QCOMPARE(storedSettings(target.path()), storedSettings(source.path()));
    QCOMPARE(lookup(expected, u"engine.max_attempts"_s), QJsonValue(7));

    // Export to standard output gives the same document.
    const CliRun toStdout = runCli(withDataDir(source.path(), {u"config"_s, u"export"_s, u"-"_s}));
    QCOMPARE(QJsonDocument::fromJson(toStdout.out.toUtf8()).object(), expected);
}

void TestCliConfig::importOfBadFileIsRefusedWhole_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mention");
    QTest::newRow("one bad value among good") << QByteArrayLiteral(
        R"({"engine":{"batch_size":10,"max_attempts":99},"advanced":{"create_order":"every"}})")
                                              << u"engine.max_attempts"_s;
    QTest::newRow("unknown key") << QByteArrayLiteral(R"({"engine":{"batch_size":10,"warp":9}})")
                                 << u"engine.warp"_s;
    QTest::newRow("syntax") << QByteArrayLiteral("{\n\"engine\": {\"batch_size\": 10\n") << u"line"_s;
    QTest::newRow("rule") << QByteArrayLiteral(R"({"engine":{"batch_size":10},"orders":{"sync_all_orders":false}})")
                          << u"orders.order_statuses"_s;
}

void TestCliConfig::importOfBadFileIsRefusedWhole()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mention);
    QTemporaryDir dir;
    QCOMPARE(runCli(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"engine.batch_size"_s, u"42"_s})).exitCode, 0);
    const QJsonObject before = showJson(dir.path());
    const QString file = dir.filePath(u"bad.json"_s);
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
    }
    const CliRun run = runCli(withDataDir(dir.path(), {u"config"_s, u"import"_s, file}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mention), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"Nothing was imported"_s), qPrintable(run.err));
    QCOMPARE(showJson(dir.path()), before);

    const CliRun missing = runCli(withDataDir(dir.path(), {u"config"_s, u"import"_s, dir.filePath(u"none.json"_s)}));
    QCOMPARE(missing.exitCode, 1);
}

void TestCliConfig::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList();
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
    QTest::newRow("config alone") << QStringList{u"config"_s};
    QTest::newRow("set one arg") << QStringList{u"config"_s, u"set"_s, u"engine.batch_size"_s};
    QTest::newRow("show extra") << QStringList{u"config"_s, u"show"_s, u"--yaml"_s};
    QTest::newRow("unknown option") << QStringList{u"--colour"_s, u"config"_s, u"show"_s};
    QTest::newRow("data-dir without value") << QStringList{u"--data-dir"_s};
}

void TestCliConfig::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"ORDERBRIDGE_DATA_DIR"_s, dir.path());
    const CliRun run = runCli(args, environment);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"usage: orderbridge-cli"_s), qPrintable(run.err));
    // A malformed request does not even create the database.
    QVERIFY(!QFile::exists(dir.filePath(u"orderbridge.sqlite"_s)));
}

void TestCliConfig::refusedDatabaseExitsOne()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"orderbridge.sqlite"_s);
    const QByteArray junk = QByteArrayLiteral("definitely not SQLite\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(junk);
    }
    const CliRun run = runCli(withDataDir(dir.path(), {u"config"_s, u"show"_s}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), junk);
}

void TestCliConfig::environmentChoosesDataFolder()
{
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"ORDERBRIDGE_DATA_DIR"_s, dir.filePath(u"from-env"_s));
    const CliRun run = runCli({u"config"_s, u"set"_s, u"engine.batch_size"_s, u"11"_s}, environment);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedSettings(dir.filePath(u"from-env"_s)).value(u"engine.batch_size"_s), u"11"_s);
    // --data-dir wins over the environment.
    const CliRun explicitDir = runCli(withDataDir(dir.filePath(u"explicit"_s),
                                                  {u"config"_s, u"set"_s, u"engine.batch_size"_s, u"12"_s}),
                                      environment);
    QCOMPARE(explicitDir.exitCode, 0);
    QCOMPARE(storedSettings(dir.filePath(u"explicit"_s)).value(u"engine.batch_size"_s), u"12"_s);
    QCOMPARE(storedSettings(dir.filePath(u"from-env"_s)).value(u"engine.batch_size"_s), u"11"_s);
}

void TestCliConfig::databaseFileIsPrivate()
{
    QTemporaryDir dir;
    QCOMPARE(runCli(withDataDir(dir.path(), {u"config"_s, u"show"_s})).exitCode, 0);
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(u"orderbridge.sqlite"_s)).constData(), &info), 0);
    QCOMPARE(int(info.st_mode & 0777), 0600);
}

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cliconfig.moc"
