#include "mapping/mappingeditor.h"

#include "common/logging.h"
#include "mapping/defaultmappings.h"

#include <QFile>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// System rows are identified by entity and source, plus target except for Order Status rows
/// (whose target is the Salesforce value the user may change).
bool sameSystemRow(const FieldMapping &a, const FieldMapping &b)
{
    if (a.entity != b.entity || a.magentoAttribute != b.magentoAttribute)
        return false;
    return a.entity == MappingEntity::OrderStatus || a.salesforceField == b.salesforceField;
}

bool sameIdentity(const FieldMapping &a, const FieldMapping &b)
{
    return sameSystemRow(a, b);
}

/// The first error among `issues` that concerns `index` (or any, when index < 0).
std::optional<MappingIssue> firstError(const QList<MappingIssue> &issues, qsizetype index)
{
    for (const MappingIssue &issue : issues) {
        if (issue.isError() && (index < 0 || issue.index == index))
            return issue;
    }
    return std::nullopt;
}

std::unexpected<Error> invalid(const MappingIssue &issue)
{
    return fail(ErrorKind::Invalid, issue.code, issue.message);
}

std::unexpected<Error> refuse(const MappingFile::Entry &entry, const QString &code, const QString &message,
                              const QString &hint = {})
{
    return fail(ErrorKind::Invalid, code,
                u"The mapping file was refused (nothing was imported): line %1, column %2: %3"_s.arg(entry.line)
                    .arg(entry.column)
                    .arg(message),
                hint);
}

/// The system rows, including built-in ones not stored yet (id 0: inserted when the import is stored).
FieldMappingList systemRows(const FieldMappingList &current)
{
    FieldMappingList system;
    for (const FieldMapping &m : current) {
        if (m.system)
            system << m;
    }
    for (const FieldMapping &builtIn : defaultMappings()) {
        const bool stored = std::any_of(system.cbegin(), system.cend(),
                                        [&](const FieldMapping &m) { return sameSystemRow(m, builtIn); });
        if (!stored)
            system << builtIn;
    }
    return system;
}

/// The rows an import would store, and for each the index of the file entry it came from (-1 for a
/// system row the file does not mention).
struct Proposal
{
    FieldMappingList rows;
    QList<qsizetype> sourceEntry;
};

/// What a file entry marked "system" does to the system row it names (which is marked seen).
Result<FieldMapping> systemChange(const MappingFile::Entry &entry, const FieldMappingList &system, QList<bool> &seen)
{
    const FieldMapping &wanted = entry.mapping;
    const auto match = std::find_if(system.cbegin(), system.cend(),
                                    [&](const FieldMapping &m) { return sameSystemRow(m, wanted); });
    if (match == system.cend()) {
        return refuse(entry, u"mapping.system"_s,
                      u"%1 is marked \"system\": true, but OrderBridge has no such system mapping."_s.arg(wanted.describe()),
                      u"Remove \"system\": true to import it as a custom mapping."_s);
    }
    FieldMapping updated = *match;
    updated.enabled = wanted.enabled;
    updated.defaultValue = wanted.defaultValue;
    updated.salesforceField = wanted.salesforceField;
    updated.when = wanted.when;
    updated.position = wanted.position;
    if (const auto issue = MappingValidator::checkSystemChange(*match, updated))
        return refuse(entry, issue->code, issue->message);
    seen[match - system.cbegin()] = true;
    return updated;
}

/// The file's entries as the rows to store, refusing duplicates and impossible system changes.
Result<Proposal> propose(const QList<MappingFile::Entry> &entries, const FieldMappingList &system)
{
    Proposal proposal;
    QList<bool> systemSeen(system.size(), false);
    QSet<QString> identities; // of the entries read so far: a repeat is found without comparing every pair
    for (qsizetype e = 0; e < entries.size(); ++e) {
        const MappingFile::Entry &entry = entries.at(e);
        FieldMapping wanted = entry.mapping;
        if (const QString identity = wanted.identityKey(); !identities.contains(identity)) {
            identities.insert(identity);
        } else {
            return refuse(entry, u"mapping.duplicate"_s,
                          u"%1 appears twice in the file."_s.arg(wanted.describe()), u"Keep one of the two entries."_s);
        }
        if (wanted.system) {
            Result<FieldMapping> updated = systemChange(entry, system, systemSeen);
            if (!updated)
                return std::unexpected(updated.error());
            wanted = *updated;
        } else {
            wanted.id = 0;
        }
        proposal.rows << wanted;
        proposal.sourceEntry << e;
    }
    // System rows the file does not mention stay as they are, positioned after the file's rows. They go first
    // in the list so that a conflict between one of them and a file entry is reported on the file entry.
    for (qsizetype s = system.size() - 1; s >= 0; --s) {
        if (!systemSeen.at(s)) {
            proposal.rows.prepend(system.at(s));
            proposal.rows.first().position = 1'000'000 + int(s);
            proposal.sourceEntry.prepend(-1);
        }
    }
    return proposal;
}

