#pragma once

#include "common/error.h"

#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace OrderBridge {

/// One configuration option: its dotted key, type, default, allowed values and validation, side by
/// side. The same descriptor drives validation, CLI parsing, JSON import/export and storage.
///
/// Values are held as QVariant of a fixed C++ type per option type: bool, int, QString (Choice and
/// Text) or QStringList (StatusList).
class SettingOption
{
public:
    enum class Type { Bool, Choice, Int, Text, StatusList, DateTime };

    static SettingOption boolean(QString key, QString label, bool defaultValue);
    static SettingOption choice(QString key, QString label, QStringList allowed, QString defaultValue);
    static SettingOption integer(QString key, QString label, int minimum, int maximum, int defaultValue);
    /// Non-empty text of at most `maximumLength` characters, trimmed (e.g. a Salesforce picklist value).
    static SettingOption text(QString key, QString label, QString defaultValue, int maximumLength = 255);
    /// A list of Magento order status codes (lower-case letters, digits, underscores).
    static SettingOption statusList(QString key, QString label, QStringList defaultValue);
    /// A moment as ISO 8601 text ("2026-12-07", "2026-12-07T15:00:00Z", "…+01:00"; no offset: UTC), or
    /// empty for none. Held normalised as "yyyy-MM-ddTHH:mm:ssZ" in UTC.
    static SettingOption dateTime(QString key, QString label);

    /// The moment a DateTime option's text names (invalid when empty or not a date-time).
    [[nodiscard]] static QDateTime parseDateTime(const QString &text);

    [[nodiscard]] QString key() const { return m_key; }
    /// First part of the key ("orders" of "orders.default_status").
    [[nodiscard]] QString group() const;
    /// Part of the key after the group ("default_status").
    [[nodiscard]] QString name() const;
    [[nodiscard]] QString label() const { return m_label; }
    [[nodiscard]] Type type() const { return m_type; }
    [[nodiscard]] QVariant defaultValue() const { return m_default; }
    /// The allowed values of a Choice option (empty for other types).
    [[nodiscard]] QStringList allowedValues() const { return m_allowed; }
    [[nodiscard]] int minimum() const { return m_minimum; }
    [[nodiscard]] int maximum() const { return m_maximum; }
    /// What the option accepts, in words: "true, false, yes or no", "an integer from 10 to 86400", ...
    [[nodiscard]] QString allowedDescription() const;

    /// Parses command-line text ("yes", "15", "processing,complete"); refuses it with an Error naming the key.
    [[nodiscard]] Result<QVariant> parse(const QString &text) const;
    /// Checks a typed value (the C++ type this option holds) and returns its normalised form.
    [[nodiscard]] Result<QVariant> validate(const QVariant &value) const;
    /// Reads a value from a settings JSON file (JSON booleans, numbers, strings, arrays of strings).
    [[nodiscard]] Result<QVariant> fromJson(const QJsonValue &json) const;
    [[nodiscard]] QJsonValue toJson(const QVariant &value) const;
    /// Text stored in the settings table, and back.
    [[nodiscard]] QString toStorage(const QVariant &value) const;
    [[nodiscard]] Result<QVariant> fromStorage(const QString &text) const;
    /// Human-readable value for tables ("yes"/"no" style is left to the caller; lists are comma-separated).
    [[nodiscard]] QString toDisplay(const QVariant &value) const;

private:
    SettingOption(QString key, QString label, Type type, QVariant defaultValue);

    [[nodiscard]] std::unexpected<Error> refuse(const QString &given) const;

    QString m_key;
    QString m_label;
    Type m_type = Type::Text;
    QVariant m_default;
    QStringList m_allowed;
    int m_minimum = 0;
    int m_maximum = 0;
};

} // namespace OrderBridge
