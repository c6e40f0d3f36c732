#pragma once

#include "command.h"

namespace OrderBridge {

/// `orderbridge-cli status [--order INCREMENT_ID] [--json]`: the sync state of the stored orders,
/// read from the local store only (no network).
class StatusCommand : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusCommand)

public:
    explicit StatusCommand(const CliContext &context, QObject *parent = nullptr);
    ~StatusCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    void run(ArgumentList args) override;

private:
    ExitCode print(const std::optional<QString> &order, bool json);
};

} // namespace OrderBridge
