#pragma once

#include "faultinjector.h"
#include "httpexchange.h"

#include <QAbstractHttpServer>
#include <QSslConfiguration>

#include <functional>

namespace Sandbox {

/// An HTTP/1.1 server (plain or over TLS) for one emulated API: it turns raw requests into HttpRequest values, calls the
/// emulator's handler, and writes the reply itself so that latency and faults (dropped connections,
/// stalls, truncated bodies) can be injected below the HTTP layer. Paths under /__sandbox/ are never
/// delayed or faulted.
class SandboxHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxHttpServer)

public:
    struct Options
    {
        int latencyMs = 0;
        double faultRate = 0.0;
        quint64 seed = 1;
        int stallMs = 120000; // how long a stalled reply is held before the socket is closed
        QSslConfiguration tls; // a local certificate makes listen() serve HTTPS (QSslServer); none: plain http
    };

    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    /// Gets the fault and the request it replaces, so an API can pick a fault that fits the request.
    using FaultResponder = std::function<HttpResponse(FaultKind, const HttpRequest &)>;

    explicit SandboxHttpServer(const Options &options, QObject *parent = nullptr);
    ~SandboxHttpServer() override;

    /// The emulator's request handler.
    void setHandler(Handler handler);
    /// Builds the reply for ServerError, Unavailable and ApiSpecific faults in the API's own style.
    void setFaultResponder(FaultResponder responder);

    /// Writes a complete HTTP/1.1 response to the socket.
    static void writeResponse(QTcpSocket *socket, const HttpResponse &response, bool truncate = false);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void dispatch(const HttpRequest &request, QTcpSocket *socket, FaultKind fault);

    Options m_options;
    FaultInjector m_faults;
    Handler m_handler;
    FaultResponder m_faultResponder;
};

} // namespace Sandbox
