#include "common/localdatetext.h"

using namespace Qt::Literals::StringLiterals;

namespace LocalDateText {

QString withFourDigitYears(const QString &format)
{
    QString result;
    result.reserve(format.size() + 2);
    bool quoted = false;
    for (qsizetype i = 0; i < format.size();) {
        const QChar c = format.at(i);
        if (c == u'\'') {
            quoted = !quoted;
            result += c;
            ++i;
            continue;
        }
        if (quoted || c != u'y') {
            result += c;
            ++i;
            continue;
        }
        qsizetype run = 0;
        while (i + run < format.size() && format.at(i + run) == u'y')
            ++run;
        result += run < 4 ? u"yyyy"_s : format.mid(i, run);
        i += run;
    }
    return result;
}

namespace {

// The locale's long time format without its time-zone field ("h:mm:ss AP t" → "h:mm:ss AP"): the
// console shows local times and names no zone.
QString timeWithSecondsFormat(const QLocale &locale)
{
    QString format = locale.timeFormat(QLocale::LongFormat);
    QString result;
    bool quoted = false;
    for (const QChar c : format) {
        if (c == u'\'')
            quoted = !quoted;
        if (!quoted && c == u't')
            continue;
        result += c;
    }
    return result.simplified();
}

} // namespace

QString dateFormat(const QLocale &locale)
{
    return withFourDigitYears(locale.dateFormat(QLocale::ShortFormat));
}

QString dateTimeFormat(const QLocale &locale)
{
    return dateFormat(locale) + u' ' + locale.timeFormat(QLocale::ShortFormat);
}

QString dateTimeWithSecondsFormat(const QLocale &locale)
{
    return dateFormat(locale) + u' ' + timeWithSecondsFormat(locale);
}

QString date(const QDate &date, const QLocale &locale)
{
    return date.isValid() ? locale.toString(date, dateFormat(locale)) : QString();
}

QString dateTime(const QDateTime &time, const QLocale &locale)
{
    return time.isValid() ? locale.toString(time.toLocalTime(), dateTimeFormat(locale)) : QString();
}

QString dateTimeWithSeconds(const QDateTime &time, const QLocale &locale)
{
    return time.isValid() ? locale.toString(time.toLocalTime(), dateTimeWithSecondsFormat(locale)) : QString();
}

QString time(const QDateTime &time, const QLocale &locale)
{
    return time.isValid() ? locale.toString(time.toLocalTime().time(), QLocale::ShortFormat) : QString();
}

} // namespace LocalDateText
