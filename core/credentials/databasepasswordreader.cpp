#include "credentials/databasepasswordreader.h"

#include "credentials/keychaincredentialstore.h"
#include "credentials/secretsfile.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

DatabasePasswordReader::DatabasePasswordReader(QObject *parent)
    : QObject(parent)
{
}

DatabasePasswordReader::~DatabasePasswordReader() = default;

QString DatabasePasswordReader::keychainProfile()
{
    return u"database"_s;
}

QString DatabasePasswordReader::keychainName()
{
    return u"password"_s;
}

void DatabasePasswordReader::read(const QString &secretsFile, Callback done)
{
    if (!secretsFile.isEmpty() || qEnvironmentVariableIsSet(SecretsFile::EnvironmentVariable)) {
        const Result<SecretsFile> secrets =
            secretsFile.isEmpty() ? SecretsFile::fromEnvironment() : SecretsFile::load(secretsFile);
        if (!secrets) {
            done(std::unexpected(secrets.error()));
        } else if (const std::optional<QString> password = secrets->databasePassword()) {
            done(*password);
        } else {
            done(fail(u"store.no_database_password"_s,
                      u"The secrets in %1 hold no database.password for the shared database."_s.arg(secrets->origin()),
                      u"Add \"database\": {\"password\": \"...\"} to them."_s));
        }
        return;
    }
    m_keychain = std::make_unique<KeychainCredentialStore>();
    m_keychain->read(keychainProfile(), keychainName(), this, [done = std::move(done)](const CredentialResult &result) {
        if (result.ok()) {
            done(result.secret);
            return;
        }
        Error error = *result.error;
        error.message = u"The shared database's password cannot be read from the keychain: %1"_s.arg(error.message);
        if (error.kind == ErrorKind::NotFound)
            error.hint = u"Store it in the keychain (entry %1/%2 of OrderBridge), or name a secrets file with "
                         u"\"database\": {\"password\": \"...\"} with --secrets-file."_s.arg(keychainProfile(),
                                                                                            keychainName());
        done(std::unexpected(error));
    });
}

} // namespace OrderBridge
