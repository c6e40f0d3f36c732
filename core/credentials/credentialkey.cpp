#include "credentialkey.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Result<CredentialKey> CredentialKey::make(const QString &profile, const QString &name)
{
    // A profile name may not contain '/', which separates it from the secret name in the key.
    static const QRegularExpression profilePattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"_s);
    static const QRegularExpression namePattern(u"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$"_s);

    if (!profilePattern.match(profile).hasMatch())
        return fail(u"credentials.invalid_profile"_s,
                    u"The connection profile name \"%1\" cannot be used for secrets."_s.arg(profile),
                    u"Use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit."_s);
    if (!namePattern.match(name).hasMatch())
        return fail(u"credentials.invalid_name"_s,
                    u"The secret name \"%1\" is not valid."_s.arg(name),
                    u"Use dotted lower-case names such as magento.token or salesforce.client_secret."_s);
    return CredentialKey{profile, name};
}

} // namespace OrderBridge
