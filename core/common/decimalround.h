#pragma once

#include <algorithm>
#include <cmath>

namespace OrderBridge {

/// Rounds half up (away from zero) to `scale` decimals on the decimal value a double stands for: 19.995 is
/// 20.00, though the nearest double lies a hair below the tie. The nudge is a relative epsilon far below one
/// unit of the four decimals Magento keeps.
[[nodiscard]] inline double roundDecimal(double value, int scale)
{
    const double factor = std::pow(10.0, scale);
    const double scaled = value * factor;
    const double nudge = std::copysign(1e-9 * std::max(1.0, std::abs(scaled)), scaled);
    const double rounded = std::round(scaled + nudge) / factor;
    return rounded == 0 ? 0.0 : rounded;
}

} // namespace OrderBridge
