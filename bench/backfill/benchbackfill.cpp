// How much of a backfill the sandbox itself costs. Starts orderbridge-sandbox with N generated orders and then
// either runs `orderbridge-cli sync --since DATE` against it (secrets in the keyring: run the benchmark under
// tests/credentials/with-keyring.sh), or with --page-only reads every order the way that backfill pages them
// (created_at from DATE, by entity_id, 300 a page) and then once more through the change cursor (updated_at,
// entity_id). Prints the sandbox's start-up, each phase's wall seconds, the CPU seconds of the sandbox
// (/proc/<pid>/stat) and of the client (the CLI as a reaped child, getrusage; or this process), and the
// sandbox's share of the wall time.
//
//   orderbridge-bench-backfill [--orders N] [--seed N] [--since DATE] [--page-only] [--sandbox PATH] [--cli PATH]

#include "magento/magentochangecursor.h"
#include "magento/magentoclient.h"
#include "sync/syncstart.h"

#include "../common/cputime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

/// User + system CPU seconds of a running process, from /proc/<pid>/stat; -1 when unreadable.
double processCpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks; // utime, stime: fields 14 and 15
}

/// One measured phase: wall time and the CPU each side spent in it.
struct Phase
{
    QString name;
    double wall = 0;
    double sandboxCpu = 0;
    double clientCpu = 0;
    qint64 orders = 0;
    qint64 requests = 0;

    void print() const
    {
        const double cpu = sandboxCpu + clientCpu;
        std::printf("%-34s %8lld %8lld %9.2f %12.2f %11.2f %9.1f %% %9.1f %%\n", qPrintable(name),
                    static_cast<long long>(orders), static_cast<long long>(requests), wall, sandboxCpu, clientCpu,
                    wall > 0 ? 100.0 * sandboxCpu / wall : 0.0, cpu > 0 ? 100.0 * sandboxCpu / cpu : 0.0);
    }
};

