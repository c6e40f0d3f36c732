#include "mapping/addmappingdialog.h"
#include "mapping/mappinglabels.h"

#include "mapping/magentoattributecatalogue.h"

#include "mapping/magentopath.h"
#include "mapping/mappingvalidator.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

/// An editable combo box whose list is searched by any part of the text, as the admin's search boxes are.
void makeSearchable(QComboBox *combo)
{
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    combo->completer()->setFilterMode(Qt::MatchContains);
    combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
}

QString accessShort(const SalesforceFieldInfo &info)
{
    if (info.createable && info.updateable)
        return AddMappingDialog::tr("create, update");
    return info.createable ? AddMappingDialog::tr("create only") : AddMappingDialog::tr("update only");
}

QString accessText(const SalesforceFieldInfo &info)
{
    return AddMappingDialog::tr("%1 · %2 · %3")
        .arg(info.type,
             info.createable ? AddMappingDialog::tr("createable") : AddMappingDialog::tr("not createable"),
             info.updateable ? AddMappingDialog::tr("updateable") : AddMappingDialog::tr("not updateable"));
}

} // namespace

AddMappingDialog::AddMappingDialog(MappingEntity entity, const SalesforceSchema &schema, QWidget *parent)
    : QDialog(parent)
    , m_entity(entity)
    , m_schema(schema)
{
    setObjectName(u"addMappingDialog"_s);
    setWindowTitle(isStatus() ? tr("Add Order Status mapping") : tr("Add new mapping: %1").arg(MappingLabels::entity(entity)));
    setAccessibleName(windowTitle());

    auto *form = new QFormLayout;
    m_magento = new QComboBox(this);
    m_magento->setObjectName(u"magentoAttribute"_s);
    makeSearchable(m_magento);
    m_magento->setAccessibleName(isStatus() ? tr("Magento Status") : tr("Magento Attribute"));
    m_magento->setToolTip(isStatus() ? tr("The Magento order status code, e.g. processing.")
                                     : tr("A Magento order attribute, or any path into the order JSON such as "
                                          "billing_address.street[0] or custom_attributes.gift_message."));
    m_magento->lineEdit()->setPlaceholderText(isStatus() ? tr("processing") : tr("billing_address.city"));
    form->addRow(isStatus() ? tr("&Magento Status:") : tr("&Magento Attribute:"), m_magento);

    m_salesforce = new QComboBox(this);
    m_salesforce->setObjectName(u"salesforceAttribute"_s);
    if (!isStatus()) {
        // The list shows each field's type and whether it can be created and updated beside its name.
        auto *fields = new QStandardItemModel(0, 3, m_salesforce);
        fields->setHorizontalHeaderLabels({tr("Field"), tr("Type"), tr("Can be")});
        m_salesforce->setModel(fields);
        auto *popup = new QTreeView(m_salesforce);
        popup->setRootIsDecorated(false);
        popup->setUniformRowHeights(true);
        popup->setAllColumnsShowFocus(true);
        popup->setSelectionBehavior(QAbstractItemView::SelectRows);
        popup->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
        popup->setMinimumWidth(460);
        popup->setAccessibleName(tr("Salesforce fields"));
        m_salesforce->setView(popup);
        makeSearchable(m_salesforce);
    }
    m_salesforce->setAccessibleName(isStatus() ? tr("Salesforce Order Status") : tr("Salesforce Attribute"));
    m_salesforce->setToolTip(isStatus() ? tr("The value of the Salesforce Order Status picklist the Magento status becomes.")
                                        : tr("The %1 field written, by API name; custom fields end in __c.")
                                              .arg(mappingEntitySalesforceObject(entity)));
    form->addRow(isStatus() ? tr("&Salesforce Order Status:") : tr("&Salesforce Attribute:"), m_salesforce);

    m_fieldInfo = new QLabel(this);
    m_fieldInfo->setObjectName(u"fieldInfo"_s);
    m_fieldInfo->setAccessibleName(isStatus() ? tr("Status category") : tr("Salesforce field type and access"));
    m_fieldInfo->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    form->addRow(QString(), m_fieldInfo);

    m_defaultValue = new QLineEdit(this);
    m_defaultValue->setObjectName(u"defaultValue"_s);
    m_defaultValue->setAccessibleName(tr("Default Value"));
    m_defaultValue->setToolTip(tr("Sent when the Magento value is empty."));
    form->addRow(tr("&Default Value:"), m_defaultValue);

    m_enabled = new QComboBox(this);
    m_enabled->setObjectName(u"enabled"_s);
    m_enabled->addItem(tr("Yes"), true);
    m_enabled->addItem(tr("No"), false);
    m_enabled->setAccessibleName(tr("Enable"));
    form->addRow(tr("&Enable:"), m_enabled);

    m_when = new QComboBox(this);
    m_when->setObjectName(u"when"_s);
    for (WhenMode mode : allWhenModes())
        m_when->addItem(MappingLabels::whenMode(mode), int(mode));
    m_when->setItemData(0, tr("Write the value when the record is created and when it is updated."), Qt::ToolTipRole);
    m_when->setItemData(1, tr("Write the value only when the record is created."), Qt::ToolTipRole);
    m_when->setItemData(2, tr("Write the value only when an existing record is updated."), Qt::ToolTipRole);
    m_when->setAccessibleName(tr("When"));
    form->addRow(tr("&When:"), m_when);
    if (isStatus()) {
        form->setRowVisible(m_defaultValue, false);
        form->setRowVisible(m_when, false);
    }

    m_error = new QLabel(this);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setAccessibleName(tr("Why the mapping was refused"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setStyleSheet(u"color: white; background: #c62828; padding: 6px;"_s);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Add the mapping"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddMappingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddMappingDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_salesforce, &QComboBox::currentTextChanged, this, &AddMappingDialog::updateFieldInfo);
    connect(m_salesforce, &QComboBox::currentTextChanged, m_error, &QLabel::hide);
    connect(m_magento, &QComboBox::currentTextChanged, m_error, &QLabel::hide);
    connect(m_when, &QComboBox::currentIndexChanged, m_error, &QLabel::hide);

    fillSalesforceFields();
    QWidget::setTabOrder(m_magento, m_salesforce);
    QWidget::setTabOrder(m_salesforce, m_defaultValue);
    QWidget::setTabOrder(m_defaultValue, m_enabled);
    QWidget::setTabOrder(m_enabled, m_when);
    QWidget::setTabOrder(m_when, m_buttons);
    m_magento->setFocus();
}

AddMappingDialog::~AddMappingDialog() = default;

void AddMappingDialog::setMagentoAttributes(const QStringList &attributes)
{
    const QString current = m_magento->currentText();
    m_magento->clear();
    m_magento->addItems(attributes);
    for (int row = 0; row < m_magento->count(); ++row) {
        const QString sample = MagentoAttributeCatalogue::sampleValue(m_entity, attributes.at(row));
        if (!sample.isEmpty())
            m_magento->setItemData(row, tr("e.g. %1").arg(sample), Qt::ToolTipRole);
    }
    m_magento->setCurrentIndex(-1);
    m_magento->setEditText(current);
}

void AddMappingDialog::setOrderStatuses(const QList<OrderStatusValue> &statuses)
{
    m_statuses = statuses;
    // The values offered are the picklist's: check the mapping against them.
    auto status = m_schema.order.find(u"Status"_s);
    if (status != m_schema.order.end() && !statuses.isEmpty()) {
        status->picklistValues.clear();
        for (const OrderStatusValue &value : statuses)
            status->picklistValues << PicklistValue{value.value, value.label, true, value.isDefault, value.category};
    }
    fillSalesforceFields();
}

void AddMappingDialog::setOtherMappings(const FieldMappingList &mappings)
{
    m_others = mappings;
}

void AddMappingDialog::setMapping(const FieldMapping &mapping)
{
    setWindowTitle(isStatus() ? tr("Edit Order Status mapping") : tr("Edit mapping: %1").arg(MappingLabels::entity(m_entity)));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save the mapping"));
    m_magento->setEditText(mapping.magentoAttribute);
    const int found = m_salesforce->findText(mapping.salesforceField);
    if (found >= 0)
        m_salesforce->setCurrentIndex(found);
    else if (m_salesforce->isEditable())
        m_salesforce->setEditText(mapping.salesforceField);
    m_defaultValue->setText(mapping.defaultValue);
    m_enabled->setCurrentIndex(mapping.enabled ? 0 : 1);
    m_when->setCurrentIndex(std::max(0, m_when->findData(int(mapping.when))));
    updateFieldInfo();
}

void AddMappingDialog::fillSalesforceFields()
{
    const QString current = m_salesforce->currentText();
    m_salesforce->clear();
    if (isStatus()) {
        for (const OrderStatusValue &status : std::as_const(m_statuses)) {
            m_salesforce->addItem(status.value, status.value);
            m_salesforce->setItemData(m_salesforce->count() - 1, tr("Category: %1").arg(status.category), Qt::ToolTipRole);
        }
        const int found = m_salesforce->findText(current);
        m_salesforce->setCurrentIndex(found >= 0 ? found : 0);
        updateFieldInfo();
        return;
    }
    QList<SalesforceFieldInfo> fields;
    const SalesforceFieldMap &map = m_schema.fieldsFor(m_entity);
    for (const SalesforceFieldInfo &info : map) {
        // Only what a mapping can write: a writable type that can be created or updated.
        if (info.isWritableType() && (info.createable || info.updateable))
            fields << info;
    }
    std::sort(fields.begin(), fields.end(), [](const SalesforceFieldInfo &a, const SalesforceFieldInfo &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    auto *model = qobject_cast<QStandardItemModel *>(m_salesforce->model());
    for (const SalesforceFieldInfo &info : std::as_const(fields)) {
        m_salesforce->addItem(info.name, info.name);
        const int row = m_salesforce->count() - 1;
        m_salesforce->setItemData(row, accessText(info), Qt::ToolTipRole);
        model->setItem(row, 1, new QStandardItem(info.type));
        model->setItem(row, 2, new QStandardItem(accessShort(info)));
    }
    m_salesforce->setCurrentIndex(-1);
    m_salesforce->setEditText(current);
    updateFieldInfo();
}

const SalesforceFieldInfo *AddMappingDialog::selectedField() const
{
    if (isStatus())
        return nullptr;
    return findSalesforceField(m_schema.fieldsFor(m_entity), m_salesforce->currentText().trimmed());
}

void AddMappingDialog::updateFieldInfo()
{
    if (isStatus()) {
        const QString value = m_salesforce->currentText();
        QString category;
        for (const OrderStatusValue &status : std::as_const(m_statuses)) {
            if (status.value == value)
                category = status.category;
        }
        m_fieldInfo->setText(category.isEmpty() ? QString() : tr("Status Category: %1").arg(category));
        return;
    }
    const SalesforceFieldInfo *info = selectedField();
    if (info)
        m_fieldInfo->setText(accessText(*info));
    else if (m_salesforce->currentText().trimmed().isEmpty())
        m_fieldInfo->clear();
    else
        m_fieldInfo->setText(tr("not a field of %1").arg(mappingEntitySalesforceObject(m_entity)));
}

FieldMapping AddMappingDialog::mapping() const
{
    FieldMapping mapping;
    mapping.entity = m_entity;
    mapping.magentoAttribute = m_magento->currentText().trimmed();
    const SalesforceFieldInfo *info = selectedField();
    mapping.salesforceField = info ? info->name : m_salesforce->currentText().trimmed();
    mapping.enabled = m_enabled->currentData().toBool();
    if (!isStatus()) {
        mapping.defaultValue = m_defaultValue->text();
        mapping.when = static_cast<WhenMode>(m_when->currentData().toInt());
    }
    return mapping;
}

std::optional<QString> AddMappingDialog::check() const
{
    const FieldMapping candidate = mapping();
    const QString object = mappingEntitySalesforceObject(m_entity);
    if (isStatus()) {
        if (candidate.magentoAttribute.isEmpty())
            return tr("Choose the Magento status to map, e.g. processing.");
        if (candidate.salesforceField.isEmpty())
            return tr("Choose the Salesforce Order Status the Magento status becomes.");
    } else {
        if (candidate.magentoAttribute.isEmpty())
            return tr("Choose a Magento attribute, or type a path such as billing_address.city.");
        if (!candidate.hasSpecialSource()) {
            Result<MagentoPath> path = MagentoPath::parse(candidate.magentoAttribute);
            if (!path) {
                return tr("\"%1\" is not a Magento attribute path: %2 Write a path such as billing_address.street[0].")
                    .arg(candidate.magentoAttribute, path.error().toString());
            }
        }
        if (candidate.salesforceField.isEmpty())
            return tr("Choose the Salesforce attribute the value goes into.");
        const SalesforceFieldInfo *info = selectedField();
        if (!info) {
            return tr("%1 has no field \"%2\"; choose one from the list (custom fields end in __c, and need read "
                      "access for the integration user).")
                .arg(object, candidate.salesforceField);
        }
        const QString field = object + u'.' + info->name;
        if (!info->isWritableType())
            return tr("%1 has the type %2, which a mapping cannot write; choose another field.").arg(field, info->type);
        switch (candidate.when) {
        case WhenMode::InsertOnly:
            if (!info->createable)
                return tr("%1 is not createable, so Insert Only would never write it; choose Update Only.").arg(field);
            break;
        case WhenMode::UpdateOnly:
            if (!info->updateable)
                return tr("%1 is not updateable, so Update Only would never write it; choose Insert Only.").arg(field);
            break;
        case WhenMode::Upsert:
            if (!info->createable && !info->updateable)
                return tr("%1 is read-only in Salesforce; no mapping can write it.").arg(field);
            if (!info->updateable)
                return tr("Upsert writes on insert and update, but %1 is not updateable; choose Insert Only.").arg(field);
            if (!info->createable)
                return tr("Upsert writes on insert and update, but %1 is not createable; choose Update Only.").arg(field);
            break;
        }
    }
    // Types, defaults, statuses and clashes with the other mappings: the rules Save Mapper applies.
    FieldMappingList all = m_others;
    all.append(candidate);
    const QList<MappingIssue> issues = MappingValidator::validate(all, m_schema);
    for (const MappingIssue &issue : issues) {
        if (issue.isError() && issue.index == all.size() - 1)
            return issue.message;
    }
    for (const FieldMapping &other : std::as_const(m_others)) {
        const bool sameTarget = isStatus() ? other.magentoAttribute == candidate.magentoAttribute
                                           : other.magentoAttribute == candidate.magentoAttribute
                                                 && other.salesforceField == candidate.salesforceField;
        if (other.entity == m_entity && sameTarget)
            return tr("%1 already exists; change that mapping instead of adding another.").arg(other.describe());
    }
    return std::nullopt;
}

void AddMappingDialog::accept()
{
    if (const std::optional<QString> problem = check()) {
        m_error->setText(*problem);
        m_error->show();
        return;
    }
    m_error->hide();
    QDialog::accept();
}
