#include "mapping/orderstatusmappingmodel.h"

#include "mapping/defaultmappings.h"

using namespace OrderBridge;

OrderStatusMappingModel::OrderStatusMappingModel(QObject *parent)
    : MappingListModel(MappingEntity::OrderStatus, EnabledColumn, KindColumn, parent)
{
}

OrderStatusMappingModel::~OrderStatusMappingModel() = default;

void OrderStatusMappingModel::setStatusValues(const QList<OrderStatusValue> &values)
{
    m_values = values;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, SalesforceStatusColumn), index(rowCount() - 1, CategoryColumn));
}

QString OrderStatusMappingModel::categoryOf(const QString &value) const
{
    for (const OrderStatusValue &status : m_values) {
        if (status.value == value)
            return status.category;
    }
    return {};
}

int OrderStatusMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderStatusMappingModel::columnData(const QModelIndex &index, const FieldMapping &mapping, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        switch (index.column()) {
        case MagentoStatusColumn:
            return mapping.magentoAttribute;
        case SalesforceStatusColumn:
            return mapping.salesforceField;
        case CategoryColumn: {
            const QString category = categoryOf(mapping.salesforceField);
            if (category.isEmpty() && role == Qt::DisplayRole)
                return tr("not in the picklist");
            return category;
        }
        default:
            break; // Enable and System/Custom: commonData()
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == CategoryColumn)
            return tr("Only final statuses (Complete, Closed) should map to an Activated value: an activated Salesforce "
                      "Order cannot take new Order Products.");
        if (index.column() == EnabledColumn && mapping.isEssential())
            return tr("Every Magento status needs a Salesforce status; this system mapping cannot be disabled.");
        break;
    case OpenChoicesRole:
        return index.column() == MagentoStatusColumn;
    case ChoicesRole:
        if (index.column() == MagentoStatusColumn)
            return defaultMagentoStatuses();
        if (index.column() == SalesforceStatusColumn) {
            QStringList values;
            for (const OrderStatusValue &status : m_values)
                values << status.value;
            return values;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant OrderStatusMappingModel::columnHeader(int section) const
{
    switch (section) {
    case MagentoStatusColumn:
        return tr("Magento Status");
    case SalesforceStatusColumn:
        return tr("Salesforce Order Status");
    case CategoryColumn:
        return tr("Status Category");
    default:
        break; // Enable and System/Custom: MappingListModel::headerData()
    }
    return {};
}

Qt::ItemFlags OrderStatusMappingModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = commonFlags(index);
    if (index.column() == SalesforceStatusColumn
        || (index.column() == MagentoStatusColumn && !m_staged.at(index.row()).system))
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool OrderStatusMappingModel::applyEdit(int column, const QVariant &value, FieldMapping &changed) const
{
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return false;
    if (column == SalesforceStatusColumn)
        changed.salesforceField = text;
    else if (column == MagentoStatusColumn)
        changed.magentoAttribute = text;
    else
        return false;
    // updateRow() announces the whole row, the Category column included.
    return true;
}
