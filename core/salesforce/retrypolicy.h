#pragma once

#include <QNetworkReply>
#include <QStringList>

#include <functional>
#include <optional>

namespace OrderBridge {

/// Decides whether a failed Salesforce request is tried again and after how long: exponential
/// backoff with jitter (at least a Retry-After the server sent, capped) for failures that are transient (429, 503,
/// UNABLE_TO_LOCK_ROW, dropped connections, timeouts), never for data errors. Requests that are not idempotent (plain creates)
/// are retried only when the failure proves the server did not process them. Injected into
/// SalesforceClient so tests run without delays.
class RetryPolicy
{
public:
    /// What went wrong with one attempt.
    struct Failure
    {
        int httpStatus = 0;                                          // 0: no HTTP reply
        QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
        QStringList errorCodes;                                      // Salesforce error codes of the reply
        bool malformedReply = false;                                 // 2xx with a body that is not JSON
        bool idempotent = true;                                      // safe to send twice
        qint64 retryAfterMs = -1;                                    // the reply's Retry-After; -1: none
    };

    /// Random source in [0, 1) for the jitter.
    using Random = std::function<double()>;

    /// maxAttempts counts the first attempt; delays grow baseDelayMs * 2^(n-1) capped at maxDelayMs,
    /// then jitter draws the delay from [delay/2, delay].
    explicit RetryPolicy(int maxAttempts = 5, int baseDelayMs = 500, int maxDelayMs = 30000, Random random = {});

    /// A policy that never retries.
    [[nodiscard]] static RetryPolicy noRetries();

    /// True when the failure may go away by itself (independent of attempts left).
    [[nodiscard]] static bool isTransient(const Failure &failure);
    /// Delay before attempt `attemptsMade + 1`, or nothing when the request must not be retried.
    [[nodiscard]] std::optional<int> delayBeforeRetry(int attemptsMade, const Failure &failure) const;

    [[nodiscard]] int maxAttempts() const { return m_maxAttempts; }

private:
    int m_maxAttempts;
    int m_baseDelayMs;
    int m_maxDelayMs;
    Random m_random;
};

} // namespace OrderBridge
