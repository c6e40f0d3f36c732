#include "mappinglistmodel.h"

#include "mapping/mappingvalidator.h"

#include <algorithm>

using namespace OrderBridge;

MappingListModel::MappingListModel(MappingEntity entity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entity(entity)
{
}

MappingListModel::~MappingListModel() = default;

void MappingListModel::setStoredMappings(const FieldMappingList &mappings)
{
    beginResetModel();
    m_stored = mappings;
    m_staged = mappings;
    m_issues.clear();
    endResetModel();
    notifyDirty();
}

void MappingListModel::stageMappings(const FieldMappingList &mappings)
{
    beginResetModel();
    m_staged = mappings;
    m_issues.clear();
    endResetModel();
    notifyDirty();
}

void MappingListModel::discardChanges()
{
    stageMappings(m_stored);
}

int MappingListModel::appendMapping(FieldMapping mapping)
{
    mapping.entity = m_entity;
    mapping.system = false;
    mapping.id = 0;
    int position = -1;
    for (const FieldMapping &existing : std::as_const(m_staged))
        position = std::max(position, existing.position);
    mapping.position = position + 1;
    const int row = int(m_staged.size());
    beginInsertRows({}, row, row);
    m_staged.append(mapping);
    endInsertRows();
    notifyDirty();
    return row;
}

bool MappingListModel::replaceMapping(int row, const FieldMapping &mapping)
{
    if (row < 0 || row >= m_staged.size())
        return false;
    FieldMapping changed = mapping;
    const FieldMapping &before = m_staged.at(row);
    changed.id = before.id;
    changed.entity = m_entity;
    changed.system = before.system;
    changed.position = before.position;
    return updateRow(row, changed);
}

bool MappingListModel::updateRow(int row, const FieldMapping &mapping)
{
    const FieldMapping &before = m_staged.at(row);
    if (MappingValidator::checkSystemChange(before, mapping))
        return false;
    if (before == mapping)
        return true;
    m_staged[row] = mapping;
    m_issues.remove(row);
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    notifyDirty();
    return true;
}

bool MappingListModel::isRemovable(int row) const
{
    return row >= 0 && row < m_staged.size() && !m_staged.at(row).system;
}

void MappingListModel::setRowIssue(int row, const QString &message)
{
    if (row < 0 || row >= m_staged.size())
        return;
    m_issues.insert(row, message);
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::ToolTipRole, IssueRole});
}

void MappingListModel::clearIssues()
{
    if (m_issues.isEmpty())
        return;
    const QList<int> rows = m_issues.keys();
    m_issues.clear();
    for (int row : rows)
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::ToolTipRole, IssueRole});
}

int MappingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_staged.size());
}

bool MappingListModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count <= 0 || row < 0 || row + count > m_staged.size())
        return false;
    for (int r = row; r < row + count; ++r) {
        if (!isRemovable(r))
            return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    m_staged.remove(row, count);
    // Rows below moved up: their issues no longer match a row.
    m_issues.clear();
    endRemoveRows();
    notifyDirty();
    return true;
}

QVariant MappingListModel::commonData(int row, int role) const
{
    const FieldMapping &mapping = m_staged.at(row);
    switch (role) {
    case SystemRole:
        return mapping.system;
    case EssentialRole:
        return mapping.isEssential();
    case IssueRole:
        return m_issues.value(row);
    case Qt::ToolTipRole:
        if (m_issues.contains(row))
            return m_issues.value(row);
        break;
    default:
        break;
    }
    return {};
}

void MappingListModel::notifyDirty()
{
    const bool dirty = isDirty();
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}
