#include "demo/demoenvironment.h"

#include "credentials/filecredentialstore.h"
#include "credentials/secretsfile.h"
#include "store/connectionprofilerepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::Literals::StringLiterals;
using OrderBridge::Error;
using OrderBridge::Result;

namespace {

Q_LOGGING_CATEGORY(lcDemo, "orderbridge.demo")

constexpr int kDefaultStartTimeoutMs = 30000;
// A store with a short history, so the orders placed in the walkthrough stand out in the grid (the
// sandbox generates these only on its first start; afterwards the state file rules).
constexpr int kGeneratedOrders = 20;

QString sandboxFileName()
{
#ifdef Q_OS_WIN
    return u"orderbridge-sandbox.exe"_s;
#else
    return u"orderbridge-sandbox"_s;
#endif
}

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

Error demoError(const QString &code, const QString &message, const QString &hint)
{
    return Error{code, message, hint, {}};
}

} // namespace

DemoEnvironment::DemoEnvironment(QString dataDir, std::shared_ptr<OrderBridge::Database> database,
                                 QString sandboxExecutable, QObject *parent)
    : QObject(parent)
    , m_dataDir(QDir(dataDir).absolutePath())
    , m_database(std::move(database))
    , m_executable(std::move(sandboxExecutable))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
#ifdef Q_OS_LINUX
    // Should OrderBridge end without stopping it (killed, crashed), the sandbox still gets its SIGTERM,
    // saves the demo store and exits instead of running on unseen.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &DemoEnvironment::handleOutput);
    connect(&m_process, &QProcess::errorOccurred, this, &DemoEnvironment::handleProcessError);
    connect(&m_process, &QProcess::finished, this, &DemoEnvironment::handleFinished);
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(kDefaultStartTimeoutMs);
    connect(&m_startTimer, &QTimer::timeout, this, &DemoEnvironment::handleTimeout);
}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}

QString DemoEnvironment::locateSandbox()
{
    const QString fromEnvironment = qEnvironmentVariable(SandboxEnvironmentVariable);
    if (!fromEnvironment.isEmpty())
        return fromEnvironment; // taken as given, so a wrong override is reported rather than bypassed
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates{QDir(appDir).filePath(sandboxFileName()),
                                 // The build tree keeps app/orderbridge and sandbox/orderbridge-sandbox side by side.
                                 QDir(appDir).filePath(u"../sandbox/"_s + sandboxFileName())};
    for (const QString &candidate : candidates) {
        if (isExecutableFile(candidate))
            return QDir::cleanPath(candidate);
    }
    return QStandardPaths::findExecutable(sandboxFileName());
}

QString DemoEnvironment::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"demo"_s);
}

void DemoEnvironment::setPorts(quint16 magentoPort, quint16 salesforcePort)
{
    m_magentoPort = magentoPort;
    m_salesforcePort = salesforcePort;
}

void DemoEnvironment::setStartTimeout(int ms)
{
    m_startTimer.setInterval(ms);
}

QString DemoEnvironment::stateFilePath() const
{
    return QDir(m_dataDir).filePath(u"sandbox-state.json"_s);
}

QString DemoEnvironment::secretsFilePath() const
{
    return QDir(m_dataDir).filePath(u"demo-secrets.json"_s);
}

void DemoEnvironment::start()
{
    if (m_starting || m_ready)
        return;
    m_starting = true;
    m_stopping = false;
    m_stdout.clear();
    auto failLater = [this](const Error &error) {
        QMetaObject::invokeMethod(this, [this, error] { fail(error); }, Qt::QueuedConnection);
    };
    if (m_executable.isEmpty() || !isExecutableFile(m_executable)) {
        const QString where = m_executable.isEmpty() ? tr("next to OrderBridge, in the build tree or on PATH")
                                                     : tr("at %1").arg(m_executable);
        failLater(demoError(u"demo.sandbox_missing"_s,
                            tr("The demo cannot start: the sandbox program orderbridge-sandbox was not found %1.").arg(where),
                            tr("Build it (cmake --build build --target orderbridge-sandbox) or install the complete "
                               "package, or name it in the environment variable %1.")
                                .arg(QString::fromLatin1(SandboxEnvironmentVariable))));
        return;
    }
    const bool created = !QFileInfo::exists(m_dataDir);
    if (!QDir().mkpath(m_dataDir)) {
        failLater(demoError(u"demo.data_dir"_s, tr("The demo cannot create its data folder %1.").arg(m_dataDir),
                            tr("Choose a writable folder with --data-dir.")));
        return;
    }
    // A folder the demo made is its own: owner-only, like the secrets in it. One the user named stays as it is.
    if (created)
        QFile::setPermissions(m_dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QStringList arguments{u"--host"_s, u"127.0.0.1"_s,
                                u"--magento-port"_s, QString::number(m_magentoPort),
                                u"--salesforce-port"_s, QString::number(m_salesforcePort),
                                u"--orders"_s, QString::number(kGeneratedOrders),
                                u"--state"_s, stateFilePath()};
    qCInfo(lcDemo) << "starting" << m_executable << "with state in" << stateFilePath();
    m_startTimer.start();
    m_process.start(m_executable, arguments);
}

void DemoEnvironment::stop(int timeoutMs)
{
    m_startTimer.stop();
    m_starting = false;
    m_ready = false;
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    // SIGTERM lets the sandbox save its state file before it exits.
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        qCWarning(lcDemo) << "the sandbox did not stop within" << timeoutMs << "ms; killing it";
        m_process.kill();
        m_process.waitForFinished(timeoutMs);
    }
}

