#include "workercommand.h"

#include "credentials/credentialstore.h"
#include "sync/syncworker.h"

#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

WorkerCommand::WorkerCommand(const CliContext &context, QObject *parent)
    : Command(context, parent)
{
}

WorkerCommand::~WorkerCommand()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void WorkerCommand::withWorker(std::function<void(SyncWorker *)> ready)
{
    loadWorkerConfig([this, ready = std::move(ready)](Result<SyncWorkerConfig> config, const QString &profile) {
        if (!config) {
            fail(config.error());
            return;
        }
        ready(startWorker(*config, profile));
    });
}

SyncWorker *WorkerCommand::startWorker(const SyncWorkerConfig &config, const QString &profile)
{
    m_thread = new QThread(this);
    m_thread->setObjectName(u"sync-worker"_s);
    auto *worker = new SyncWorker(config);
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &SyncWorker::failed, this, [this](const Error &e) { fail(e); });
    connect(worker, &SyncWorker::authorizeUrlReady, this, [this](const QUrl &url) {
        context().err << u"Open this address in a browser to sign in to Salesforce:\n  "_s
                      << url.toString(QUrl::FullyEncoded) << u'\n' << Qt::flush;
    });
    connect(worker, &SyncWorker::refreshTokenIssued, this, [this, profile](const QString &token) {
        if (CredentialStore *store = credentials())
            store->write(profile, u"salesforce.refresh_token"_s, token);
    });
    m_thread->start();
    return worker;
}

} // namespace OrderBridge
