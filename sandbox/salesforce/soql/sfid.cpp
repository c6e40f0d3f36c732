#include "sfid.h"

#include <array>

namespace Sandbox {

namespace {

struct PrefixEntry
{
    const char *object;
    const char *prefix;
};

// Real key prefixes. OrderStatus is a picklist-value object whose prefix Salesforce does not document and
// api-facts A14 does not list; "0Ow" is this sandbox's choice (not known to clash with a standard object).
constexpr std::array<PrefixEntry, 26> kPrefixes = {{
    {"Account", "001"},
    {"Note", "002"},
    {"Contact", "003"},
    {"User", "005"},
    {"Opportunity", "006"},
    {"OpportunityLineItem", "00k"},
    {"Organization", "00D"},
    {"Lead", "00Q"},
    {"Task", "00T"},
    {"Attachment", "00P"},
    {"RecordType", "012"},
    {"Product2", "01t"},
    {"Pricebook2", "01s"},
    {"PricebookEntry", "01u"},
    {"ContentVersion", "068"},
    {"ContentDocument", "069"},
    {"ContentNote", "069"},
    {"ContentDocumentLink", "06A"},
    {"Contract", "800"},
    {"Order", "801"},
    {"OrderItem", "802"},
    {"OrderStatus", "0Ow"},
    {"PermissionSet", "0PS"},
    {"FieldPermissions", "01k"},
    {"PermissionSetAssignment", "0Pa"},
    {"CustomField", "00N"},
}};

constexpr char16_t kChecksumAlphabet[] = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

} // namespace

bool SfId::isBase62(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z');
}

QString SfId::checksum(QStringView id15)
{
    QString suffix;
    if (id15.size() != 15)
        return suffix;
    for (int chunk = 0; chunk < 3; ++chunk) {
        int bits = 0;
        for (int i = 0; i < 5; ++i) {
            const char16_t u = id15.at(chunk * 5 + i).unicode();
            if (u >= u'A' && u <= u'Z')
                bits |= 1 << i;
        }
        suffix.append(QChar(kChecksumAlphabet[bits]));
    }
    return suffix;
}

std::optional<QString> SfId::normalize(QStringView id)
{
    if (id.size() != 15 && id.size() != 18)
        return std::nullopt;
    for (const QChar c : id) {
        if (!isBase62(c))
            return std::nullopt;
    }
    if (id.size() == 15)
        return id.toString() + checksum(id);

    // 18 characters: decode the case bits from the suffix, compared case-insensitively.
    QString result = id.left(15).toString();
    for (int chunk = 0; chunk < 3; ++chunk) {
        const QChar s = id.at(15 + chunk).toUpper();
        int bits = -1;
        for (int k = 0; k < 32; ++k) {
            if (QChar(kChecksumAlphabet[k]) == s) {
                bits = k;
                break;
            }
        }
        if (bits < 0)
            return std::nullopt;
        for (int i = 0; i < 5; ++i) {
            QChar &c = result[chunk * 5 + i];
            const bool upper = (bits >> i) & 1;
            if (c.isLetter())
                c = upper ? c.toUpper() : c.toLower();
            else if (upper)
                return std::nullopt; // a digit cannot be an upper-case letter
        }
    }
    // Letters in the suffix itself must match exactly what the 15 characters imply, modulo case.
    const QString expected = checksum(result);
    if (expected.compare(id.right(3), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return result + expected;
}

QString SfId::to18(QStringView id)
{
    return normalize(id).value_or(QString());
}

bool SfId::isValid(QStringView id)
{
    if (id.size() == 15)
        return normalize(id).has_value();
    if (id.size() != 18)
        return false;
    const auto normalized = normalize(id);
    // The checksum must match the case actually given in the first 15 characters.
    return normalized && normalized->left(15) == id.left(15);
}

QString SfId::keyPrefix(QStringView objectName)
{
    for (const auto &entry : kPrefixes) {
        if (objectName.compare(QLatin1String(entry.object), Qt::CaseInsensitive) == 0)
            return QLatin1String(entry.prefix);
    }
    return {};
}

QString SfId::objectForPrefix(QStringView prefix)
{
    for (const auto &entry : kPrefixes) {
        if (prefix == QLatin1String(entry.prefix))
            return QLatin1String(entry.object);
    }
    return {};
}

} // namespace Sandbox
