#pragma once

#include "command.h"

#include <functional>
#include <memory>

namespace OrderBridge {

class Database;
class WorkerHost;

/// A command that uses the sync worker (sync, retry, test-connection, config set) through the
/// WorkerHost the console uses too: the worker on its own "sync-worker" thread, the data folder's
/// lock, the active connection loaded from --secrets-file or the keychain, the browser sign-in
/// address printed when Salesforce wants one and the refresh tokens it issues stored.
class WorkerCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerCommand)

public:
    explicit WorkerCommand(const CliContext &context, QObject *parent = nullptr);
    /// Stops the worker's thread (quit + wait); the worker is deleted on it.
    ~WorkerCommand() override;

protected:
    /// Waits for the secrets the worker handed over (a rotated refresh token stored, a refused one
    /// removed): a process that ended first would lose them.
    void settle(std::function<void()> then) override;
    /// Opens the store and the credential store and creates the host over them; false after
    /// failing the command.
    [[nodiscard]] bool createHost();
    /// Takes the data folder's lock for this process (createHost() first). When another process
    /// holds it the command fails with exit 1 naming that process, before anything was touched.
    [[nodiscard]] bool lockDataFolder();
    /// Starts the worker; `ready` runs once it has the active connection. Without a usable
    /// connection `unconfigured` runs with the reason, or the command fails with it when none is given.
    void startHost(std::function<void()> ready, std::function<void(const Error &)> unconfigured = {});
    /// Starts the worker without a connection, for requests that need only the store.
    void startHostWithoutConnection();
    /// createHost(), then startHost() (read-only when another process holds the data folder).
    void withHost(std::function<void()> ready);

    [[nodiscard]] WorkerHost *host() const { return m_host.get(); }
    [[nodiscard]] const std::shared_ptr<Database> &database() const { return m_database; }

private:
    std::shared_ptr<Database> m_database;
    std::unique_ptr<WorkerHost> m_host;
};

} // namespace OrderBridge
