#include "orders/syncstatusdelegate.h"

#include "orders/orderstablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

SyncStatusDelegate::SyncStatusDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
    // Loaded once: QIcon renders the SVG per size and device pixel ratio and caches the pixmaps.
    for (SyncStatus status : OrderBridge::allSyncStatuses())
        m_icons.at(std::size_t(status)) = QIcon(iconPath(status));
}

SyncStatusDelegate::~SyncStatusDelegate() = default;

QString SyncStatusDelegate::iconPath(SyncStatus status)
{
    switch (status) {
    case SyncStatus::InSync:
        return u":/icons/sync-in-sync.svg"_s;
    case SyncStatus::Pending:
        return u":/icons/sync-pending.svg"_s;
    case SyncStatus::OutOfSync:
        return u":/icons/sync-out-of-sync.svg"_s;
    case SyncStatus::Error:
        return u":/icons/sync-error.svg"_s;
    case SyncStatus::Skipped:
        return u":/icons/sync-skipped.svg"_s;
    }
    return {};
}

QIcon SyncStatusDelegate::icon(SyncStatus status) const
{
    return m_icons.at(std::size_t(status));
}

void SyncStatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    if (index.column() == OrdersTableModel::SyncStatusColumn) {
        const QVariant status = index.data(OrdersTableModel::SyncStatusRole);
        opt.text.clear(); // the icon says it; the text stays in the model for accessibility
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        if (!status.isValid())
            return;
        const int side = qMin(16, qMin(opt.rect.width(), opt.rect.height()) - 2);
        const QRect target(opt.rect.center() - QPoint(side / 2, side / 2), QSize(side, side));
        icon(SyncStatus(status.toInt())).paint(painter, target, Qt::AlignCenter,
                                                (opt.state & QStyle::State_Enabled) ? QIcon::Normal : QIcon::Disabled);
        return;
    }

    if (index.column() == OrdersTableModel::SalesforceIdColumn && !opt.text.isEmpty()) {
        opt.font.setUnderline(true);
        opt.palette.setColor(QPalette::Text, opt.palette.color(QPalette::Link));
    }
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

QString SyncStatusDelegate::toolTipFor(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    if (index.column() == OrdersTableModel::SalesforceIdColumn) {
        if (index.data(OrdersTableModel::SalesforceIdRole).toString().isEmpty())
            return {};
        return tr("Open the Salesforce Order in the browser");
    }
    if (index.column() != OrdersTableModel::SyncStatusColumn)
        return {};
    const QVariant statusValue = index.data(OrdersTableModel::SyncStatusRole);
    if (!statusValue.isValid())
        return {};
    const auto status = SyncStatus(statusValue.toInt());
    const QString reason = index.data(OrdersTableModel::ReasonRole).toString();
    const QString label = OrdersTableModel::syncStatusLabel(status);
    if (status == SyncStatus::Error) {
        const QString code = index.data(OrdersTableModel::ErrorCodeRole).toString();
        const QString message = index.data(OrdersTableModel::ErrorMessageRole).toString();
        QString text = code.isEmpty() ? tr("Error: %1").arg(message) : tr("Error %1: %2").arg(code, message);
        if (!reason.isEmpty())
            text += u'\n' + tr("Fix: %1").arg(reason);
        return text;
    }
    if (reason.isEmpty()) {
        switch (status) {
        case SyncStatus::InSync:
            return tr("In Sync: the Salesforce Order matches the Magento order.");
        case SyncStatus::Pending:
            return tr("Pending: waiting for the next synchronization.");
        default:
            return label;
        }
    }
    return tr("%1: %2").arg(label, reason);
}

bool SyncStatusDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                   const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip) {
        const QString text = toolTipFor(index);
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
            return false;
        }
        QToolTip::showText(event->globalPos(), text, view, option.rect);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

bool SyncStatusDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (index.column() == OrdersTableModel::SalesforceIdColumn && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QString id = index.data(OrdersTableModel::SalesforceIdRole).toString();
        if (mouse->button() == Qt::LeftButton && !id.isEmpty() && option.rect.contains(mouse->position().toPoint())
            && !(mouse->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier))) {
            Q_EMIT salesforceIdActivated(id);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}
