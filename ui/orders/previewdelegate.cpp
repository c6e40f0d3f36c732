#include "orders/previewdelegate.h"

#include "orders/previewmodel.h"

PreviewDelegate::PreviewDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

PreviewDelegate::~PreviewDelegate() = default;

void PreviewDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool isRecord = index.data(PreviewModel::IsRecordRole).toBool();
    if (isRecord)
        option->font.setBold(true);
    if (isRecord || !index.data(PreviewModel::ChangedRole).toBool())
        return;
    option->font.setBold(true);
    QColor tint = option->palette.color(QPalette::Highlight);
    tint.setAlpha(40);
    option->backgroundBrush = tint;
}
