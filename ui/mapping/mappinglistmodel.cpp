#include "mapping/mappinglistmodel.h"

#include <QIcon>

#include "mapping/mappingvalidator.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

using namespace OrderBridge;

namespace {

// The labels were MappingTableModel's (and, the same words, OrderStatusMappingModel's) before they
// moved here: that context keeps their translations.
QString label(const char *text)
{
    return QCoreApplication::translate("MappingTableModel", text);
}

} // namespace

MappingListModel::MappingListModel(MappingEntity entity, int enabledColumn, int kindColumn, QObject *parent)
    : QAbstractTableModel(parent)
    , m_entity(entity)
    , m_enabledColumn(enabledColumn)
    , m_kindColumn(kindColumn)
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

QVariant MappingListModel::commonData(const QModelIndex &index, int role) const
{
    const int row = index.row();
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
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        if (index.column() == m_enabledColumn) {
            if (role == SortRole)
                return mapping.enabled;
            return mapping.enabled ? label(QT_TRANSLATE_NOOP("MappingTableModel", "Yes"))
                                   : label(QT_TRANSLATE_NOOP("MappingTableModel", "No"));
        }
        if (index.column() == m_kindColumn) {
            if (role == SortRole)
                return mapping.system;
            return mapping.system ? label(QT_TRANSLATE_NOOP("MappingTableModel", "System"))
                                  : label(QT_TRANSLATE_NOOP("MappingTableModel", "Custom"));
        }
        break;
    case Qt::DecorationRole:
        // A lock on system rows: their attributes and When cannot be changed.
        if (index.column() == m_kindColumn && mapping.system)
            return QIcon(u":/icons/lock.svg"_s);
        break;
    case Qt::CheckStateRole:
        if (index.column() == m_enabledColumn)
            return mapping.enabled ? Qt::Checked : Qt::Unchecked;
        break;
    default:
        break;
    }
    return {};
}

QVariant MappingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (const QVariant common = commonData(index, role); common.isValid())
        return common;
    return columnData(index, m_staged.at(index.row()), role);
}

QVariant MappingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == m_enabledColumn)
        return label(QT_TRANSLATE_NOOP("MappingTableModel", "Enable"));
    if (section == m_kindColumn)
        return label(QT_TRANSLATE_NOOP("MappingTableModel", "System/Custom"));
    return columnHeader(section);
}

Qt::ItemFlags MappingListModel::commonFlags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == m_enabledColumn && !m_staged.at(index.row()).isEssential())
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool MappingListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (!(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    FieldMapping changed = m_staged.at(index.row());
    if (role == Qt::CheckStateRole && index.column() == m_enabledColumn) {
        changed.enabled = static_cast<Qt::CheckState>(value.toInt()) == Qt::Checked;
        return updateRow(index.row(), changed);
    }
    if (role != Qt::EditRole || !applyEdit(index.column(), value, changed))
        return false;
    return updateRow(index.row(), changed);
}

void MappingListModel::notifyDirty()
{
    const bool dirty = isDirty();
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}
