#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace OrderBridge {

/// The arguments of one command, taken out as they are understood; what is left over is an error.
class ArgumentList
{
public:
    explicit ArgumentList(QStringList args);

    /// The value of `--name VALUE` or `--name=VALUE`, taken out of the list; nullopt when absent.
    std::optional<QString> takeOption(const QString &name);
    /// True when `name` was given (every occurrence is taken out).
    bool takeFlag(const QString &name);
    /// The first argument, taken out; empty when there is none.
    QString takeFirst();

    [[nodiscard]] bool isEmpty() const { return m_args.isEmpty(); }
    /// The first argument not taken yet (for "Unexpected argument" errors).
    [[nodiscard]] QString first() const { return m_args.value(0); }
    [[nodiscard]] const QStringList &remaining() const { return m_args; }

private:
    QStringList m_args;
};

} // namespace OrderBridge
