#include "fakenetwork.h"

#include "fakereply.h"

#include <QUrlQuery>

namespace {

QByteArray verbOf(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    case QNetworkAccessManager::CustomOperation:
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
}

} // namespace

FakeNetwork::FakeNetwork(QObject *parent)
    : QNetworkAccessManager(parent)
{
}

FakeNetwork::FakeNetwork(Handler answer, QObject *parent)
    : QNetworkAccessManager(parent)
    , handler(std::move(answer))
{
}

FakeNetwork::~FakeNetwork() = default;

QNetworkReply *FakeNetwork::createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData)
{
    FakeRequest r;
    r.verb = verbOf(operation, request);
    r.url = request.url();
    r.query = QUrlQuery(request.url()).queryItems(QUrl::FullyDecoded);
    if (outgoingData)
        r.body = outgoingData->readAll();
    r.authorization = request.rawHeader("Authorization");
    r.contentType = request.header(QNetworkRequest::ContentTypeHeader).toByteArray();
    r.request = request;
    requests.append(r);
    const FakeResponse response = handler ? handler(r) : FakeResponse::json("[]", 404);
    return new FakeReply(operation, request, response, this);
}
