// Measures how many order reads (GET /rest/V1/orders/{id} with an integration token) the sandbox's
// Magento emulator answers per second over loopback, with several keep-alive connections, and the
// latency percentiles. Starts its own orderbridge-sandbox unless --url and --token are given.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Stats
{
    std::vector<qint64> latenciesNs;
    qint64 errors = 0;
    qint64 sent = 0;
    qint64 target = 0;
};

/// One keep-alive connection: sends a request, reads the whole reply (Content-Length), sends the next.
class Connection
{
public:
    Connection(const QUrl &base, const QByteArray &token, int orderCount, int index, Stats *stats,
               std::function<void()> done)
        : m_base(base), m_token(token), m_orderCount(orderCount), m_next(index), m_stats(stats), m_done(std::move(done))
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] { sendNext(); });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { onReadyRead(); });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, &m_socket, [this](QAbstractSocket::SocketError) {
            ++m_stats->errors;
            finish();
        });
        m_socket.connectToHost(m_base.host(), quint16(m_base.port()));
    }

private:
    void sendNext()
    {
        if (m_stats->sent >= m_stats->target) {
            finish();
            return;
        }
        ++m_stats->sent;
        const int id = 1 + (m_next % m_orderCount);
        m_next += 7919; // spread reads over the whole store
        const QByteArray request = "GET /rest/V1/orders/" + QByteArray::number(id) + " HTTP/1.1\r\nHost: " + m_base.host().toLatin1()
                                   + ':' + QByteArray::number(m_base.port()) + "\r\nAuthorization: Bearer " + m_token
                                   + "\r\nAccept: application/json\r\n\r\n";
        m_timer.start();
        m_socket.write(request);
    }
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QByteArray head = m_buffer.left(headerEnd).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            qint64 length = 0;
            if (cl >= 0) {
                const qsizetype eol = head.indexOf("\r\n", cl);
                length = head.mid(cl + 15, (eol < 0 ? head.size() : eol) - cl - 15).trimmed().toLongLong();
            }
            if (m_buffer.size() < headerEnd + 4 + length)
                return;
            if (!head.startsWith("http/1.1 200"))
                ++m_stats->errors;
            m_stats->latenciesNs.push_back(m_timer.nsecsElapsed());
            m_buffer.remove(0, headerEnd + 4 + length);
            sendNext();
        }
    }
    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_socket.disconnectFromHost();
        m_done();
    }

    QUrl m_base;
    QByteArray m_token;
    int m_orderCount;
    int m_next;
    Stats *m_stats;
    std::function<void()> m_done;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QElapsedTimer m_timer;
    bool m_finished = false;
};

