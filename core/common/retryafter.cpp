#include "common/retryafter.h"

#include <QLocale>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

std::optional<QDateTime> parseHttpDate(const QString &text)
{
    // HTTP dates are always English and GMT, whatever the user's locale.
    const QLocale c = QLocale::c();
    static const QStringList formats{
        u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s, // IMF-fixdate, the one servers must send
        u"dddd, dd-MMM-yy HH:mm:ss 'GMT'"_s,  // RFC 850
        u"ddd MMM d HH:mm:ss yyyy"_s,         // asctime, day padded with a space
    };
    const QString simplified = text.simplified();
    for (const QString &format : formats) {
        const QDateTime parsed = c.toDateTime(simplified, format);
        if (!parsed.isValid())
            continue;
        // The fields are GMT; two-digit years (RFC 850) that Qt reads as 19xx belong to this century.
        const QDate date = parsed.date().year() < 1970 ? parsed.date().addYears(100) : parsed.date();
        return QDateTime(date, parsed.time(), Qt::UTC);
    }
    return std::nullopt;
}

} // namespace

std::optional<qint64> retryAfterMs(const QByteArray &header, const QDateTime &nowUtc)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(std::min<qint64>(seconds, qint64(1) << 31) * 1000);
    const std::optional<QDateTime> at = parseHttpDate(QString::fromLatin1(value));
    if (!at)
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(*at));
}

} // namespace OrderBridge
