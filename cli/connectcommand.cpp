#include "connectcommand.h"

#include "credentials/credentialkey.h"
#include "credentials/credentialstore.h"
#include "magento/magentoclient.h"
#include "magento/magentoerrors.h"
#include "credentials/privatefile.h"
#include "credentials/secretsfile.h"
#include "settings/connectionprofilevalidator.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "sync/syncstart.h"
#include "sync/workerconfigloader.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QJsonParseError>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString kDefaultProfile = u"default"_s;

// --ca-file FILE: kept as an absolute path (a later sync may run from another folder); "" clears it;
// absent: the stored value stays.
QString caFileOption(ArgumentList &args, const QString &stored)
{
    const auto given = args.takeOption(u"--ca-file"_s);
    if (!given)
        return stored;
    if (given->isEmpty())
        return {};
    return QFileInfo(*given).absoluteFilePath();
}
// Far more than any set of keys and a PEM key; protects against piping the wrong file in.
constexpr qint64 kMaxSecretsBytes = 1024 * 1024;

const QList<std::pair<QString, QString>> kMagentoSecrets{
    {u"token"_s, u"magento.token"_s},
    {u"admin_username"_s, u"magento.admin_username"_s},
    {u"admin_password"_s, u"magento.admin_password"_s},
    {u"consumer_key"_s, u"magento.oauth.consumer_key"_s},
    {u"consumer_secret"_s, u"magento.oauth.consumer_secret"_s},
    {u"access_token"_s, u"magento.oauth.access_token"_s},
    {u"access_token_secret"_s, u"magento.oauth.access_token_secret"_s},
};
const QList<std::pair<QString, QString>> kSalesforceSecrets{
    {u"client_secret"_s, u"salesforce.client_secret"_s},
    {u"password"_s, u"salesforce.password"_s},
    {u"private_key"_s, u"salesforce.private_key"_s},
    {u"refresh_token"_s, u"salesforce.refresh_token"_s},
};

// Stands in for a Magento store not set up yet, so that only the side being connected is judged.
const QString kStandInMagentoUrl = u"https://magento.example"_s;

MagentoAuthMode magentoModeForProfile(const QString &cli)
{
    if (cli == u"token"_s)
        return MagentoAuthMode::IntegrationToken;
    if (cli == u"admin"_s)
        return MagentoAuthMode::AdminUser;
    return MagentoAuthMode::OAuth1;
}

QStringList jsonNames(const QList<std::pair<QString, QString>> &names)
{
    QStringList out;
    for (const auto &name : names)
        out.append(name.first);
    return out;
}

SalesforceFlow salesforceFlowForProfile(const QString &cli)
{
    if (cli == u"password"_s)
        return SalesforceFlow::UsernamePassword;
    if (cli == u"jwt"_s)
        return SalesforceFlow::JwtBearer;
    return SalesforceFlow::WebServer;
}

} // namespace

ConnectCommand::ConnectCommand(const CliContext &context, QObject *parent)
    : Command(context, parent)
{
}

ConnectCommand::~ConnectCommand() = default;

QString ConnectCommand::synopsis()
{
    return u"  connect magento --url URL [--auth oauth1|token|admin] [--store-code CODE] [--ca-file PEM]\n"
           u"                              [--profile NAME]\n"
           u"                              signs in once with the secrets given; a setup the store refuses\n"
           u"                              (2FA on the admin token, Bearer tokens not allowed) is not saved\n"
           u"  connect salesforce --login-url URL --client-id ID --flow browser|password|jwt [--username NAME]\n"
           u"                              [--api-version VERSION] (empty: the newest the org offers) [--ca-file PEM]\n"
           u"                              --ca-file: certificate authorities trusted besides the system's\n"
           u"                              (a PEM file; \"\" for the system's only)\n"
           u"                              secrets come as one JSON object on standard input or from\n"
           u"                              --secrets-file FILE (mode 0600), and go to the keychain\n"_s;
}

