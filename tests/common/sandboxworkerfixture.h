#pragma once

// The setup the worker integration tests share: orderbridge-sandbox started, a store in a temporary
// folder, and the real SyncWorker on its own thread, as the console runs it.

#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "spyerror.h"

#include "common/error.h"
#include "magento/magentoclient.h"
#include "store/database.h"
#include "sync/syncworker.h"

#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

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

    /// A SyncWorker with `config`, moved to its own thread "sync-worker" and running; deleted when
    /// the thread finishes (stopWorker(), or the fixture's end).
    OrderBridge::SyncWorker *startWorker(const OrderBridge::SyncWorkerConfig &config)
    {
        m_worker = new OrderBridge::SyncWorker(config);
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.setObjectName(QStringLiteral("sync-worker"));
        m_thread.start();
        return m_worker;
    }

    [[nodiscard]] OrderBridge::SyncWorker *worker() const { return m_worker; }

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

    void stopWorker()
    {
        m_thread.quit();
        m_thread.wait();
    }

    /// Invokes the worker's run slot (pollOnce, or syncOrders with `orders`) queued and waits for its
    /// summary. Failed or timed out: a summary with errors = -1, so that QCOMPARE(run.errors, 0) fails.
    OrderBridge::SyncRunSummary run(const char *slot, const QStringList &orders = {})
    {
        using OrderBridge::SyncWorker;
        QSignalSpy finished(m_worker, &SyncWorker::finished);
        QSignalSpy failed(m_worker, &SyncWorker::failed);
        if (orders.isEmpty())
            QMetaObject::invokeMethod(m_worker, slot, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(m_worker, slot, Qt::QueuedConnection, Q_ARG(QStringList, orders));
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 120000))
            qWarning("worker did not finish");
        if (!failed.isEmpty())
            qWarning("worker failed: %s", qPrintable(spyError(failed)));
        if (finished.isEmpty()) {
            OrderBridge::SyncRunSummary none;
            none.errors = -1;
            return none;
        }
        return finished.first().first().value<OrderBridge::SyncRunSummary>();
    }

private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_db;
    QThread m_thread;
    OrderBridge::SyncWorker *m_worker = nullptr;
    QNetworkAccessManager m_network;
    std::unique_ptr<OrderBridge::MagentoClient> m_magento;
    std::unique_ptr<OrgQuery> m_org;
    QString m_error;
};
