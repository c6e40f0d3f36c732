#include "exitcode.h"

namespace OrderBridge {

ExitCode exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::Invalid:
    case ErrorKind::NotConfigured:
        return ExitCode::Usage;
    case ErrorKind::Failed:
    case ErrorKind::Busy:
    case ErrorKind::NotFound:
    case ErrorKind::RequestLimit:
    case ErrorKind::Reconfigured:
    case ErrorKind::Locked:
        return ExitCode::Failure;
    }
    return ExitCode::Failure;
}

} // namespace OrderBridge
