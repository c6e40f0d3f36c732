#pragma once

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

/// The console's one way of writing dates and times: the order of the user's locale (QLocale's short
/// formats) with the year always in four digits ("12/8/2026 2:05 PM", "08.12.2026 14:05"). Times are
/// shown in local time. Every page, table and dialog uses these, so a date reads the same everywhere.
namespace LocalDateText {

/// The locale's short date format with a four-digit year ("M/d/yyyy", "dd.MM.yyyy").
[[nodiscard]] QString dateFormat(const QLocale &locale = QLocale());
/// The date format followed by the short time format ("M/d/yyyy h:mm AP").
[[nodiscard]] QString dateTimeFormat(const QLocale &locale = QLocale());
/// The same with seconds, for the log ("M/d/yyyy h:mm:ss AP").
[[nodiscard]] QString dateTimeWithSecondsFormat(const QLocale &locale = QLocale());

[[nodiscard]] QString date(const QDate &date, const QLocale &locale = QLocale());
/// Empty for an invalid time.
[[nodiscard]] QString dateTime(const QDateTime &time, const QLocale &locale = QLocale());
[[nodiscard]] QString dateTimeWithSeconds(const QDateTime &time, const QLocale &locale = QLocale());
/// The time of day alone, in the locale's short format ("2:05 PM").
[[nodiscard]] QString time(const QDateTime &time, const QLocale &locale = QLocale());

/// `format` with every year field of fewer than four letters widened to "yyyy"; quoted text is left as is.
[[nodiscard]] QString withFourDigitYears(const QString &format);

} // namespace LocalDateText
