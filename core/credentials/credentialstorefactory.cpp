#include "credentialstorefactory.h"

#include "filecredentialstore.h"
#include "keychaincredentialstore.h"
#include "secretsfile.h"

namespace OrderBridge {

Result<std::unique_ptr<CredentialStore>> createCredentialStore(const QString &secretsFilePath, QObject *parent)
{
    if (!secretsFilePath.isEmpty() || qEnvironmentVariableIsSet(SecretsFile::EnvironmentVariable)) {
        Result<SecretsFile> secrets =
            secretsFilePath.isEmpty() ? SecretsFile::fromEnvironment() : SecretsFile::load(secretsFilePath);
        if (!secrets)
            return std::unexpected(secrets.error());
        return std::make_unique<FileCredentialStore>(std::move(*secrets), parent);
    }
    return std::make_unique<KeychainCredentialStore>(QStringLiteral("OrderBridge"), parent);
}

} // namespace OrderBridge
