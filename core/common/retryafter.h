#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace OrderBridge {

/// How long a `Retry-After` header asks to wait, in milliseconds: delta-seconds ("120") or an HTTP-date
/// ("Wed, 21 Oct 2026 07:28:00 GMT", RFC 9110 §10.2.3, also the obsolete RFC 850 and asctime forms), measured
/// from `nowUtc`. A date in the past is 0; an absent or unreadable header is nothing. The caller caps the wait.
[[nodiscard]] std::optional<qint64> retryAfterMs(const QByteArray &header, const QDateTime &nowUtc);

} // namespace OrderBridge
