// orderbridge-bench-guistall: how long the console's GUI thread stalls while the sync worker mirrors
// and syncs a whole sandbox store. Starts orderbridge-sandbox with N orders (default 10,000), the real
// MainWindow over a fresh store and the real worker (on its own thread, as the console runs it), asks
// for a backfill of all the store's orders and, until the run ends, watches the GUI thread two ways:
//
//  - a 1 ms precise QTimer: the gap between two of its timeouts is how long the GUI thread could not
//    answer (a gap of 1 ms is none; every gap is kept for the percentiles);
//  - QApplication::notify(): how long each event the loop delivers takes to handle, with the
//    receiver and the event type of the slowest (what a stall was made of).
//
// Prints the longest stall, the 99th percentile, the gaps over 16 ms (a frame) and over 50 ms (the
// target: none), the wall time, the slowest events, the GUI thread's own CPU time within the longest
// gap (the rest is waiting for a core on a loaded machine) and the load average.
//
//   orderbridge-bench-guistall [--orders N] [--seed N] [--since DATE] [--page sales|log|salesforce]
//                              [--timeline-ms MS] [--gui-nice N]
//
// The window is on QT_QPA_PLATFORM=offscreen unless the environment names another platform.

#include "sandboxworkerfixture.h"

#include "mainwindow.h"
#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"

#include "sync/runrequest.h"
#include "sync/syncrunsummary.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <sys/resource.h>
#include <unistd.h>
#include <optional>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    return QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(", "));
}

/// CPU time the calling thread has used, in microseconds.
qint64 threadCpuUs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000 + t.tv_nsec / 1000;
}

/// The GUI thread's gaps: a 1 ms timer's intervals and the dispatcher's busy stretches, in microseconds.
class StallMeter : public QObject
{
public:
    explicit StallMeter(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        m_gapsUs.clear();
        m_gapsUs.reserve(1 << 20);
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuUs();
        m_timer.start();
    }

    void stop()
    {
        m_timer.stop();
        tick(); // the stretch up to the end counts too
    }

    /// Calls `note` with the length of each gap over `thresholdUs`, as it happens (for the timeline).
    void onLongGap(qint64 thresholdUs, std::function<void(qint64 atMs, qint64 gapUs, qint64 cpuUs)> note)
    {
        m_threshold = thresholdUs;
        m_note = std::move(note);
    }

    [[nodiscard]] std::vector<qint64> sortedGaps() const
    {
        std::vector<qint64> gaps = m_gapsUs;
        std::sort(gaps.begin(), gaps.end());
        return gaps;
    }
    /// The most CPU time the GUI thread itself used within one gap: its own work, not waiting for a core.
    [[nodiscard]] qint64 longestCpuUs() const { return m_longestCpuUs; }
    [[nodiscard]] qint64 elapsedMs() const { return m_clock.elapsed(); }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed() / 1000;
        const qint64 gap = now - m_last;
        const qint64 cpu = threadCpuUs();
        const qint64 cpuGap = cpu - m_lastCpu;
        m_last = now;
        m_lastCpu = cpu;
        m_gapsUs.push_back(gap);
        m_longestCpuUs = std::max(m_longestCpuUs, cpuGap);
        if (m_note && gap > m_threshold)
            m_note(now / 1000, gap, cpuGap);
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_longestCpuUs = 0;
    qint64 m_threshold = 0;
    std::function<void(qint64, qint64, qint64)> m_note;
    std::vector<qint64> m_gapsUs;
};

double ms(qint64 us)
{
    return double(us) / 1000.0;
}

/// One delivered event and how long its handling took.
struct SlowEvent
{
    qint64 us = 0;
    qint64 cpuUs = 0; ///< the GUI thread's CPU time within it (the rest: waiting for a core)
    long minorFaults = 0; ///< page faults of the GUI thread within it
    long majorFaults = 0;
    long waits = 0;       ///< voluntary context switches (the thread blocked)
    long preemptions = 0; ///< involuntary ones (a core was taken from it)
    qint64 atMs = 0;
    QString receiver;
    int type = 0;
};

