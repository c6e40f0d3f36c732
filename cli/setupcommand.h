#pragma once

#include "workercommand.h"

namespace OrderBridge {

struct OrgSetupReport;

/// `orderbridge-cli setup salesforce [--dry-run] [--json]`: compares the org with what the mappings need
/// and creates what is missing (custom fields, the "OrderBridge Integration" permission set and its
/// assignment); exit 0 when the org is ready, 1 with the reasons when it is not.
class SetupCommand : public WorkerCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupCommand)

public:
    explicit SetupCommand(const CliContext &context, QObject *parent = nullptr);
    ~SetupCommand() override;

    /// The command's lines in the help.
    static QString synopsis();

protected:
    void run(ArgumentList args) override;

private:
    void printText(const OrgSetupReport &report);
    void printJson(const OrgSetupReport &report);
};

} // namespace OrderBridge
