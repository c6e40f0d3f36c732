#pragma once

#include "clicontext.h"

#include <QStringList>

namespace OrderBridge {

/// `orderbridge-cli config show [--json] | get KEY | set KEY VALUE | export FILE | import FILE`.
class ConfigCommand
{
public:
    explicit ConfigCommand(const CliContext &context);

    /// Runs with the arguments after "config".
    ExitCode run(const QStringList &args);

    static QString usageText();
    /// The command's lines in the program's help.
    static QString synopsis();

private:
    ExitCode show(bool json);
    ExitCode get(const QString &key);
    ExitCode set(const QString &key, const QString &value);
    ExitCode exportTo(const QString &filePath);
    ExitCode importFrom(const QString &filePath);

    const CliContext &m_context;
};

} // namespace OrderBridge