/// Times each event the GUI thread's loop delivers (not the ones sent from inside a handler, which
/// count in their sender's time) and keeps the slowest.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;

    void startTiming() { m_clock.start(); }
    void stopTiming() { m_clock.invalidate(); }
    [[nodiscard]] const QList<SlowEvent> &slowest() const { return m_slowest; }
    /// The most CPU time one event's handling took.
    [[nodiscard]] qint64 longestCpuUs() const { return m_longestCpuUs; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !m_clock.isValid() || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const int type = event->type(); // the event may be gone after its delivery
        const qint64 start = m_clock.nsecsElapsed();
        const qint64 cpuStart = threadCpuUs();
        rusage before{};
        getrusage(RUSAGE_THREAD, &before);
        const bool handled = QApplication::notify(receiver, event);
        rusage after{};
        getrusage(RUSAGE_THREAD, &after);
        const qint64 us = (m_clock.nsecsElapsed() - start) / 1000;
        const qint64 cpuUs = threadCpuUs() - cpuStart;
        m_longestCpuUs = std::max(m_longestCpuUs, cpuUs);
        --m_depth;
        if (m_slowest.size() < 8 || us > m_slowest.last().us) {
            // The receiver is alive: the event was just delivered to it.
            SlowEvent slow{us, cpuUs, after.ru_minflt - before.ru_minflt, after.ru_majflt - before.ru_majflt,
                           after.ru_nvcsw - before.ru_nvcsw, after.ru_nivcsw - before.ru_nivcsw, start / 1000000, QString::fromLatin1(receiver->metaObject()->className()), type};
            if (!receiver->objectName().isEmpty())
                slow.receiver += u" \""_s + receiver->objectName() + u'"';
            m_slowest.insert(std::upper_bound(m_slowest.begin(), m_slowest.end(), slow,
                                              [](const SlowEvent &a, const SlowEvent &b) { return a.us > b.us; }),
                             slow);
            if (m_slowest.size() > 8)
                m_slowest.removeLast();
        }
        return handled;
    }

