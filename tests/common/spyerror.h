#pragma once

#include "common/error.h"

#include <QSignalSpy>
#include <QString>

/// The error a signal spy caught first (argument `index`), empty when it caught nothing; safe in
/// QVERIFY2 messages, which are evaluated whether or not the check fails.
inline QString spyError(const QSignalSpy &spy, int index = 0)
{
    return spy.isEmpty() ? QString() : spy.first().at(index).value<OrderBridge::Error>().toString();
}
