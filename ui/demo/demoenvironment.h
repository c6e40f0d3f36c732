#pragma once

#include "common/error.h"
#include "magento/magentoconnection.h"
#include "magento/magentosecrets.h"
#include "store/connectionprofile.h"

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <memory>

namespace OrderBridge {
class CredentialStore;
class Database;
}

/// The built-in demo of `orderbridge --demo`: runs orderbridge-sandbox (a Magento store and a Salesforce
/// org on loopback) in the background and points the demo's own store at it.
///
/// start() launches the sandbox with its state kept in the demo data folder (a restarted demo keeps its
/// orders), reads its ready line without blocking, then saves the active "demo" connection profile in the
/// demo database and the sandbox's throw-away secrets in a 0600 secrets file of the demo folder, and emits
/// ready(). The user's keychain and real profiles are never touched: the demo has its own data folder.
/// Anything that goes wrong before that is reported once through failed(). The sandbox is stopped
/// (SIGTERM, then waited for) by stop() and by the destructor.
class DemoEnvironment : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoEnvironment)

public:
    /// Name of the connection profile the demo writes.
    static constexpr const char *ProfileName = "demo";
    /// Environment variable naming the orderbridge-sandbox executable (overrides the search next to the app).
    static constexpr const char *SandboxEnvironmentVariable = "ORDERBRIDGE_SANDBOX";

    /// `dataDir` holds the sandbox's state and the secrets file; `database` is the demo's own store
    /// (normally dataDir/orderbridge.sqlite). `sandboxExecutable` is the orderbridge-sandbox to run.
    DemoEnvironment(QString dataDir, std::shared_ptr<OrderBridge::Database> database, QString sandboxExecutable,
                    QObject *parent = nullptr);
    ~DemoEnvironment() override;

    /// The sandbox to run: $ORDERBRIDGE_SANDBOX when set, else orderbridge-sandbox next to this program,
    /// else in the build tree's sandbox/ folder beside app/, else on PATH. Empty when none was found.
    [[nodiscard]] static QString locateSandbox();
    /// The demo's data folder when the user gave none: AppDataLocation/demo.
    [[nodiscard]] static QString defaultDataDir();

    /// Ports the sandbox listens on; 0 (the default) lets it pick free ones. Call before start().
    void setPorts(quint16 magentoPort, quint16 salesforcePort);
    /// Milliseconds to wait for the ready line before giving up (default 30 s).
    void setStartTimeout(int ms);

    /// Starts the sandbox; ready() or failed() follows, never from within this call.
    void start();
    /// Sends SIGTERM and waits up to `timeoutMs` for the sandbox to save its state and exit (then kills it).
    void stop(int timeoutMs = 10000);
    [[nodiscard]] bool isReady() const { return m_ready; }
    /// The running sandbox's process id (0 when none runs), for diagnostics.
    [[nodiscard]] qint64 sandboxProcessId() const { return m_process.processId(); }

    [[nodiscard]] QString dataDir() const { return m_dataDir; }
    [[nodiscard]] QString sandboxExecutable() const { return m_executable; }
    /// The sandbox's state file (its Salesforce org is kept beside it, in ".salesforce").
    [[nodiscard]] QString stateFilePath() const;
    /// The 0600 secrets file holding the demo profile's secrets.
    [[nodiscard]] QString secretsFilePath() const;

    /// After ready(): the profile saved in the demo database.
    [[nodiscard]] OrderBridge::ConnectionProfile profile() const { return m_profile; }
    /// After ready(): where the sandbox's Magento store is and how to sign in (for the Demo Store client).
    [[nodiscard]] OrderBridge::MagentoConnection magentoConnection() const;
    [[nodiscard]] OrderBridge::MagentoSecrets magentoSecrets() const;
    /// After ready(): the sandbox's ready line as it printed it.
    [[nodiscard]] QJsonObject readyInfo() const { return m_readyInfo; }
    /// After ready(): a read-only credential store over the demo's secrets file.
    [[nodiscard]] OrderBridge::Result<std::unique_ptr<OrderBridge::CredentialStore>>
    createCredentialStore(QObject *parent = nullptr) const;

Q_SIGNALS:
    /// The sandbox runs, the demo profile and its secrets are written.
    void ready();
    /// The demo could not start: the error names the problem and the fix.
    void failed(const OrderBridge::Error &error);
    /// The sandbox exited on its own after it was ready.
    void sandboxExited(const OrderBridge::Error &error);

private:
    void handleOutput();
    void handleProcessError(QProcess::ProcessError error);
    void handleFinished(int exitCode, QProcess::ExitStatus status);
    void handleTimeout();
    void handleReadyLine(const QByteArray &line);
    OrderBridge::Result<void> writeConnection();
    OrderBridge::Result<void> writeSecretsFile() const;
    void fail(const OrderBridge::Error &error);
    [[nodiscard]] OrderBridge::Error exitError(const QString &what);

    QString m_dataDir;
    std::shared_ptr<OrderBridge::Database> m_database;
    QString m_executable;
    quint16 m_magentoPort = 0;
    quint16 m_salesforcePort = 0;
    QProcess m_process;
    QTimer m_startTimer;
    QByteArray m_stdout;
    QJsonObject m_readyInfo;
    OrderBridge::ConnectionProfile m_profile;
    bool m_starting = false;
    bool m_ready = false;
    bool m_stopping = false;
};
