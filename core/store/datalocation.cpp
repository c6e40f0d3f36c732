#include "store/datalocation.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString DataLocation::environmentVariable()
{
    return u"ORDERBRIDGE_DATA_DIR"_s;
}

QString DataLocation::databaseFileName()
{
    return u"orderbridge.sqlite"_s;
}

QString DataLocation::resolveDataDir(const QString &explicitDir)
{
    QString dir = explicitDir;
    if (dir.isEmpty())
        dir = qEnvironmentVariable("ORDERBRIDGE_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir::cleanPath(QDir(dir).absolutePath());
}

QString DataLocation::databasePath(const QString &explicitDir)
{
    return resolveDataDir(explicitDir) + u'/' + databaseFileName();
}

} // namespace OrderBridge