void ConnectCommand::run(ArgumentList args)
{
    const QString target = args.takeFirst();
    const QString profileName = args.takeOption(u"--profile"_s).value_or(kDefaultProfile);
    auto db = context().openDatabase();
    if (!db) {
        fail(db.error());
        return;
    }
    ConnectionProfileRepository profiles(*db);
    auto existing = profiles.findByName(profileName);
    if (!existing) {
        fail(existing.error());
        return;
    }
    ConnectionProfile profile = existing->value_or(ConnectionProfile{});
    profile.name = profileName;
    profile.active = true;

    bool applied = false;
    if (target == u"magento"_s)
        applied = applyMagento(args, profile);
    else if (target == u"salesforce"_s)
        applied = applySalesforce(args, profile);
    else
        failUsage(u"connect takes magento or salesforce."_s);
    if (!applied || rejectRemaining(args))
        return;
    if (const std::optional<Error> invalid = checkSide(profile, target == u"magento"_s)) {
        fail(*invalid);
        return;
    }

    const SecretNames &names = target == u"magento"_s ? kMagentoSecrets : kSalesforceSecrets;
    const std::optional<QJsonObject> secrets = readSecrets(profileName, names);
    if (!secrets)
        return;
    const bool hadMagento = existing->has_value() && !(*existing)->magentoBaseUrl.isEmpty();
    auto save = [this, db = *db, profile, target, secrets = *secrets, hadMagento] {
        if (auto saved = ConnectionProfileRepository(db).save(profile); !saved) {
            fail(saved.error());
            return;
        }
        if (target == u"magento"_s) {
            // The first Magento connection of a data folder starts the sync now (orders.sync_since).
            auto started = SyncStart::onMagentoConnect(db, hadMagento, QDateTime::currentDateTimeUtc());
            if (!started) {
                fail(started.error());
                return;
            }
            if (started->has_value())
                context().out << SyncStart::notice(**started) << u'\n';
        }
        // Only the browser sign-in uses a stored refresh token: connecting again with it starts afresh
        // (the old token may be revoked, and would otherwise be tried on every sync).
        const bool browser = target == u"salesforce"_s && profile.salesforceFlow == SalesforceFlow::WebServer;
        storeSecrets(profile.name, target == u"magento"_s ? kMagentoSecrets : kSalesforceSecrets, secrets,
                     secretsOfMode(profile, target == u"magento"_s), browser);
    };
    if (target == u"magento"_s)
        probeMagento(profile, *secrets, std::move(save));
    else
        save();
}

void ConnectCommand::probeMagento(const ConnectionProfile &profile, const QJsonObject &secrets,
                                  std::function<void()> save)
{
    MagentoConnection connection;
    connection.baseUrl = QUrl(profile.magentoBaseUrl);
    connection.storeCode = profile.magentoStoreCode;
    connection.authMode = profile.magentoAuthMode;
    connection.adminUsername = secrets.value(u"admin_username"_s).toString();
    connection.caFile = profile.magentoCaFile;
    const MagentoSecrets given{secrets.value(u"token"_s).toString(),        secrets.value(u"admin_password"_s).toString(),
                               secrets.value(u"consumer_key"_s).toString(), secrets.value(u"consumer_secret"_s).toString(),
                               secrets.value(u"access_token"_s).toString(), secrets.value(u"access_token_secret"_s).toString()};
    const bool complete = connection.authMode == MagentoAuthMode::IntegrationToken ? !given.integrationToken.isEmpty()
                          : connection.authMode == MagentoAuthMode::AdminUser
                              ? !connection.adminUsername.isEmpty() && !given.adminPassword.isEmpty()
                              : !given.consumerKey.isEmpty() && !given.consumerSecret.isEmpty()
                                    && !given.accessToken.isEmpty() && !given.accessTokenSecret.isEmpty();
    if (!complete) {
        save(); // nothing to sign in with (secrets kept from before, or given later)
        return;
    }
    // One request, as the first sync would make it: a setup the store refuses is not saved.
    MagentoRetryPolicy once;
    once.maxAttempts = 1;
    auto *network = new QNetworkAccessManager(this);
    auto *client = new MagentoClient(network, connection, given, once, this);
    client->testConnection(this, [this, save = std::move(save)](Result<qint64> orders) {
        if (orders) {
            context().out << u"Signed in to Magento; %1 order(s) visible.\n"_s.arg(*orders);
            save();
            return;
        }
        if (!MagentoErrors::refusesSetup(orders.error())) {
            context().err << u"notice: could not check the Magento sign-in (%1); saved all the same. Run "
                             "orderbridge-cli test-connection once the store can be reached.\n"_s.arg(orders.error().message);
            save();
            return;
        }
        Error refused = orders.error();
        refused.message = u"Magento refused the connection, so it was not saved: %1"_s.arg(refused.message);
        fail(refused);
    });
}

bool ConnectCommand::applyMagento(ArgumentList &args, ConnectionProfile &profile)
{
    const auto url = args.takeOption(u"--url"_s);
    const auto auth = args.takeOption(u"--auth"_s).value_or(u"oauth1"_s);
    if (!url || !QUrl(*url).isValid() || QUrl(*url).scheme().isEmpty()) {
        failUsage(u"connect magento needs --url with the store's base URL."_s);
        return false;
    }
    if (auth != u"token"_s && auth != u"admin"_s && auth != u"oauth1"_s) {
        failUsage(u"--auth takes token, admin or oauth1, not \"%1\"."_s.arg(auth));
        return false;
    }
    profile.magentoBaseUrl = *url;
    profile.magentoAuthMode = magentoModeForProfile(auth);
    profile.magentoStoreCode = args.takeOption(u"--store-code"_s).value_or(profile.magentoStoreCode);
    profile.magentoCaFile = caFileOption(args, profile.magentoCaFile);
    return true;
}

