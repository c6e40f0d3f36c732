#include "cliapplication.h"

#include "command.h"
#include "configcommand.h"
#include "configsetcommand.h"
#include "connectcommand.h"
#include "mappingaddcommand.h"
#include "mappingcommand.h"
#include "retrycommand.h"
#include "statuscommand.h"
#include "synccommand.h"
#include "testconnectioncommand.h"
#include "setupcommand.h"
#include "usagetext.h"
#include "credentials/databasepasswordreader.h"
#include "store/datalocation.h"
#include "store/database.h"
#include "store/postgresaddress.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

CliApplication::CliApplication() = default;
CliApplication::~CliApplication() = default;

QString CliApplication::usageText()
{
    return UsageText::program();
}

void CliApplication::start(const QStringList &args, QTextStream &out, QTextStream &err, std::function<void(int)> done)
{
    QStringList rest;
    const std::optional<ExitCode> code = readGlobalOptions(args, out, err, &rest);
    if (code) {
        out.flush();
        err.flush();
        done(int(*code));
        return;
    }
    if (m_databaseLocation.isEmpty())
        m_databaseLocation = qEnvironmentVariable("ORDERBRIDGE_DATABASE");
    m_context = std::make_unique<CliContext>(CliContext{out, err, [this] { return openDatabase(); }});
    if (PostgresAddress::isUrl(m_databaseLocation) && !rest.isEmpty())
        readPasswordThenRun(rest, std::move(done));
    else
        runCommand(rest, std::move(done));
}

void CliApplication::readPasswordThenRun(const QStringList &rest, std::function<void(int)> done)
{
    // A wrong URL is said before any keychain prompt.
    if (const auto address = PostgresAddress::parse(m_databaseLocation); !address) {
        done(int(m_context->report(address.error())));
        return;
    }
    // The command's own --secrets-file names the file the password is in too.
    QString secretsFile;
    for (qsizetype i = 1; i < rest.size(); ++i) {
        if (rest.at(i) == u"--secrets-file"_s)
            secretsFile = rest.value(i + 1);
        else if (rest.at(i).startsWith(u"--secrets-file="_s))
            secretsFile = rest.at(i).mid(15);
    }
    m_passwordReader = std::make_unique<DatabasePasswordReader>();
    m_passwordReader->read(secretsFile, [this, rest, done = std::move(done)](Result<QString> password) mutable {
        if (!password) {
            done(int(m_context->report(password.error())));
            return;
        }
        m_databasePassword = *password;
        runCommand(rest, std::move(done));
    });
}

void CliApplication::runCommand(const QStringList &rest, std::function<void(int)> done)
{
    std::optional<ExitCode> code = runImmediate(rest);
    QStringList commandArgs = rest.mid(1);
    if (!code) {
        m_command = createCommand(rest.first(), &commandArgs);
        if (!m_command)
            code = m_context->usage(u"Unknown command \"%1\"."_s.arg(rest.first()), usageText());
    }
    if (code) {
        m_context->out.flush();
        m_context->err.flush();
        done(int(*code));
        return;
    }
    m_command->start(commandArgs, std::move(done));
}

std::optional<ExitCode> CliApplication::readGlobalOptions(const QStringList &args, QTextStream &out, QTextStream &err,
                                                          QStringList *rest)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!rest->isEmpty()) {
            *rest << arg;
        } else if (arg == u"--data-dir"_s) {
            if (i + 1 >= args.size() || args.at(i + 1).isEmpty()) {
                err << u"orderbridge-cli: --data-dir needs a folder.\n"_s << usageText();
                return ExitCode::Usage;
            }
            m_dataDir = args.at(++i);
        } else if (arg.startsWith(u"--data-dir="_s)) {
            m_dataDir = arg.mid(11);
        } else if (arg == u"--database"_s) {
            if (i + 1 >= args.size() || args.at(i + 1).isEmpty()) {
                err << u"orderbridge-cli: --database needs postgresql://USER@HOST:PORT/DBNAME.\n"_s << usageText();
                return ExitCode::Usage;
            }
            m_databaseLocation = args.at(++i);
        } else if (arg.startsWith(u"--database="_s)) {
            m_databaseLocation = arg.mid(11);
        } else if (arg == u"-h"_s || arg == u"--help"_s) {
            out << usageText();
            return ExitCode::Success;
        } else if (arg == u"--version"_s) {
            out << u"orderbridge-cli "_s << QCoreApplication::applicationVersion() << u'\n';
            return ExitCode::Success;
        } else if (arg.startsWith(u'-')) {
            err << u"orderbridge-cli: Unknown option \"%1\".\n"_s.arg(arg) << usageText();
            return ExitCode::Usage;
        } else {
            *rest << arg;
        }
    }
    return std::nullopt;
}

std::optional<ExitCode> CliApplication::runImmediate(const QStringList &rest)
{
    const QString name = rest.value(0);
    if (name.isEmpty())
        return m_context->usage(u"No command given."_s, usageText());
    // config set goes through the settings update on the sync worker: it waits like the network commands.
    if (name == u"config"_s && !isConfigSet(rest))
        return ConfigCommand(*m_context).run(rest.mid(1));
    // mapping add asks the connected org for its fields: it waits like the network commands.
    if (name == u"mapping"_s && rest.value(1) != u"add"_s)
        return MappingCommand(*m_context).run(rest.mid(1));
    return std::nullopt;
}

std::unique_ptr<Command> CliApplication::createCommand(const QString &name, QStringList *args)
{
    if (name == u"connect"_s)
        return std::make_unique<ConnectCommand>(*m_context);
    if (name == u"config"_s) {
        args->removeFirst(); // "set"
        return std::make_unique<ConfigSetCommand>(*m_context);
    }
    if (name == u"sync"_s)
        return std::make_unique<SyncCommand>(*m_context);
    if (name == u"retry"_s)
        return std::make_unique<RetryCommand>(*m_context);
    if (name == u"test-connection"_s)
        return std::make_unique<TestConnectionCommand>(*m_context);
    if (name == u"status"_s)
        return std::make_unique<StatusCommand>(*m_context);
    if (name == u"setup"_s)
        return std::make_unique<SetupCommand>(*m_context);
    if (name == u"mapping"_s) {
        args->removeFirst(); // "add"
        return std::make_unique<MappingAddCommand>(*m_context);
    }
    return nullptr;
}

bool CliApplication::isConfigSet(const QStringList &rest)
{
    return rest.size() == 4 && rest.at(1) == u"set"_s;
}

Result<std::shared_ptr<Database>> CliApplication::openDatabase()
{
    if (m_database)
        return m_database;
    Result<std::shared_ptr<Database>> opened;
    if (PostgresAddress::isUrl(m_databaseLocation)) {
        const auto address = PostgresAddress::parse(m_databaseLocation);
        if (!address)
            return std::unexpected(address.error());
        opened = Database::open(*address, m_databasePassword);
    } else {
        opened = Database::open(m_databaseLocation.isEmpty() ? DataLocation::databasePath(m_dataDir)
                                                             : m_databaseLocation);
    }
    if (!opened)
        return opened;
    m_database = *opened;
    return m_database;
}

} // namespace OrderBridge
