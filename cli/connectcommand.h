#pragma once

#include "command.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

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
    /// The secrets of this side: one flat JSON object ({"token": …}) or the headless secrets-file format
    /// ({"version":1,"profiles":{…}}) read for `profile`; `private_key_file` is read into `private_key`.
    /// Nullopt after an error (an unknown name, a named file that gives nothing for this side).
    std::optional<QJsonObject> readSecrets(const QString &profile, const SecretNames &names);
    /// The bytes of --secrets-file (which only its owner may read), else of standard input.
    std::optional<QByteArray> readSecretsText();
    /// This side's secrets of `profile` from the headless secrets-file format.
    std::optional<QJsonObject> secretsOfProfile(const QByteArray &text, const QString &profile, const SecretNames &names);
    /// False (after a usage error naming the accepted names) when a flat object holds a name this side does not take.
    bool checkSecretNames(const QJsonObject &secrets, const SecretNames &names);
    /// Replaces `private_key_file` by the key it names (a private file); false after an error.
    bool readPrivateKeyFile(QJsonObject &secrets);
    /// Writes the given secrets to the credential store and removes this side's secrets that the chosen mode does not
    /// use (`usedByMode`, JSON names), then finishes; `dropRefreshToken` also removes a stored refresh token not
    /// given anew.
    void storeSecrets(const QString &profile, const SecretNames &names, const QJsonObject &secrets,
                      const QStringList &usedByMode, bool dropRefreshToken = false);
    /// The JSON names of the secrets the profile's sign-in mode of one side uses.
    [[nodiscard]] static QStringList secretsOfMode(const ConnectionProfile &profile, bool magento);
};

} // namespace OrderBridge
