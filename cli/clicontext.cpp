#include "clicontext.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ExitCode CliContext::report(const Error &error) const
{
    err << u"orderbridge-cli: "_s << error.message << u'\n';
    if (!error.hint.isEmpty())
        err << u"  "_s << error.hint << u'\n';
    err.flush();
    return exitCodeFor(error);
}

ExitCode CliContext::usage(const QString &message, const QString &usageText) const
{
    err << u"orderbridge-cli: "_s << message << u'\n' << usageText;
    err.flush();
    return ExitCode::Usage;
}

} // namespace OrderBridge
