#pragma once

#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"
#include "sync/consoletypes.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

/// "Add new mapping" of the Fields Mapping page (also used to edit a custom mapping).
///
/// Magento Attribute: a searchable editable list of the known order (or order item) attributes that also
/// takes any path MagentoPath accepts. Salesforce Attribute: a searchable list of the fields of the
/// schema (the live describe when known, custom fields included) a mapping can write, each with its
/// type and whether it can be created and updated. Default Value, Enable (Yes/No) and When.
/// For Order Status: the Magento status and the Salesforce Order Status value with its category.
/// OK checks the mapping at once and keeps the dialog open with the reason when it is refused.
class AddMappingDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddMappingDialog)

public:
    AddMappingDialog(OrderBridge::MappingEntity entity, const OrderBridge::SalesforceSchema &schema,
                     QWidget *parent = nullptr);
    ~AddMappingDialog() override;

    /// The attributes (or, for Order Status, the Magento statuses) offered in the Magento Attribute list.
    void setMagentoAttributes(const QStringList &attributes);
    /// Order Status only: the Salesforce picklist values with their categories.
    void setOrderStatuses(const QList<OrderBridge::OrderStatusValue> &statuses);
    /// The other staged mappings, so a duplicate or a clash with them is refused here already.
    void setOtherMappings(const OrderBridge::FieldMappingList &mappings);
    /// Fills the controls from an existing custom mapping (Edit).
    void setMapping(const OrderBridge::FieldMapping &mapping);

    /// The mapping the controls describe (the Salesforce field spelled as the schema spells it).
    [[nodiscard]] OrderBridge::FieldMapping mapping() const;
    /// Why the mapping cannot be added, naming the fix; nothing when it is fine.
    [[nodiscard]] std::optional<QString> check() const;

    [[nodiscard]] OrderBridge::MappingEntity entity() const { return m_entity; }
    [[nodiscard]] QComboBox *magentoAttributeBox() const { return m_magento; }
    [[nodiscard]] QComboBox *salesforceAttributeBox() const { return m_salesforce; }
    [[nodiscard]] QLineEdit *defaultValueEdit() const { return m_defaultValue; }
    [[nodiscard]] QComboBox *enabledBox() const { return m_enabled; }
    [[nodiscard]] QComboBox *whenBox() const { return m_when; }
    [[nodiscard]] QLabel *fieldInfoLabel() const { return m_fieldInfo; }
    [[nodiscard]] QLabel *errorLabel() const { return m_error; }
    [[nodiscard]] QDialogButtonBox *buttonBox() const { return m_buttons; }

public Q_SLOTS:
    /// Accepts only a mapping check() finds no fault with; otherwise shows the reason.
    void accept() override;

private:
    void fillSalesforceFields();
    void updateFieldInfo();
    [[nodiscard]] const OrderBridge::SalesforceFieldInfo *selectedField() const;
    [[nodiscard]] bool isStatus() const { return m_entity == OrderBridge::MappingEntity::OrderStatus; }

    OrderBridge::MappingEntity m_entity;
    OrderBridge::SalesforceSchema m_schema;
    QList<OrderBridge::OrderStatusValue> m_statuses;
    OrderBridge::FieldMappingList m_others;
    QComboBox *m_magento = nullptr;
    QComboBox *m_salesforce = nullptr;
    QLineEdit *m_defaultValue = nullptr;
    QComboBox *m_enabled = nullptr;
    QComboBox *m_when = nullptr;
    QLabel *m_fieldInfo = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
