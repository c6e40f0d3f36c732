#include "cliapplication.h"

#include "clicontext.h"
#include "configcommand.h"
#include "mappingcommand.h"
#include "synccommand.h"

#include <QTimer>
#include "store/datalocation.h"
#include "store/database.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString CliApplication::usageText()
{
    return u"usage: orderbridge-cli [--data-dir DIR] COMMAND ...\n"
           u"\n"
           u"Commands:\n"
           u"  config show [--json]        show every option (table, or one JSON object)\n"
           u"  config get KEY              print one option's value\n"
           u"  config set KEY VALUE        change one option (booleans: true/false/yes/no)\n"
           u"  config export FILE          write the options as JSON\n"
           u"  config import FILE          read options from JSON (all or nothing)\n"
           u"  mapping list [--entity order|order-item|order-status] [--json]\n"
           u"  mapping add --entity E --magento ATTR --salesforce FIELD [--when upsert|insert-only|update-only]\n"
           u"              [--default VALUE] [--disabled]   (checked against the connected org's fields)\n"
           u"  mapping remove ID           remove a custom mapping (system mappings stay)\n"
           u"  mapping export FILE         write the mappings as a versioned JSON file\n"
           u"  mapping import FILE         replace the mappings from such a file (all or nothing)\n"_s
        + SyncCommand::usageText() +
           u"\n"
           u"Options:\n"
           u"  --data-dir DIR              keep the database in DIR (default: $ORDERBRIDGE_DATA_DIR, else the\n"
           u"                              platform's application-data folder)\n"
           u"  -h, --help                  show this help\n"
           u"  --version                   show the version\n"
           u"\n"
           u"Exit status: 0 success (for sync: every order asked for is In Sync or rightly not eligible),\n"
           u"1 failure (some orders failed, database refused), 2 bad usage, key or value (nothing changed).\n"_s;
}

int CliApplication::run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QString dataDir;
    QStringList rest;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!rest.isEmpty()) {
            rest << arg;
        } else if (arg == u"--data-dir"_s) {
            if (i + 1 >= args.size() || args.at(i + 1).isEmpty()) {
                err << u"orderbridge-cli: --data-dir needs a folder.\n"_s << usageText();
                return int(ExitCode::Usage);
            }
            dataDir = args.at(++i);
        } else if (arg.startsWith(u"--data-dir="_s)) {
            dataDir = arg.mid(11);
        } else if (arg == u"-h"_s || arg == u"--help"_s) {
            out << usageText();
            return int(ExitCode::Success);
        } else if (arg == u"--version"_s) {
            out << u"orderbridge-cli "_s << QCoreApplication::applicationVersion() << u'\n';
            return int(ExitCode::Success);
        } else if (arg.startsWith(u'-')) {
            err << u"orderbridge-cli: Unknown option \"%1\".\n"_s.arg(arg) << usageText();
            return int(ExitCode::Usage);
        } else {
            rest << arg;
        }
    }

    std::shared_ptr<Database> database;
    const CliContext context{out, err, [&database, &dataDir]() -> Result<std::shared_ptr<Database>> {
                                 if (database)
                                     return database;
                                 auto opened = Database::open(DataLocation::databasePath(dataDir));
                                 if (!opened)
                                     return opened;
                                 database = *opened;
                                 return database;
                             }};

    const QString command = rest.value(0);
    ExitCode code = ExitCode::Usage;
    if (command == u"config"_s)
        code = ConfigCommand(context).run(rest.mid(1));
    else if (command == u"mapping"_s)
        code = MappingCommand(context).run(rest.mid(1));
    else if (command.isEmpty())
        code = context.usage(u"No command given."_s, usageText());
    else
        code = context.usage(u"Unknown command \"%1\"."_s.arg(command), usageText());
    out.flush();
    err.flush();
    return int(code);
}

CliApplication::CliApplication() = default;
CliApplication::~CliApplication() = default;

void CliApplication::start(const QStringList &args, QTextStream &out, QTextStream &err, std::function<void(int)> done)
{
    // Find the command word and --data-dir the same way run() does.
    QString command;
    QStringList rest;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!command.isEmpty()) {
            rest << arg;
        } else if (arg == u"--data-dir"_s && i + 1 < args.size()) {
            m_dataDir = args.at(++i);
        } else if (arg.startsWith(u"--data-dir="_s)) {
            m_dataDir = arg.mid(11);
        } else if (!arg.startsWith(u'-')) {
            command = arg;
        }
    }
    static const QStringList asyncCommands{u"connect"_s, u"sync"_s, u"retry"_s, u"status"_s, u"test-connection"_s};
    // mapping add asks the connected org for its fields: it needs the event loop too.
    const bool mappingAdd = command == u"mapping"_s && rest.value(0) == u"add"_s;
    if (!asyncCommands.contains(command) && !mappingAdd) {
        const int code = run(args, out, err);
        QTimer::singleShot(0, [done, code] { done(code); });
        return;
    }
    m_context = std::make_unique<CliContext>(CliContext{out, err, [this]() -> Result<std::shared_ptr<Database>> {
                                                            if (m_database)
                                                                return m_database;
                                                            auto opened = Database::open(DataLocation::databasePath(m_dataDir));
                                                            if (!opened)
                                                                return opened;
                                                            m_database = *opened;
                                                            return m_database;
                                                        }});
    m_syncCommand = std::make_unique<SyncCommand>(*m_context);
    m_syncCommand->start(command, rest, std::move(done));
}

} // namespace OrderBridge
