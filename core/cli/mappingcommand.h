#pragma once

#include "cli/clicontext.h"

#include <QStringList>

namespace OrderBridge {

/// `orderbridge-cli mapping list | add | remove | export | import`, over MappingRepository.
/// The system mappings are seeded (idempotently) before any mapping command runs.
class MappingCommand
{
public:
    explicit MappingCommand(const CliContext &context);

    /// Runs with the arguments after "mapping".
    ExitCode run(const QStringList &args);

    static QString usageText();

private:
    ExitCode list(const QStringList &args);
    ExitCode add(const QStringList &args);
    ExitCode remove(const QString &idText);
    ExitCode exportTo(const QString &filePath);
    ExitCode importFrom(const QString &filePath);

    const CliContext &m_context;
};

} // namespace OrderBridge
