#include "picklistdelegate.h"

#include "mappinglistmodel.h"

#include <QComboBox>

PicklistDelegate::PicklistDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

PicklistDelegate::~PicklistDelegate() = default;

QWidget *PicklistDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QStringList choices = index.data(MappingListModel::ChoicesRole).toStringList();
    if (choices.isEmpty())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    combo->addItems(choices);
    combo->setAccessibleName(index.model()->headerData(index.column(), Qt::Horizontal).toString());
    return combo;
}

void PicklistDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int found = combo->findText(index.data(Qt::EditRole).toString());
        combo->setCurrentIndex(std::max(found, 0));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PicklistDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}
