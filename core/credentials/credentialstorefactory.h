#pragma once

#include "common/error.h"
#include "credentialstore.h"

#include <memory>

namespace OrderBridge {

/// Picks where secrets come from, in this order: the secrets file the user named (--secrets-file),
/// the ORDERBRIDGE_SECRETS environment variable when set, else the system keychain. An unusable
/// file or variable is an error, never a silent fall-through to another source.
[[nodiscard]] Result<std::unique_ptr<CredentialStore>> createCredentialStore(const QString &secretsFilePath,
                                                                          QObject *parent = nullptr);

} // namespace OrderBridge
