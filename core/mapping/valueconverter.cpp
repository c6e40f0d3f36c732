#include "valueconverter.h"

#include "common/decimalround.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

std::unexpected<Error> valueError(const QString &message, const QString &hint = {})
{
    return fail(ErrorKind::Invalid, u"mapping.value"_s, message, hint);
}

QString shortText(const QJsonValue &value)
{
    QString text = ValueConverter::toText(value);
    if (text.size() > 60)
        text = text.left(57) + u"..."_s;
    return text;
}

/// Cuts `text` to `limit` code points without splitting a surrogate pair.
QString cutToCodePoints(const QString &text, int limit)
{
    qsizetype units = 0;
    int points = 0;
    while (units < text.size() && points < limit) {
        units += (text.at(units).isHighSurrogate() && units + 1 < text.size()) ? 2 : 1;
        ++points;
    }
    return text.left(units);
}

qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++count;
    }
    return count;
}

Result<double> toNumber(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    const auto notNumeric = [&] {
        return valueError(u"\"%1\" is not a number, so it cannot go into the %2 field %3."_s.arg(shortText(value), field.type,
                                                                                                 field.name),
                          u"Map a numeric Magento attribute or set a numeric default value."_s);
    };
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        number = QLocale::c().toDouble(value.toString().trimmed(), &ok);
        if (!ok)
            return notNumeric();
    } else {
        return notNumeric();
    }
    if (!std::isfinite(number))
        return notNumeric();
    return number;
}

Result<ValueConverter::Converted> convertNumber(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    Result<double> number = toNumber(value, field);
    if (!number)
        return std::unexpected(number.error());
    double d = *number;
    if (field.type == u"int" || field.type == u"long") {
        if (std::fabs(d - std::round(d)) > 1e-9)
            return valueError(u"%1 is not a whole number, so it cannot go into the %2 field %3."_s.arg(shortText(value),
                                                                                                        field.type, field.name),
                              u"Map a whole-number attribute or change the Salesforce field type."_s);
        d = std::round(d);
        if (std::fabs(d) > 9.0e15)
            return valueError(u"%1 is too large for the field %2."_s.arg(shortText(value), field.name));
        return ValueConverter::Converted{QJsonValue(qint64(d)), std::nullopt};
    }
    if (field.scale > 0)
        d = roundDecimal(d, field.scale); // as Salesforce rounds: 19.9950 is 20.00
    if (field.precision > 0 && field.precision >= field.scale) {
        const double limit = std::pow(10.0, field.precision - field.scale);
        if (std::fabs(d) >= limit)
            return valueError(u"%1 has too many digits for the field %2 (%3 digits, %4 after the point)."_s
                                  .arg(shortText(value), field.name)
                                  .arg(field.precision)
                                  .arg(field.scale));
    }
    if (d == 0)
        d = 0; // no "-0" in the JSON
    return ValueConverter::Converted{QJsonValue(d), std::nullopt};
}

Result<ValueConverter::Converted> convertBoolean(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    if (value.isBool())
        return ValueConverter::Converted{value, std::nullopt};
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == 0 || d == 1)
            return ValueConverter::Converted{QJsonValue(d == 1), std::nullopt};
    }
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        static const QStringList yes{u"true"_s, u"yes"_s, u"y"_s, u"1"_s, u"on"_s};
        static const QStringList no{u"false"_s, u"no"_s, u"n"_s, u"0"_s, u"off"_s};
        if (yes.contains(text))
            return ValueConverter::Converted{QJsonValue(true), std::nullopt};
        if (no.contains(text))
            return ValueConverter::Converted{QJsonValue(false), std::nullopt};
    }
    return valueError(u"\"%1\" is not a yes/no value, so it cannot go into the checkbox field %2."_s.arg(shortText(value),
                                                                                                         field.name),
                      u"Use 0/1, true/false or yes/no."_s);
}

