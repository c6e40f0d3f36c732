#include "mappingcommand.h"

#include "texttable.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

Result<MappingEditor> openRepository(const CliContext &context)
{
    const auto db = context.openDatabase();
    if (!db)
        return std::unexpected(db.error());
    MappingEditor repository(*db);
    if (const auto seeded = repository.ensureDefaults(); !seeded)
        return std::unexpected(seeded.error());
    return repository;
}

QJsonObject toJson(const FieldMapping &mapping)
{
    return QJsonObject{
        {u"id"_s, double(mapping.id)},
        {u"entity"_s, mappingEntityCliName(mapping.entity)},
        {u"magento_attribute"_s, mapping.magentoAttribute},
        {u"salesforce_field"_s, mapping.salesforceField},
        {u"enabled"_s, mapping.enabled},
        {u"when"_s, whenModeUserName(mapping.when)},
        {u"default_value"_s, mapping.defaultValue},
        {u"system"_s, mapping.system},
        {u"position"_s, mapping.position},
    };
}

} // namespace

MappingCommand::MappingCommand(const CliContext &context)
    : m_context(context)
{
}

QString MappingCommand::usageText()
{
    return u"usage: orderbridge-cli [--data-dir DIR] mapping list [--entity order|order-item|order-status] [--json]\n"
           u"       orderbridge-cli [--data-dir DIR] mapping add --entity E --magento ATTR --salesforce FIELD\n"
           u"                       [--when upsert|insert-only|update-only] [--default VALUE] [--disabled]\n"
           u"       orderbridge-cli [--data-dir DIR] mapping remove ID\n"
           u"       orderbridge-cli [--data-dir DIR] mapping export FILE\n"
           u"       orderbridge-cli [--data-dir DIR] mapping import FILE\n"
           u"For order-status mappings, --magento is the Magento status code and --salesforce the Order Status value.\n"
           u"With a Salesforce connection set up, mapping add checks the field against the org's own fields (one\n"
           u"describe call), so its custom fields can be mapped; otherwise against the built-in field catalogue.\n"_s;
}

QString MappingCommand::synopsis()
{
    return u"  mapping list [--entity order|order-item|order-status] [--json]\n"
           u"  mapping add --entity E --magento ATTR --salesforce FIELD [--when upsert|insert-only|update-only]\n"
           u"              [--default VALUE] [--disabled]   (checked against the connected org's fields)\n"
           u"  mapping remove ID           remove a custom mapping (system mappings stay)\n"
           u"  mapping export FILE         write the mappings as a versioned JSON file\n"
           u"  mapping import FILE         replace the mappings from such a file (all or nothing)\n"_s;
}

ExitCode MappingCommand::run(const QStringList &args)
{
    const QString verb = args.value(0);
    const QStringList rest = args.mid(1);
    if (verb == u"list"_s)
        return list(rest);
    if (verb == u"add"_s)
        return add(rest);
    if (verb == u"remove"_s && rest.size() == 1)
        return remove(rest.at(0));
    if (verb == u"export"_s && rest.size() == 1)
        return exportTo(rest.at(0));
    if (verb == u"import"_s && rest.size() == 1)
        return importFrom(rest.at(0));
    if (verb.isEmpty())
        return m_context.usage(u"mapping needs a subcommand."_s, usageText());
    if (QStringList{u"remove"_s, u"export"_s, u"import"_s}.contains(verb))
        return m_context.usage(u"Wrong number of arguments for mapping %1."_s.arg(verb), usageText());
    return m_context.usage(u"Unknown mapping subcommand \"%1\"."_s.arg(verb), usageText());
}

ExitCode MappingCommand::list(const QStringList &args)
{
    bool json = false;
    std::optional<MappingEntity> entity;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--json"_s) {
            json = true;
        } else if (arg == u"--entity"_s && i + 1 < args.size()) {
            const auto parsed = parseMappingEntity(args.at(++i));
            if (!parsed)
                return m_context.report(parsed.error());
            entity = *parsed;
        } else {
            return m_context.usage(u"Unexpected argument \"%1\" for mapping list."_s.arg(arg), usageText());
        }
    }
    auto repository = openRepository(m_context);
    if (!repository)
        return m_context.report(repository.error());
    const auto mappings = repository->list(entity);
    if (!mappings)
        return m_context.report(mappings.error());

    if (json) {
        QJsonArray array;
        for (const FieldMapping &mapping : *mappings)
            array.append(toJson(mapping));
        m_context.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitCode::Success;
    }
    TextTable table({u"ID"_s, u"ENTITY"_s, u"MAGENTO"_s, u"SALESFORCE"_s, u"ENABLED"_s, u"WHEN"_s, u"DEFAULT"_s,
                     u"TYPE"_s});
    for (const FieldMapping &mapping : *mappings)
        table.addRow({QString::number(mapping.id), mappingEntityCliName(mapping.entity), mapping.magentoAttribute,
                      mapping.salesforceField, mapping.enabled ? u"yes"_s : u"no"_s, whenModeUserName(mapping.when),
                      mapping.defaultValue, mapping.system ? u"system"_s : u"custom"_s});
    table.write(m_context.out);
    return ExitCode::Success;
}

