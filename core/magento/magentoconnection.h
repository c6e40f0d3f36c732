#pragma once

#include "common/error.h"
#include "magentoauthmode.h"

#include <QString>
#include <QUrl>

namespace OrderBridge {

/// Signature method of OAuth 1.0a requests; current Magento takes HMAC-SHA256 only (no profile selects HMAC-SHA1).
enum class MagentoSignatureMethod {
    HmacSha256,
    HmacSha1,
};

/// Where and how to reach a Magento 2 store. Holds no secrets (see MagentoSecrets).
struct MagentoConnection
{
    QUrl baseUrl;                 ///< the store's base URL, e.g. https://shop.example.com (a trailing /rest is accepted)
    QString storeCode;            ///< optional store view code; empty = default store view (/rest/V1/...)
    MagentoAuthMode authMode = MagentoAuthMode::OAuth1;
    QString adminUsername;        ///< for MagentoAuthMode::AdminUser
    MagentoSignatureMethod signatureMethod = MagentoSignatureMethod::HmacSha256;
    int timeoutMs = 30000;        ///< transfer timeout of one request (no bytes moving for this long aborts it)
    QString caFile;               ///< PEM file of CAs trusted besides the system's (CaCertificates); empty: system only

    /// Checks the fields a request needs; the error names the field and the fix.
    [[nodiscard]] Result<void> validate() const;
};

} // namespace OrderBridge