double percentile(std::vector<qint64> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t i = std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())));
    return double(sorted[i]) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Order reads per second against orderbridge-sandbox's Magento emulator."_s);
    parser.addHelpOption();
    const QCommandLineOption requestsOpt(u"requests"_s, u"Number of order reads."_s, u"N"_s, u"30000"_s);
    const QCommandLineOption connectionsOpt(u"connections"_s, u"Concurrent keep-alive connections."_s, u"N"_s, u"8"_s);
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders in the started sandbox."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"orderbridge-sandbox executable."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    const QCommandLineOption urlOpt(u"url"_s, u"Base URL of a running sandbox (skips starting one)."_s, u"URL"_s);
    const QCommandLineOption tokenOpt(u"token"_s, u"Integration token for --url (a sandbox started with --magento-bearer on)."_s, u"TOKEN"_s);
    const QCommandLineOption warmOnlyOpt(u"warm-only"_s, u"Skip the cold phase."_s);
    parser.addOptions({requestsOpt, connectionsOpt, ordersOpt, sandboxOpt, urlOpt, tokenOpt, warmOnlyOpt});
    parser.process(app);

    const int connections = std::max(1, parser.value(connectionsOpt).toInt());
    int orderCount = std::max(1, parser.value(ordersOpt).toInt());
    QUrl base(parser.value(urlOpt));
    QByteArray token = parser.value(tokenOpt).toUtf8();
    QProcess sandbox;
    if (base.isEmpty()) {
        QElapsedTimer startup;
        startup.start();
        // The store's raw read speed over hand-written HTTP: the integration token as Bearer (a store set to
        // allow it) keeps signing cost out of the figures.
        sandbox.start(parser.value(sandboxOpt), {u"--orders"_s, QString::number(orderCount), u"--seed"_s, u"1"_s,
                                                 u"--magento-bearer"_s, u"on"_s});
        if (!sandbox.waitForStarted(10000) || !sandbox.waitForReadyRead(20000)) {
            std::fprintf(stderr, "bench: the sandbox did not start\n");
            return 1;
        }
        while (!sandbox.canReadLine() && sandbox.waitForReadyRead(5000)) {
        }
        const QJsonObject magento = QJsonDocument::fromJson(sandbox.readLine()).object().value(u"magento"_s).toObject();
        base = QUrl(magento.value(u"base_url"_s).toString());
        token = magento.value(u"integration_token"_s).toString().toUtf8();
        orderCount = magento.value(u"orders"_s).toInt(orderCount);
        std::printf("sandbox ready with %d orders after %lld ms\n", orderCount, startup.elapsed());
    }

    const qint64 requests = parser.value(requestsOpt).toLongLong();
    auto runPhase = [&](const char *name) {
        Stats stats;
        stats.target = requests;
        stats.latenciesNs.reserve(size_t(requests));
        int open = connections;
        QElapsedTimer wall;
        std::vector<std::unique_ptr<Connection>> conns;
        wall.start();
        for (int i = 0; i < connections; ++i) {
            conns.push_back(std::make_unique<Connection>(base, token, orderCount, i * 1237, &stats, [&] {
                if (--open == 0)
                    QTimer::singleShot(0, &app, &QCoreApplication::quit);
            }));
        }
        app.exec();
        const double seconds = double(wall.nsecsElapsed()) / 1e9;
        std::sort(stats.latenciesNs.begin(), stats.latenciesNs.end());
        const auto done = qint64(stats.latenciesNs.size());
        std::printf("[%s] order reads: %lld in %.3f s over %d connections (%d orders in the store), errors: %lld\n", name,
                    static_cast<long long>(done), seconds, connections, orderCount, static_cast<long long>(stats.errors));
        std::printf("[%s] throughput: %.0f requests/s\n", name, double(done) / seconds);
        std::printf("[%s] latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n", name, percentile(stats.latenciesNs, 50),
                    percentile(stats.latenciesNs, 90), percentile(stats.latenciesNs, 99), percentile(stats.latenciesNs, 100));
        std::fflush(stdout);
        return stats.errors;
    };

    qint64 errors = 0;
    if (!parser.isSet(warmOnlyOpt))
        errors += runPhase("cold: orders generated on first read");
    // Wait until the sandbox's idle pass has rendered every generated order, then measure the steady state.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        QTcpSocket s;
        s.connectToHost(base.host(), quint16(base.port()));
        if (!s.waitForConnected(5000))
            break;
        s.write("GET /__sandbox/stats HTTP/1.1\r\nHost: " + base.host().toLatin1() + "\r\nConnection: close\r\n\r\n");
        QByteArray reply;
        while (s.waitForReadyRead(5000))
            reply += s.readAll();
        const QJsonObject stats = QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4)).object();
        if (stats.value(u"prepared"_s).toInt() >= stats.value(u"orders"_s).toInt() || waited.elapsed() > 60000)
            break;
        QThread::msleep(200);
    }
    std::printf("waited %.1f s for the store to be prepared\n", double(waited.elapsed()) / 1000.0);
    errors += runPhase("warm");

    if (sandbox.state() != QProcess::NotRunning) {
        sandbox.terminate();
        sandbox.waitForFinished(10000);
    }
    return errors == 0 ? 0 : 1;
}
