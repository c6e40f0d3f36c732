#include "secretsfile.h"

#include "privatefile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// QJsonParseError only knows a byte offset; people need a line and column.
QString positionOf(const QByteArray &json, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, json.size());
    const QByteArrayView before(json.constData(), offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype lastNewline = before.lastIndexOf('\n');
    const qsizetype column = offset - lastNewline;
    return u"line %1, column %2"_s.arg(line).arg(column);
}

} // namespace

Result<SecretsFile> SecretsFile::load(const QString &path)
{
    // A secrets file holds a handful of keys; a megabyte is far more than any real one.
    const Result<QByteArray> bytes = PrivateFile::read(path, u"secrets_file"_s, u"The secrets file"_s, 1024 * 1024);
    if (!bytes) {
        Error error = bytes.error();
        if (error.code == u"secrets_file.missing"_s)
            error.hint = u"Check the path given to --secrets-file."_s;
        return std::unexpected(error);
    }
    return parse(*bytes, path);
}

Result<SecretsFile> SecretsFile::fromEnvironment()
{
    const QString name = QString::fromLatin1(EnvironmentVariable);
    if (!qEnvironmentVariableIsSet(EnvironmentVariable))
        return fail(u"secrets_env.unset"_s, u"The environment variable %1 is not set."_s.arg(name),
                    u"Set it to the secrets JSON, or use --secrets-file FILE."_s);
    return parse(qgetenv(EnvironmentVariable), u"the environment variable %1"_s.arg(name));
}

namespace {

// {"database": {"password": "..."}}, optional; anything else under "database" is refused.
Result<std::optional<QString>> readDatabasePassword(const QJsonObject &root, const QString &origin)
{
    if (!root.contains("database"_L1))
        return std::optional<QString>();
    const QJsonObject database = root.value("database"_L1).toObject();
    const QString expected = u"Write it as \"database\": {\"password\": \"<the database password>\"}."_s;
    if (!root.value("database"_L1).isObject() || database.size() != 1 || !database.contains("password"_L1))
        return fail(u"secrets_file.malformed"_s,
                    u"In %1, \"database\" is not an object holding just the password."_s.arg(origin), expected);
    // The value is never quoted back: it is a secret.
    if (!database.value("password"_L1).isString())
        return fail(u"secrets_file.malformed"_s, u"In %1, database.password is not a string."_s.arg(origin), expected);
    return std::optional<QString>(database.value("password"_L1).toString());
}

} // namespace

Result<SecretsFile> SecretsFile::parse(const QByteArray &json, const QString &origin)
{
    const QString expected = u"Expected {\"version\": 1, \"profiles\": {\"<profile>\": {\"<secret name>\": \"<secret>\"}}}."_s;

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"secrets_file.malformed"_s,
                    u"The secrets in %1 are not valid JSON at %2: %3."_s.arg(origin, positionOf(json, parseError.offset),
                                                                           parseError.errorString()),
                    u"Fix the JSON there. "_s + expected);
    if (!document.isObject())
        return fail(u"secrets_file.malformed"_s, u"The secrets in %1 are not a JSON object."_s.arg(origin), expected);

    const QJsonObject root = document.object();
    const QSet<QString> knownTopLevel{u"version"_s, u"profiles"_s, u"database"_s};
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!knownTopLevel.contains(it.key()))
            return fail(u"secrets_file.malformed"_s, u"The secrets in %1 have an unknown member \"%2\"."_s.arg(origin, it.key()),
                        expected);
    }
    if (root.contains("version"_L1) && root.value("version"_L1).toInt(-1) != 1)
        return fail(u"secrets_file.version"_s, u"The secrets in %1 have an unsupported \"version\"."_s.arg(origin),
                    u"This OrderBridge reads version 1."_s);
    if (!root.value("profiles"_L1).isObject())
        return fail(u"secrets_file.malformed"_s, u"The secrets in %1 lack a \"profiles\" object."_s.arg(origin), expected);

    SecretsFile result;
    result.m_origin = origin;
    if (auto password = readDatabasePassword(root, origin); password)
        result.m_databasePassword = *password;
    else
        return std::unexpected(password.error());
    const QJsonObject profiles = root.value("profiles"_L1).toObject();
    for (auto profile = profiles.begin(); profile != profiles.end(); ++profile) {
        if (!profile->isObject())
            return fail(u"secrets_file.malformed"_s,
                        u"In %1, profiles.%2 is not an object of secrets."_s.arg(origin, profile.key()), expected);
        const QJsonObject secrets = profile->toObject();
        for (auto secret = secrets.begin(); secret != secrets.end(); ++secret) {
            const Result<CredentialKey> key = CredentialKey::make(profile.key(), secret.key());
            if (!key)
                return fail(u"secrets_file.malformed"_s,
                            u"In %1, profiles.%2.%3: %4"_s.arg(origin, profile.key(), secret.key(), key.error().message),
                            key.error().hint);
            // The value is never quoted back: it is a secret.
            if (!secret->isString())
                return fail(u"secrets_file.malformed"_s,
                            u"In %1, profiles.%2.%3 is not a string."_s.arg(origin, profile.key(), secret.key()),
                            u"Write every secret as a JSON string."_s);
            result.m_secrets.insert(key->storageKey(), secret->toString());
        }
    }
    return result;
}

std::optional<QString> SecretsFile::secret(const CredentialKey &key) const
{
    const auto it = m_secrets.constFind(key.storageKey());
    if (it == m_secrets.constEnd())
        return std::nullopt;
    return *it;
}

QStringList SecretsFile::profiles() const
{
    QSet<QString> names;
    for (auto it = m_secrets.constBegin(); it != m_secrets.constEnd(); ++it)
        names.insert(it.key().section(u'/', 0, 0));
    QStringList sorted(names.begin(), names.end());
    sorted.sort();
    return sorted;
}

} // namespace OrderBridge
