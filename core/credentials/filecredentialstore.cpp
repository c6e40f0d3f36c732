#include "filecredentialstore.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

FileCredentialStore::FileCredentialStore(SecretsFile secrets, QObject *parent)
    : CredentialStore(parent)
    , m_secrets(std::move(secrets))
{
}

FileCredentialStore::~FileCredentialStore() = default;

QString FileCredentialStore::backendName() const
{
    return m_secrets.origin();
}

void FileCredentialStore::startRead(quint64 requestId, const CredentialKey &key)
{
    CredentialResult result;
    result.requestId = requestId;
    result.operation = CredentialResult::Operation::Read;
    result.key = key;
    if (const std::optional<QString> secret = m_secrets.secret(key)) {
        result.secret = *secret;
    } else {
        result.error = Error{u"credentials.not_found"_s,
                             u"%1 holds no secret \"%2\" for connection profile \"%3\"."_s.arg(m_secrets.origin(),
                                                                                              key.name, key.profile),
                             u"Add \"%1\" under profiles.%2 there."_s.arg(key.name, key.profile),
                             {},
                             ErrorKind::NotFound};
    }
    deliverLater(result);
}

void FileCredentialStore::startWrite(quint64 requestId, const CredentialKey &key, const QString &secret)
{
    Q_UNUSED(secret)
    refuseChange(requestId, CredentialResult::Operation::Write, key);
}

void FileCredentialStore::startRemove(quint64 requestId, const CredentialKey &key)
{
    refuseChange(requestId, CredentialResult::Operation::Remove, key);
}

void FileCredentialStore::refuseChange(quint64 requestId, CredentialResult::Operation operation, const CredentialKey &key)
{
    CredentialResult result;
    result.requestId = requestId;
    result.operation = operation;
    result.key = key;
    result.error = Error{u"credentials.read_only"_s,
                         u"OrderBridge does not change secrets kept in %1 (secret \"%2\" of profile \"%3\")."_s.arg(
                             m_secrets.origin(), key.name, key.profile),
                         u"Edit the secrets file by hand (keep it mode 0600), or use the system keychain."_s,
                         {}};
    deliverLater(result);
}

} // namespace OrderBridge
