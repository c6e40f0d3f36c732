#include "sync/syncworker.h"

#include "common/logging.h"
#include "sync/connectionchecker.h"
#include "sync/orgsetup.h"
#include "sync/connectionprofilesave.h"
#include "sync/mappingssave.h"
#include "sync/orderpreviewer.h"
#include "sync/orgschemareader.h"
#include "sync/syncrunner.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

SyncWorker::SyncWorker(SyncWorkerConfig config, OrgSession::NetworkFactory makeNetwork, QObject *parent)
    : QObject(parent)
    , m_session(new OrgSession(std::move(config), std::move(makeNetwork), this))
    , m_runner(new SyncRunner(m_session, this))
    , m_checker(new ConnectionChecker(m_session, this))
    , m_setup(new OrgSetup(m_session, this))
    , m_previewer(new OrderPreviewer(m_session, this))
    , m_schemaReader(new OrgSchemaReader(m_session, this))
{
    connect(m_runner, &SyncRunner::runStarted, this, &SyncWorker::runStarted);
    connect(m_runner, &SyncRunner::progress, this, &SyncWorker::progress);
    connect(m_runner, &SyncRunner::batchFinished, this, &SyncWorker::batchFinished);
    connect(m_runner, &SyncRunner::runFinished, this, &SyncWorker::handleRunFinished);
    connect(m_session, &OrgSession::apiUsageChanged, this, &SyncWorker::apiUsageChanged);
    connect(m_session, &OrgSession::signedIn, this, &SyncWorker::signedIn);
    connect(m_session, &OrgSession::authorizeUrlReady, this, &SyncWorker::authorizeUrlReady);
    connect(m_session, &OrgSession::refreshTokenIssued, this, &SyncWorker::refreshTokenIssued);
    connect(m_session, &OrgSession::refreshTokenRefused, this, &SyncWorker::refreshTokenRefused);
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setReadOnly(const Error &reason)
{
    m_readOnly = reason;
}

void SyncWorker::run(const RunRequest &request, Reply<RunResult> reply)
{
    if (m_readOnly) {
        if (reply)
            reply(std::unexpected(*m_readOnly));
        return;
    }
    m_runner->run(request, std::move(reply));
}

void SyncWorker::cancel()
{
    m_runner->cancel();
}

void SyncWorker::testConnection(Reply<QList<ConnectionCheck>> reply)
{
    m_checker->check(std::move(reply));
}

void SyncWorker::setupSalesforce(bool dryRun, Reply<Result<OrgSetupReport>> reply)
{
    m_setup->run(dryRun, std::move(reply));
}

void SyncWorker::reconfigure(const SyncWorkerConfig &config)
{
    if (m_runner->isBusy()) {
        // The batch in flight finishes (its writes cannot be called back); the run stops after it.
        m_pendingConfig = config;
        m_runner->cancel();
        qCInfo(lcSync) << "new connection settings: applied when the batch in flight is done";
        return;
    }
    applyConfig(config);
}

void SyncWorker::applyConfig(const SyncWorkerConfig &config)
{
    m_session->reconfigure(config);
    qCInfo(lcSync) << (m_session->isConfigured() ? "connection settings changed: the next request connects anew"
                                                 : "no connection is configured");
    Q_EMIT configurationChanged(m_session->isConfigured());
}

void SyncWorker::handleRunFinished(const RunResult &result)
{
    // Observers hear of the run's end before a configuration that waited for it takes effect.
    Q_EMIT runFinished(result);
    if (m_pendingConfig)
        applyConfig(*std::exchange(m_pendingConfig, std::nullopt));
}

void SyncWorker::saveConnectionProfile(const ConnectionProfile &profile, Reply<Result<ConnectionProfile>> reply)
{
    if (m_readOnly) {
        reply(std::unexpected(*m_readOnly));
        return;
    }
    ConnectionProfileSave save(m_session->database());
    reply(save.save(profile));
    if (const std::optional<QDateTime> since = save.syncStartedAt())
        Q_EMIT syncStartSet(*since);
}

void SyncWorker::readOrgSchema(Reply<Result<OrgSchema>> reply)
{
    m_schemaReader->read(std::move(reply));
}

void SyncWorker::refreshOrgSchema(Reply<Result<OrgSchema>> reply)
{
    m_schemaReader->refresh(std::move(reply));
}

void SyncWorker::previewOrder(const QString &incrementId, Reply<OrderPreview> reply)
{
    m_previewer->preview(incrementId, std::move(reply));
}

void SyncWorker::saveSettings(const QHash<QString, QString> &values, Reply<Result<SettingsUpdate::Outcome>> reply)
{
    if (m_readOnly) {
        reply(std::unexpected(*m_readOnly));
        return;
    }
    const std::optional<OrgSchema> &org = m_session->orgSchema();
    auto outcome = SettingsUpdate(m_session->database()).apply(values, org ? org->orderStatuses : QList<OrderStatusValue>{});
    if (outcome)
        m_session->setRequestTimeout(outcome->settings.requestTimeoutMs());
    reply(std::move(outcome));
}

void SyncWorker::saveMappings(MappingEntity entity, const FieldMappingList &mappings, Reply<Result<void>> reply)
{
    if (m_readOnly) {
        reply(std::unexpected(*m_readOnly));
        return;
    }
    reply(MappingsSave(m_session->database()).save(entity, mappings, m_session->schema()));
}

} // namespace OrderBridge
