#pragma once

#include <QStyledItemDelegate>

/// Paints the navigation's entries with a count badge at the right edge (the orders in error beside
/// Sales › Orders) when the entry's BadgeRole holds a number above zero.
class NavigationBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationBadgeDelegate)

public:
    /// The count to show (int); none or 0: no badge. Beside MainWindow's own roles (UserRole, UserRole + 1).
    static constexpr int BadgeRole = Qt::UserRole + 2;

    explicit NavigationBadgeDelegate(QObject *parent = nullptr);
    ~NavigationBadgeDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The badge's text for a count ("999+" above 999).
    [[nodiscard]] static QString badgeText(int count);
};
