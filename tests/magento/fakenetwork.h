#pragma once

// A QNetworkAccessManager whose replies come from a handler function instead of the network: the seam
// for unit tests of MagentoClient (no sockets, deterministic faults).

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

struct FakeRequest
{
    QByteArray verb;
    QUrl url;
    QList<QPair<QString, QString>> query; // decoded
    QByteArray body;
    QByteArray authorization;
    QByteArray contentType;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    static FakeResponse json(QByteArray body, int status = 200) { return {status, std::move(body), QNetworkReply::NoError}; }
    static FakeResponse dropped() { return {0, {}, QNetworkReply::RemoteHostClosedError}; }
};

class FakeReply : public QNetworkReply
{
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, const FakeResponse &response,
              QObject *parent)
        : QNetworkReply(parent)
        , m_body(response.body)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (response.status > 0)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, response.status);
        const auto error = response.error;
        QTimer::singleShot(0, this, [this, error] {
            if (error != QNetworkReply::NoError) {
                setError(error, QStringLiteral("fake network error"));
                emit errorOccurred(error);
            }
            emit metaDataChanged();
            if (!m_body.isEmpty())
                emit readyRead();
            setFinished(true);
            emit finished();
        });
    }
    void abort() override {}
    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] qint64 bytesAvailable() const override { return m_body.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_pos);
        if (n <= 0)
            return -1;
        memcpy(data, m_body.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_body;
    qint64 m_pos = 0;
};

class FakeNetwork : public QNetworkAccessManager
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeNetwork(Handler handler, QObject *parent = nullptr)
        : QNetworkAccessManager(parent)
        , m_handler(std::move(handler))
    {
    }

    QList<FakeRequest> requests;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        FakeRequest r;
        switch (op) {
        case GetOperation: r.verb = "GET"; break;
        case PostOperation: r.verb = "POST"; break;
        case PutOperation: r.verb = "PUT"; break;
        case DeleteOperation: r.verb = "DELETE"; break;
        case HeadOperation: r.verb = "HEAD"; break;
        case CustomOperation: r.verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray(); break;
        case UnknownOperation: break;
        }
        r.url = request.url();
        r.query = QUrlQuery(request.url()).queryItems(QUrl::FullyDecoded);
        if (outgoingData)
            r.body = outgoingData->readAll();
        r.authorization = request.rawHeader("Authorization");
        r.contentType = request.header(QNetworkRequest::ContentTypeHeader).toByteArray();
        requests.append(r);
        return new FakeReply(op, request, m_handler(r), this);
    }

private:
    Handler m_handler;
};