ExitCode MappingCommand::add(const QStringList &args)
{
    ExitCode failure = ExitCode::Usage;
    const std::optional<FieldMapping> mapping = parseAdd(args, &failure);
    if (!mapping)
        return failure;
    return addWith(*mapping, SalesforceFieldCatalogue::schema());
}

std::optional<FieldMapping> MappingCommand::parseAdd(const QStringList &args, ExitCode *failure)
{
    FieldMapping mapping;
    bool haveEntity = false;
    const auto valueOf = [&args](qsizetype i) -> std::optional<QString> {
        if (i + 1 < args.size())
            return args.at(i + 1);
        return std::nullopt;
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--disabled"_s) {
            mapping.enabled = false;
            continue;
        }
        const std::optional<QString> value = valueOf(i);
        if (!value) {
            *failure = m_context.usage(u"Option %1 of mapping add needs a value."_s.arg(arg), usageText());
            return std::nullopt;
        }
        ++i;
        if (arg == u"--entity"_s) {
            const auto parsed = parseMappingEntity(*value);
            if (!parsed) {
                *failure = m_context.report(parsed.error());
                return std::nullopt;
            }
            mapping.entity = *parsed;
            haveEntity = true;
        } else if (arg == u"--magento"_s) {
            mapping.magentoAttribute = *value;
        } else if (arg == u"--salesforce"_s) {
            mapping.salesforceField = *value;
        } else if (arg == u"--when"_s) {
            const auto parsed = parseWhenMode(*value);
            if (!parsed) {
                *failure = m_context.report(parsed.error());
                return std::nullopt;
            }
            mapping.when = *parsed;
        } else if (arg == u"--default"_s) {
            mapping.defaultValue = *value;
        } else {
            *failure = m_context.usage(u"Unexpected argument \"%1\" for mapping add."_s.arg(arg), usageText());
            return std::nullopt;
        }
    }
    if (!haveEntity || mapping.magentoAttribute.isEmpty() || mapping.salesforceField.isEmpty()) {
        *failure = m_context.usage(u"mapping add needs --entity, --magento and --salesforce."_s, usageText());
        return std::nullopt;
    }
    return mapping;
}

ExitCode MappingCommand::addWith(const FieldMapping &mapping, const SalesforceSchema &schema)
{
    auto repository = openRepository(m_context);
    if (!repository)
        return m_context.report(repository.error());
    const auto added = repository->add(mapping, schema);
    if (!added)
        return m_context.report(added.error());
    m_context.out << u"Added mapping %1: %2\n"_s.arg(added->id).arg(added->describe());
    return ExitCode::Success;
}

ExitCode MappingCommand::remove(const QString &idText)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return m_context.usage(u"mapping remove needs a mapping ID (a positive number from `mapping list`), not "
                               u"\"%1\"."_s.arg(idText),
                               usageText());
    auto repository = openRepository(m_context);
    if (!repository)
        return m_context.report(repository.error());
    if (const auto removed = repository->remove(id); !removed)
        return m_context.report(removed.error());
    m_context.out << u"Removed mapping %1\n"_s.arg(id);
    return ExitCode::Success;
}

ExitCode MappingCommand::exportTo(const QString &filePath)
{
    auto repository = openRepository(m_context);
    if (!repository)
        return m_context.report(repository.error());
    if (filePath == u"-"_s) {
        const auto bytes = repository->exportJson();
        if (!bytes)
            return m_context.report(bytes.error());
        m_context.out << QString::fromUtf8(*bytes);
        return ExitCode::Success;
    }
    if (const auto exported = repository->exportToFile(filePath); !exported)
        return m_context.report(exported.error());
    m_context.out << u"Exported mappings to %1\n"_s.arg(filePath);
    return ExitCode::Success;
}

ExitCode MappingCommand::importFrom(const QString &filePath)
{
    auto repository = openRepository(m_context);
    if (!repository)
        return m_context.report(repository.error());
    const auto summary = repository->importFromFile(filePath, SalesforceFieldCatalogue::schema());
    if (!summary) {
        Error error = summary.error();
        if (!error.message.contains(u"nothing was imported"_s, Qt::CaseInsensitive))
            error.message = u"%1: %2 Nothing was imported."_s.arg(filePath, error.message);
        else if (!error.message.contains(filePath))
            error.message = u"%1: %2"_s.arg(filePath, error.message);
        return m_context.report(error);
    }
    for (const MappingIssue &warning : summary->warnings)
        m_context.err << u"orderbridge-cli: warning: "_s << warning.message << u'\n';
    m_context.out << u"Imported mappings from %1: %2 custom (replacing %3), %4 system mappings changed\n"_s.arg(filePath)
                         .arg(summary->customImported)
                         .arg(summary->customRemoved)
                         .arg(summary->systemChanged);
    return ExitCode::Success;
}

} // namespace OrderBridge
