#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the real orderbridge-cli (path from the build system) and collects its output.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    bool finished = false;
};

inline CliRun runCli(const QStringList &args, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), args);
    CliRun run;
    if (!process.waitForStarted(10000))
        return run;
    run.finished = process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// The JSON objects of `--json` output, one a line.
inline QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out << QJsonDocument::fromJson(line.toUtf8()).object();
    return out;
}

/// The run summary of `sync --json` output (the line carrying "summary"), empty when there is none.
inline QJsonObject summaryOf(const QString &text)
{
    for (const QJsonObject &line : jsonLines(text)) {
        if (line.contains(QStringLiteral("summary")))
            return line.value(QStringLiteral("summary")).toObject();
    }
    return {};
}

inline QStringList withDataDir(const QString &dir, const QStringList &args)
{
    return QStringList{QStringLiteral("--data-dir"), dir} + args;
}

/// Runs orderbridge-cli with `input` on its standard input (then closed), killing it after `timeoutMs`;
/// exitCode is -1 when it did not exit normally.
inline CliRun runCliWithInput(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), args);
    CliRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs))
        process.kill();
    run.finished = process.exitStatus() == QProcess::NormalExit;
    run.exitCode = run.finished ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// `orderbridge-cli <dataArgs> connect magento --auth oauth1` to the sandbox store (`mg`: the `magento`
/// object of its ready line), the integration's four OAuth 1.0a credentials on standard input as the
/// operator pipes them: what a stock Magento 2.4.8 store accepts. `extraArgs` follow the command's own.
inline CliRun connectMagentoOAuth1(const QStringList &dataArgs, const QJsonObject &mg, int timeoutMs = 120000,
                                   const QStringList &extraArgs = {})
{
    QJsonObject secrets;
    for (const char *key : {"consumer_key", "consumer_secret", "access_token", "access_token_secret"})
        secrets.insert(QLatin1String(key), mg.value(QLatin1String(key)));
    return runCliWithInput(dataArgs
                               + QStringList{QStringLiteral("connect"), QStringLiteral("magento"), QStringLiteral("--url"),
                                             mg.value(QStringLiteral("base_url")).toString(), QStringLiteral("--auth"),
                                             QStringLiteral("oauth1")}
                               + extraArgs,
                           QJsonDocument(secrets).toJson(), timeoutMs);
}

/// `orderbridge-cli <dataArgs> connect salesforce --flow password` to the sandbox org (`sf`: the
/// `salesforce` object of its ready line), client secret and password on standard input.
inline CliRun connectSalesforcePassword(const QStringList &dataArgs, const QJsonObject &sf, int timeoutMs = 120000,
                                        const QStringList &extraArgs = {})
{
    return runCliWithInput(dataArgs
                               + QStringList{QStringLiteral("connect"), QStringLiteral("salesforce"), QStringLiteral("--login-url"),
                                             sf.value(QStringLiteral("login_url")).toString(), QStringLiteral("--client-id"),
                                             sf.value(QStringLiteral("client_id")).toString(), QStringLiteral("--flow"),
                                             QStringLiteral("password"), QStringLiteral("--username"),
                                             sf.value(QStringLiteral("username")).toString()}
                               + extraArgs,
                           QJsonDocument(QJsonObject{{QStringLiteral("client_secret"), sf.value(QStringLiteral("client_secret"))},
                                                     {QStringLiteral("password"), sf.value(QStringLiteral("password"))}})
                               .toJson(),
                           timeoutMs);
}
