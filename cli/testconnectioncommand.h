#pragma once

#include "workercommand.h"

namespace OrderBridge {

/// `orderbridge-cli test-connection`: checks both connections, the fields the mappings need and the
/// price book; one line per check, exit 0 when all pass, 1 otherwise.
class TestConnectionCommand : public WorkerCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestConnectionCommand)

public:
    explicit TestConnectionCommand(const CliContext &context, QObject *parent = nullptr);
    ~TestConnectionCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    void run(ArgumentList args) override;
};

} // namespace OrderBridge
