#include "connectcommand.h"

#include "credentials/credentialstore.h"
#include "magento/magentoclient.h"
#include "magento/magentoerrors.h"
#include "settings/connectionprofilevalidator.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "sync/syncstart.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QUrl>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString kDefaultProfile = u"default"_s;

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
    return u"  connect magento --url URL [--auth oauth1|token|admin] [--store-code CODE] [--profile NAME]\n"
           u"                              signs in once with the secrets given; a setup the store refuses\n"
           u"                              (2FA on the admin token, Bearer tokens not allowed) is not saved\n"
           u"  connect salesforce --login-url URL --client-id ID --flow browser|password|jwt [--username NAME]\n"
           u"                              [--api-version VERSION] (empty: the newest the org offers)\n"
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

    const std::optional<QJsonObject> secrets = readSecrets();
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
        storeSecrets(profile.name, target == u"magento"_s ? kMagentoSecrets : kSalesforceSecrets, secrets, browser);
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
    } else {
        probe.magentoBaseUrl = kStandInMagentoUrl;
        probe.magentoAuthMode = defaults.magentoAuthMode;
    }
    return ConnectionProfileValidator::validate(probe);
}

std::optional<QByteArray> ConnectCommand::readSecretsText()
{
    if (secretsFile().isEmpty()) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            return in.readAll();
        return QByteArray();
    }
    QFile f(secretsFile());
    if (!f.open(QIODevice::ReadOnly)) {
        fail(Error{u"cli.secrets_unreadable"_s, u"Cannot read %1: %2."_s.arg(secretsFile(), f.errorString()),
                   u"Check the path."_s, {}, ErrorKind::Invalid});
        return std::nullopt;
    }
    if (f.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        fail(Error{u"cli.secrets_file_mode"_s, u"%1 can be read by other users."_s.arg(secretsFile()),
                   u"Run: chmod 600 %1"_s.arg(secretsFile()), {}, ErrorKind::Invalid});
        return std::nullopt;
    }
    return f.readAll();
}

std::optional<QJsonObject> ConnectCommand::readSecrets()
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
    QJsonObject secrets = doc.object();
    if (const QString keyFile = secrets.value(u"private_key_file"_s).toString(); !keyFile.isEmpty()) {
        QFile key(keyFile);
        if (!key.open(QIODevice::ReadOnly)) {
            fail(Error{u"cli.private_key_unreadable"_s,
                       u"Cannot read the private key %1: %2."_s.arg(keyFile, key.errorString()),
                       u"Give the path of the PEM key of the connected app's certificate."_s, {}, ErrorKind::Invalid});
            return std::nullopt;
        }
        secrets.insert(u"private_key"_s, QString::fromUtf8(key.readAll()));
    }
    return secrets;
}

void ConnectCommand::storeSecrets(const QString &profile, const SecretNames &names, const QJsonObject &secrets,
                                  bool dropRefreshToken)
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
    for (const auto &[jsonName, secretName] : names) {
        const QString value = secrets.value(jsonName).toString();
        // Connecting again starts a new sign-in: a refresh token from before (perhaps revoked) would
        // otherwise be used again and again.
        const bool dropOld = dropRefreshToken && value.isEmpty() && secretName == u"salesforce.refresh_token"_s;
        if (value.isEmpty() && !dropOld)
            continue;
        ++*remaining;
        if (dropOld)
            (*store)->remove(profile, secretName, this, collect);
        else
            (*store)->write(profile, secretName, value, this, collect);
    }
    if (*remaining == 0) {
        context().out << u"Saved the connection; no secrets were given.\n"_s;
        finish(ExitCode::Success);
    }
}

} // namespace OrderBridge
