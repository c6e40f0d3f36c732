#pragma once

#include <QString>
#include <QStringList>

#include <expected>

namespace OrderBridge {

/// What went wrong, in words a user can act on: a stable code, a message naming the problem,
/// and a hint naming the fix.
struct Error
{
    QString code;
    QString message;
    QString hint;
    QStringList fields;

    [[nodiscard]] QString toString() const
    {
        QString text = message;
        if (!hint.isEmpty())
            text += QStringLiteral(" ") + hint;
        return text;
    }
};

/// Value-or-error return type of fallible core functions; exceptions never cross the core boundary.
template<typename T>
using Result = std::expected<T, Error>;

/// Convenience for building the error side of a Result.
inline std::unexpected<Error> fail(QString code, QString message, QString hint = {})
{
    return std::unexpected<Error>(Error{std::move(code), std::move(message), std::move(hint), {}});
}

} // namespace OrderBridge
