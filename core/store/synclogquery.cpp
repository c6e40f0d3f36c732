#include "store/synclogquery.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString SyncLogQuery::levelName(Level level)
{
    switch (level) {
    case Level::All:
        return {};
    case Level::Errors:
        return u"error"_s;
    case Level::Warnings:
        return u"warning"_s;
    case Level::Info:
        return u"info"_s;
    }
    return {};
}

} // namespace OrderBridge
