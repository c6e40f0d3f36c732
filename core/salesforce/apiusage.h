#pragma once

#include <QByteArray>
#include <QMetaType>

namespace OrderBridge {

/// The org's API usage as the `Sforce-Limit-Info` header of every reply reports it
/// (`api-usage=18/5000`): calls used in the rolling 24 hours and the allowance.
struct ApiUsage
{
    qint64 used = -1;
    qint64 max = -1;

    [[nodiscard]] bool isValid() const { return used >= 0 && max > 0; }
    /// Share of the allowance used, 0..1 (1 when the allowance is zero or exceeded).
    [[nodiscard]] double share() const { return isValid() ? qMin(1.0, double(used) / double(max)) : 0.0; }
    [[nodiscard]] qint64 remaining() const { return isValid() ? qMax<qint64>(0, max - used) : -1; }

    /// Parses a header value; an invalid ApiUsage when it has no well-formed `api-usage=N/M` part.
    [[nodiscard]] static ApiUsage fromHeader(const QByteArray &value);

    friend bool operator==(const ApiUsage &, const ApiUsage &) = default;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::ApiUsage)
