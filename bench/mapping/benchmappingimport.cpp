// orderbridge-bench-mapping-import: writes mapping files of the shapes a review found hostile and imports each
// in a child process of its own (so the peak memory is that file's), printing the wall time, the peak resident
// memory and the outcome. Targets: a 2.4 MB file of 16,000 entries within 5 s; a 50 MB file within 10 s and
// under 500 MB.
//
//   orderbridge-bench-mapping-import [--entries 16000] [--big-mb 50]

#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

qint64 peakKilobytes()
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

QByteArray header()
{
    return "{\n  \"format\": \"orderbridge-mappings\",\n  \"version\": 1,\n  \"mappings\": {\n    \"order\": [\n";
}

/// `entries` mappings of one source to fields of the catalogue and beyond, many writing the same field.
QByteArray manyEntries(int entries)
{
    static const QStringList fields{u"Description"_s, u"PoNumber"_s, u"Name"_s, u"ShippingCity"_s};
    QByteArray file = header();
    for (int i = 0; i < entries; ++i) {
        file += "      {\"magento_attribute\": \"custom_attr_" + QByteArray::number(i) + "\", \"salesforce_field\": \""
                + fields.at(i % fields.size()).toUtf8() + "\", \"enabled\": true, \"when\": \"upsert\"}";
        file += i + 1 < entries ? ",\n" : "\n";
    }
    return file + "    ]\n  }\n}\n";
}

/// One mapping whose default value is `megabytes` MB long.
QByteArray hugeValue(int megabytes)
{
    QByteArray file = header() + "      {\"magento_attribute\": \"customer_email\", \"salesforce_field\": \"Description\", "
                                 "\"default_value\": \"";
    file += QByteArray(qsizetype(megabytes) * 1024 * 1024, 'x');
    return file + "\"}\n    ]\n  }\n}\n";
}

int importOne(const QString &path)
{
    QTemporaryDir dir;
    auto db = OrderBridge::Database::open(dir.filePath(u"bench.sqlite"_s));
    if (!db) {
        print(db.error().toString());
        return 1;
    }
    OrderBridge::MappingEditor editor(*db);
    if (auto defaults = editor.ensureDefaults(); !defaults) {
        print(defaults.error().toString());
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    const auto imported = editor.importFromFile(path, OrderBridge::SalesforceFieldCatalogue::schema());
    const qint64 ms = clock.elapsed();
    const QString outcome = imported ? u"imported %1 mapping(s)"_s.arg(imported->customImported)
                                     : u"refused: %1"_s.arg(imported.error().message.left(160));
    print(u"  %1 ms, peak resident %2 MB, %3"_s.arg(ms).arg(double(peakKilobytes()) / 1024.0, 0, 'f', 1).arg(outcome));
    return 0;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"entries"_s, u"Entries in the many-entries file."_s, u"N"_s, u"16000"_s});
    parser.addOption({u"big-mb"_s, u"Size of the huge-value file in MB."_s, u"MB"_s, u"50"_s});
    parser.addOption({u"import"_s, u"(internal) import one file and print the figures."_s, u"FILE"_s});
    parser.process(app);
    if (parser.isSet(u"import"_s))
        return importOne(parser.value(u"import"_s));

    QTemporaryDir dir;
    const QList<std::pair<QString, QByteArray>> files{
        {u"many-entries.json"_s, manyEntries(parser.value(u"entries"_s).toInt())},
        {u"huge-value.json"_s, hugeValue(parser.value(u"big-mb"_s).toInt())},
    };
    for (const auto &[name, bytes] : files) {
        const QString path = dir.filePath(name);
        if (!writeFile(path, bytes)) {
            print(u"cannot write %1"_s.arg(path));
            return 1;
        }
        print(u"%1: %2 MB"_s.arg(name).arg(double(bytes.size()) / (1024 * 1024), 0, 'f', 1));
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), {u"--import"_s, path});
        if (!child.waitForFinished(600000) || child.exitCode() != 0)
            return 1;
    }
    return 0;
}
