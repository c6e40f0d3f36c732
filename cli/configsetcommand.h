#pragma once

#include "workercommand.h"

#include <QString>

namespace OrderBridge {

/// `orderbridge-cli config set KEY VALUE`: the settings update the console's Apply makes
/// (SettingsUpdate, on the sync worker): the value checked with the whole configuration, a new Default
/// Status checked against the org's Order Status values when a connection is set up and the org
/// answers, the settings stored, and the Out of Sync and Skipped orders queued again when a rule of
/// eligibility changed. The data folder must be free: when another process holds it, exit 1 naming
/// that process, nothing changed.
class ConfigSetCommand : public WorkerCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigSetCommand)

public:
    explicit ConfigSetCommand(const CliContext &context, QObject *parent = nullptr);
    ~ConfigSetCommand() override;

protected:
    void run(ArgumentList args) override;

private:
    /// Reads the org's Order Status values (a failure only means Default Status goes unchecked).
    void readOrgThenSave();
    void save();

    QString m_key;
    QString m_value;
};

} // namespace OrderBridge
