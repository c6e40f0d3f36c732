#include "retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

RetryPolicy::RetryPolicy(int maxAttempts, int baseDelayMs, int maxDelayMs, Random random)
    : m_maxAttempts(std::max(1, maxAttempts))
    , m_baseDelayMs(std::max(0, baseDelayMs))
    , m_maxDelayMs(std::max(0, maxDelayMs))
    , m_random(random ? std::move(random) : Random([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

RetryPolicy RetryPolicy::noRetries()
{
    return RetryPolicy(1, 0, 0);
}

namespace {

// The server never saw the request, or said so explicitly.
bool provablyNotProcessed(const RetryPolicy::Failure &f)
{
    if (f.httpStatus == 503 || f.httpStatus == 429) // unavailable / rate-limited: turned away before processing
        return true;
    if (f.errorCodes.contains(u"UNABLE_TO_LOCK_ROW"_s)) // the transaction was rolled back
        return true;
    return f.httpStatus == 0 && f.networkError == QNetworkReply::ConnectionRefusedError;
}

bool transientNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

} // namespace

bool RetryPolicy::isTransient(const Failure &f)
{
    if (provablyNotProcessed(f))
        return true;
    if (f.httpStatus == 0)
        return transientNetworkError(f.networkError);
    if (f.httpStatus == 500 || f.httpStatus == 502 || f.httpStatus == 504)
        return true;
    if (f.httpStatus >= 200 && f.httpStatus < 300 && f.malformedReply)
        return true; // cut off on the way
    return false;
}

std::optional<int> RetryPolicy::delayBeforeRetry(int attemptsMade, const Failure &failure) const
{
    if (attemptsMade >= m_maxAttempts || !isTransient(failure))
        return std::nullopt;
    if (!failure.idempotent && !provablyNotProcessed(failure))
        return std::nullopt; // a second create could duplicate the record
    const int exponent = std::clamp(attemptsMade - 1, 0, 20);
    const qint64 full = std::min<qint64>(qint64(m_baseDelayMs) << exponent, m_maxDelayMs);
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const qint64 backoff = full / 2 + qint64(double(full - full / 2) * r);
    // The server's own wait wins when longer, within the same cap.
    return int(std::min<qint64>(std::max(backoff, failure.retryAfterMs), std::max<qint64>(m_maxDelayMs, backoff)));
}

} // namespace OrderBridge
