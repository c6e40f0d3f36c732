#pragma once

#include "clicontext.h"
#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"

#include <QStringList>

#include <optional>

namespace OrderBridge {

/// `orderbridge-cli mapping list | add | remove | export | import`, over MappingEditor.
/// The system mappings are seeded (idempotently) before any mapping command runs.
class MappingCommand
{
public:
    explicit MappingCommand(const CliContext &context);

    /// Runs with the arguments after "mapping".
    ExitCode run(const QStringList &args);

    static QString usageText();
    /// The command's lines in the program's help.
    static QString synopsis();

    /// The mapping `mapping add ARGS` asks for; on bad usage, the usage error was printed and
    /// `*failure` holds the exit status.
    std::optional<FieldMapping> parseAdd(const QStringList &args, ExitCode *failure);
    /// Adds a parsed mapping, its Salesforce field checked against `schema` (the org's live describe
    /// over the built-in catalogue when connected, else the catalogue).
    ExitCode addWith(const FieldMapping &mapping, const SalesforceSchema &schema);

private:
    ExitCode list(const QStringList &args);
    ExitCode add(const QStringList &args);
    ExitCode remove(const QString &idText);
    ExitCode exportTo(const QString &filePath);
    ExitCode importFrom(const QString &filePath);

    const CliContext &m_context;
};

} // namespace OrderBridge