/// Runs orderbridge-cli to the end (input on stdin); the exit code, -1 when it did not finish.
int runCli(const QString &cli, const QStringList &args, const QByteArray &input, QByteArray *out, int timeoutMs)
{
    QProcess process;
    process.start(cli, args);
    if (!process.waitForStarted(10000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    *out = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

/// Reads pages until `next` says there are none left, each in a local event loop (a command-line
/// measurement, not product code). `next` gets each reply and returns whether to ask for another.
void pageAll(MagentoClient &client, const std::function<MagentoSearchCriteria()> &criteria,
             const std::function<bool(const MagentoOrderPage &)> &next, qint64 *requests)
{
    for (bool more = true; more;) {
        QEventLoop loop;
        client.fetchOrders(criteria(), &loop, [&](Result<MagentoOrderPage> page) {
            ++*requests;
            if (!page) {
                std::fprintf(stderr, "reading Magento orders failed: %s\n", qPrintable(page.error().toString()));
                more = false;
            } else {
                more = next(*page);
            }
            loop.quit();
        });
        loop.exec();
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"orderbridge-bench-backfill"_s);
    // One debug line per Magento page request would bury the figures.
    QLoggingCategory::setFilterRules(u"orderbridge.magento.debug=false"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The sandbox's share of a backfill: wall time and CPU seconds per process."_s);
    parser.addHelpOption();
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders the sandbox store generates."_s, u"N"_s, u"20000"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"Seed of the sandbox data."_s, u"N"_s, u"7"_s);
    const QCommandLineOption sinceOpt(u"since"_s, u"Backfill start date."_s, u"DATE"_s, u"2000-01-01"_s);
    const QCommandLineOption pageOnlyOpt(u"page-only"_s, u"Only page the orders from Magento (no CLI, no Salesforce)."_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"orderbridge-sandbox executable."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    const QCommandLineOption cliOpt(u"cli"_s, u"orderbridge-cli executable."_s, u"PATH"_s,
                                    QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE));
    parser.addOptions({ordersOpt, seedOpt, sinceOpt, pageOnlyOpt, sandboxOpt, cliOpt});
    parser.process(app);
    const QDateTime since = QDateTime::fromString(parser.value(sinceOpt), Qt::ISODate);
    if (!since.isValid()) {
        std::fprintf(stderr, "--since: not an ISO 8601 date: %s\n", qPrintable(parser.value(sinceOpt)));
        return 2;
    }

    const QStringList sandboxArgs{u"--orders"_s, parser.value(ordersOpt), u"--seed"_s, parser.value(seedOpt),
                                  u"--api-limit"_s, u"100000000"_s};
    QProcess sandbox;
    sandbox.setReadChannel(QProcess::StandardOutput);
    QElapsedTimer clock;
    clock.start();
    sandbox.start(parser.value(sandboxOpt), sandboxArgs);
    QByteArray readyLine;
    while (sandbox.waitForReadyRead(300000)) {
        readyLine += sandbox.readLine();
        if (readyLine.endsWith('\n'))
            break;
    }
    const QJsonObject ready = QJsonDocument::fromJson(readyLine).object();
    if (ready.value(u"magento"_s).toObject().isEmpty()) {
        std::fprintf(stderr, "no ready line from %s: %s\n", qPrintable(parser.value(sandboxOpt)), readyLine.constData());
        return 1;
    }
    const qint64 pid = sandbox.processId();
    QList<Phase> phases;
    phases << Phase{u"sandbox start (to its ready line)"_s, double(clock.nsecsElapsed()) / 1e9, processCpuSeconds(pid),
                    0, 0, 0};
    const QJsonObject mg = ready.value(u"magento"_s).toObject();
    const QJsonObject sf = ready.value(u"salesforce"_s).toObject();
    int status = 0;

    if (parser.isSet(pageOnlyOpt)) {
        QNetworkAccessManager network;
        MagentoConnection connection;
        connection.baseUrl = QUrl(mg.value(u"base_url"_s).toString());
        connection.authMode = MagentoAuthMode::OAuth1;
        MagentoSecrets secrets;
        secrets.consumerKey = mg.value(u"consumer_key"_s).toString();
        secrets.consumerSecret = mg.value(u"consumer_secret"_s).toString();
        secrets.accessToken = mg.value(u"access_token"_s).toString();
        secrets.accessTokenSecret = mg.value(u"access_token_secret"_s).toString();
        MagentoClient client(&network, connection, secrets);

        auto measure = [&](const QString &name, const std::function<void(Phase &)> &run) {
            Phase phase{name, 0, 0, 0, 0, 0};
            const double sandboxBefore = processCpuSeconds(pid);
            const double clientBefore = rusageSeconds(RUSAGE_SELF);
            QElapsedTimer wall;
            wall.start();
            run(phase);
            phase.wall = double(wall.nsecsElapsed()) / 1e9;
            phase.sandboxCpu = processCpuSeconds(pid) - sandboxBefore;
            phase.clientCpu = rusageSeconds(RUSAGE_SELF) - clientBefore;
            phases << phase;
        };
        measure(u"backfill paging (created_at, id)"_s, [&](Phase &phase) {
            int page = 1;
            pageAll(
                client, [&] { return SyncStart::backfillPage(since, page); },
                [&](const MagentoOrderPage &p) {
                    phase.orders += p.itemCount;
                    return p.itemCount > 0 && qint64(page++) * SyncStart::PageSize < p.totalCount;
                },
                &phase.requests);
        });
        measure(u"change cursor (updated_at, id)"_s, [&](Phase &phase) {
            MagentoChangeCursor cursor(since, SyncStart::PageSize);
            pageAll(
                client, [&] { return cursor.nextCriteria(); },
                [&](const MagentoOrderPage &p) {
                    phase.orders += cursor.absorb(p).size();
                    return !cursor.isDone();
                },
                &phase.requests);
        });
    } else {
        QTemporaryDir dataDir;
        const QString cli = parser.value(cliOpt);
        const QStringList data{u"--data-dir"_s, dataDir.path()};
        QJsonObject magentoSecrets;
        for (const char *key : {"consumer_key", "consumer_secret", "access_token", "access_token_secret"})
            magentoSecrets.insert(QLatin1String(key), mg.value(QLatin1String(key)));
        QByteArray out;
        // The sandbox prepares orders while idle; what it spends during the connects shows in this phase.
        Phase connect{u"orderbridge-cli connect (both)"_s, 0, 0, 0, 0, 2};
        const double connectSandboxBefore = processCpuSeconds(pid);
        const double connectChildrenBefore = rusageSeconds(RUSAGE_CHILDREN);
        QElapsedTimer connectClock;
        connectClock.start();
        if (runCli(cli, data + QStringList{u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString(),
                                           u"--auth"_s, u"oauth1"_s},
                   QJsonDocument(magentoSecrets).toJson(), &out, 300000) != 0
            || runCli(cli, data + QStringList{u"connect"_s, u"salesforce"_s, u"--login-url"_s,
                                              sf.value(u"login_url"_s).toString(), u"--client-id"_s,
                                              sf.value(u"client_id"_s).toString(), u"--flow"_s, u"password"_s,
                                              u"--username"_s, sf.value(u"username"_s).toString()},
                      QJsonDocument(QJsonObject{{u"client_secret"_s, sf.value(u"client_secret"_s)},
                                                {u"password"_s, sf.value(u"password"_s)}}).toJson(),
                      &out, 300000) != 0) {
            std::fprintf(stderr, "connecting orderbridge-cli failed (run under tests/credentials/with-keyring.sh):\n%s\n",
                         out.constData());
            sandbox.terminate();
            sandbox.waitForFinished(20000);
            return 1;
        }
        connect.wall = double(connectClock.nsecsElapsed()) / 1e9;
        connect.sandboxCpu = processCpuSeconds(pid) - connectSandboxBefore;
        connect.clientCpu = rusageSeconds(RUSAGE_CHILDREN) - connectChildrenBefore;
        phases << connect;
        Phase phase{u"orderbridge-cli sync --since"_s, 0, 0, 0, parser.value(ordersOpt).toLongLong(), 0};
        const double sandboxBefore = processCpuSeconds(pid);
        const double childrenBefore = rusageSeconds(RUSAGE_CHILDREN);
        QElapsedTimer wall;
        wall.start();
        const int exitCode = runCli(cli, data + QStringList{u"sync"_s, u"--since"_s, parser.value(sinceOpt), u"--json"_s},
                                    {}, &out, 4 * 3600 * 1000);
        phase.wall = double(wall.nsecsElapsed()) / 1e9;
        phase.sandboxCpu = processCpuSeconds(pid) - sandboxBefore;
        phase.clientCpu = rusageSeconds(RUSAGE_CHILDREN) - childrenBefore; // the CLI, reaped by QProcess
        phases << phase;
        const QList<QByteArray> lines = out.trimmed().split('\n');
        std::printf("orderbridge-cli exited with %d; its last line: %s\n", exitCode,
                    lines.isEmpty() ? "" : lines.last().left(600).constData());
        status = exitCode == 0 ? 0 : 1;
        // What the backfill left in the data folder (the database and its write-ahead log).
        qint64 bytes = 0;
        QDirIterator files(dataDir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext())
            bytes += files.nextFileInfo().size();
        std::printf("data folder after the sync: %.1f MB, %.1f KB per order\n", double(bytes) / 1e6,
                    double(bytes) / 1e3 / double(std::max<qint64>(1, phase.orders)));
    }
    sandbox.terminate();
    sandbox.waitForFinished(20000);

    std::printf("\norderbridge-bench-backfill: %s orders (seed %s), since %s\n\n", qPrintable(parser.value(ordersOpt)),
                qPrintable(parser.value(seedOpt)), qPrintable(parser.value(sinceOpt)));
    std::printf("%-34s %8s %8s %9s %12s %11s %11s %11s\n", "phase", "orders", "requests", "wall s", "sandbox cpu s",
                "client cpu s", "% of wall", "% of cpu");
    for (const Phase &p : std::as_const(phases))
        p.print();
    std::printf("\nthe sandbox's CPU seconds over the phase's wall seconds (target: below 20 %% of a backfill at 0 ms latency)\n"
                "and over the CPU seconds of both processes (the share of the wall time on a machine with nothing else to run)\n");
    std::printf("command: %s\n", qPrintable(QCoreApplication::arguments().join(u' ')));
    return status;
}
