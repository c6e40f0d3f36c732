#pragma once

#include "common/error.h"

#include <QObject>

#include <functional>
#include <memory>

namespace OrderBridge {

class CredentialStore;

/// Finds the shared PostgreSQL database's password (team mode): database.password in the secrets file when one is
/// named (--secrets-file, else ORDERBRIDGE_SECRETS), else the keychain entry "database/password". Never a command
/// line, a URL or a setting.
class DatabasePasswordReader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabasePasswordReader)

public:
    using Callback = std::function<void(Result<QString>)>;

    explicit DatabasePasswordReader(QObject *parent = nullptr);
    ~DatabasePasswordReader() override;

    /// The keychain entry: a profile-like prefix no connection profile's secrets use, and the name.
    static QString keychainProfile();
    static QString keychainName();

    /// Reads the password; `done` runs once, from the event loop (keychain) or before read() returns (file).
    void read(const QString &secretsFile, Callback done);

private:
    std::unique_ptr<CredentialStore> m_keychain;
};

} // namespace OrderBridge
