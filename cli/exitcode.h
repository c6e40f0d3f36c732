#pragma once

#include "common/error.h"

namespace OrderBridge {

/// Exit statuses of orderbridge-cli.
enum class ExitCode : int {
    Success = 0,
    /// Something outside the request failed (database refused, file unreadable, disk full).
    Failure = 1,
    /// The request itself was wrong: bad usage, unknown key, invalid value, refused change. Nothing changed.
    Usage = 2,
};

/// Usage for errors caused by what the user asked (settings.*, mapping.* validation, a connection profile
/// the profile rule refuses), Failure for the rest.
[[nodiscard]] ExitCode exitCodeFor(const Error &error);

} // namespace OrderBridge
