#include "apiusage.h"

#include <QList>

namespace OrderBridge {

ApiUsage ApiUsage::fromHeader(const QByteArray &value)
{
    // "api-usage=18/5000; api-bursts=1/750; per-app-api-usage=17/250(appName=x)"
    const QList<QByteArray> parts = value.split(';');
    for (const QByteArray &rawPart : parts) {
        const QByteArray part = rawPart.trimmed();
        if (!part.startsWith("api-usage="))
            continue;
        const QByteArray pair = part.mid(int(qstrlen("api-usage=")));
        const qsizetype slash = pair.indexOf('/');
        if (slash <= 0)
            return {};
        bool okUsed = false;
        bool okMax = false;
        const qint64 used = pair.left(slash).trimmed().toLongLong(&okUsed);
        const qint64 max = pair.mid(slash + 1).trimmed().toLongLong(&okMax);
        if (!okUsed || !okMax || used < 0 || max <= 0)
            return {};
        return ApiUsage{used, max};
    }
    return {};
}

} // namespace OrderBridge
