#pragma once

#include <cmath>
#include <optional>

#include <QtGlobal>

namespace OrderBridge {

/// A JSON number as a whole number, or nothing when it is not one a reply could honestly carry: not finite,
/// with a fraction, or beyond 2^53 (where doubles stop holding every integer). Casting such a double to an
/// integer type straight away is undefined behaviour; every count and id read from a reply goes through here.
[[nodiscard]] inline std::optional<qint64> wholeNumber(double value)
{
    constexpr double limit = 9007199254740992.0; // 2^53
    if (!std::isfinite(value) || value != std::trunc(value) || std::abs(value) > limit)
        return std::nullopt;
    return static_cast<qint64>(value);
}

} // namespace OrderBridge
