#pragma once

#include <QStyledItemDelegate>

/// Edits a cell with a combo box of the values the model lists under MappingListModel::ChoicesRole
/// (When modes, Salesforce Order Status values); cells without choices get the default editor.
class PicklistDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PicklistDelegate)

public:
    explicit PicklistDelegate(QObject *parent = nullptr);
    ~PicklistDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};
