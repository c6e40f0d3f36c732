#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace OrderBridge {

/// One line of a connection test: what was checked, whether it worked, and the detail or the fix.
struct ConnectionCheck
{
    QString name;
    bool ok = false;
    QString detail;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::ConnectionCheck)
