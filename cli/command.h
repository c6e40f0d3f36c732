#pragma once

#include "argumentlist.h"
#include "clicontext.h"
#include "common/error.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace OrderBridge {

class CredentialStore;
struct SyncWorkerConfig;

/// One orderbridge-cli command that may wait on the event loop (the keychain, Magento, Salesforce).
/// CliApplication starts it with the arguments after the command's name; the command answers with
/// its exit status exactly once. `--secrets-file FILE` is taken out for every such command.
class Command : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Command)

public:
    explicit Command(const CliContext &context, QObject *parent = nullptr);
    ~Command() override;

    /// Runs the command; `done` gets the exit status once, now or later from the event loop.
    void start(const QStringList &args, std::function<void(int)> done);

protected:
    /// The command's work; every path ends in finish(), fail() or failUsage().
    virtual void run(ArgumentList args) = 0;

    /// Flushes the output and hands `code` to the caller (once; later calls are ignored), after settle().
    void finish(ExitCode code);
    /// Runs `then` once what the command started in the background must be done before the process
    /// ends (WorkerCommand: secrets the worker handed over); at once by default.
    virtual void settle(std::function<void()> then) { then(); }
    /// Prints the error and its fix, then finishes with its exit status.
    void fail(const Error &error);
    /// Prints a usage error with the synopsis of these commands; finishes with ExitCode::Usage.
    void failUsage(const QString &message);
    /// failUsage() naming the first argument left over, if any; true when it did.
    bool rejectRemaining(const ArgumentList &args);

    [[nodiscard]] const CliContext &context() const { return m_context; }
    /// The file named by --secrets-file, empty when none was given.
    [[nodiscard]] const QString &secretsFile() const { return m_secretsFile; }

    /// Opens where secrets are kept (`secretsFile`, else $ORDERBRIDGE_SECRETS, else the keychain);
    /// it stays open, owned by the command, until the command is destroyed.
    [[nodiscard]] Result<CredentialStore *> openCredentials(const QString &secretsFile);
    /// The credential store openCredentials() opened, or null.
    [[nodiscard]] CredentialStore *credentials() const { return m_credentials.get(); }
    /// Reads the active connection and its secrets (from --secrets-file or the keychain); `done`
    /// gets the worker's configuration and the profile's name, or why there is none.
    void loadWorkerConfig(std::function<void(Result<SyncWorkerConfig>, const QString &profile)> done);

private:
    const CliContext &m_context;
    std::function<void(int)> m_done;
    QString m_secretsFile;
    std::unique_ptr<CredentialStore> m_credentials;
};

} // namespace OrderBridge
