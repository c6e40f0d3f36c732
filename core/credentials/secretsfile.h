#pragma once

#include "common/error.h"
#include "credentialkey.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace OrderBridge {

/// Secrets for servers without a keychain, read from a JSON file the user names (--secrets-file)
/// or from the ORDERBRIDGE_SECRETS environment variable:
///   {"version": 1, "profiles": {"<profile>": {"magento.token": "...", "salesforce.client_secret": "..."}},
///    "database": {"password": "..."}}
/// "database.password" is the shared PostgreSQL store's password (team mode), which belongs to no connection profile
/// (the profiles live in that database). A file readable or writable by group or others is refused.
class SecretsFile
{
public:
    /// Name of the environment variable fromEnvironment() reads.
    static constexpr const char *EnvironmentVariable = "ORDERBRIDGE_SECRETS";

    /// Loads `path`; refused unless its mode is 0600 or stricter, or when it is not valid.
    [[nodiscard]] static Result<SecretsFile> load(const QString &path);
    /// Parses the JSON in ORDERBRIDGE_SECRETS; an error when it is unset or invalid.
    [[nodiscard]] static Result<SecretsFile> fromEnvironment();
    /// Parses `json`; `origin` names the source in messages (a path or the variable name).
    [[nodiscard]] static Result<SecretsFile> parse(const QByteArray &json, const QString &origin);

    /// The secret, or nothing when the source does not hold it.
    [[nodiscard]] std::optional<QString> secret(const CredentialKey &key) const;
    [[nodiscard]] QStringList profiles() const;
    /// database.password: the shared database's password, or nothing when the source does not hold it.
    [[nodiscard]] std::optional<QString> databasePassword() const { return m_databasePassword; }
    /// Where the secrets came from, for messages.
    [[nodiscard]] QString origin() const { return m_origin; }

private:
    QString m_origin;
    QHash<QString, QString> m_secrets; // storage key "<profile>/<name>" -> secret
    std::optional<QString> m_databasePassword;
};

} // namespace OrderBridge
