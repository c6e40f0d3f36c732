#pragma once

#include "synccommand.h"

namespace OrderBridge {

/// `orderbridge-cli retry [--errors] [--json]`: queues the orders in Error again (due now), then
/// syncs like `sync` with the same options.
class RetryCommand : public SyncCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryCommand)

public:
    explicit RetryCommand(const CliContext &context, QObject *parent = nullptr);
    ~RetryCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    bool prepare(const std::shared_ptr<Database> &database, const SyncOutput &output) override;
};

} // namespace OrderBridge