private:
    QElapsedTimer m_clock;
    QList<SlowEvent> m_slowest;
    qint64 m_longestCpuUs = 0;
    int m_depth = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QApplication::setOrganizationName(u"OrderBridgeBench"_s);
    QApplication::setApplicationName(u"orderbridge-bench-guistall"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"GUI thread stalls of the console during a large sync"_s);
    parser.addHelpOption();
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders the sandbox store generates (default 10000)."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"Seed of the sandbox data (default 7)."_s, u"N"_s, u"7"_s);
    const QCommandLineOption sinceOpt(u"since"_s, u"Backfill start date (default 2000-01-01: every order)."_s, u"DATE"_s,
                                      u"2000-01-01"_s);
    const QCommandLineOption pageOpt(u"page"_s, u"Page shown during the sync: sales (default), log or salesforce."_s,
                                     u"PAGE"_s, u"sales"_s);
    const QCommandLineOption thresholdOpt(u"timeline-ms"_s, u"Print each gap longer than this as it happens (default 50)."_s,
                                          u"MS"_s, u"50"_s);
    const QCommandLineOption guiNiceOpt(u"gui-nice"_s,
                                        u"Nice value for the GUI thread alone (Linux: setpriority on its thread id; "
                                        u"below 0 needs privileges), to tell waiting for a core from other waits."_s,
                                        u"N"_s);
    parser.addOptions({ordersOpt, seedOpt, sinceOpt, pageOpt, thresholdOpt, guiNiceOpt});
    parser.process(app);
    if (parser.isSet(guiNiceOpt)) {
        // On Linux a thread id names one thread for setpriority (man 2 setpriority, "BUGS").
        if (setpriority(PRIO_PROCESS, id_t(gettid()), parser.value(guiNiceOpt).toInt()) != 0)
            print(u"setpriority failed; the GUI thread keeps its priority"_s);
        else
            print(u"GUI thread nice value: "_s + parser.value(guiNiceOpt));
    }

    print(u"load before: "_s + loadAverage());
    QElapsedTimer setup;
    setup.start();
    SandboxWorkerFixture fixture;
    if (!fixture.start({u"--orders"_s, parser.value(ordersOpt), u"--seed"_s, parser.value(seedOpt)})) {
        print(u"cannot start: "_s + fixture.errorString());
        return 1;
    }
    OrderBridge::WorkerHost *host = fixture.startWorker(fixture.workerConfig());
    print(u"sandbox with %1 orders and the worker ready in %2 ms"_s.arg(parser.value(ordersOpt)).arg(setup.elapsed()));

    MainWindow window(fixture.database(), host);
    window.resize(1280, 800);
    const QString page = parser.value(pageOpt);
    window.setCurrentPage(page == u"log"_s ? MainWindow::LogPage
                          : page == u"salesforce"_s ? MainWindow::SalesforceOrdersPage
                                                    : MainWindow::SalesOrdersPage);
    window.show();
    // The window's own first work (the org schema, the first paint) is not part of the sync.
    {
        QEventLoop settle;
        QTimer::singleShot(500, &settle, &QEventLoop::quit);
        settle.exec();
    }

    StallMeter meter;
    const qint64 thresholdUs = parser.value(thresholdOpt).toLongLong() * 1000;
    int progressSignals = 0;
    int batches = 0;
    QObject::connect(host->worker(), &OrderBridge::SyncWorker::progress, &meter, [&] { ++progressSignals; },
                     Qt::QueuedConnection);
    QObject::connect(host->worker(), &OrderBridge::SyncWorker::batchFinished, &meter, [&] { ++batches; },
                     Qt::QueuedConnection);
    meter.onLongGap(thresholdUs, [&](qint64 atMs, qint64 gapUs, qint64 cpuUs) {
        print(u"  gap of %1 ms (GUI thread CPU in it: %5 ms) ending at %2 ms (batches so far: %3, grid rows: %4)"_s
                  .arg(ms(gapUs), 0, 'f', 1)
                  .arg(atMs)
                  .arg(batches)
                  .arg(window.ordersPage()->model()->rowCount())
                  .arg(ms(cpuUs), 0, 'f', 1));
    });

    const QDateTime since(QDate::fromString(parser.value(sinceOpt), Qt::ISODate), QTime(0, 0), Qt::UTC);
    std::optional<OrderBridge::RunResult> answer;
    QObject asker;
    // A plain event loop, as the console's: QTest::qWaitFor would sleep 10 ms between its rounds.
    QEventLoop loop;
    std::function<void()> ask = [&] {
        host->run(OrderBridge::RunRequest::backfill(since), &asker, [&](const OrderBridge::RunResult &result) {
            // The window's first poll may be under way: ask again once it has ended.
            if (OrderBridge::wasRefused(result) && result.error().kind == OrderBridge::ErrorKind::Busy)
                QTimer::singleShot(200, &asker, ask);
            else {
                answer = result;
                loop.quit();
            }
        });
    };
    QTimer::singleShot(4 * 3600 * 1000, &loop, &QEventLoop::quit);
    meter.start();
    app.startTiming();
    ask();
    QElapsedTimer wall;
    wall.start();
    loop.exec();
    meter.stop();
    app.stopTiming();
    if (!answer) {
        print(u"the sync did not end within 4 hours"_s);
        return 1;
    }
    const qint64 wallMs = wall.elapsed();
    if (!answer->has_value()) {
        print(u"the sync failed: "_s + answer->error().toString());
        return 1;
    }
    const OrderBridge::SyncRunSummary &summary = **answer;

    const std::vector<qint64> gaps = meter.sortedGaps();
    const auto percentile = [&gaps](double p) {
        return gaps.empty() ? qint64(0) : gaps.at(std::min(gaps.size() - 1, std::size_t(double(gaps.size()) * p)));
    };
    const auto over = [&gaps](qint64 us) {
        return std::size_t(gaps.end() - std::upper_bound(gaps.begin(), gaps.end(), us));
    };
    const qint64 longest = gaps.empty() ? 0 : gaps.back();
    print(u"sync: %1 in sync, %2 out of sync, %3 skipped, %4 errors, %5 API calls; %6 batches, %7 progress signals; "
          u"grid rows %8"_s.arg(summary.inSync)
              .arg(summary.outOfSync)
              .arg(summary.skipped)
              .arg(summary.errors)
              .arg(summary.apiCalls)
              .arg(batches)
              .arg(progressSignals)
              .arg(window.ordersPage()->model()->rowCount()));
    print(u"wall time: %1 s (%2 timer gaps measured)"_s.arg(double(wallMs) / 1000.0, 0, 'f', 1).arg(gaps.size()));
    print(u"longest stall (1 ms timer): %1 ms"_s.arg(ms(longest), 0, 'f', 1));
    print(u"most GUI-thread CPU time within one gap: %1 ms (the rest of a longer gap is waiting for a core)"_s
              .arg(ms(meter.longestCpuUs()), 0, 'f', 1));
    print(u"99th percentile gap: %1 ms; 99.9th: %2 ms; median: %3 ms"_s.arg(ms(percentile(0.99)), 0, 'f', 2)
              .arg(ms(percentile(0.999)), 0, 'f', 2)
              .arg(ms(percentile(0.5)), 0, 'f', 2));
    print(u"gaps > 16 ms: %1; gaps > 50 ms: %2"_s.arg(over(16000)).arg(over(50000)));
    print(u"slowest events handled by the GUI thread (QApplication::notify):"_s);
    for (const SlowEvent &slow : app.slowest())
        print(u"  %1 ms (CPU %5 ms, page faults %6 minor / %7 major, blocked %8 times, preempted %9 times) at %2 ms: "
              u"event type %3 to %4"_s
                  .arg(ms(slow.us), 0, 'f', 1)
                  .arg(slow.atMs)
                  .arg(slow.type)
                  .arg(slow.receiver)
                  .arg(ms(slow.cpuUs), 0, 'f', 1)
                  .arg(slow.minorFaults)
                  .arg(slow.majorFaults)
                  .arg(slow.waits)
                  .arg(slow.preemptions));
    print(u"most CPU time of one event: %1 ms"_s.arg(ms(app.longestCpuUs()), 0, 'f', 1));
    print(u"load after: "_s + loadAverage());
    print(u"target: longest stall <= 50 ms: %1"_s.arg(longest <= 50000 ? u"met"_s : u"MISSED"_s));
    return 0;
}
