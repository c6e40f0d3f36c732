#pragma once

#include <QString>

namespace OrderBridge {

/// The help of orderbridge-cli, put together from each command's synopsis.
class UsageText
{
public:
    /// What --help prints: every command, the global options and the exit statuses.
    [[nodiscard]] static QString program();
    /// The synopsis of the commands that talk to Magento and Salesforce (connect, sync, retry,
    /// test-connection, status), printed under their usage errors.
    [[nodiscard]] static QString networkCommands();
};

} // namespace OrderBridge
