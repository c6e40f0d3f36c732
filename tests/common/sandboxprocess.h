#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>

/// Runs orderbridge-sandbox for an integration test: starts it with the given flags, waits for its
/// ready line and stops it (SIGTERM) when destroyed.
class SandboxProcess
{
public:
    SandboxProcess();
    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    /// Starts the sandbox; false with errorString() set when it did not become ready in time.
    bool start(const QStringList &arguments = {}, int timeoutMs = 20000);
    /// Sends SIGTERM and waits for a clean exit; returns the exit code (-1 when it had to be killed).
    int stop(int timeoutMs = 10000);

    [[nodiscard]] QJsonObject ready() const { return m_ready; }
    [[nodiscard]] QJsonObject magento() const { return m_ready.value(QStringLiteral("magento")).toObject(); }
    [[nodiscard]] QJsonObject salesforce() const { return m_ready.value(QStringLiteral("salesforce")).toObject(); }
    [[nodiscard]] QString magentoBaseUrl() const;
    [[nodiscard]] QString salesforceLoginUrl() const;
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QProcess &process() { return m_process; }

    /// POST /__sandbox/large-order on the store: an invoiced one-line guest order (a shopper's checkout
    /// and the shop's invoice), dated `backdateSeconds` back when given; its increment ID, empty when
    /// the store did not answer.
    [[nodiscard]] QString placeInvoicedOrder(int backdateSeconds = -1);

    /// Path of the sandbox executable in the build tree.
    static QString executable();

private:
    QProcess m_process;
    QJsonObject m_ready;
    QString m_error;
};
