#pragma once

#include "credentialstore.h"

namespace QKeychain {
class Job;
}

namespace OrderBridge {

/// Secrets in the desktop's keychain (Secret Service: gnome-keyring or KWallet) through QtKeychain
/// jobs. Keys are "<profile>/<name>" under one service name; there is no plain-text fallback.
class KeychainCredentialStore : public CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainCredentialStore)

public:
    /// `service` groups OrderBridge's entries in the keychain ("OrderBridge" in production).
    explicit KeychainCredentialStore(const QString &service = QStringLiteral("OrderBridge"),
                                     QObject *parent = nullptr);
    ~KeychainCredentialStore() override;

    [[nodiscard]] QString backendName() const override;
    [[nodiscard]] QString service() const { return m_service; }

protected:
    void startRead(quint64 requestId, const CredentialKey &key) override;
    void startWrite(quint64 requestId, const CredentialKey &key, const QString &secret) override;
    void startRemove(quint64 requestId, const CredentialKey &key) override;

private:
    void startJob(QKeychain::Job *job, quint64 requestId, CredentialResult::Operation operation,
                  const CredentialKey &key);
    void handleJobFinished(QKeychain::Job *job, quint64 requestId, CredentialResult::Operation operation,
                           const CredentialKey &key);
    void deliverNotFoundOrLocked(const CredentialResult &notFound);

    QString m_service;
};

} // namespace OrderBridge
