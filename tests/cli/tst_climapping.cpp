#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonArray listJson(const QString &dataDir, const QStringList &extra = {})
{
    const CliRun run = runCli(withDataDir(dataDir, QStringList{u"mapping"_s, u"list"_s, u"--json"_s} + extra));
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

std::optional<QJsonObject> findMapping(const QJsonArray &list, const QString &magento, const QString &salesforce)
{
    for (const QJsonValue &value : list) {
        const QJsonObject object = value.toObject();
        if (object.value(u"magento_attribute"_s).toString() == magento
            && object.value(u"salesforce_field"_s).toString() == salesforce)
            return object;
    }
    return std::nullopt;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestCliMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsSystemDefaults();
    void listFiltersByEntity_data();
    void listFiltersByEntity();
    void humanListIsATable();
    void addAndRemoveCustomMapping();
    void refusesRemovingSystemMapping();
    void badRequestsExitTwo_data();
    void badRequestsExitTwo();
    void exportImportRoundTrip();
    void badImportIsRefusedWhole();
};

void TestCliMapping::listsSystemDefaults()
{
    QTemporaryDir dir;
    const QJsonArray list = listJson(dir.path());
    QVERIFY(list.size() > 10);
    const auto externalId = findMapping(list, u"increment_id"_s, u"Magento_ID__c"_s);
    QVERIFY(externalId);
    QCOMPARE(externalId->value(u"entity"_s).toString(), u"order"_s);
    QVERIFY(externalId->value(u"system"_s).toBool());
    const auto complete = findMapping(list, u"complete"_s, u"Activated"_s);
    QVERIFY(complete);
    QCOMPARE(complete->value(u"entity"_s).toString(), u"order-status"_s);
    QVERIFY(findMapping(list, u"pending"_s, u"Draft"_s));
    // Seeding is idempotent.
    QCOMPARE(listJson(dir.path()).size(), list.size());
}

void TestCliMapping::listFiltersByEntity_data()
{
    QTest::addColumn<QString>("entity");
    QTest::newRow("order") << u"order"_s;
    QTest::newRow("order-item") << u"order-item"_s;
    QTest::newRow("order-status") << u"order-status"_s;
}

void TestCliMapping::listFiltersByEntity()
{
    QFETCH(QString, entity);
    QTemporaryDir dir;
    const QJsonArray list = listJson(dir.path(), {u"--entity"_s, entity});
    QVERIFY(!list.isEmpty());
    for (const QJsonValue &value : list)
        QCOMPARE(value.toObject().value(u"entity"_s).toString(), entity);
    QVERIFY(list.size() < listJson(dir.path()).size());
}

void TestCliMapping::humanListIsATable()
{
    QTemporaryDir dir;
    const CliRun run = runCli(withDataDir(dir.path(), {u"mapping"_s, u"list"_s, u"--entity"_s, u"order-status"_s}));
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 3);
    QVERIFY(lines.at(0).startsWith(u"ID"_s));
    QVERIFY(lines.at(0).contains(u"SALESFORCE"_s));
    const qsizetype column = lines.at(0).indexOf(u"SALESFORCE"_s);
    for (const QString &line : lines.mid(2))
        QVERIFY2(line.at(column) != u' ' && line.at(column - 1) == u' ', qPrintable(line));
}

void TestCliMapping::addAndRemoveCustomMapping()
{
    QTemporaryDir dir;
    const int before = int(listJson(dir.path()).size());
    const CliRun added = runCli(withDataDir(dir.path(), {u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s,
                                                         u"--magento"_s, u"customer_note"_s, u"--salesforce"_s,
                                                         u"Description"_s, u"--when"_s, u"insert-only"_s,
                                                         u"--default"_s, u"none"_s, u"--disabled"_s}));
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const QJsonArray list = listJson(dir.path());
    QCOMPARE(list.size(), before + 1);
    const auto mapping = findMapping(list, u"customer_note"_s, u"Description"_s);
    QVERIFY(mapping);
    QCOMPARE(mapping->value(u"when"_s).toString(), u"insert-only"_s);
    QCOMPARE(mapping->value(u"default_value"_s).toString(), u"none"_s);
    QCOMPARE(mapping->value(u"enabled"_s).toBool(), false);
    QCOMPARE(mapping->value(u"system"_s).toBool(), false);

    const QString id = QString::number(mapping->value(u"id"_s).toInteger());
    const CliRun removed = runCli(withDataDir(dir.path(), {u"mapping"_s, u"remove"_s, id}));
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
    QCOMPARE(listJson(dir.path()).size(), before);
    QVERIFY(!findMapping(listJson(dir.path()), u"customer_note"_s, u"Description"_s));
}

