#include "clirunner.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// orderbridge-cli is built from core alone: neither its link graph nor its running process may
// contain Qt Widgets or Qt Gui. Each check has a positive control, so a broken check cannot pass.
namespace {

const QRegularExpression &guiLibraryPattern()
{
    static const QRegularExpression pattern(u"libQt6(Widgets|Gui|OpenGL|OpenGLWidgets)\\.so"_s);
    return pattern;
}

// Shared objects the dynamic linker resolves for `file` (transitively), as ldd reports them.
QStringList linkedLibraries(const QString &file)
{
    QProcess ldd;
    ldd.start(u"ldd"_s, {file});
    if (!ldd.waitForFinished(30000) || ldd.exitCode() != 0)
        return {};
    QStringList libraries;
    const QString output = QString::fromLocal8Bit(ldd.readAllStandardOutput());
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts))
        libraries << line.trimmed().section(u' ', 0, 0);
    return libraries;
}

// Every shared object the process maps while it runs, including plugins it dlopen()s,
// from the dynamic linker's own trace.
QStringList loadedAtRuntime(const QStringList &args, const QString &dataDir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LD_DEBUG"_s, u"files"_s);
    environment.insert(u"ORDERBRIDGE_DATA_DIR"_s, dataDir);
    const CliRun run = runCli(args, environment);
    if (run.exitCode != 0)
        return {};
    QStringList files;
    static const QRegularExpression fileLine(u"file=(\\S+)\\s+\\[\\d+\\];\\s+(needed|dynamically loaded) by"_s);
    auto it = fileLine.globalMatch(run.err);
    while (it.hasNext())
        files << it.next().captured(1);
    return files;
}

QStringList guiLibrariesIn(const QStringList &libraries)
{
    QStringList found;
    for (const QString &library : libraries) {
        if (guiLibraryPattern().match(library).hasMatch())
            found << library;
    }
    return found;
}

bool containsLibrary(const QStringList &libraries, const QString &name)
{
    for (const QString &library : libraries) {
        if (QFileInfo(library).fileName().startsWith(name))
            return true;
    }
    return false;
}

} // namespace

class TestCliNoWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linkGraphHasNoGui();
    void checkDetectsGuiInAWidgetsLibrary();
    void runningProcessLoadsNoGui();
};

void TestCliNoWidgets::linkGraphHasNoGui()
{
    const QStringList libraries = linkedLibraries(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE));
    QVERIFY2(containsLibrary(libraries, u"libQt6Core.so"_s), qPrintable(libraries.join(u' ')));
    QVERIFY2(containsLibrary(libraries, u"libQt6Sql.so"_s), qPrintable(libraries.join(u' ')));
    QCOMPARE(guiLibrariesIn(libraries), QStringList());
}

void TestCliNoWidgets::checkDetectsGuiInAWidgetsLibrary()
{
    // The same check applied to libQt6Widgets itself must find Qt Gui.
    const QStringList libraries = linkedLibraries(QStringLiteral(QT_WIDGETS_LIBRARY));
    QVERIFY2(!libraries.isEmpty(), QT_WIDGETS_LIBRARY);
    QVERIFY(guiLibrariesIn(libraries).contains(u"libQt6Gui.so.6"_s));
}

void TestCliNoWidgets::runningProcessLoadsNoGui()
{
    QTemporaryDir dir;
    // config show opens the store, so the SQLite driver plugin is dlopen()ed: the trace must see it.
    const QStringList files = loadedAtRuntime({u"config"_s, u"show"_s}, dir.path());
    QVERIFY2(containsLibrary(files, u"libqsqlite"_s), qPrintable(files.join(u' ')));
    QVERIFY2(containsLibrary(files, u"libQt6Core.so"_s), qPrintable(files.join(u' ')));
    QCOMPARE(guiLibrariesIn(files), QStringList());

    const QStringList mappingFiles = loadedAtRuntime({u"mapping"_s, u"list"_s}, dir.path());
    QVERIFY(!mappingFiles.isEmpty());
    QCOMPARE(guiLibrariesIn(mappingFiles), QStringList());
}

QTEST_GUILESS_MAIN(TestCliNoWidgets)
#include "tst_clinowidgets.moc"
