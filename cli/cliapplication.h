#pragma once

#include "clicontext.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace OrderBridge {

class Database;
class SyncCommand;

/// The orderbridge-cli commands. main() only builds the QCoreApplication and calls run().
///
/// Global options: `--data-dir DIR` (else $ORDERBRIDGE_DATA_DIR, else the platform's application-data
/// folder, see DataLocation), `--help`, `--version`. Commands: `config ...` (ConfigCommand) and
/// `mapping ...` (MappingCommand). Exit statuses: see ExitCode.
class CliApplication
{
public:
    CliApplication();

    ~CliApplication();

    /// Runs one command; `args` are the arguments after the program name.
    int run(const QStringList &args, QTextStream &out, QTextStream &err);
    /// Runs any command, including those that talk to Magento and Salesforce (connect, sync,
    /// retry, status); `done` gets the exit status once, from the event loop.
    void start(const QStringList &args, QTextStream &out, QTextStream &err, std::function<void(int)> done);

    static QString usageText();

private:
    std::shared_ptr<Database> m_database;
    QString m_dataDir;
    std::unique_ptr<CliContext> m_context;
    std::unique_ptr<SyncCommand> m_syncCommand;
};

} // namespace OrderBridge
