#include "mappingfile.h"

#include "mapping/jsonlocator.h"
#include "mapping/magentopath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

Result<QList<MappingFile::Entry>> MappingFile::read(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = JsonLocator::lineColumn(bytes, parseError.offset);
        return fail(ErrorKind::Invalid, u"mapping.file"_s,
                    u"The mapping file was refused (nothing was imported): line %1, column %2: %3 (the file is not valid JSON)."_s
                        .arg(line)
                        .arg(column)
                        .arg(parseError.errorString()),
                    u"Fix the JSON syntax at that place, e.g. a missing comma or quote."_s);
    }
    const Locator where(bytes);
    if (!document.isObject())
        return where.at(QString(), u"the file must hold one JSON object."_s);
    const QJsonObject root = document.object();
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (it.key() != u"format" && it.key() != u"version" && it.key() != u"mappings")
            return where.at(u"/"_s + it.key(), u"unknown key \"%1\"; allowed: format, version, mappings."_s.arg(it.key()));
    }
    if (root.value(u"format"_s).toString() != kFormat) {
        return where.at(u"/format"_s, u"\"format\" must be \"%1\"; this is not an OrderBridge mapping file."_s.arg(kFormat));
    }
    const QJsonValue versionValue = root.value(u"version"_s);
    if (!versionValue.isDouble() || versionValue.toDouble() != double(versionValue.toInt()) || versionValue.toInt() < 1)
        return where.at(u"/version"_s, u"\"version\" must be a whole number, e.g. %1."_s.arg(kVersion));
    if (versionValue.toInt() > kVersion) {
        return where.at(u"/version"_s,
                        u"the file has version %1, written by a newer OrderBridge; this one reads version %2."_s.arg(
                            versionValue.toInt()).arg(kVersion),
                        u"Update OrderBridge, or export the mappings again from the older version."_s);
    }
    if (!root.value(u"mappings"_s).isObject())
        return where.at(u"/mappings"_s, u"\"mappings\" must be an object with the keys order, order_item, order_status."_s);

    QList<Entry> entries;
    const QJsonObject mappings = root.value(u"mappings"_s).toObject();
    for (auto it = mappings.constBegin(); it != mappings.constEnd(); ++it) {
        const QString entityPath = u"/mappings/"_s + it.key();
        const std::optional<MappingEntity> entity = mappingEntityFromCliName(it.key());
        if (!entity) {
            return where.at(entityPath, u"unknown entity \"%1\"; use order, order_item or order_status."_s.arg(it.key()));
        }
        if (!it.value().isArray())
            return where.at(entityPath, u"\"%1\" must be a list of mappings."_s.arg(it.key()));
        const QJsonArray list = it.value().toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = entityPath + u'/' + QString::number(i);
            if (!list.at(i).isObject())
                return where.at(path, u"each mapping must be an object."_s);
            const QJsonObject object = list.at(i).toObject();
            for (auto key = object.constBegin(); key != object.constEnd(); ++key) {
                if (!entryKeys().contains(key.key())) {
                    return where.at(path + u'/' + key.key(),
                                    u"unknown key \"%1\"; allowed: %2."_s.arg(key.key(), entryKeys().join(u", "_s)));
                }
            }
            const auto text = [&](const QString &key, bool required) -> Result<QString> {
                const QJsonValue value = object.value(key);
                if (value.isUndefined() && !required)
                    return QString();
                if (!value.isString() || (required && value.toString().trimmed().isEmpty()))
                    return where.at(value.isUndefined() ? path : path + u'/' + key,
                                    u"\"%1\" must be a non-empty text."_s.arg(key));
                return value.toString();
            };
            const auto flag = [&](const QString &key, bool fallback) -> Result<bool> {
                const QJsonValue value = object.value(key);
                if (value.isUndefined())
                    return fallback;
                if (!value.isBool())
                    return where.at(path + u'/' + key, u"\"%1\" must be true or false."_s.arg(key));
                return value.toBool();
            };

            Entry entry;
            FieldMapping &mapping = entry.mapping;
            mapping.entity = *entity;
            mapping.position = int(i);
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
            const QJsonValue when = object.value(u"when"_s);
            if (!when.isUndefined()) {
                const std::optional<WhenMode> mode = when.isString() ? whenModeFromUserName(when.toString()) : std::nullopt;
                if (!mode) {
                    return where.at(path + u"/when"_s,
                                    u"bad When value %1; use upsert, insert-only or update-only."_s.arg(
                                        when.isString() ? u"\""_s + when.toString() + u'"' : u"(not a text)"_s));
                }
                mapping.when = *mode;
            }
            if (mapping.entity != MappingEntity::OrderStatus && !mapping.hasSpecialSource()) {
                Result<MagentoPath> parsed = MagentoPath::parse(mapping.magentoAttribute);
                if (!parsed)
                    return where.at(path + u"/magento_attribute"_s, parsed.error().message, parsed.error().hint);
            }
            const auto [line, column] = where.position(path);
            entry.line = line;
            entry.column = column;
            entries.append(entry);
        }
    }
    return entries;
}

} // namespace OrderBridge
