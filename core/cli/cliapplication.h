#pragma once

#include <QStringList>
#include <QTextStream>

namespace OrderBridge {

/// The orderbridge-cli commands. main() only builds the QCoreApplication and calls run().
///
/// Global options: `--data-dir DIR` (else $ORDERBRIDGE_DATA_DIR, else the platform's application-data
/// folder, see DataLocation), `--help`, `--version`. Commands: `config ...` (ConfigCommand) and
/// `mapping ...` (MappingCommand). Exit statuses: see ExitCode.
class CliApplication
{
public:
    CliApplication() = default;

    /// Runs one command; `args` are the arguments after the program name.
    int run(const QStringList &args, QTextStream &out, QTextStream &err);

    static QString usageText();
};

} // namespace OrderBridge
