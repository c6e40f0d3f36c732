#pragma once

#include "exitcode.h"
#include "common/error.h"

#include <QString>
#include <QTextStream>

#include <functional>
#include <memory>

namespace OrderBridge {

class Database;

/// What a CLI command needs: its output streams and a way to open the store when (and only when)
/// the request is well-formed.
struct CliContext
{
    QTextStream &out;
    QTextStream &err;
    std::function<Result<std::shared_ptr<Database>>()> openDatabase;

    /// Prints the error (message, then the fix) to err and returns its exit status.
    ExitCode report(const Error &error) const;
    /// Prints a usage error followed by the usage text; returns ExitCode::Usage.
    ExitCode usage(const QString &message, const QString &usageText) const;
};

} // namespace OrderBridge
