#pragma once

#include <QString>
#include <QStringList>

#include <expected>

namespace OrderBridge {

/// What kind of failure an Error is, decided where the error is made, so that callers branch on
/// the kind and never on the text of the code.
enum class ErrorKind {
    Failed,        ///< something outside the request failed: network, database, a remote refusal
    Invalid,       ///< the request itself was wrong (bad value, unknown key, refused change); nothing changed
    NotConfigured, ///< no connection is set up for the store and the org
    Busy,          ///< the same work is under way already; nothing was started
    NotFound,      ///< the named thing does not exist (order, secret, record)
    RequestLimit,  ///< Salesforce refuses more API calls today (REQUEST_LIMIT_EXCEEDED)
    Reconfigured,  ///< the connection settings changed while the request was under way
    Locked,        ///< another process works on the data folder
};

/// What went wrong, in words a user can act on: a stable code, a message naming the problem,
/// and a hint naming the fix. The kind says how a caller should treat it.
struct Error
{
    QString code;
    QString message;
    QString hint;
    QStringList fields;
    ErrorKind kind = ErrorKind::Failed;

    [[nodiscard]] QString toString() const
    {
        QString text = message;
        if (!hint.isEmpty())
            text += QStringLiteral(" ") + hint;
        return text;
    }

    friend bool operator==(const Error &, const Error &) = default;

    /// The same error as another kind (for the places that learn the kind after the text).
    [[nodiscard]] Error as(ErrorKind newKind) const
    {
        Error copy = *this;
        copy.kind = newKind;
        return copy;
    }
};

/// Value-or-error return type of fallible core functions; exceptions never cross the core boundary.
template<typename T>
using Result = std::expected<T, Error>;

/// Convenience for building the error side of a Result.
inline std::unexpected<Error> fail(QString code, QString message, QString hint = {})
{
    return std::unexpected<Error>(Error{std::move(code), std::move(message), std::move(hint), {}, ErrorKind::Failed});
}

/// The same for an error of a given kind.
inline std::unexpected<Error> fail(ErrorKind kind, QString code, QString message, QString hint = {})
{
    return std::unexpected<Error>(Error{std::move(code), std::move(message), std::move(hint), {}, kind});
}

} // namespace OrderBridge
