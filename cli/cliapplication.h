#pragma once

#include "clicontext.h"

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace OrderBridge {

class Command;
class Database;
class DatabasePasswordReader;

/// orderbridge-cli: reads the global options, then hands the rest to the command named first.
/// main() only builds the QCoreApplication and calls start().
///
/// Global options: `--data-dir DIR` (else $ORDERBRIDGE_DATA_DIR, else the platform's application-data
/// folder, see DataLocation), `--database postgresql://USER@HOST:PORT/DBNAME` (else $ORDERBRIDGE_DATABASE; a shared
/// PostgreSQL store instead of the SQLite file, its password read first from the secrets file or the keychain),
/// `--help`, `--version`. Commands that only touch the store (ConfigCommand,
/// MappingCommand) run at once; the others are a Command that may wait on the event loop.
/// Exit statuses: see ExitCode.
class CliApplication
{
public:
    CliApplication();
    ~CliApplication();

    /// Runs the command in `args` (the arguments after the program name); `done` gets the exit
    /// status once, either before start() returns or later from the event loop.
    void start(const QStringList &args, QTextStream &out, QTextStream &err, std::function<void(int)> done);

    static QString usageText();

private:
    /// Takes the global options before the command word; the exit status when they answer the
    /// call themselves (--help, --version) or are wrong, else nullopt with the command in `rest`.
    std::optional<ExitCode> readGlobalOptions(const QStringList &args, QTextStream &out, QTextStream &err,
                                              QStringList *rest);
    /// Runs the commands that finish at once (config, mapping but add) and answers a missing
    /// command; nullopt for the others.
    std::optional<ExitCode> runImmediate(const QStringList &rest);
    /// `config set KEY VALUE`: the one config command that needs the sync worker.
    [[nodiscard]] static bool isConfigSet(const QStringList &rest);
    /// The command named `name` that may wait on the event loop, null for an unknown name;
    /// `args` loses what only picked the command ("add" of mapping add).
    std::unique_ptr<Command> createCommand(const QString &name, QStringList *args);
    /// Everything after the global options: the immediate commands, else the command that waits.
    void runCommand(const QStringList &rest, std::function<void(int)> done);
    /// With a shared database, reads its password (asynchronously from the keychain), then runs the command.
    void readPasswordThenRun(const QStringList &rest, std::function<void(int)> done);
    Result<std::shared_ptr<Database>> openDatabase();

    std::shared_ptr<Database> m_database;
    QString m_dataDir;
    QString m_databaseLocation; ///< --database or $ORDERBRIDGE_DATABASE; empty: the SQLite file in the data folder
    QString m_databasePassword;
    std::unique_ptr<DatabasePasswordReader> m_passwordReader;
    std::unique_ptr<CliContext> m_context;
    std::unique_ptr<Command> m_command;
};

} // namespace OrderBridge
