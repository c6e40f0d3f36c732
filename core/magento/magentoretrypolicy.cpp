#include "magentoretrypolicy.h"

#include <algorithm>
#include <cmath>

namespace OrderBridge {

bool MagentoRetryPolicy::isTransient(MagentoFailureKind kind)
{
    switch (kind) {
    case MagentoFailureKind::Dropped:
    case MagentoFailureKind::Timeout:
    case MagentoFailureKind::ServerError:
    case MagentoFailureKind::Unavailable:
    case MagentoFailureKind::MalformedReply: // a truncated body is a dropped connection in disguise
        return true;
    case MagentoFailureKind::None:
    case MagentoFailureKind::Unauthorized:
    case MagentoFailureKind::ClientError:
        return false;
    }
    return false;
}

bool MagentoRetryPolicy::shouldRetry(MagentoFailureKind kind, bool retrySafe, int attemptsMade) const
{
    return retrySafe && isTransient(kind) && attemptsMade < maxAttempts;
}

int MagentoRetryPolicy::delayMs(int attemptsMade, double unitRandom, int retryAfterMs) const
{
    const int exponent = std::clamp(attemptsMade - 1, 0, 30);
    const double full = std::min(double(maxDelayMs), double(baseDelayMs) * std::ldexp(1.0, exponent));
    const double share = std::clamp(jitter, 0.0, 1.0);
    const double unit = std::clamp(unitRandom, 0.0, 1.0);
    double delay = full * (1.0 - share) + full * share * unit;
    if (retryAfterMs >= 0)
        delay = std::max(delay, double(retryAfterMs));
    return int(std::min(delay, double(maxDelayMs)));
}

} // namespace OrderBridge
