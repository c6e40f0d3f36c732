#include "exitcode.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ExitCode exitCodeFor(const Error &error)
{
    // Environmental failures of the mapping repository; every other mapping.* code is a refused request.
    static const QStringList environmental{u"mapping.export"_s, u"mapping.import"_s, u"mapping.corrupt"_s};
    if (environmental.contains(error.code))
        return ExitCode::Failure;
    if (error.code.startsWith(u"settings."_s) || error.code.startsWith(u"mapping."_s)
        || error.code.startsWith(u"cli."_s) || error.code == u"sync.not_connected"_s
        || error.code == u"connection.invalid"_s)
        return ExitCode::Usage;
    return ExitCode::Failure;
}

} // namespace OrderBridge
