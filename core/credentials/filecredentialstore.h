#pragma once

#include "credentialstore.h"
#include "secretsfile.h"

namespace OrderBridge {

/// Serves secrets from a SecretsFile (a file or ORDERBRIDGE_SECRETS) with the same asynchronous
/// interface as the keychain. Read-only: writes and deletes fail with an error naming the source.
class FileCredentialStore : public CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileCredentialStore)

public:
    explicit FileCredentialStore(SecretsFile secrets, QObject *parent = nullptr);
    ~FileCredentialStore() override;

    [[nodiscard]] QString backendName() const override;

protected:
    void startRead(quint64 requestId, const CredentialKey &key) override;
    void startWrite(quint64 requestId, const CredentialKey &key, const QString &secret) override;
    void startRemove(quint64 requestId, const CredentialKey &key) override;

private:
    void refuseChange(quint64 requestId, CredentialResult::Operation operation, const CredentialKey &key);

    SecretsFile m_secrets;
};

} // namespace OrderBridge
