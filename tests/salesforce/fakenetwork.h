#pragma once

// A QNetworkAccessManager that answers from a handler instead of the network: the seam the unit
// tests of the Salesforce client use.

#include <QBuffer>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QTimer>

#include <functional>

struct FakeRequest
{
    QByteArray method;
    QUrl url;
    QByteArray body;
    QNetworkRequest request;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError; // with status 0: a transport failure
};

class FakeReply : public QNetworkReply
{
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, const FakeResponse &response,
              QObject *parent)
        : QNetworkReply(parent)
        , m_data(response.body)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (response.status > 0)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, response.status);
        for (const auto &h : response.headers)
            setRawHeader(h.first, h.second);
        const QNetworkReply::NetworkError error = response.error;
        QTimer::singleShot(0, this, [this, error] {
            if (error != QNetworkReply::NoError) {
                setError(error, QStringLiteral("fake transport failure"));
                Q_EMIT errorOccurred(error);
            }
            Q_EMIT metaDataChanged();
            Q_EMIT readyRead();
            setFinished(true);
            Q_EMIT finished();
        });
    }

    void abort() override {}
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

class FakeNetwork : public QNetworkAccessManager
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeNetwork(QObject *parent = nullptr)
        : QNetworkAccessManager(parent)
    {
    }

    Handler handler;
    QList<FakeRequest> requests;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        FakeRequest r;
        switch (op) {
        case GetOperation: r.method = "GET"; break;
        case PostOperation: r.method = "POST"; break;
        case PutOperation: r.method = "PUT"; break;
        case DeleteOperation: r.method = "DELETE"; break;
        case HeadOperation: r.method = "HEAD"; break;
        default: r.method = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray(); break;
        }
        r.url = request.url();
        r.body = outgoingData ? outgoingData->readAll() : QByteArray();
        r.request = request;
        requests.append(r);
        const FakeResponse response = handler ? handler(r) : FakeResponse{404, "[]", {}, QNetworkReply::NoError};
        return new FakeReply(op, request, response, this);
    }
};
