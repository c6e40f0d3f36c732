#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"

#include <QByteArray>
#include <QList>

namespace OrderBridge {

/// The versioned JSON file mappings are exported to and imported from.
///
/// ```
/// {
///   "format": "orderbridge-mappings",
///   "version": 1,
///   "mappings": {
///     "order":        [ {"magento_attribute": "increment_id", "salesforce_field": "Magento_ID__c",
///                        "enabled": true, "when": "upsert", "default_value": "", "system": true}, ... ],
///     "order_item":   [ ... ],
///     "order_status": [ {"magento_attribute": "complete", "salesforce_field": "Activated", ...}, ... ]
///   }
/// }
/// ```
/// Keys are written in a fixed order and entries in position order, so exports diff cleanly in version control.
/// On reading, "when" accepts "upsert", "insert-only", "update-only" (and the database forms), "enabled"
/// defaults to true, "when" to upsert, "default_value" to "", "system" to false; unknown keys are errors.
/// Every error names the line and column of the offending entry or key.
class MappingFile
{
public:
    static constexpr QStringView kFormat = u"orderbridge-mappings";
    static constexpr int kVersion = 1;

    /// One mapping read from a file, with where it was.
    struct Entry
    {
        FieldMapping mapping;
        int line = 0;
        int column = 0;
    };

    /// Serialises the mappings (ids are not written; position is the order within each entity).
    [[nodiscard]] static QByteArray write(const FieldMappingList &mappings);

    /// Largest file read: thousands of mappings fit many times over; anything bigger is not a mapping file.
    static constexpr qint64 kMaxBytes = 8 * 1024 * 1024;
    /// Longest Magento attribute or Salesforce field name (Salesforce API names are at most 40 characters).
    static constexpr qsizetype kMaxNameLength = 255;
    /// Longest default value (Salesforce's Long Text Area holds 131,072 characters).
    static constexpr qsizetype kMaxValueLength = 131072;

    /// Reads and parses the file at `path`, refusing one larger than kMaxBytes before reading it.
    [[nodiscard]] static Result<QList<Entry>> readFile(const QString &path);

    /// Parses a file's bytes. Syntax errors, a wrong format or newer version, unknown entities or keys,
    /// bad When values, bad Magento paths and missing fields are refused with "line L, column C: reason"
    /// (error code "mapping.file").
    [[nodiscard]] static Result<QList<Entry>> read(const QByteArray &bytes);
};

} // namespace OrderBridge
