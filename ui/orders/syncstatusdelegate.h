#pragma once

#include "store/syncstatus.h"

#include <QIcon>
#include <QStyledItemDelegate>

#include <array>

/// Presentation of the orders grid: the sync status as an SVG icon (cached, one per status) with a
/// tooltip giving the reason or the error and its fix, and the Salesforce Order ID drawn as a link
/// that emits salesforceIdActivated() when clicked.
class SyncStatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusDelegate)

public:
    explicit SyncStatusDelegate(QObject *parent = nullptr);
    ~SyncStatusDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    [[nodiscard]] QIcon icon(OrderBridge::SyncStatus status) const;
    /// The tooltip of a cell (empty when it has none).
    [[nodiscard]] static QString toolTipFor(const QModelIndex &index);
    /// The resource path of a status's icon.
    [[nodiscard]] static QString iconPath(OrderBridge::SyncStatus status);

Q_SIGNALS:
    void salesforceIdActivated(const QString &salesforceOrderId);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    std::array<QIcon, 5> m_icons;
};
