// Benchmark of the emulated Salesforce org: starts orderbridge-sandbox, signs in, then keeps a number of
// simple REST calls in flight over loopback (reads of a record by id, updates, creates) and prints calls per
// second and latency percentiles.
//
//   bench_salesforce_rest [--calls N] [--concurrency C] [--sandbox PATH]

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Sample
{
    int kind = 0; // 0 read, 1 update, 2 create
    qint64 nanos = 0;
    int status = 0;
};

/// Keeps `concurrency` keep-alive connections busy, one request at a time each, with a lean HTTP/1.1 client
/// on raw sockets so that the client costs little next to the server it measures.
class Bench : public QObject
{
public:
    Bench(const QUrl &base, QString token, QStringList ids, int calls, int concurrency)
        : m_host(base.host())
        , m_port(quint16(base.port()))
        , m_token(std::move(token))
        , m_ids(std::move(ids))
        , m_calls(calls)
    {
        m_samples.reserve(size_t(calls));
        for (int i = 0; i < concurrency; ++i)
            m_connections.push_back(std::make_unique<Connection>());
    }

    void run()
    {
        m_clock.start();
        for (auto &c : m_connections) {
            Connection *conn = c.get();
            connect(&conn->socket, &QTcpSocket::readyRead, this, [this, conn] { readFrom(conn); });
            conn->socket.connectToHost(m_host, m_port);
            conn->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            issue(conn);
        }
    }

    [[nodiscard]] const std::vector<Sample> &samples() const { return m_samples; }
    [[nodiscard]] qint64 elapsedNs() const { return m_totalNs; }

private:
    struct Connection
    {
        QTcpSocket socket;
        QByteArray buffer;
        QElapsedTimer timer;
        int kind = 0;
    };

    void issue(Connection *conn)
    {
        if (m_started >= m_calls)
            return;
        const int n = m_started++;
        conn->kind = n % 10 < 7 ? 0 : (n % 10 < 9 ? 1 : 2);
        const QByteArray id = m_ids.at(n % m_ids.size()).toLatin1();
        QByteArray body;
        QByteArray line;
        if (conn->kind == 0) {
            line = "GET /services/data/v62.0/sobjects/Account/" + id;
        } else if (conn->kind == 1) {
            line = "PATCH /services/data/v62.0/sobjects/Account/" + id;
            body = "{\"Description\":\"bench " + QByteArray::number(n) + "\"}";
        } else {
            line = "POST /services/data/v62.0/sobjects/Contact";
            body = "{\"LastName\":\"Bench " + QByteArray::number(n) + "\"}";
        }
        QByteArray request = line + " HTTP/1.1\r\nHost: " + m_host.toLatin1() + "\r\nAuthorization: Bearer "
            + m_token.toLatin1() + "\r\nAccept: application/json\r\n";
        if (!body.isEmpty())
            request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        request += "\r\n" + body;
        conn->timer.start();
        conn->socket.write(request);
    }

    void readFrom(Connection *conn)
    {
        conn->buffer += conn->socket.readAll();
        for (;;) {
            const qsizetype headerEnd = conn->buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QByteArray head = conn->buffer.left(headerEnd);
            qsizetype length = 0;
            const qsizetype cl = head.toLower().indexOf("content-length:");
            if (cl >= 0)
                length = head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
            if (conn->buffer.size() < headerEnd + 4 + length)
                return;
            Sample s;
            s.kind = conn->kind;
            s.nanos = conn->timer.nsecsElapsed();
            s.status = head.mid(9, 3).toInt();
            m_samples.push_back(s);
            conn->buffer.remove(0, headerEnd + 4 + length);
            if (int(m_samples.size()) == m_calls) {
                m_totalNs = m_clock.nsecsElapsed();
                QCoreApplication::quit();
                return;
            }
            issue(conn);
        }
    }

    QString m_host;
    quint16 m_port;
    QString m_token;
    QStringList m_ids;
    int m_calls;
    int m_started = 0;
    qint64 m_totalNs = 0;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<Sample> m_samples;
};

double percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t index = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return double(v[index]) / 1e6;
}

