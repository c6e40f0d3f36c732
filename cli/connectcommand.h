#pragma once

#include "command.h"

#include <QJsonObject>
#include <QList>

#include <functional>

#include <optional>
#include <utility>

namespace OrderBridge {

struct ConnectionProfile;

/// `orderbridge-cli connect magento|salesforce ...`: stores one side of a connection profile (made
/// the active one) and puts its secrets, one JSON object from standard input or --secrets-file, in
/// the keychain. Nothing is stored when the request is wrong, the profile rule included (exit 2), nor
/// when the store refuses the one sign-in made with the Magento secrets given (exit 1, with the fix).
class ConnectCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectCommand)

public:
    explicit ConnectCommand(const CliContext &context, QObject *parent = nullptr);
    ~ConnectCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    void run(ArgumentList args) override;

private:
    /// JSON name (what the user types) and credential-store name of each secret of one side.
    using SecretNames = QList<std::pair<QString, QString>>;

    /// Takes the options of `connect magento` into `profile`; false after a usage error.
    bool applyMagento(ArgumentList &args, ConnectionProfile &profile);
    /// Takes the options of `connect salesforce` into `profile`; false after a usage error.
    bool applySalesforce(ArgumentList &args, ConnectionProfile &profile);
    /// The profile rule (ConnectionProfileValidator, https except for loopback hosts) applied to the
    /// name and the side being connected (`magento`, else Salesforce); the error names the field.
    [[nodiscard]] static std::optional<Error> checkSide(const ConnectionProfile &profile, bool magento);
    /// Signs in to the store once with the given secrets (when the mode's secrets are all there), then calls
    /// `save`; a refusal that no retry can mend (MagentoErrors::refusesSetup) fails the command instead.
    void probeMagento(const ConnectionProfile &profile, const QJsonObject &secrets, std::function<void()> save);
    /// The secrets object, with `private_key_file` read into `private_key`; nullopt after an error.
    std::optional<QJsonObject> readSecrets();
    /// The bytes of --secrets-file (which only its owner may read), else of standard input.
    std::optional<QByteArray> readSecretsText();
    /// Writes the secrets given to the credential store, then finishes.
    /// Writes the given secrets; `dropRefreshToken` also removes a stored refresh token not given anew.
    void storeSecrets(const QString &profile, const SecretNames &names, const QJsonObject &secrets,
                      bool dropRefreshToken = false);
};

} // namespace OrderBridge
