#include "magentotime.h"

#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge::MagentoTime {

QString format(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QDateTime parse(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, u"yyyy-MM-dd HH:mm:ss"_s);
    if (!time.isValid())
        return {};
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace OrderBridge::MagentoTime
