#pragma once

#include <QByteArray>
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

inline QStringList withDataDir(const QString &dir, const QStringList &args)
{
    return QStringList{QStringLiteral("--data-dir"), dir} + args;
}
