#include "settings/settingoption.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// Magento's own rule for order status codes (sales_order_status.status is varchar(32)).
const QRegularExpression &statusCodePattern()
{
    static const QRegularExpression pattern(u"^[a-z][a-z0-9_]{0,31}$"_s);
    return pattern;
}

QString quoted(const QStringList &values)
{
    QStringList parts;
    for (const QString &value : values)
        parts << u'"' + value + u'"';
    if (parts.size() <= 1)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return parts.join(u", "_s) + u" or "_s + last;
}

} // namespace

SettingOption::SettingOption(QString key, QString label, Type type, QVariant defaultValue)
    : m_key(std::move(key))
    , m_label(std::move(label))
    , m_type(type)
    , m_default(std::move(defaultValue))
{
}

SettingOption SettingOption::boolean(QString key, QString label, bool defaultValue)
{
    return SettingOption(std::move(key), std::move(label), Type::Bool, defaultValue);
}

SettingOption SettingOption::choice(QString key, QString label, QStringList allowed, QString defaultValue)
{
    SettingOption option(std::move(key), std::move(label), Type::Choice, std::move(defaultValue));
    option.m_allowed = std::move(allowed);
    return option;
}

SettingOption SettingOption::integer(QString key, QString label, int minimum, int maximum, int defaultValue)
{
    SettingOption option(std::move(key), std::move(label), Type::Int, defaultValue);
    option.m_minimum = minimum;
    option.m_maximum = maximum;
    return option;
}

SettingOption SettingOption::text(QString key, QString label, QString defaultValue, int maximumLength)
{
    SettingOption option(std::move(key), std::move(label), Type::Text, std::move(defaultValue));
    option.m_minimum = 1;
    option.m_maximum = maximumLength;
    return option;
}

SettingOption SettingOption::statusList(QString key, QString label, QStringList defaultValue)
{
    return SettingOption(std::move(key), std::move(label), Type::StatusList, std::move(defaultValue));
}

SettingOption SettingOption::dateTime(QString key, QString label)
{
    return SettingOption(std::move(key), std::move(label), Type::DateTime, QString());
}

QDateTime SettingOption::parseDateTime(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 10) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        return date.isValid() ? QDateTime(date, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    QDateTime moment = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!moment.isValid())
        return {};
    // Magento keeps its timestamps in UTC; a moment without an offset is read the same way.
    if (moment.timeSpec() == Qt::LocalTime)
        moment = QDateTime(moment.date(), moment.time(), Qt::UTC);
    return moment.toUTC();
}

QString SettingOption::group() const
{
    return m_key.section(u'.', 0, 0);
}

QString SettingOption::name() const
{
    return m_key.section(u'.', 1);
}

QString SettingOption::allowedDescription() const
{
    switch (m_type) {
    case Type::Bool:
        return u"true, false, yes or no"_s;
    case Type::Choice:
        return quoted(m_allowed);
    case Type::Int:
        return u"a whole number from %1 to %2"_s.arg(m_minimum).arg(m_maximum);
    case Type::Text:
        return u"a non-empty text of at most %1 characters"_s.arg(m_maximum);
    case Type::StatusList:
        return u"a comma-separated list of Magento order status codes (lower-case letters, digits and "
               u"underscores, such as \"processing,complete\"), or \"\" for none"_s;
    case Type::DateTime:
        return u"an ISO 8601 date or date-time such as \"2026-01-31\" or \"2026-01-31T09:00:00Z\" (UTC unless "
               u"an offset is given), or \"\" for none"_s;
    }
    return {};
}

std::unexpected<Error> SettingOption::refuse(const QString &given) const
{
    auto error = fail(ErrorKind::Invalid, u"settings.invalid_value"_s,
                      // A long value is quoted by its start: the message stays readable whatever was given.
                      u"The value \"%1\" is not valid for %2 (%3)."_s.arg(
                          given.size() > 80 ? given.left(60) + u"… (%1 characters)"_s.arg(given.size()) : given, m_key,
                          m_label),
                      u"Allowed: %1."_s.arg(allowedDescription()));
    error.error().fields << m_key;
    return error;
}

Result<QVariant> SettingOption::parse(const QString &text) const
{
    const QString trimmed = text.trimmed();
    switch (m_type) {
    case Type::Bool: {
        const QString lower = trimmed.toLower();
        if (lower == u"true"_s || lower == u"yes"_s)
            return QVariant(true);
        if (lower == u"false"_s || lower == u"no"_s)
            return QVariant(false);
        return refuse(text);
    }
    case Type::Int: {
        bool ok = false;
        const int number = trimmed.toInt(&ok);
        if (!ok)
            return refuse(text);
        return validate(number);
    }
    case Type::Choice:
    case Type::Text:
    case Type::DateTime:
        return validate(trimmed);
    case Type::StatusList: {
        QStringList codes;
        if (!trimmed.isEmpty()) {
            for (const QString &part : trimmed.split(u','))
                codes << part.trimmed();
        }
        return validate(codes);
    }
    }
    return refuse(text);
}

