#include "common/navigationbadgedelegate.h"

#include <QFontMetrics>
#include <QLocale>
#include <QPainter>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int badgePadding = 5;

QRect badgeRect(const QStyleOptionViewItem &option, const QString &text)
{
    const QFontMetrics metrics(option.font);
    const int height = metrics.height();
    const int width = std::max(height, metrics.horizontalAdvance(text) + 2 * badgePadding);
    const QRect &cell = option.rect;
    return QRect(cell.right() - width - badgePadding, cell.center().y() - height / 2, width, height);
}
}

NavigationBadgeDelegate::NavigationBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

NavigationBadgeDelegate::~NavigationBadgeDelegate() = default;

QString NavigationBadgeDelegate::badgeText(int count)
{
    return count > 999 ? u"999+"_s : QLocale().toString(count);
}

void NavigationBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const int count = index.data(BadgeRole).toInt();
    if (count <= 0)
        return;
    const QString text = badgeText(count);
    const QRect rect = badgeRect(option, text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    // The colour of the grid's error sign, readable in light and dark palettes with white text.
    painter->setBrush(QColor(0xc6, 0x28, 0x28));
    painter->drawRoundedRect(rect, rect.height() / 2.0, rect.height() / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(option.font);
    painter->drawText(rect, Qt::AlignCenter, text);
    painter->restore();
}

QSize NavigationBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const int count = index.data(BadgeRole).toInt();
    if (count > 0)
        size.rwidth() += badgeRect(option, badgeText(count)).width() + 2 * badgePadding;
    return size;
}
