#pragma once

#include <QString>

namespace OrderBridge {

/// Where OrderBridge keeps its data: one rule shared by the CLI and the GUI.
class DataLocation
{
public:
    /// Environment variable that overrides the platform's application-data folder.
    static QString environmentVariable();

    /// File name of the SQLite store inside the data folder.
    static QString databaseFileName();

    /// The data folder: `explicitDir` when non-empty (e.g. `--data-dir`), else $ORDERBRIDGE_DATA_DIR
    /// when set and non-empty, else QStandardPaths::AppDataLocation. Returned as an absolute, clean path.
    static QString resolveDataDir(const QString &explicitDir = {});

    /// resolveDataDir(explicitDir) + "/orderbridge.sqlite".
    static QString databasePath(const QString &explicitDir = {});
};

} // namespace OrderBridge
