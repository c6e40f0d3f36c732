#include "magentotime.h"


using namespace Qt::Literals::StringLiterals;

namespace OrderBridge::MagentoTime {

QString format(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QDateTime parse(const QString &text)
{
    // "yyyy-MM-dd HH:mm:ss" read by hand: QDateTime::fromString builds a local time first, which asks the
    // system time zone on every call (a tenth of the CPU of a sync) and turns a time in a daylight-saving
    // gap of the local zone into another time before it is declared UTC.
    static constexpr char kShape[] = "dddd-dd-dd dd:dd:dd";
    if (text.size() != qsizetype(sizeof(kShape) - 1))
        return {};
    int fields[6] = {};
    int field = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (kShape[i] != 'd') {
            if (c != char16_t(kShape[i]))
                return {};
            ++field;
        } else if (c >= u'0' && c <= u'9') {
            fields[field] = fields[field] * 10 + int(c - u'0');
        } else {
            return {};
        }
    }
    const QDate date(fields[0], fields[1], fields[2]);
    const QTime time(fields[3], fields[4], fields[5]);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace OrderBridge::MagentoTime
