#pragma once

#include "common/error.h"
#include "credentialkey.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace OrderBridge {

/// The outcome of one credential request, delivered by CredentialStore::finished and callbacks.
struct CredentialResult
{
    enum class Operation { Read, Write, Remove };

    quint64 requestId = 0;
    Operation operation = Operation::Read;
    CredentialKey key;
    /// The secret, filled only by a successful read. Never log it.
    QString secret;
    /// Set when the request failed; names the problem and the fix.
    std::optional<Error> error;

    [[nodiscard]] bool ok() const { return !error.has_value(); }
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::CredentialResult)
