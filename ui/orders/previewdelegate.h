#pragma once

#include <QStyledItemDelegate>

/// Presentation of the sync preview: rows that change Salesforce are set in bold on a light tint
/// of the highlight colour; the model's Change column says it in words as well, so the difference
/// never rests on colour alone.
class PreviewDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewDelegate)

public:
    explicit PreviewDelegate(QObject *parent = nullptr);
    ~PreviewDelegate() override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