/// Magento timestamps are UTC "YYYY-MM-DD HH:MM:SS"; also accepts a bare date and ISO 8601 with an offset.
std::optional<QDateTime> parseTimestamp(const QString &text, bool *dateOnly)
{
    *dateOnly = false;
    const QString trimmed = text.trimmed();
    const QTimeZone utc = QTimeZone::utc();
    if (trimmed.size() == 10) {
        const QDate date = QDate::fromString(trimmed, u"yyyy-MM-dd"_s);
        if (!date.isValid())
            return std::nullopt;
        *dateOnly = true;
        return QDateTime(date, QTime(0, 0), utc);
    }
    // Parse date and time apart so the machine's time zone (and its DST gaps) never interferes.
    if (trimmed.size() > 11 && trimmed.at(10) == u' ') {
        const QDate date = QDate::fromString(trimmed.left(10), u"yyyy-MM-dd"_s);
        const QString clock = trimmed.mid(11);
        for (const QString &format : {u"HH:mm:ss"_s, u"HH:mm:ss.zzz"_s, u"HH:mm"_s}) {
            const QTime time = QTime::fromString(clock, format);
            if (date.isValid() && time.isValid())
                return QDateTime(date, time, utc);
        }
        return std::nullopt;
    }
    QDateTime iso = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (iso.isValid()) {
        if (iso.timeSpec() == Qt::LocalTime)
            iso.setTimeZone(utc); // no offset given: Magento means UTC
        return iso.toUTC();
    }
    return std::nullopt;
}

Result<ValueConverter::Converted> convertDate(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    bool dateOnly = false;
    const std::optional<QDateTime> dt = value.isString() ? parseTimestamp(value.toString(), &dateOnly) : std::nullopt;
    if (!dt) {
        return valueError(u"\"%1\" is not a date, so it cannot go into the %2 field %3."_s.arg(shortText(value), field.type,
                                                                                               field.name),
                          u"Expected a Magento timestamp such as 2026-11-27 08:55:00 or a date such as 2026-11-27."_s);
    }
    if (field.type == u"date")
        return ValueConverter::Converted{QJsonValue(dt->date().toString(u"yyyy-MM-dd"_s)), std::nullopt};
    const QString text = dt->toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s) + u"+0000"_s;
    return ValueConverter::Converted{QJsonValue(text), std::nullopt};
}

Result<ValueConverter::Converted> convertText(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    const bool multiLine = field.type == u"textarea";
    const QString separator = multiLine ? u"\n"_s : (field.type == u"multipicklist" ? u";"_s : u", "_s);
    QString text = ValueConverter::toText(value, separator);
    if (!multiLine && (text.contains(u'\n') || text.contains(u'\r'))) {
        // Single-line fields get the lines joined ("Main Website\nMain Store\n" -> "Main Website, Main Store").
        QStringList lines;
        const QStringList parts = text.split(u'\n');
        for (const QString &part : parts) {
            const QString line = part.trimmed();
            if (!line.isEmpty())
                lines << line;
        }
        text = lines.join(u", "_s);
    }
    const QStringList allowed = field.restrictedPicklist ? field.activePicklistValues() : QStringList();
    if (!allowed.isEmpty() && !allowed.contains(text)) {
        return valueError(u"\"%1\" is not a value of the restricted picklist %2."_s.arg(shortText(QJsonValue(text)), field.name),
                          u"Use one of: %1."_s.arg(allowed.join(u", "_s)));
    }
    ValueConverter::Converted converted{QJsonValue(text), std::nullopt};
    if (field.length > 0 && codePointCount(text) > field.length) {
        converted.truncatedFrom = text;
        converted.value = cutToCodePoints(text, field.length);
    }
    return converted;
}

} // namespace

Result<ValueConverter::Converted> ValueConverter::convert(const QJsonValue &value, const SalesforceFieldInfo &field)
{
    if (field.isText())
        return convertText(value, field);
    if (value.isArray() || value.isObject()) {
        return valueError(u"The Magento value is a list or object, which cannot go into the %1 field %2."_s.arg(field.type,
                                                                                                                field.name),
                          u"Pick a single value, e.g. with [0] instead of []."_s);
    }
    if (field.isNumeric())
        return convertNumber(value, field);
    if (field.type == u"boolean")
        return convertBoolean(value, field);
    if (field.type == u"date" || field.type == u"datetime")
        return convertDate(value, field);
    return valueError(u"The field %1 has the type %2, which a mapping cannot write."_s.arg(field.name, field.type),
                      u"Map a text, number, checkbox, date or date/time field instead."_s);
}

bool ValueConverter::isEmpty(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return value.toString().trimmed().isEmpty();
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            if (!isEmpty(element))
                return false;
        }
        return true;
    }
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    case QJsonValue::Double:
    case QJsonValue::Bool:
        break;
    }
    return false;
}

QString ValueConverter::toText(const QJsonValue &value, const QString &arraySeparator)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::fabs(d) < 1e15 && d == std::round(d))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            const QString part = toText(element, arraySeparator);
            if (!part.trimmed().isEmpty())
                parts << part;
        }
        return parts.join(arraySeparator);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace OrderBridge