QJsonDocument syncJson(QNetworkAccessManager &nam, QNetworkRequest request, const QByteArray &method,
                       const QByteArray &body)
{
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    while (!reply->isFinished())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // setup only, before measuring
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return doc;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption callsOpt(u"calls"_s, u"Number of measured calls."_s, u"N"_s, u"20000"_s);
    const QCommandLineOption concurrencyOpt(u"concurrency"_s, u"Connections, one call in flight on each."_s, u"C"_s, u"4"_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"orderbridge-sandbox executable."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    parser.addOptions({callsOpt, concurrencyOpt, sandboxOpt});
    parser.process(app);
    const int calls = parser.value(callsOpt).toInt();
    const int concurrency = std::max(1, parser.value(concurrencyOpt).toInt());

    QProcess sandbox;
    sandbox.start(parser.value(sandboxOpt), {u"--api-limit"_s, QString::number(calls * 2 + 1000)});
    if (!sandbox.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start the sandbox\n");
        return 1;
    }
    QByteArray line;
    while (!line.endsWith('\n') && sandbox.waitForReadyRead(20000))
        line += sandbox.readLine();
    const QJsonObject sf = QJsonDocument::fromJson(line).object().value(u"salesforce"_s).toObject();
    const QString base = sf.value(u"login_url"_s).toString();
    if (base.isEmpty()) {
        std::fprintf(stderr, "no ready line from the sandbox\n");
        return 1;
    }

    QNetworkAccessManager nam;
    QNetworkRequest tokenRequest(QUrl(base + u"/services/oauth2/token"_s));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"password"_s);
    for (const auto &key : {u"client_id"_s, u"client_secret"_s, u"username"_s, u"password"_s})
        form.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(sf.value(key).toString())));
    const QString token = syncJson(nam, tokenRequest, "POST", form.toString(QUrl::FullyEncoded).toLatin1())
                              .object()
                              .value(u"access_token"_s)
                              .toString();
    QNetworkRequest q(QUrl(base + u"/services/data/v62.0/query?q=SELECT+Id+FROM+Account"_s));
    q.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QStringList ids;
    for (const auto &r : syncJson(nam, q, "GET", {}).object().value(u"records"_s).toArray())
        ids.append(r.toObject().value(u"Id"_s).toString());
    if (token.isEmpty() || ids.isEmpty()) {
        std::fprintf(stderr, "sign-in or seed query failed\n");
        return 1;
    }

    // The sandbox's own CPU time, so that the figure means something on a shared, loaded machine.
    auto cpuSeconds = [pid = sandbox.processId()] {
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return 0.0;
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
    };
    const double cpuBefore = cpuSeconds();
    Bench bench(QUrl(base), token, ids, calls, concurrency);
    bench.run();
    app.exec();
    const double serverCpu = cpuSeconds() - cpuBefore;

    std::vector<qint64> all;
    std::vector<qint64> byKind[3];
    int failures = 0;
    for (const auto &s : bench.samples()) {
        all.push_back(s.nanos);
        byKind[s.kind].push_back(s.nanos);
        if (s.status < 200 || s.status >= 300)
            ++failures;
    }
    const double seconds = double(bench.elapsedNs()) / 1e9;
    std::printf("salesforce emulator, %d simple REST calls, %d keep-alive connections with one call in flight each, "
                "over loopback\n",
                calls, concurrency);
    std::printf("throughput: %.0f calls/s (%.2f s), non-2xx replies: %d\n", double(calls) / seconds, seconds, failures);
    static const char *const names[] = {"GET sobjects/Account/{id}", "PATCH sobjects/Account/{id}",
                                        "POST sobjects/Contact"};
    if (serverCpu > 0) {
        std::printf("server CPU: %.2f s, i.e. %.0f calls per server CPU-second (%.0f us per call)\n", serverCpu,
                    double(calls) / serverCpu, serverCpu * 1e6 / double(calls));
    }
    std::printf("latency ms         p50     p90     p99     max\n");
    std::printf("  all          %7.3f %7.3f %7.3f %7.3f\n", percentile(all, 0.5), percentile(all, 0.9),
                percentile(all, 0.99), percentile(all, 1.0));
    for (int k = 0; k < 3; ++k) {
        std::printf("  %-28s %7.3f %7.3f %7.3f (n=%zu)\n", names[k], percentile(byKind[k], 0.5),
                    percentile(byKind[k], 0.9), percentile(byKind[k], 0.99), byKind[k].size());
    }
    sandbox.terminate();
    sandbox.waitForFinished(10000);
    return failures == 0 ? 0 : 1;
}