Result<QVariant> SettingOption::validate(const QVariant &value) const
{
    switch (m_type) {
    case Type::Bool:
        if (value.typeId() != QMetaType::Bool)
            return refuse(value.toString());
        return value;
    case Type::Int: {
        if (value.typeId() != QMetaType::Int)
            return refuse(value.toString());
        const int number = value.toInt();
        if (number < m_minimum || number > m_maximum)
            return refuse(QString::number(number));
        return value;
    }
    case Type::Choice: {
        if (value.typeId() != QMetaType::QString || !m_allowed.contains(value.toString()))
            return refuse(value.toString());
        return value;
    }
    case Type::Text: {
        if (value.typeId() != QMetaType::QString)
            return refuse(value.toString());
        const QString text = value.toString().trimmed();
        if (text.isEmpty() || text.size() > m_maximum)
            return refuse(value.toString());
        return QVariant(text);
    }
    case Type::StatusList: {
        if (value.typeId() != QMetaType::QStringList)
            return refuse(value.toString());
        QStringList unique;
        for (const QString &code : value.toStringList()) {
            if (!statusCodePattern().match(code).hasMatch())
                return refuse(value.toStringList().join(u','));
            if (!unique.contains(code))
                unique << code;
        }
        return QVariant(unique);
    }
    case Type::DateTime: {
        if (value.typeId() != QMetaType::QString)
            return refuse(value.toString());
        if (value.toString().trimmed().isEmpty())
            return QVariant(QString());
        const QDateTime moment = parseDateTime(value.toString());
        if (!moment.isValid())
            return refuse(value.toString());
        return QVariant(moment.toString(Qt::ISODate));
    }
    }
    return refuse(value.toString());
}

Result<QVariant> SettingOption::fromJson(const QJsonValue &json) const
{
    const QString shown = json.isString() ? json.toString()
                                          : QString::fromUtf8(QJsonDocument(QJsonArray{json}).toJson(
                                                                  QJsonDocument::Compact))
                                                .mid(1)
                                                .chopped(1);
    switch (m_type) {
    case Type::Bool:
        if (!json.isBool())
            return refuse(shown);
        return QVariant(json.toBool());
    case Type::Int: {
        const double number = json.toDouble();
        if (!json.isDouble() || number != double(qint64(number)) || number < m_minimum || number > m_maximum)
            return refuse(shown);
        return QVariant(int(number));
    }
    case Type::Choice:
    case Type::Text:
    case Type::DateTime:
        if (!json.isString())
            return refuse(shown);
        return validate(json.toString());
    case Type::StatusList: {
        if (!json.isArray())
            return refuse(shown);
        QStringList codes;
        for (const QJsonValue &item : json.toArray()) {
            if (!item.isString())
                return refuse(shown);
            codes << item.toString();
        }
        return validate(codes);
    }
    }
    return refuse(shown);
}

QJsonValue SettingOption::toJson(const QVariant &value) const
{
    switch (m_type) {
    case Type::Bool:
        return value.toBool();
    case Type::Int:
        return value.toInt();
    case Type::Choice:
    case Type::Text:
    case Type::DateTime:
        return value.toString();
    case Type::StatusList:
        return QJsonArray::fromStringList(value.toStringList());
    }
    return {};
}

QString SettingOption::toStorage(const QVariant &value) const
{
    switch (m_type) {
    case Type::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case Type::Int:
        return QString::number(value.toInt());
    case Type::Choice:
    case Type::Text:
        return value.toString();
    case Type::DateTime:
        // Never a null string: "all history" is stored as an empty text (the column is NOT NULL).
        return value.toString().isEmpty() ? QStringLiteral("") : value.toString();
    case Type::StatusList:
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(value.toStringList())).toJson(QJsonDocument::Compact));
    }
    return {};
}

Result<QVariant> SettingOption::fromStorage(const QString &text) const
{
    if (m_type == Type::StatusList) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (!document.isArray())
            return refuse(text);
        return fromJson(document.array());
    }
    return parse(text);
}

QString SettingOption::toDisplay(const QVariant &value) const
{
    switch (m_type) {
    case Type::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case Type::Int:
        return QString::number(value.toInt());
    case Type::Choice:
    case Type::Text:
        return value.toString();
    case Type::DateTime:
        return value.toString().isEmpty() ? u"(none)"_s : value.toString();
    case Type::StatusList:
        return value.toStringList().isEmpty() ? u"(none)"_s : value.toStringList().join(u',');
    }
    return {};
}

} // namespace OrderBridge