void TestCliMapping::refusesRemovingSystemMapping()
{
    QTemporaryDir dir;
    const QJsonArray list = listJson(dir.path());
    const auto system = findMapping(list, u"increment_id"_s, u"Magento_ID__c"_s);
    QVERIFY(system);
    const CliRun run = runCli(withDataDir(
        dir.path(), {u"mapping"_s, u"remove"_s, QString::number(system->value(u"id"_s).toInteger())}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(!run.err.isEmpty(), "no message");
    QCOMPARE(listJson(dir.path()), list);
}

void TestCliMapping::badRequestsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mention");
    QTest::newRow("bad entity") << QStringList{u"list"_s, u"--entity"_s, u"invoice"_s} << u"order-item"_s;
    QTest::newRow("add missing salesforce") << QStringList{u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s,
                                                           u"customer_note"_s}
                                            << u"--salesforce"_s;
    QTest::newRow("add bad when") << QStringList{u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s,
                                                 u"customer_note"_s, u"--salesforce"_s, u"Description"_s,
                                                 u"--when"_s, u"sometimes"_s}
                                  << u"insert-only"_s;
    QTest::newRow("add unknown field") << QStringList{u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s,
                                                      u"customer_note"_s, u"--salesforce"_s, u"NoSuchField__c"_s}
                                       << u"NoSuchField__c"_s;
    QTest::newRow("remove not a number") << QStringList{u"remove"_s, u"abc"_s} << u"abc"_s;
    QTest::newRow("unknown subcommand") << QStringList{u"rename"_s} << u"rename"_s;
}

void TestCliMapping::badRequestsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mention);
    QTemporaryDir dir;
    const QJsonArray before = listJson(dir.path());
    const CliRun run = runCli(withDataDir(dir.path(), QStringList{u"mapping"_s} + args));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mention), qPrintable(run.err));
    QCOMPARE(listJson(dir.path()), before);
}

void TestCliMapping::exportImportRoundTrip()
{
    QTemporaryDir source;
    QTemporaryDir target;
    QCOMPARE(runCli(withDataDir(source.path(), {u"mapping"_s, u"add"_s, u"--entity"_s, u"order"_s, u"--magento"_s,
                                                u"customer_note"_s, u"--salesforce"_s, u"Description"_s}))
                 .exitCode,
             0);
    const QString file = source.filePath(u"mappings.json"_s);
    const CliRun exported = runCli(withDataDir(source.path(), {u"mapping"_s, u"export"_s, file}));
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const CliRun imported = runCli(withDataDir(target.path(), {u"mapping"_s, u"import"_s, file}));
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));

    const auto strip = [](const QJsonArray &list) {
        QJsonArray result;
        for (const QJsonValue &value : list) {
            QJsonObject object = value.toObject();
            object.remove(u"id"_s);
            result.append(object);
        }
        return result;
    };
    const QJsonArray expected = strip(listJson(source.path()));
    QVERIFY(findMapping(expected, u"customer_note"_s, u"Description"_s));
    QCOMPARE(strip(listJson(target.path())), expected);
}

void TestCliMapping::badImportIsRefusedWhole()
{
    QTemporaryDir dir;
    const QJsonArray before = listJson(dir.path());
    const QString file = dir.filePath(u"bad.json"_s);
    QVERIFY(writeFile(file, QByteArrayLiteral("{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n"
                                              "  \"mappings\": {\n    \"order\": [\n"
                                              "      {\"magento_attribute\": \"customer_note\", \"salesforce_field\": "
                                              "\"Description\"},\n"
                                              "      {\"magento_attribute\": \"x\", \"salesforce_field\": \"Nope__c\", "
                                              "\"when\": \"sometimes\"}\n    ]\n  }\n}\n")));
    const CliRun run = runCli(withDataDir(dir.path(), {u"mapping"_s, u"import"_s, file}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"line 7"_s), qPrintable(run.err));
    QCOMPARE(listJson(dir.path()), before);
}

QTEST_GUILESS_MAIN(TestCliMapping)
#include "tst_climapping.moc"
