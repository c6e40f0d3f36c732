#include "mapping/mappingimportplan.h"

#include "mapping/mappingfile.h"
#include "mapping/mappingvalidator.h"

#include <QHash>
#include <QSet>

using namespace OrderBridge;

namespace {

QString at(const MappingFile::Entry &entry, const QString &message)
{
    return MappingImportPlan::tr("The mapping file was refused (nothing was imported): line %1, column %2: %3")
        .arg(entry.line)
        .arg(entry.column)
        .arg(message);
}

/// The stored rows by identity: system rows to their index, custom rows to their id.
struct StoredIndex
{
    FieldMappingList system;
    QHash<QString, qsizetype> systemAt;
    QHash<QString, qint64> customId;

    explicit StoredIndex(const FieldMappingList &stored)
    {
        for (const FieldMapping &m : stored) {
            if (m.system) {
                systemAt.insert(m.identityKey(), system.size());
                system << m;
            } else {
                customId.insert(m.identityKey(), m.id);
            }
        }
    }
};

/// The row `wanted` stages as, or the refusal; marks the system row it changes in `systemSeen`.
std::optional<QString> stageEntry(const MappingFile::Entry &entry, const StoredIndex &index, QList<bool> &systemSeen,
                                  FieldMapping &wanted)
{
    wanted = entry.mapping;
    if (!wanted.system) {
        // A custom mapping the store already holds keeps its id, so re-importing an export changes nothing.
        wanted.id = index.customId.value(wanted.identityKey(), 0);
        return std::nullopt;
    }
    const qsizetype match = index.systemAt.value(wanted.identityKey(), -1);
    if (match < 0)
        return at(entry, MappingImportPlan::tr("%1 is marked \"system\": true, but there is no such system mapping; "
                                               "remove \"system\": true to import it as a custom mapping.")
                             .arg(wanted.describe()));
    FieldMapping updated = index.system.at(match);
    updated.enabled = wanted.enabled;
    updated.defaultValue = wanted.defaultValue;
    updated.salesforceField = wanted.salesforceField;
    updated.when = wanted.when;
    if (const std::optional<MappingIssue> issue = MappingValidator::checkSystemChange(index.system.at(match), updated))
        return at(entry, issue->message);
    systemSeen[match] = true;
    wanted = updated;
    return std::nullopt;
}

} // namespace

MappingImportPlan MappingImportPlan::make(const QString &path, const FieldMappingList &stored, const SalesforceSchema &schema)
{
    MappingImportPlan plan;
    const Result<QList<MappingFile::Entry>> entries = MappingFile::readFile(path);
    if (!entries) {
        plan.error = entries.error().toString();
        return plan;
    }
    plan.entries = int(entries->size());
    const StoredIndex index(stored);
    QList<bool> systemSeen(index.system.size(), false);
    QList<qsizetype> entryOf;
    QSet<QString> identities;
    for (qsizetype e = 0; e < entries->size(); ++e) {
        const MappingFile::Entry &entry = entries->at(e);
        const QString identity = entry.mapping.identityKey();
        if (identities.contains(identity)) {
            plan.error = at(entry, tr("%1 appears twice in the file; keep one of the two.").arg(entry.mapping.describe()));
            return plan;
        }
        identities.insert(identity);
        FieldMapping row;
        if (const std::optional<QString> refused = stageEntry(entry, index, systemSeen, row)) {
            plan.error = *refused;
            return plan;
        }
        plan.proposed << row;
        entryOf << e;
    }
    for (qsizetype s = 0; s < index.system.size(); ++s) {
        if (!systemSeen.at(s)) {
            plan.proposed << index.system.at(s);
            entryOf << -1;
        }
    }
    for (const MappingIssue &issue : MappingValidator::validate(plan.proposed, schema)) {
        if (!issue.isError())
            continue;
        const qsizetype e = entryOf.value(issue.index, -1);
        plan.error = e >= 0 ? at(entries->at(e), issue.message)
                            : tr("The mapping file was refused (nothing was imported): %1").arg(issue.message);
        plan.proposed.clear();
        return plan;
    }
    return plan;
}
