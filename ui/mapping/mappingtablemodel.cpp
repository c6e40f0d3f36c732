#include "mapping/mappingtablemodel.h"
#include "mapping/mappinglabels.h"

#include "mapping/magentoattributecatalogue.h"

#include "mapping/salesforcefieldcatalogue.h"

#include <algorithm>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

MappingTableModel::MappingTableModel(MappingEntity entity, QObject *parent)
    : MappingListModel(entity, EnabledColumn, KindColumn, parent)
    , m_schema(SalesforceFieldCatalogue::schema())
    , m_attributeChoices(MagentoAttributeCatalogue::attributes(entity))
{
    updateFieldChoices();
}

void MappingTableModel::updateFieldChoices()
{
    m_fieldChoices.clear();
    for (const SalesforceFieldInfo &info : m_schema.fieldsFor(m_entity)) {
        if (info.isWritableType() && (info.createable || info.updateable))
            m_fieldChoices << info.name;
    }
    std::sort(m_fieldChoices.begin(), m_fieldChoices.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
}

MappingTableModel::~MappingTableModel() = default;

void MappingTableModel::setSchema(const SalesforceSchema &schema)
{
    m_schema = schema;
    updateFieldChoices();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TypeColumn), index(rowCount() - 1, TypeColumn));
}

int MappingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const SalesforceFieldInfo *MappingTableModel::fieldInfo(const FieldMapping &mapping) const
{
    return findSalesforceField(m_schema.fieldsFor(m_entity), mapping.salesforceField);
}

QString MappingTableModel::describeField(const SalesforceFieldInfo *info)
{
    if (!info)
        return tr("unknown field");
    if (!info->createable && !info->updateable)
        return tr("%1 (read only)").arg(info->type);
    if (!info->updateable)
        return tr("%1 (create only)").arg(info->type);
    if (!info->createable)
        return tr("%1 (update only)").arg(info->type);
    return info->type;
}

QVariant MappingTableModel::columnData(const QModelIndex &index, const FieldMapping &mapping, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        switch (index.column()) {
        case MagentoAttributeColumn:
            // Shown by name; edited and sorted by path.
            return role == Qt::DisplayRole ? MappingLabels::source(mapping.magentoAttribute) : mapping.magentoAttribute;
        case SalesforceAttributeColumn:
            return mapping.salesforceField;
        case TypeColumn:
            return describeField(fieldInfo(mapping));
        case DefaultValueColumn:
            return mapping.defaultValue;
        case WhenColumn:
            if (role == SortRole)
                return int(mapping.when);
            return MappingLabels::whenMode(mapping.when);
        default:
            break; // Enable and System/Custom: commonData()
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == EnabledColumn && mapping.isEssential())
            return tr("The sync cannot work without this system mapping; it cannot be disabled.");
        if (mapping.system && (index.column() == MagentoAttributeColumn || index.column() == SalesforceAttributeColumn
                               || index.column() == WhenColumn))
            return index.column() == MagentoAttributeColumn
                ? MappingLabels::sourceToolTip(mapping.magentoAttribute) + u'\n'
                    + tr("System mapping: its attributes and When are locked. Add a custom mapping instead.")
                : tr("System mapping: its attributes and When are locked. Add a custom mapping instead.");
        if (index.column() == MagentoAttributeColumn)
            return MappingLabels::sourceToolTip(mapping.magentoAttribute);
        break;
    case OpenChoicesRole:
        return index.column() == MagentoAttributeColumn || index.column() == SalesforceAttributeColumn;
    case ChoicesRole:
        if (index.column() == MagentoAttributeColumn)
            return m_attributeChoices;
        if (index.column() == SalesforceAttributeColumn)
            return m_fieldChoices;
        if (index.column() == WhenColumn) {
            QStringList labels;
            for (WhenMode mode : allWhenModes())
                labels << MappingLabels::whenMode(mode);
            return labels;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant MappingTableModel::columnHeader(int section) const
{
    switch (section) {
    case MagentoAttributeColumn:
        return tr("Magento Attribute");
    case SalesforceAttributeColumn:
        return tr("Salesforce Attribute");
    case TypeColumn:
        return tr("Type");
    case DefaultValueColumn:
        return tr("Default Value");
    case WhenColumn:
        return tr("When");
    default:
        break; // Enable and System/Custom: MappingListModel::headerData()
    }
    return {};
}

Qt::ItemFlags MappingTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = commonFlags(index);
    switch (index.column()) {
    case MagentoAttributeColumn:
    case SalesforceAttributeColumn:
    case WhenColumn:
        if (!m_staged.at(index.row()).system)
            flags |= Qt::ItemIsEditable;
        break;
    case DefaultValueColumn:
        flags |= Qt::ItemIsEditable;
        break;
    default:
        break;
    }
    return flags;
}

bool MappingTableModel::applyEdit(int column, const QVariant &value, FieldMapping &changed) const
{
    const QString text = value.toString().trimmed();
    switch (column) {
    case MagentoAttributeColumn:
        if (text.isEmpty())
            return false;
        changed.magentoAttribute = text;
        return true;
    case SalesforceAttributeColumn:
        if (text.isEmpty())
            return false;
        changed.salesforceField = text;
        return true;
    case DefaultValueColumn:
        changed.defaultValue = value.toString();
        return true;
    case WhenColumn: {
        const std::optional<WhenMode> when = MappingLabels::whenModeFromText(text);
        if (!when)
            return false;
        changed.when = *when;
        return true;
    }
    default:
        return false;
    }
}
