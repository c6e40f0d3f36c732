#include "fakereply.h"

#include <QTimer>

#include <cstring>

FakeReply::FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                     const FakeResponse &response, QObject *parent)
    : QNetworkReply(parent)
    , m_body(response.body)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (response.status > 0)
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, response.status);
    for (const auto &[name, value] : response.headers)
        setRawHeader(name, value);
    // A real reply never finishes inside get()/post(): callers connect after the call returns.
    QTimer::singleShot(0, this, [this, error = response.error] { finish(error); });
}

FakeReply::~FakeReply() = default;

void FakeReply::abort() {}

bool FakeReply::isSequential() const
{
    return true;
}

qint64 FakeReply::bytesAvailable() const
{
    return m_body.size() - m_position + QIODevice::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_position);
    if (n <= 0)
        return m_position >= m_body.size() ? -1 : 0;
    std::memcpy(data, m_body.constData() + m_position, size_t(n));
    m_position += n;
    return n;
}

void FakeReply::finish(QNetworkReply::NetworkError error)
{
    if (error != QNetworkReply::NoError) {
        setError(error, QStringLiteral("fake network error"));
        Q_EMIT errorOccurred(error);
    }
    Q_EMIT metaDataChanged();
    if (!m_body.isEmpty())
        Q_EMIT readyRead();
    setFinished(true);
    Q_EMIT finished();
}
