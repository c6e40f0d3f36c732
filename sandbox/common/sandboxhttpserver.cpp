#include "sandboxhttpserver.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 300: return "Multiple Choices";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 415: return "Unsupported Media Type";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

HttpRequest toRequest(const QHttpServerRequest &request)
{
    HttpRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    r.headers = request.headers();
    r.body = request.body();
    r.rawPathAndQuery = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        r.rawPathAndQuery += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return r;
}

} // namespace

SandboxHttpServer::SandboxHttpServer(const Options &options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(options)
    , m_faults(options.faultRate, options.seed)
{
    // QAbstractHttpServer::listen() binds a QSslServer once sslSetup() was called (Qt 6.4); the handshake
    // completes before a request reaches handleRequest(), so latency and faults apply alike to both schemes.
    if (!options.tls.localCertificate().isNull())
        sslSetup(options.tls);
}

SandboxHttpServer::~SandboxHttpServer() = default;

void SandboxHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void SandboxHttpServer::setFaultResponder(FaultResponder responder)
{
    m_faultResponder = std::move(responder);
}

void SandboxHttpServer::writeResponse(QTcpSocket *socket, const HttpResponse &response, bool truncate)
{
    QByteArray out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    const bool hasBody = response.status != 204 && response.status != 304;
    if (hasBody && !response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(hasBody ? response.body.size() : 0) + "\r\n\r\n";
    if (hasBody)
        out += truncate ? response.body.left(response.body.size() / 2) : response.body;
    socket->write(out);
    if (truncate) {
        socket->flush();
        socket->disconnectFromHost();
    }
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest req = toRequest(request);
    const bool control = req.path.startsWith(u"/__sandbox/"_s);
    const FaultKind fault = control ? FaultKind::None : m_faults.next();

    if (control || (m_options.latencyMs <= 0 && fault == FaultKind::None)) {
        dispatch(req, socket, FaultKind::None);
        return true;
    }
    // Delays and faults leave the server's read loop first, so a closed socket never surprises it.
    const int delay = control ? 0 : m_options.latencyMs;
    QTimer::singleShot(delay, socket, [this, req = std::move(req), socket, fault] {
        dispatch(req, socket, fault);
    });
    return true;
}

void SandboxHttpServer::dispatch(const HttpRequest &request, QTcpSocket *socket, FaultKind fault)
{
    switch (fault) {
    case FaultKind::DropBefore:
        socket->abort();
        return;
    case FaultKind::ServerError:
    case FaultKind::Unavailable:
    case FaultKind::ApiSpecific:
        if (m_faultResponder) {
            writeResponse(socket, m_faultResponder(fault, request));
            return;
        }
        writeResponse(socket, HttpResponse::raw(503, "Service Unavailable", "text/plain"));
        return;
    case FaultKind::None:
    case FaultKind::DropAfter:
    case FaultKind::Stall:
    case FaultKind::Truncated:
        break;
    }

    const HttpResponse response = m_handler ? m_handler(request)
                                            : HttpResponse::raw(404, "no handler", "text/plain");
    switch (fault) {
    case FaultKind::DropAfter:
        socket->abort();
        return;
    case FaultKind::Stall: {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(m_options.stallMs, socket, [guard] {
            if (guard)
                guard->abort();
        });
        return;
    }
    case FaultKind::Truncated:
        writeResponse(socket, response, true);
        return;
    default:
        break;
    }
    writeResponse(socket, response);
    if (request.header("Connection").compare("close", Qt::CaseInsensitive) == 0)
        socket->disconnectFromHost();
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    writeResponse(socket, HttpResponse::raw(404, "Not Found", "text/plain"));
}

} // namespace Sandbox
