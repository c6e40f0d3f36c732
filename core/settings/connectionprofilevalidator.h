#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"

#include <QCoreApplication>

#include <optional>

namespace OrderBridge {

/// The one rule for connection profiles, used by the console, the command line and the worker.
class ConnectionProfileValidator
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfileValidator)

public:
    /// Checks a profile before it is stored or used; the error names the field and the fix.
    [[nodiscard]] static std::optional<Error> validate(const ConnectionProfile &profile);
};

} // namespace OrderBridge