void DemoEnvironment::handleOutput()
{
    if (!m_starting) {
        m_process.readAllStandardOutput(); // nothing after the ready line matters
        return;
    }
    m_stdout += m_process.readAllStandardOutput();
    const qsizetype newline = m_stdout.indexOf('\n');
    if (newline < 0)
        return;
    const QByteArray line = m_stdout.left(newline);
    m_stdout.clear();
    handleReadyLine(line);
}

void DemoEnvironment::handleReadyLine(const QByteArray &line)
{
    m_startTimer.stop();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    const QJsonObject info = document.object();
    if (!document.isObject() || !info.value(u"magento"_s).isObject() || !info.value(u"salesforce"_s).isObject()) {
        stop();
        fail(demoError(u"demo.sandbox_output"_s,
                       tr("The demo sandbox %1 did not print the expected ready line.").arg(m_executable),
                       tr("Use the orderbridge-sandbox built with this version of OrderBridge.")));
        return;
    }
    m_readyInfo = info;
    if (const auto written = writeConnection(); !written) {
        stop();
        fail(written.error());
        return;
    }
    m_starting = false;
    m_ready = true;
    qCInfo(lcDemo) << "sandbox ready: Magento at" << m_profile.magentoBaseUrl << "Salesforce at"
                   << m_profile.salesforceLoginUrl;
    Q_EMIT ready();
}

void DemoEnvironment::handleProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_starting)
        return;
    fail(demoError(u"demo.sandbox_start"_s,
                   tr("The demo sandbox %1 could not be started: %2.").arg(m_executable, m_process.errorString()),
                   tr("Check that the file is an executable orderbridge-sandbox, or rebuild it.")));
}

void DemoEnvironment::handleFinished(int exitCode, QProcess::ExitStatus status)
{
    Q_UNUSED(exitCode)
    Q_UNUSED(status)
    if (m_stopping)
        return;
    if (m_starting) {
        fail(exitError(tr("The demo sandbox stopped before it was ready")));
        return;
    }
    if (m_ready) {
        m_ready = false;
        const Error error = exitError(tr("The demo sandbox stopped unexpectedly"));
        qCWarning(lcDemo) << error.message;
        Q_EMIT sandboxExited(error);
    }
}

void DemoEnvironment::handleTimeout()
{
    if (!m_starting)
        return;
    const int waited = m_startTimer.interval() / 1000;
    stop();
    fail(demoError(u"demo.sandbox_timeout"_s,
                   tr("The demo sandbox did not report it was ready within %1 seconds.").arg(waited),
                   tr("Start the demo again; if it keeps happening, run %1 by hand to see what it reports.")
                       .arg(m_executable)));
}

Error DemoEnvironment::exitError(const QString &what)
{
    const QString stderrText = QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
    const QString detail = stderrText.isEmpty()
        ? tr("exit code %1").arg(m_process.exitCode())
        : stderrText;
    if (stderrText.contains(u"cannot listen"_s)) {
        return demoError(u"demo.port_busy"_s, tr("%1: a port it needs is in use (%2).").arg(what, detail),
                         tr("Close the program using the port (or a demo that is still running) and start the demo "
                            "again."));
    }
    if (stderrText.contains(u"state file"_s)) {
        return demoError(u"demo.state_file"_s, tr("%1: %2.").arg(what, detail),
                         tr("Delete %1 to start the demo store afresh.").arg(stateFilePath()));
    }
    return demoError(u"demo.sandbox_died"_s, tr("%1 (%2).").arg(what, detail),
                     tr("Start the demo again; if it keeps happening, run %1 by hand to see what it reports.")
                         .arg(m_executable));
}

void DemoEnvironment::fail(const Error &error)
{
    m_starting = false;
    m_ready = false;
    qCWarning(lcDemo) << error.message;
    Q_EMIT failed(error);
}

