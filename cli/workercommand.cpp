#include "workercommand.h"

#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

WorkerCommand::WorkerCommand(const CliContext &context, QObject *parent)
    : Command(context, parent)
{
}

WorkerCommand::~WorkerCommand() = default;

bool WorkerCommand::createHost()
{
    if (m_host)
        return true;
    auto db = context().openDatabase();
    if (!db) {
        fail(db.error());
        return false;
    }
    m_database = *db;
    auto store = createCredentialStore(secretsFile());
    if (!store) {
        fail(store.error());
        return false;
    }
    m_host = std::make_unique<WorkerHost>(m_database, std::move(*store));
    connect(m_host->worker(), &SyncWorker::authorizeUrlReady, this, [this](const QUrl &url) {
        context().err << u"Open this address in a browser to sign in to Salesforce:\n  "_s
                      << url.toString(QUrl::FullyEncoded) << u'\n' << Qt::flush;
    });
    return true;
}

void WorkerCommand::settle(std::function<void()> then)
{
    if (!m_host) {
        then();
        return;
    }
    m_host->whenSecretsKept(this, std::move(then));
}

bool WorkerCommand::lockDataFolder()
{
    if (auto held = m_host->lockDataFolder()) {
        fail(*held);
        return false;
    }
    return true;
}

void WorkerCommand::startHost(std::function<void()> ready, std::function<void(const Error &)> unconfigured)
{
    connect(m_host.get(), &WorkerHost::configured, this, [ready = std::move(ready)] { ready(); });
    connect(m_host.get(), &WorkerHost::configProblem, this, [this, unconfigured = std::move(unconfigured)](const Error &error) {
        if (unconfigured)
            unconfigured(error);
        else
            fail(error);
    });
    // A run is not ended by it, but the operator must learn it (stderr; cron mails it).
    connect(m_host.get(), &WorkerHost::secretNotKept, this, [this](const Error &error) { context().report(error); });
    m_host->start();
}

void WorkerCommand::startHostWithoutConnection()
{
    m_host->start(WorkerHost::Connection::None);
}

void WorkerCommand::withHost(std::function<void()> ready)
{
    if (createHost())
        startHost(std::move(ready));
}

} // namespace OrderBridge
