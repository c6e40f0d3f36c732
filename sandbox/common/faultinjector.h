#pragma once

#include <QtGlobal>

#include <random>

namespace Sandbox {

/// The ways a server under stress fails a reply.
enum class FaultKind {
    None,
    ServerError,     // 500 with the API's own error body; the request is not processed
    Unavailable,     // 503; the request is not processed
    DropBefore,      // connection closed before processing
    DropAfter,       // processed, then the connection is closed without a reply
    Stall,           // processed, then no reply at all until the client gives up
    Truncated,       // processed, then a reply whose body is cut short
    ApiSpecific,     // an emulator's own transient fault (Salesforce: UNABLE_TO_LOCK_ROW)
};

/// Draws faults for a share of requests, deterministically for a given seed and request sequence.
class FaultInjector
{
public:
    FaultInjector(double rate, quint64 seed)
        : m_rate(rate)
        , m_rng(seed ^ 0x9e3779b97f4a7c15ULL)
    {
    }

    [[nodiscard]] double rate() const { return m_rate; }

    /// Next fault, or FaultKind::None. Call once per request, in arrival order.
    FaultKind next()
    {
        if (m_rate <= 0.0)
            return FaultKind::None;
        std::uniform_real_distribution<double> coin(0.0, 1.0);
        if (coin(m_rng) >= m_rate)
            return FaultKind::None;
        static constexpr FaultKind kinds[] = {
            FaultKind::ServerError, FaultKind::Unavailable, FaultKind::DropBefore, FaultKind::DropAfter,
            FaultKind::Stall,       FaultKind::Truncated,   FaultKind::ApiSpecific,
        };
        std::uniform_int_distribution<int> pick(0, int(std::size(kinds)) - 1);
        return kinds[pick(m_rng)];
    }

private:
    double m_rate;
    std::mt19937_64 m_rng;
};

} // namespace Sandbox