bool ConnectCommand::applySalesforce(ArgumentList &args, ConnectionProfile &profile)
{
    const auto login = args.takeOption(u"--login-url"_s);
    const auto client = args.takeOption(u"--client-id"_s);
    const auto flow = args.takeOption(u"--flow"_s).value_or(u"browser"_s);
    if (!login || !client || client->isEmpty()) {
        failUsage(u"connect salesforce needs --login-url and --client-id."_s);
        return false;
    }
    if (flow != u"browser"_s && flow != u"password"_s && flow != u"jwt"_s) {
        failUsage(u"--flow takes browser, password or jwt, not \"%1\"."_s.arg(flow));
        return false;
    }
    profile.salesforceLoginUrl = *login;
    profile.salesforceClientId = *client;
    profile.salesforceFlow = salesforceFlowForProfile(flow);
    profile.salesforceUsername = args.takeOption(u"--username"_s).value_or(profile.salesforceUsername);
    // Empty: the newest version the org offers up to the one OrderBridge is tested with.
    profile.salesforceApiVersion = args.takeOption(u"--api-version"_s).value_or(profile.salesforceApiVersion);
    if (profile.salesforceApiVersion.startsWith(u'v', Qt::CaseInsensitive))
        profile.salesforceApiVersion.remove(0, 1);
    profile.salesforceCaFile = caFileOption(args, profile.salesforceCaFile);
    return true;
}

std::optional<Error> ConnectCommand::checkSide(const ConnectionProfile &profile, bool magento)
{
    // Each side is connected by its own command, in either order: the other side gets a stand-in
    // the rule accepts, so that its absence neither fails this command nor hides this side's problem.
    const ConnectionProfile defaults;
    ConnectionProfile probe = profile;
    if (magento) {
        probe.salesforceLoginUrl = defaults.salesforceLoginUrl;
        probe.salesforceFlow = defaults.salesforceFlow;
        probe.salesforceClientId = u"stand-in"_s;
        probe.salesforceUsername = u"stand-in"_s;
        probe.salesforceCaFile = defaults.salesforceCaFile;
    } else {
        probe.magentoBaseUrl = kStandInMagentoUrl;
        probe.magentoAuthMode = defaults.magentoAuthMode;
        probe.magentoCaFile = defaults.magentoCaFile;
    }
    return ConnectionProfileValidator::validate(probe);
}

std::optional<QByteArray> ConnectCommand::readSecretsText()
{
    if (secretsFile().isEmpty()) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            return in.read(kMaxSecretsBytes);
        return QByteArray();
    }
    Result<QByteArray> bytes = PrivateFile::read(secretsFile(), u"secrets_file"_s, u"The secrets file"_s, kMaxSecretsBytes);
    if (!bytes) {
        fail(Error{bytes.error().code, bytes.error().message, bytes.error().hint, {}, ErrorKind::Invalid});
        return std::nullopt;
    }
    return std::move(*bytes);
}

std::optional<QJsonObject> ConnectCommand::secretsOfProfile(const QByteArray &text, const QString &profile,
                                                            const SecretNames &names)
{
    // The headless secrets-file format ({"version":1,"profiles":{...}}), read the same way the sync reads it.
    const Result<SecretsFile> file = SecretsFile::parse(text, secretsFile());
    if (!file) {
        fail(Error{file.error().code, file.error().message, file.error().hint, {}, ErrorKind::Invalid});
        return std::nullopt;
    }
    QJsonObject secrets;
    for (const auto &[jsonName, secretName] : names) {
        const Result<CredentialKey> key = CredentialKey::make(profile, secretName);
        if (!key)
            continue;
        if (const std::optional<QString> value = file->secret(*key))
            secrets.insert(jsonName, *value);
    }
    return secrets;
}

