#include "mappingfile.h"

#include "mapping/jsonlocator.h"
#include "mapping/magentopath.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // strip the [ ]
}

QByteArray jsonBool(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

const QStringList &entryKeys()
{
    static const QStringList keys{u"magento_attribute"_s, u"salesforce_field"_s, u"enabled"_s,
                                  u"when"_s,              u"default_value"_s,    u"system"_s};
    return keys;
}

/// Builds "line L, column C: reason" errors from paths into the document.
class Locator
{
public:
    explicit Locator(const QByteArray &bytes)
        : m_locator(bytes)
    {
    }

    std::unexpected<Error> at(const QString &path, const QString &reason, const QString &hint = {}) const
    {
        const auto [line, column] = m_locator.locate(path);
        return fail(ErrorKind::Invalid, u"mapping.file"_s,
                    u"The mapping file was refused (nothing was imported): line %1, column %2: %3"_s.arg(line).arg(column).arg(reason),
                    hint);
    }

    std::pair<int, int> position(const QString &path) const { return m_locator.locate(path); }

private:
    JsonLocator m_locator;
};

/// Reads the keys of one mapping object in the file; every refusal names where it is.
class EntryReader
{
public:
    EntryReader(const QJsonObject &object, const QString &path, const Locator &where)
        : m_object(object)
        , m_path(path)
        , m_where(where)
    {
    }

    /// Refuses keys other than entryKeys().
    [[nodiscard]] Result<void> checkKeys() const
    {
        for (auto key = m_object.constBegin(); key != m_object.constEnd(); ++key) {
            if (!entryKeys().contains(key.key())) {
                return m_where.at(m_path + u'/' + key.key(),
                                  u"unknown key \"%1\"; allowed: %2."_s.arg(key.key(), entryKeys().join(u", "_s)));
            }
        }
        return {};
    }

    /// A text value; a required one must be present and not blank, an optional one reads as "".
    [[nodiscard]] Result<QString> text(const QString &key, bool required) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() && !required)
            return QString();
        if (!value.isString() || (required && value.toString().trimmed().isEmpty()))
            return m_where.at(value.isUndefined() ? m_path : m_path + u'/' + key,
                              u"\"%1\" must be a non-empty text."_s.arg(key));
        // A name is short; a default value may be long text, but not without bound.
        const qsizetype limit = required ? MappingFile::kMaxNameLength : MappingFile::kMaxValueLength;
        if (value.toString().size() > limit)
            return m_where.at(m_path + u'/' + key, u"\"%1\" has %2 characters; at most %3 are allowed."_s.arg(key)
                                                         .arg(value.toString().size())
                                                         .arg(limit));
        return value.toString();
    }

    /// A true/false value, `fallback` when absent.
    [[nodiscard]] Result<bool> flag(const QString &key, bool fallback) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool())
            return m_where.at(m_path + u'/' + key, u"\"%1\" must be true or false."_s.arg(key));
        return value.toBool();
    }

    /// The When mode, `fallback` when absent.
    [[nodiscard]] Result<WhenMode> when(WhenMode fallback) const
    {
        const QJsonValue value = m_object.value(u"when"_s);
        if (value.isUndefined())
            return fallback;
        const std::optional<WhenMode> mode = value.isString() ? whenModeFromUserName(value.toString()) : std::nullopt;
        if (!mode) {
            return m_where.at(m_path + u"/when"_s,
                              u"bad When value %1; use upsert, insert-only or update-only."_s.arg(
                                  value.isString() ? u"\""_s + value.toString() + u'"' : u"(not a text)"_s));
        }
        return *mode;
    }

    /// The mapping's text and flag fields, checked in this order: the first bad one is the one reported.
    [[nodiscard]] Result<void> readFields(FieldMapping &mapping) const
    {
        Result<QString> magento = text(u"magento_attribute"_s, true);
        if (!magento)
            return std::unexpected(magento.error());
        Result<QString> salesforce = text(u"salesforce_field"_s, true);
        if (!salesforce)
            return std::unexpected(salesforce.error());
        Result<QString> defaultValue = text(u"default_value"_s, false);
        if (!defaultValue)
            return std::unexpected(defaultValue.error());
        Result<bool> enabled = flag(u"enabled"_s, true);
        if (!enabled)
            return std::unexpected(enabled.error());
        Result<bool> system = flag(u"system"_s, false);
        if (!system)
            return std::unexpected(system.error());
        mapping.magentoAttribute = magento->trimmed();
        mapping.salesforceField = salesforce->trimmed();
        mapping.defaultValue = *defaultValue;
        mapping.enabled = *enabled;
        mapping.system = *system;
        return {};
    }

    /// The Magento attribute must be a valid path, except for status values and special sources.
    [[nodiscard]] Result<void> checkMagentoPath(const FieldMapping &mapping) const
    {
        if (mapping.entity == MappingEntity::OrderStatus || mapping.hasSpecialSource())
            return {};
        Result<MagentoPath> parsed = MagentoPath::parse(mapping.magentoAttribute);
        if (!parsed)
            return m_where.at(m_path + u"/magento_attribute"_s, parsed.error().message, parsed.error().hint);
        return {};
    }

