#include "magentoconnection.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Result<void> MagentoConnection::validate() const
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (baseUrl.scheme() != "http"_L1 && baseUrl.scheme() != "https"_L1)) {
        return fail(u"magento.bad_url"_s,
                    u"The Magento base URL '%1' is not an http(s) URL."_s.arg(baseUrl.toDisplayString()),
                    u"Enter the store's address, e.g. https://shop.example.com."_s);
    }
    for (const QChar c : storeCode) {
        if (!(c.isLetterOrNumber() || c == u'_'))
            return fail(u"magento.bad_store_code"_s,
                        u"The store code '%1' contains characters a store code cannot have."_s.arg(storeCode),
                        u"Use the store view code from Stores > All Stores (letters, digits, underscore), or leave it empty."_s);
    }
    if (authMode == MagentoAuthMode::AdminUser && adminUsername.isEmpty())
        return fail(u"magento.missing_username"_s, u"Admin authentication needs an admin user name."_s,
                    u"Enter the user name of a Magento admin user, or choose another authentication mode."_s);
    if (timeoutMs <= 0)
        return fail(u"magento.bad_timeout"_s, u"The request timeout must be positive."_s,
                    u"Set a timeout of a few seconds or more."_s);
    return {};
}

} // namespace OrderBridge
