// The sandbox's HTTP request path: raw bytes over a loopback connection into SandboxHttpServer (Qt's
// request parser, the sandbox's conversion to HttpRequest and its response writer), with a handler that
// runs the Magento emulator's request-level parsers: the OAuth 1.0a header, the signature base string and
// searchCriteria from the query string.
#include "oauthverifier.h"
#include "sandboxhttpserver.h"
#include "searchcriteria.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonObject>
#include <QTcpSocket>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Sandbox;
using namespace Qt::Literals::StringLiterals;

namespace {

HttpResponse handle(const HttpRequest &request)
{
    QJsonObject echo{{u"path"_s, request.path}, {u"method"_s, QString::fromLatin1(request.method)}};
    if (OAuthVerifier::isOAuthRequest(request)) {
        const auto params = OAuthVerifier::parseHeader(request.header("Authorization"));
        echo.insert(u"base"_s, QString::fromUtf8(OAuthVerifier::baseString(request, params)));
    }
    if (const auto criteria = SearchCriteria::fromQuery(request.query)) {
        echo.insert(u"search_criteria"_s, criteria->toJson());
        (void)criteria->referencedFields();
        (void)criteria->matches(QJsonObject{{u"entity_id"_s, 1}, {u"status"_s, u"pending"_s}});
        (void)criteria->page(1000);
    }
    return HttpResponse::json(200, QJsonDocument(echo));
}

struct Harness
{
    Harness()
    {
        static int argc = 1;
        static char name[] = "fuzz_sandbox_http";
        static char *argv[] = {name, nullptr};
        app = new QCoreApplication(argc, argv);
        server = new SandboxHttpServer(SandboxHttpServer::Options{});
        server->setHandler(handle);
        port = server->listen(QHostAddress::LocalHost, 0);
        if (port == 0) {
            std::fprintf(stderr, "fuzz_sandbox_http: cannot listen on loopback\n");
            std::abort();
        }
    }
    QCoreApplication *app = nullptr;
    SandboxHttpServer *server = nullptr;
    quint16 port = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Harness harness;
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, harness.port);
    if (!client.waitForConnected(5000))
        return 0;
    client.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    client.flush();
    // Let the server read, answer and the reply arrive; stop when nothing changed for a few rounds.
    qint64 seen = -1;
    for (int quiet = 0, round = 0; quiet < 4 && round < 200 && client.state() == QAbstractSocket::ConnectedState;
         ++round) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        const qint64 now = client.bytesAvailable();
        quiet = now == seen ? quiet + 1 : 0;
        seen = now;
    }
    client.abort();
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
