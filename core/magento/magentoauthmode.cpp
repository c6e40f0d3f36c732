#include "magentoauthmode.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString magentoAuthModeName(MagentoAuthMode mode)
{
    switch (mode) {
    case MagentoAuthMode::IntegrationToken:
        return u"integration_bearer"_s;
    case MagentoAuthMode::AdminUser:
        return u"admin_token"_s;
    case MagentoAuthMode::OAuth1:
        return u"oauth1"_s;
    }
    return {};
}

std::optional<MagentoAuthMode> magentoAuthModeFromName(QStringView name)
{
    for (const MagentoAuthMode mode : {MagentoAuthMode::IntegrationToken, MagentoAuthMode::AdminUser, MagentoAuthMode::OAuth1}) {
        if (name == magentoAuthModeName(mode))
            return mode;
    }
    // Spellings `orderbridge-cli connect magento --auth` took before the profile's became the only one.
    if (name == u"token")
        return MagentoAuthMode::IntegrationToken;
    if (name == u"admin")
        return MagentoAuthMode::AdminUser;
    return std::nullopt;
}

} // namespace OrderBridge