std::optional<QJsonObject> ConnectCommand::readSecrets(const QString &profile, const SecretNames &names)
{
    const std::optional<QByteArray> text = readSecretsText();
    if (!text)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*text, &parseError);
    if (!doc.isObject()) {
        failUsage(u"The secrets must be one JSON object (from standard input or --secrets-file): %1."_s.arg(
            parseError.errorString()));
        return std::nullopt;
    }
    std::optional<QJsonObject> secrets = doc.object();
    if (secrets->contains(u"profiles"_s))
        secrets = secretsOfProfile(*text, profile, names);
    else if (!checkSecretNames(*secrets, names))
        return std::nullopt;
    if (!secrets)
        return std::nullopt;
    if (!readPrivateKeyFile(*secrets))
        return std::nullopt;
    // A file the user named that yields nothing for this side is a mistake (the other side's file, another profile).
    const bool givesSomething = std::any_of(names.begin(), names.end(), [&](const auto &name) {
        return !secrets->value(name.first).toString().isEmpty();
    });
    if (!secretsFile().isEmpty() && !givesSomething) {
        failUsage(u"%1 holds no secret for this connection (profile \"%2\"); it takes %3."_s.arg(
            secretsFile(), profile, jsonNames(names).join(u", "_s)));
        return std::nullopt;
    }
    return secrets;
}

bool ConnectCommand::checkSecretNames(const QJsonObject &secrets, const SecretNames &names)
{
    const QStringList known = jsonNames(names);
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        if (known.contains(it.key()) || (it.key() == u"private_key_file"_s && known.contains(u"private_key"_s)))
            continue;
        failUsage(u"\"%1\" is not a secret of this connection; it takes %2."_s.arg(it.key(), known.join(u", "_s)));
        return false;
    }
    return true;
}

bool ConnectCommand::readPrivateKeyFile(QJsonObject &secrets)
{
    const QString keyFile = secrets.value(u"private_key_file"_s).toString();
    if (keyFile.isEmpty())
        return true;
    // The key signs every sign-in: private like the secrets file.
    Result<QByteArray> key = PrivateFile::read(keyFile, u"private_key_file"_s, u"The private key file"_s, 64 * 1024);
    if (!key) {
        fail(Error{key.error().code, key.error().message, key.error().hint, {}, ErrorKind::Invalid});
        return false;
    }
    secrets.remove(u"private_key_file"_s);
    secrets.insert(u"private_key"_s, QString::fromUtf8(*key));
    return true;
}

void ConnectCommand::storeSecrets(const QString &profile, const SecretNames &names, const QJsonObject &secrets,
                                  const QStringList &usedByMode, bool dropRefreshToken)
{
    // The secrets file is what was read, not where secrets go: they go to the keychain.
    auto store = openCredentials(QString());
    if (!store) {
        fail(store.error());
        return;
    }
    auto remaining = std::make_shared<int>(0);
    auto failed = std::make_shared<bool>(false);
    auto collect = [this, remaining, failed](const CredentialResult &r) {
        // Removing a refresh token that is not there is what was asked for; one in a secrets file
        // (read-only to OrderBridge) is the user's to edit.
        const bool harmless = r.operation == CredentialResult::Operation::Remove && r.error
            && (r.error->kind == ErrorKind::NotFound || r.error->code == u"credentials.read_only"_s);
        if (!r.ok() && !harmless && !*failed) {
            *failed = true;
            context().report(*r.error);
        }
        if (--*remaining == 0)
            finish(*failed ? ExitCode::Failure : ExitCode::Success);
    };
    int written = 0;
    int cleared = 0;
    for (const auto &[jsonName, secretName] : names) {
        const QString value = secrets.value(jsonName).toString();
        // Connecting again replaces the connection: a secret of another sign-in mode would linger in the keychain
        // unused, and a refresh token from before (perhaps revoked) would be used again and again.
        const bool drop = value.isEmpty()
            && (!usedByMode.contains(jsonName) || (dropRefreshToken && secretName == u"salesforce.refresh_token"_s));
        if (value.isEmpty() && !drop)
            continue;
        ++*remaining;
        if (drop) {
            ++cleared;
            (*store)->remove(profile, secretName, this, collect);
        } else {
            ++written;
            (*store)->write(profile, secretName, value, this, collect);
        }
    }
    context().out << (written == 0 ? u"Saved the connection; no secrets were given.\n"_s
                                   : u"Saved the connection and %1 secret(s).\n"_s.arg(written));
    if (*remaining == 0)
        finish(ExitCode::Success);
}

QStringList ConnectCommand::secretsOfMode(const ConnectionProfile &profile, bool magento)
{
    // The rule is WorkerConfigLoader's (the console's Connection page uses it too); here in the JSON names.
    const QStringList stored = magento ? WorkerConfigLoader::secretNamesOf(profile.magentoAuthMode)
                                       : WorkerConfigLoader::secretNamesOf(profile.salesforceFlow);
    QStringList names;
    for (const auto &[jsonName, secretName] : magento ? kMagentoSecrets : kSalesforceSecrets) {
        if (stored.contains(secretName))
            names << jsonName;
    }
    return names;
}

} // namespace OrderBridge
