#include "command.h"

#include "usagetext.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "sync/workerconfigloader.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Command::Command(const CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

Command::~Command() = default;

void Command::start(const QStringList &args, std::function<void(int)> done)
{
    m_done = std::move(done);
    ArgumentList rest(args);
    m_secretsFile = rest.takeOption(u"--secrets-file"_s).value_or(QString());
    run(std::move(rest));
}

void Command::finish(ExitCode code)
{
    m_context.out.flush();
    m_context.err.flush();
    if (auto done = std::exchange(m_done, nullptr))
        settle([done = std::move(done), code] { done(int(code)); });
}

void Command::fail(const Error &error)
{
    finish(m_context.report(error));
}

void Command::failUsage(const QString &message)
{
    finish(m_context.usage(message, UsageText::networkCommands()));
}

bool Command::rejectRemaining(const ArgumentList &args)
{
    if (args.isEmpty())
        return false;
    failUsage(u"Unexpected argument \"%1\"."_s.arg(args.first()));
    return true;
}

Result<CredentialStore *> Command::openCredentials(const QString &secretsFile)
{
    auto store = createCredentialStore(secretsFile, this);
    if (!store)
        return std::unexpected(store.error());
    m_credentials = std::move(*store);
    return m_credentials.get();
}

void Command::loadWorkerConfig(std::function<void(Result<SyncWorkerConfig>, const QString &)> done)
{
    auto db = m_context.openDatabase();
    if (!db) {
        done(std::unexpected(db.error()), QString());
        return;
    }
    auto store = openCredentials(m_secretsFile);
    if (!store) {
        done(std::unexpected(store.error()), QString());
        return;
    }
    auto *loader = new WorkerConfigLoader(*db, *store, this);
    loader->load([loader, done = std::move(done)](Result<SyncWorkerConfig> config, const QString &profile) {
        loader->deleteLater();
        done(std::move(config), profile);
    });
}

} // namespace OrderBridge
