#include "usagetext.h"

#include "configcommand.h"
#include "connectcommand.h"
#include "mappingcommand.h"
#include "retrycommand.h"
#include "statuscommand.h"
#include "synccommand.h"
#include "testconnectioncommand.h"
#include "setupcommand.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString UsageText::networkCommands()
{
    return ConnectCommand::synopsis() + SyncCommand::synopsis() + RetryCommand::synopsis()
        + TestConnectionCommand::synopsis() + StatusCommand::synopsis() + SetupCommand::synopsis();
}

QString UsageText::program()
{
    return u"usage: orderbridge-cli [--data-dir DIR] [--database URL] COMMAND ...\n"
           u"\n"
           u"Commands:\n"_s
        + ConfigCommand::synopsis() + MappingCommand::synopsis() + networkCommands()
        + u"\n"
          u"Options:\n"
          u"  --data-dir DIR              keep the database in DIR (default: $ORDERBRIDGE_DATA_DIR, else the\n"
          u"                              platform's application-data folder)\n"
          u"  --database URL              use the shared PostgreSQL database postgresql://USER@HOST:PORT/DBNAME\n"
          u"                              (default: $ORDERBRIDGE_DATABASE, else the file in the data folder);\n"
          u"                              its password comes from the secrets file (database.password) or\n"
          u"                              the keychain, never the command line\n"
          u"  -h, --help                  show this help\n"
          u"  --version                   show the version\n"
          u"\n"
          u"Exit status: 0 success (for sync: every order asked for is In Sync or rightly not eligible),\n"
          u"1 failure (some orders failed, database refused), 2 bad usage, key or value (nothing changed).\n"_s;
}

} // namespace OrderBridge
