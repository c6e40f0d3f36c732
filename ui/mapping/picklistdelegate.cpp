#include "mapping/picklistdelegate.h"

#include "mapping/mappinglistmodel.h"

#include <QComboBox>
#include <QCompleter>

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
    if (index.data(MappingListModel::OpenChoicesRole).toBool()) {
        // Suggestions, searched by any part of the text; any other value may be typed.
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
        combo->completer()->setFilterMode(Qt::MatchContains);
        combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    }
    combo->setAccessibleName(index.model()->headerData(index.column(), Qt::Horizontal).toString());
    return combo;
}

void PicklistDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString current = index.data(Qt::EditRole).toString();
        int found = combo->findText(current);
        if (found < 0 && combo->isEditable()) {
            combo->setEditText(current);
            return;
        }
        if (found < 0 && !current.isEmpty()) {
            // Keep a value the list does not know (the editor must not change it by itself).
            combo->insertItem(0, current);
            found = 0;
        }
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
