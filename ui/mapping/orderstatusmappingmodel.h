#pragma once

#include "mapping/mappinglistmodel.h"
#include "sync/consoletypes.h"

/// The Order Status tab: each Magento order status beside the Salesforce Order Status it becomes and
/// that value's Status Category (Draft or Activated), from the org's picklist when known.
class OrderStatusMappingModel : public MappingListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderStatusMappingModel)

public:
    enum Column { MagentoStatusColumn, SalesforceStatusColumn, CategoryColumn, EnabledColumn, KindColumn, ColumnCount };
    Q_ENUM(Column)

    explicit OrderStatusMappingModel(QObject *parent = nullptr);
    ~OrderStatusMappingModel() override;

    /// The Salesforce Order Status picklist with categories (OrgSchema::orderStatuses, or the catalogue's).
    void setStatusValues(const QList<OrderBridge::OrderStatusValue> &values);
    [[nodiscard]] const QList<OrderBridge::OrderStatusValue> &statusValues() const { return m_values; }
    /// The category of a Salesforce status value; empty when the value is not in the picklist.
    [[nodiscard]] QString categoryOf(const QString &value) const;

    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;

protected:
    [[nodiscard]] QVariant columnData(const QModelIndex &index, const OrderBridge::FieldMapping &mapping,
                                      int role) const override;
    [[nodiscard]] QVariant columnHeader(int section) const override;
    [[nodiscard]] bool applyEdit(int column, const QVariant &value, OrderBridge::FieldMapping &changed) const override;

private:
    QList<OrderBridge::OrderStatusValue> m_values;
};