Result<void> DemoEnvironment::writeConnection()
{
    const QJsonObject magento = m_readyInfo.value(u"magento"_s).toObject();
    const QJsonObject salesforce = m_readyInfo.value(u"salesforce"_s).toObject();
    if (!m_database) {
        return OrderBridge::fail(u"demo.no_database"_s, tr("The demo has no database to keep its connection in."),
                                 tr("Choose a writable folder with --data-dir."));
    }
    const OrderBridge::ConnectionProfileRepository profiles(m_database);
    auto existing = profiles.findByName(QString::fromLatin1(ProfileName));
    if (!existing)
        return std::unexpected(existing.error());
    OrderBridge::ConnectionProfile profile = existing->value_or(OrderBridge::ConnectionProfile{});
    profile.name = QString::fromLatin1(ProfileName);
    profile.magentoBaseUrl = magento.value(u"base_url"_s).toString();
    // OAuth 1.0a: what a stock Magento 2.4.8 store (and so the sandbox by default) accepts from an integration.
    profile.magentoAuthMode = OrderBridge::MagentoAuthMode::OAuth1;
    profile.magentoStoreCode = u"default"_s;
    profile.salesforceLoginUrl = salesforce.value(u"login_url"_s).toString();
    profile.salesforceFlow = OrderBridge::SalesforceFlow::UsernamePassword;
    profile.salesforceClientId = salesforce.value(u"client_id"_s).toString();
    profile.salesforceUsername = salesforce.value(u"username"_s).toString();
    profile.salesforceApiVersion = salesforce.value(u"api_version"_s).toString();
    profile.active = true;
    if (profile.magentoBaseUrl.isEmpty() || profile.salesforceLoginUrl.isEmpty()) {
        return OrderBridge::fail(u"demo.sandbox_output"_s,
                                 tr("The demo sandbox did not say where its store and org are."),
                                 tr("Use the orderbridge-sandbox built with this version of OrderBridge."));
    }
    if (auto written = writeSecretsFile(); !written)
        return written;
    auto saved = profiles.save(profile);
    if (!saved)
        return std::unexpected(saved.error());
    m_profile = *saved;
    return {};
}

Result<void> DemoEnvironment::writeSecretsFile() const
{
    const QJsonObject magento = m_readyInfo.value(u"magento"_s).toObject();
    const QJsonObject salesforce = m_readyInfo.value(u"salesforce"_s).toObject();
    const QJsonObject secrets{
        {u"magento.oauth.consumer_key"_s, magento.value(u"consumer_key"_s)},
        {u"magento.oauth.consumer_secret"_s, magento.value(u"consumer_secret"_s)},
        {u"magento.oauth.access_token"_s, magento.value(u"access_token"_s)},
        {u"magento.oauth.access_token_secret"_s, magento.value(u"access_token_secret"_s)},
        {u"salesforce.client_secret"_s, salesforce.value(u"client_secret"_s)},
        // The username-password flow sends the password with the security token appended.
        {u"salesforce.password"_s, QString(salesforce.value(u"password"_s).toString()
                                           + salesforce.value(u"security_token"_s).toString())},
    };
    const QJsonObject document{{u"version"_s, 1},
                               {u"profiles"_s, QJsonObject{{QString::fromLatin1(ProfileName), secrets}}}};
    QSaveFile file(secretsFilePath());
    const auto cannotWrite = [&] {
        return OrderBridge::fail(u"demo.secrets_file"_s,
                                 tr("The demo cannot write its secrets file %1: %2.").arg(secretsFilePath(),
                                                                                          file.errorString()),
                                 tr("Choose a writable folder with --data-dir."));
    };
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite();
    // Owner-only before a byte is written: SecretsFile refuses anything group or others can read.
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(QJsonDocument(document).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return cannotWrite();
    QFile::setPermissions(secretsFilePath(), QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

OrderBridge::MagentoConnection DemoEnvironment::magentoConnection() const
{
    OrderBridge::MagentoConnection connection;
    connection.baseUrl = QUrl(m_profile.magentoBaseUrl);
    connection.authMode = OrderBridge::MagentoAuthMode::OAuth1;
    return connection;
}

OrderBridge::MagentoSecrets DemoEnvironment::magentoSecrets() const
{
    const QJsonObject magento = m_readyInfo.value(u"magento"_s).toObject();
    OrderBridge::MagentoSecrets secrets;
    secrets.consumerKey = magento.value(u"consumer_key"_s).toString();
    secrets.consumerSecret = magento.value(u"consumer_secret"_s).toString();
    secrets.accessToken = magento.value(u"access_token"_s).toString();
    secrets.accessTokenSecret = magento.value(u"access_token_secret"_s).toString();
    return secrets;
}

Result<std::unique_ptr<OrderBridge::CredentialStore>> DemoEnvironment::createCredentialStore(QObject *parent) const
{
    auto secrets = OrderBridge::SecretsFile::load(secretsFilePath());
    if (!secrets)
        return std::unexpected(secrets.error());
    return std::make_unique<OrderBridge::FileCredentialStore>(std::move(*secrets), parent);
}