/// Validates the whole proposed set; an error refuses the import (named by its file entry), warnings are returned.
Result<QList<MappingIssue>> checkProposal(const Proposal &proposal, const QList<MappingFile::Entry> &entries,
                                          const SalesforceSchema &schema)
{
    QList<MappingIssue> warnings;
    for (const MappingIssue &issue : MappingValidator::validate(proposal.rows, schema)) {
        if (!issue.isError()) {
            warnings << issue;
            continue;
        }
        const qsizetype e = issue.index >= 0 ? proposal.sourceEntry.value(issue.index, -1) : -1;
        if (e >= 0)
            return refuse(entries.at(e), issue.code, issue.message);
        return fail(ErrorKind::Invalid, issue.code, u"The mapping file was refused (nothing was imported): %1"_s.arg(issue.message));
    }
    return warnings;
}

/// Positions: file order within each entity, untouched system rows after it.
void renumberPositions(FieldMappingList &rows)
{
    for (MappingEntity entity : allMappingEntities()) {
        QList<qsizetype> indexes;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows.at(i).entity == entity)
                indexes << i;
        }
        std::stable_sort(indexes.begin(), indexes.end(),
                         [&](qsizetype a, qsizetype b) { return rows.at(a).position < rows.at(b).position; });
        for (qsizetype n = 0; n < indexes.size(); ++n)
            rows[indexes.at(n)].position = int(n);
    }
}

/// What storing `proposed` over `current` changes, as an import reports it.
MappingEditor::ImportSummary countChanges(const FieldMappingList &current, const FieldMappingList &proposed)
{
    MappingEditor::ImportSummary summary;
    for (const FieldMapping &m : current) {
        if (!m.system)
            ++summary.customRemoved;
    }
    for (const FieldMapping &m : proposed) {
        if (!m.system) {
            ++summary.customImported;
            continue;
        }
        const auto before = std::find_if(current.cbegin(), current.cend(),
                                         [&](const FieldMapping &c) { return m.id != 0 && c.id == m.id; });
        if (before != current.cend()
            && (before->enabled != m.enabled || before->defaultValue != m.defaultValue
                || before->salesforceField != m.salesforceField))
            ++summary.systemChanged;
    }
    return summary;
}

} // namespace

MappingEditor::MappingEditor(std::shared_ptr<Database> database)
    : m_repository(std::move(database))
{
}

Result<FieldMappingList> MappingEditor::list(std::optional<MappingEntity> entity) const
{
    return m_repository.list(entity);
}

Result<FieldMapping> MappingEditor::get(qint64 id) const
{
    return m_repository.get(id);
}

Result<FieldMapping> MappingEditor::add(FieldMapping mapping, const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    mapping.id = 0;
    mapping.system = false;
    mapping.magentoAttribute = mapping.magentoAttribute.trimmed();
    mapping.salesforceField = mapping.salesforceField.trimmed();
    int position = -1;
    for (const FieldMapping &existing : *current) {
        if (existing.entity == mapping.entity)
            position = std::max(position, existing.position);
        if (sameIdentity(existing, mapping)) {
            return fail(ErrorKind::Invalid, u"mapping.duplicate"_s,
                        u"%1 already exists (id %2)."_s.arg(existing.describe()).arg(existing.id),
                        u"Change the existing mapping instead of adding another."_s);
        }
    }
    mapping.position = position + 1;
    FieldMappingList proposed = *current;
    proposed.append(mapping);
    if (const auto issue = firstError(MappingValidator::validate(proposed, schema), proposed.size() - 1))
        return invalid(*issue);
    Result<FieldMappingList> saved = m_repository.save({mapping});
    if (!saved)
        return std::unexpected(saved.error());
    qCInfo(lcMapping) << "Added mapping" << saved->first().id << saved->first().describe();
    return saved->first();
}

Result<FieldMapping> MappingEditor::update(const FieldMapping &mapping, const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    const auto it = std::find_if(current->begin(), current->end(),
                                 [&](const FieldMapping &m) { return m.id == mapping.id; });
    if (it == current->end()) {
        return fail(ErrorKind::Invalid, u"mapping.not_found"_s, u"There is no mapping with the id %1."_s.arg(mapping.id),
                    u"List the mappings with `orderbridge-cli mapping list` to see their ids."_s);
    }
    FieldMapping changed = mapping;
    changed.system = it->system; // the flag is not the caller's to change
    changed.magentoAttribute = changed.magentoAttribute.trimmed();
    changed.salesforceField = changed.salesforceField.trimmed();
    if (const auto issue = MappingValidator::checkSystemChange(*it, changed))
        return invalid(*issue);
    for (const FieldMapping &other : *current) {
        if (other.id != changed.id && sameIdentity(other, changed)) {
            return fail(ErrorKind::Invalid, u"mapping.duplicate"_s, u"%1 already exists (id %2)."_s.arg(other.describe()).arg(other.id),
                        u"Change or remove that mapping instead."_s);
        }
    }
    const qsizetype index = it - current->begin();
    (*current)[index] = changed;
    if (const auto issue = firstError(MappingValidator::validate(*current, schema), index))
        return invalid(*issue);
    Result<FieldMappingList> saved = m_repository.save({changed});
    if (!saved)
        return std::unexpected(saved.error());
    return saved->first();
}

