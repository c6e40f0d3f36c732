#pragma once

#include "common/error.h"

#include <QString>
#include <QStringList>
#include <QVariant>

namespace OrderBridge {

/// The one place where values enter SOQL text. Every literal is escaped here (backslash, both
/// quotes, newline, carriage return, tab, backspace, form feed; for LIKE also % and _), other
/// control characters are dropped, and names are accepted only when they match the identifier or
/// relationship-path pattern. SoqlQuery builds whole statements from these; nothing else in core
/// concatenates user data into SOQL.
class Soql
{
public:
    /// How a LIKE pattern matches the given text.
    enum class LikeMatch { Exact, Prefix, Suffix, Contains };

    /// The escaped text, without the surrounding quotes.
    [[nodiscard]] static QString escape(const QString &value);
    /// A quoted string literal: `'O\'Brien'`.
    [[nodiscard]] static QString quote(const QString &value);
    /// A quoted LIKE pattern that matches `value` literally (its % and _ escaped) with the wanted
    /// wildcards around it.
    [[nodiscard]] static QString quoteLike(const QString &value, LikeMatch match = LikeMatch::Exact);
    /// `('a','b')`; an empty list is an error because `IN ()` is not SOQL and `IN (null)` would
    /// match records with a blank field.
    [[nodiscard]] static Result<QString> inList(const QStringList &values);
    /// A literal of any supported type: string (quoted), bool, integer, double, QDate, QDateTime
    /// (UTC, unquoted as SOQL wants) or null.
    [[nodiscard]] static Result<QString> literal(const QVariant &value);

    /// True for `Name`, `Magento_ID__c`, `ns__Field__c`, `Account.Owner.Name`, `Parent__r.Name`.
    [[nodiscard]] static bool isValidName(const QString &name);
    /// The name itself when valid, else an INVALID_SOQL_NAME error naming it.
    [[nodiscard]] static Result<QString> name(const QString &name);
};

} // namespace OrderBridge
