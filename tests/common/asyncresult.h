#pragma once

#include <QString>
#include <QTest>

#include <optional>

/// Collects the result of an asynchronous core call in a test: pass callback() to the call, then wait().
template<typename R>
struct Waiter
{
    std::optional<R> result;
    auto callback()
    {
        return [this](R r) { result = std::move(r); };
    }
    bool wait(int ms = 60000)
    {
        return QTest::qWaitFor([this] { return result.has_value(); }, ms);
    }
};

/// The error text of a failed result, empty for a success (never reads error() of a value).
template<typename R>
QString errorText(const R &r)
{
    if (r.has_value())
        return {};
    if constexpr (requires { r.error().toError(); })
        return r.error().toError().toString();
    else
        return r.error().toString();
}

/// "code: text" of a failed result, empty for a success: for results whose error carries a code.
template<typename R>
QString describe(const R &r)
{
    return r.has_value() ? QString() : r.error().code + QStringLiteral(": ") + r.error().toString();
}