Result<void> MappingEditor::remove(qint64 id)
{
    Result<FieldMapping> mapping = get(id);
    if (!mapping)
        return std::unexpected(mapping.error());
    if (mapping->system) {
        return fail(ErrorKind::Invalid, u"mapping.system"_s, u"%1 is a system mapping and cannot be removed."_s.arg(mapping->describe()),
                    mapping->isEssential() ? u"The sync depends on it."_s : u"Disable it instead."_s);
    }
    if (Result<void> removed = m_repository.removeCustom(id); !removed)
        return removed;
    qCInfo(lcMapping) << "Removed mapping" << id << mapping->describe();
    return {};
}

Result<int> MappingEditor::ensureDefaults()
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    FieldMappingList changed;
    for (const FieldMapping &builtIn : defaultMappings()) {
        const auto existing = std::find_if(current->cbegin(), current->cend(), [&](const FieldMapping &m) {
            return sameSystemRow(m, builtIn);
        });
        if (existing == current->cend()) {
            changed << builtIn;
        } else if (!existing->system) {
            // A custom row the user made that matches a system mapping becomes that system mapping,
            // keeping the user's settings (and, for Order Status, the user's Salesforce value).
            FieldMapping promoted = *existing;
            promoted.system = true;
            promoted.when = builtIn.when;
            changed << promoted;
        }
    }
    if (changed.isEmpty())
        return 0;
    if (Result<FieldMappingList> saved = m_repository.save(changed); !saved)
        return std::unexpected(saved.error());
    qCInfo(lcMapping) << "Stored" << changed.size() << "system mappings";
    return int(changed.size());
}

Result<MappingEditor::ImportSummary> MappingEditor::replaceAll(const QList<MappingFile::Entry> &entries,
                                                                       const SalesforceSchema &schema)
{
    Result<FieldMappingList> current = list();
    if (!current)
        return std::unexpected(current.error());
    Result<Proposal> proposal = propose(entries, systemRows(*current));
    if (!proposal)
        return std::unexpected(proposal.error());
    Result<QList<MappingIssue>> warnings = checkProposal(*proposal, entries, schema);
    if (!warnings)
        return std::unexpected(warnings.error());
    FieldMappingList &proposed = proposal->rows;
    renumberPositions(proposed);

    ImportSummary summary = countChanges(*current, proposed);
    summary.warnings = *warnings;
    if (Result<FieldMappingList> saved = m_repository.replaceCustom(proposed); !saved)
        return std::unexpected(saved.error());
    qCInfo(lcMapping) << "Imported mappings:" << summary.customImported << "custom," << summary.systemChanged
                      << "system changed," << summary.customRemoved << "custom replaced";
    return summary;
}

Result<QByteArray> MappingEditor::exportJson() const
{
    Result<FieldMappingList> mappings = list();
    if (!mappings)
        return std::unexpected(mappings.error());
    return MappingFile::write(*mappings);
}

Result<MappingEditor::ImportSummary> MappingEditor::importJson(const QByteArray &bytes,
                                                                       const SalesforceSchema &schema)
{
    Result<QList<MappingFile::Entry>> entries = MappingFile::read(bytes);
    if (!entries)
        return std::unexpected(entries.error());
    return replaceAll(*entries, schema);
}

Result<void> MappingEditor::exportToFile(const QString &filePath) const
{
    Result<QByteArray> bytes = exportJson();
    if (!bytes)
        return std::unexpected(bytes.error());
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        return fail(u"mapping.export"_s, u"Could not write the mapping file %1: %2."_s.arg(filePath, file.errorString()),
                    u"Choose a writable location."_s);
    }
    return {};
}

Result<MappingEditor::ImportSummary> MappingEditor::importFromFile(const QString &filePath,
                                                                           const SalesforceSchema &schema)
{
    // Content errors name the line; the caller knows (and shows) the file.
    Result<QList<MappingFile::Entry>> entries = MappingFile::readFile(filePath);
    if (!entries)
        return std::unexpected(entries.error());
    return replaceAll(*entries, schema);
}

} // namespace OrderBridge
