#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Sandbox {

/// Salesforce record IDs: the 15-character case-sensitive form, the 18-character case-safe form
/// (15 + a 3-character checksum over the case of each 5-character chunk), and object key prefixes.
class SfId
{
public:
    /// The 3-character case-safe suffix of a 15-character id (no validation of the characters).
    [[nodiscard]] static QString checksum(QStringView id15);
    /// A 15-character id with its checksum appended; an 18-character id is returned as normalize() gives it;
    /// anything else yields an empty string.
    [[nodiscard]] static QString to18(QStringView id);
    /// True for 15 base-62 characters, or 18 characters whose checksum matches (in any letter case).
    [[nodiscard]] static bool isValid(QStringView id);
    /// The canonical 18-character form of a valid 15- or 18-character id. An 18-character id whose
    /// letter case was lost (e.g. lower-cased by a spreadsheet) gets its case restored from the checksum.
    [[nodiscard]] static std::optional<QString> normalize(QStringView id);
    /// The key prefix ("801") of an sObject type, or an empty string when unknown. Case-insensitive name.
    [[nodiscard]] static QString keyPrefix(QStringView objectName);
    /// The sObject type that owns a key prefix ("801" → "Order"); empty when unknown. "069" gives ContentDocument.
    [[nodiscard]] static QString objectForPrefix(QStringView prefix);
    /// True when a character is one of 0-9, A-Z, a-z.
    [[nodiscard]] static bool isBase62(QChar c);
};

} // namespace Sandbox
