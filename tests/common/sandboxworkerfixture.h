#pragma once

// The setup the worker integration tests share: orderbridge-sandbox started, a store in a temporary
// folder, and the real SyncWorker on its own thread in a WorkerHost, as the console runs it.

#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "spyerror.h"

#include "common/error.h"
#include "magento/magentoclient.h"
#include "store/database.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

class SandboxWorkerFixture
{
public:
    SandboxWorkerFixture() = default;
    SandboxWorkerFixture(const SandboxWorkerFixture &) = delete;
    SandboxWorkerFixture &operator=(const SandboxWorkerFixture &) = delete;
    ~SandboxWorkerFixture() { stopWorker(); }

    /// Test mode for QStandardPaths, the sandbox started with `sandboxArgs`, and a fresh store
    /// orderbridge.sqlite in a temporary folder. False, with errorString() saying which step failed.
    [[nodiscard]] bool start(const QStringList &sandboxArgs)
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary folder: ") + m_dir.errorString();
            return false;
        }
        if (!m_sandbox.start(sandboxArgs)) {
            m_error = m_sandbox.errorString();
            return false;
        }
        auto db = OrderBridge::Database::open(m_dir.filePath(QStringLiteral("orderbridge.sqlite")));
        if (!db) {
            m_error = errorText(db);
            return false;
        }
        m_db = *db;
        return true;
    }

    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] SandboxProcess &sandbox() { return m_sandbox; }
    [[nodiscard]] const std::shared_ptr<OrderBridge::Database> &database() const { return m_db; }

    /// Both sandbox connections over the store.
    [[nodiscard]] OrderBridge::SyncWorkerConfig workerConfig() const { return SandboxConnections::workerConfig(m_sandbox, m_db); }

    /// A WorkerHost over the store (no credential store: the configuration is the test's own),
    /// started and given `config`; stopped by stopWorker() or the fixture's end.
    OrderBridge::WorkerHost *startWorker(const OrderBridge::SyncWorkerConfig &config)
    {
        m_host = std::make_unique<OrderBridge::WorkerHost>(m_db, nullptr);
        m_host->start();
        m_host->reconfigure(config);
        return m_host.get();
    }

    [[nodiscard]] OrderBridge::WorkerHost *host() const { return m_host.get(); }
    /// The hosted worker, for its notifications.
    [[nodiscard]] OrderBridge::SyncWorker *worker() const { return m_host ? m_host->worker() : nullptr; }

    /// The test's own Magento client on the sandbox store, standing for the storefront customer and
    /// the shop admin (made on first use, on the test's thread).
    OrderBridge::MagentoClient &magento()
    {
        if (!m_magento) {
            const OrderBridge::SyncWorkerConfig config = workerConfig();
            m_magento = std::make_unique<OrderBridge::MagentoClient>(&m_network, config.magento, config.magentoSecrets);
        }
        return *m_magento;
    }

    /// Signs the test's own look at the org in; false with errorString() when the org refused.
    [[nodiscard]] bool signInToOrg()
    {
        m_org = std::make_unique<OrgQuery>(workerConfig().salesforce);
        if (m_org->connect())
            return true;
        m_error = m_org->errorString();
        return false;
    }

    /// The signed-in look at the org (signInToOrg() first).
    [[nodiscard]] OrgQuery &org() { return *m_org; }

    /// Places `checkout` as a storefront customer through magento(): the entity ID, or 0 with a
    /// warning saying why (so that QVERIFY(id > 0) fails).
    qint64 placeOrder(QObject *context, const OrderBridge::MagentoGuestCheckout &checkout)
    {
        const auto placed = SandboxConnections::placeOrder(magento(), context, checkout);
        if (!placed) {
            qWarning("could not place an order: %s", qPrintable(errorText(placed)));
            return 0;
        }
        return *placed;
    }

    void stopWorker() { m_host.reset(); }

    /// Asks the host for the run and waits for its answer. Failed or timed out: a summary with
    /// errors = -1, so that QCOMPARE(run.errors, 0) fails.
    OrderBridge::SyncRunSummary run(const OrderBridge::RunRequest &request)
    {
        std::optional<OrderBridge::RunResult> answer;
        QObject asker; // a late answer (after a timeout) is dropped with it
        m_host->run(request, &asker, [&answer](const OrderBridge::RunResult &result) { answer = result; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 120000))
            qWarning("worker did not finish");
        if (answer && !answer->has_value())
            qWarning("worker failed: %s", qPrintable(answer->error().toString()));
        if (!answer || !answer->has_value()) {
            OrderBridge::SyncRunSummary none;
            none.errors = -1;
            return none;
        }
        return **answer;
    }

private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_db;
    std::unique_ptr<OrderBridge::WorkerHost> m_host;
    QNetworkAccessManager m_network;
    std::unique_ptr<OrderBridge::MagentoClient> m_magento;
    std::unique_ptr<OrgQuery> m_org;
    QString m_error;
};
