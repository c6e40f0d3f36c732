#pragma once

#include "mapping/mappinglistmodel.h"
#include "mapping/salesforceschema.h"

/// The Order or Order Product mappings of the Fields Mapping page, staged for Save Mapper.
///
/// Columns as in the Magento admin grid: Magento Attribute, Salesforce Attribute, its Type (from the
/// schema: the live describe when known, else the built-in catalogue), Default Value, Enable, When and
/// System/Custom. Custom rows are editable in place; system rows only take a default value and, unless
/// essential, Enable.
class MappingTableModel : public MappingListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingTableModel)

public:
    enum Column {
        MagentoAttributeColumn,
        SalesforceAttributeColumn,
        TypeColumn,
        DefaultValueColumn,
        EnabledColumn,
        WhenColumn,
        KindColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit MappingTableModel(OrderBridge::MappingEntity entity, QObject *parent = nullptr);
    ~MappingTableModel() override;

    /// The fields the Type column describes.
    void setSchema(const OrderBridge::SalesforceSchema &schema);

    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

    /// "textarea", "currency (create only)", "unknown field": the Salesforce side of a mapping in words.
    [[nodiscard]] static QString describeField(const OrderBridge::SalesforceFieldInfo *info);

protected:
    [[nodiscard]] QVariant columnData(const QModelIndex &index, const OrderBridge::FieldMapping &mapping,
                                      int role) const override;
    [[nodiscard]] QVariant columnHeader(int section) const override;
    [[nodiscard]] bool applyEdit(int column, const QVariant &value, OrderBridge::FieldMapping &changed) const override;

private:
    [[nodiscard]] const OrderBridge::SalesforceFieldInfo *fieldInfo(const OrderBridge::FieldMapping &mapping) const;
    void updateFieldChoices();

    OrderBridge::SalesforceSchema m_schema;
    QStringList m_fieldChoices;     ///< the writable fields of the schema, for the in-place editor
    QStringList m_attributeChoices; ///< the known Magento attributes, for the in-place editor
};