private:
    QJsonObject m_object;
    QString m_path;
    const Locator &m_where;
};

std::unexpected<Error> tooLarge(qint64 size)
{
    return fail(ErrorKind::Invalid, u"mapping.file_too_large"_s,
                u"The mapping file was refused (nothing was imported): it has %1 MB; a mapping file has at most %2 MB."_s
                    .arg(double(size) / (1024 * 1024), 0, 'f', 1)
                    .arg(MappingFile::kMaxBytes / (1024 * 1024)),
                u"Check that this is an OrderBridge mapping file (orderbridge-cli mapping export writes one)."_s);
}

/// The document, or a refusal naming where the JSON syntax breaks.
Result<QJsonDocument> parseDocument(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return document;
    const auto [line, column] = JsonLocator::lineColumn(bytes, parseError.offset);
    return fail(ErrorKind::Invalid, u"mapping.file"_s,
                u"The mapping file was refused (nothing was imported): line %1, column %2: %3 (the file is not valid JSON)."_s
                    .arg(line)
                    .arg(column)
                    .arg(parseError.errorString()),
                u"Fix the JSON syntax at that place, e.g. a missing comma or quote."_s);
}

/// The top level: only the known keys, our format, a version this build reads, a mappings object.
Result<void> checkHeader(const QJsonObject &root, const Locator &where)
{
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (it.key() != u"format" && it.key() != u"version" && it.key() != u"mappings")
            return where.at(u"/"_s + it.key(), u"unknown key \"%1\"; allowed: format, version, mappings."_s.arg(it.key()));
    }
    if (root.value(u"format"_s).toString() != MappingFile::kFormat) {
        return where.at(u"/format"_s,
                        u"\"format\" must be \"%1\"; this is not an OrderBridge mapping file."_s.arg(MappingFile::kFormat));
    }
    const QJsonValue versionValue = root.value(u"version"_s);
    if (!versionValue.isDouble() || versionValue.toDouble() != double(versionValue.toInt()) || versionValue.toInt() < 1)
        return where.at(u"/version"_s, u"\"version\" must be a whole number, e.g. %1."_s.arg(MappingFile::kVersion));
    if (versionValue.toInt() > MappingFile::kVersion) {
        return where.at(u"/version"_s,
                        u"the file has version %1, written by a newer OrderBridge; this one reads version %2."_s.arg(
                            versionValue.toInt()).arg(MappingFile::kVersion),
                        u"Update OrderBridge, or export the mappings again from the older version."_s);
    }
    if (!root.value(u"mappings"_s).isObject())
        return where.at(u"/mappings"_s, u"\"mappings\" must be an object with the keys order, order_item, order_status."_s);
    return {};
}

/// One mapping object of an entity's list, at `index` (its position).
Result<MappingFile::Entry> readEntry(const QJsonValue &value, MappingEntity entity, qsizetype index,
                                     const QString &entityPath, const Locator &where)
{
    const QString path = entityPath + u'/' + QString::number(index);
    if (!value.isObject())
        return where.at(path, u"each mapping must be an object."_s);
    const QJsonObject object = value.toObject();
    const EntryReader reader(object, path, where);
    if (Result<void> keys = reader.checkKeys(); !keys)
        return std::unexpected(keys.error());

    MappingFile::Entry entry;
    FieldMapping &mapping = entry.mapping;
    mapping.entity = entity;
    mapping.position = int(index);
    if (Result<void> fields = reader.readFields(mapping); !fields)
        return std::unexpected(fields.error());
    Result<WhenMode> when = reader.when(mapping.when);
    if (!when)
        return std::unexpected(when.error());
    mapping.when = *when;
    if (Result<void> source = reader.checkMagentoPath(mapping); !source)
        return std::unexpected(source.error());
    std::tie(entry.line, entry.column) = where.position(path);
    return entry;
}

