#pragma once

#include <QByteArray>

namespace OrderBridge {

/// What kind of failure a reply was, as far as retrying is concerned.
enum class MagentoFailureKind {
    None,           ///< success
    Dropped,        ///< connection refused/reset/closed before a complete reply
    Timeout,        ///< no reply within the transfer timeout
    ServerError,    ///< HTTP 5xx other than 503
    Unavailable,    ///< HTTP 503 or 429: the store asks to come back later
    MalformedReply, ///< HTTP 2xx whose body is not the JSON promised (e.g. truncated)
    Unauthorized,   ///< HTTP 401
    ClientError,    ///< any other 4xx: retrying the same request cannot help
};

/// Retries with exponential backoff and jitter. Injected into MagentoClient so tests can use tiny delays.
struct MagentoRetryPolicy
{
    int maxAttempts = 5;     ///< attempts in all, the first included
    int baseDelayMs = 500;   ///< delay before the second attempt; doubles each time
    int maxDelayMs = 30000;  ///< cap of one delay
    double jitter = 0.5;     ///< share of each delay that is random (0: none, 1: "full jitter")

    /// Whether a failure of this kind is worth another attempt, whatever the request.
    [[nodiscard]] static bool isTransient(MagentoFailureKind kind);
    /// Whether to try again after `attemptsMade` attempts; `retrySafe` is true for GETs and for writes
    /// the caller declared safe to repeat (a POST is never repeated on its own: it may have been processed).
    [[nodiscard]] bool shouldRetry(MagentoFailureKind kind, bool retrySafe, int attemptsMade) const;
    /// Delay before attempt `attemptsMade + 1`: min(max, base * 2^(attemptsMade-1)), of which the `jitter`
    /// share is scaled by `unitRandom` in [0, 1). `retryAfterMs` (from a Retry-After header, -1 if none)
    /// raises the delay to at least that, still capped.
    [[nodiscard]] int delayMs(int attemptsMade, double unitRandom, int retryAfterMs = -1) const;
};

} // namespace OrderBridge
