#include "sync/mappingssave.h"

#include "common/logging.h"
#include "mapping/mappingfile.h"
#include "mapping/mappingeditor.h"
#include "mapping/mappingvalidator.h"
#include "sync/orgsession.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// Two rows map the same thing (for Order Status, the Magento status alone decides).
bool sameRow(MappingEntity entity, const FieldMapping &x, const FieldMapping &y)
{
    return x.magentoAttribute == y.magentoAttribute
        && (entity == MappingEntity::OrderStatus || x.salesforceField == y.salesforceField);
}

} // namespace

MappingsSave::MappingsSave(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Error MappingsSave::rowError(const FieldMappingList &rows, qsizetype row, const QString &code, const QString &message,
                             const QString &hint)
{
    const FieldMapping &m = rows.at(row);
    return Error{code, tr("Row %1 (%2 → %3): %4").arg(row + 1).arg(m.magentoAttribute, m.salesforceField, message), hint,
                 {QString::number(row)}, ErrorKind::Invalid};
}

Result<void> MappingsSave::save(MappingEntity entity, const FieldMappingList &mappings, const SalesforceSchema &schema) const
{
    if (!m_database)
        return std::unexpected(OrgSession::noDatabaseError());
    MappingEditor repository(m_database);
    if (auto r = repository.ensureDefaults(); !r)
        return std::unexpected(r.error());
    auto stored = repository.list();
    if (!stored)
        return std::unexpected(stored.error());
    qsizetype first = 0;
    auto proposed = proposedSet(entity, mappings, *stored, first);
    if (!proposed)
        return std::unexpected(proposed.error());
    for (const MappingIssue &issue : MappingValidator::validate(*proposed, schema)) {
        if (!issue.isError())
            continue;
        if (issue.index >= first)
            return std::unexpected(rowError(mappings, issue.index - first, issue.code, issue.message, tr("Fix the row, or remove it.")));
        return std::unexpected(Error{issue.code, issue.message, tr("Fix the mapping on its own tab first."), {}, ErrorKind::Invalid});
    }
    QList<MappingFile::Entry> entries;
    for (const FieldMapping &m : std::as_const(*proposed))
        entries << MappingFile::Entry{m, 0, 0};
    if (auto replaced = repository.replaceAll(entries, schema); !replaced)
        return std::unexpected(replaced.error());
    qCInfo(lcMapping).noquote() << u"%1 mappings saved: %2 rows"_s.arg(mappingEntityLabel(entity)).arg(mappings.size());
    return {};
}

Result<FieldMappingList> MappingsSave::proposedSet(MappingEntity entity, const FieldMappingList &mappings,
                                                   const FieldMappingList &stored, qsizetype &first) const
{
    FieldMappingList proposed;
    for (const FieldMapping &m : stored) {
        if (m.entity != entity)
            proposed << m;
    }
    first = proposed.size();
    QList<qint64> systemSeen;
    for (qsizetype row = 0; row < mappings.size(); ++row) {
        FieldMapping m = mappings.at(row);
        if (m.entity != entity) {
            return std::unexpected(rowError(mappings, row, u"mapping.entity"_s,
                                            tr("the row belongs to %1, not %2.").arg(mappingEntityLabel(m.entity), mappingEntityLabel(entity)),
                                            tr("Save it from its own tab.")));
        }
        m.magentoAttribute = m.magentoAttribute.trimmed();
        m.salesforceField = m.salesforceField.trimmed();
        m.position = int(row);
        // A row is a system mapping when it stands for a stored one; the flag is not the editor's to set.
        const auto before = std::find_if(stored.cbegin(), stored.cend(), [&](const FieldMapping &s) {
            if (!s.system || s.entity != entity)
                return false;
            return m.id != 0 ? s.id == m.id : sameRow(entity, s, m);
        });
        if (before != stored.cend()) {
            m.id = before->id;
            m.system = true;
            if (auto issue = MappingValidator::checkSystemChange(*before, m))
                return std::unexpected(rowError(mappings, row, issue->code, issue->message,
                                                tr("Only Enable and Default Value of a system mapping can change.")));
            systemSeen << before->id;
        } else if (m.system) {
            return std::unexpected(rowError(mappings, row, u"mapping.system"_s, tr("OrderBridge has no such system mapping."),
                                            tr("Add it as a custom mapping.")));
        } else {
            m.id = 0;
        }
        proposed << m;
    }
    if (auto removed = removedSystemMapping(entity, stored, systemSeen))
        return std::unexpected(*removed);
    if (auto duplicate = duplicateRow(entity, proposed, first, mappings))
        return std::unexpected(*duplicate);
    return proposed;
}

std::optional<Error> MappingsSave::removedSystemMapping(MappingEntity entity, const FieldMappingList &stored,
                                                        const QList<qint64> &kept)
{
    for (const FieldMapping &s : stored) {
        if (s.system && s.entity == entity && !kept.contains(s.id)) {
            return Error{u"mapping.system"_s, tr("%1 is a system mapping and cannot be removed.").arg(s.describe()),
                         s.isEssential() ? tr("The sync depends on it.") : tr("Disable it instead."), {}, ErrorKind::Invalid};
        }
    }
    return std::nullopt;
}

std::optional<Error> MappingsSave::duplicateRow(MappingEntity entity, const FieldMappingList &proposed, qsizetype first,
                                                const FieldMappingList &edited)
{
    const FieldMappingList rows = proposed.mid(first);
    for (qsizetype a = 0; a < rows.size(); ++a) {
        for (qsizetype b = 0; b < a; ++b) {
            if (sameRow(entity, rows.at(a), rows.at(b)))
                return rowError(edited, a, u"mapping.duplicate"_s, tr("the same mapping as row %1.").arg(b + 1),
                                tr("Keep one of the two rows."));
        }
    }
    return std::nullopt;
}

} // namespace OrderBridge