/// The list of one entity ("order", "order_item", "order_status") under "mappings".
Result<QList<MappingFile::Entry>> readEntity(const QString &name, const QJsonValue &value, const Locator &where)
{
    const QString entityPath = u"/mappings/"_s + name;
    const std::optional<MappingEntity> entity = mappingEntityFromCliName(name);
    if (!entity)
        return where.at(entityPath, u"unknown entity \"%1\"; use order, order_item or order_status."_s.arg(name));
    if (!value.isArray())
        return where.at(entityPath, u"\"%1\" must be a list of mappings."_s.arg(name));
    const QJsonArray list = value.toArray();
    QList<MappingFile::Entry> entries;
    for (qsizetype i = 0; i < list.size(); ++i) {
        Result<MappingFile::Entry> entry = readEntry(list.at(i), *entity, i, entityPath, where);
        if (!entry)
            return std::unexpected(entry.error());
        entries.append(*entry);
    }
    return entries;
}

} // namespace

QByteArray MappingFile::write(const FieldMappingList &mappings)
{
    QByteArray out;
    out += "{\n";
    out += "  \"format\": " + jsonString(kFormat.toString()) + ",\n";
    out += "  \"version\": " + QByteArray::number(kVersion) + ",\n";
    out += "  \"mappings\": {\n";
    const QList<MappingEntity> entities = allMappingEntities();
    for (qsizetype e = 0; e < entities.size(); ++e) {
        const MappingEntity entity = entities.at(e);
        FieldMappingList ofEntity;
        for (const FieldMapping &mapping : mappings) {
            if (mapping.entity == entity)
                ofEntity << mapping;
        }
        std::stable_sort(ofEntity.begin(), ofEntity.end(),
                         [](const FieldMapping &a, const FieldMapping &b) { return a.position < b.position; });
        out += "    " + jsonString(mappingEntityDbName(entity)) + ": [";
        for (qsizetype i = 0; i < ofEntity.size(); ++i) {
            const FieldMapping &m = ofEntity.at(i);
            out += i == 0 ? "\n" : ",\n";
            // One line per mapping: a change shows up as a one-line diff.
            out += "      {\"magento_attribute\": " + jsonString(m.magentoAttribute) + ", \"salesforce_field\": "
                + jsonString(m.salesforceField) + ", \"enabled\": " + jsonBool(m.enabled) + ", \"when\": "
                + jsonString(whenModeUserName(m.when)) + ", \"default_value\": " + jsonString(m.defaultValue)
                + ", \"system\": " + jsonBool(m.system) + "}";
        }
        out += ofEntity.isEmpty() ? "]" : "\n    ]";
        out += e + 1 < entities.size() ? ",\n" : "\n";
    }
    out += "  }\n";
    out += "}\n";
    return out;
}

Result<QList<MappingFile::Entry>> MappingFile::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"mapping.import"_s, u"Could not read the mapping file %1: %2."_s.arg(path, file.errorString()),
                    u"Check the path and the file permissions."_s);
    if (file.size() > kMaxBytes)
        return tooLarge(file.size());
    return read(file.read(kMaxBytes + 1));
}

Result<QList<MappingFile::Entry>> MappingFile::read(const QByteArray &bytes)
{
    if (bytes.size() > kMaxBytes)
        return tooLarge(bytes.size());
    Result<QJsonDocument> document = parseDocument(bytes);
    if (!document)
        return std::unexpected(document.error());
    const Locator where(bytes);
    if (!document->isObject())
        return where.at(QString(), u"the file must hold one JSON object."_s);
    const QJsonObject root = document->object();
    if (Result<void> header = checkHeader(root, where); !header)
        return std::unexpected(header.error());

    QList<Entry> entries;
    const QJsonObject mappings = root.value(u"mappings"_s).toObject();
    for (auto it = mappings.constBegin(); it != mappings.constEnd(); ++it) {
        Result<QList<Entry>> ofEntity = readEntity(it.key(), it.value(), where);
        if (!ofEntity)
            return std::unexpected(ofEntity.error());
        entries += *ofEntity;
    }
    return entries;
}

} // namespace OrderBridge
