#include "orders/salesforceidcolumn.h"

#include <QFontMetrics>
#include <QStyle>
#include <QWidget>

using namespace Qt::StringLiterals;

int salesforceIdColumnWidth(const QWidget *view)
{
    // IDs are 18 characters of [0-9A-Za-z]: a prefix, zeros, then capitals-heavy record and
    // checksum characters. Measuring one rich in wide capitals (W, M, Q) leaves room for the IDs
    // Salesforce hands out in a proportional font; in a fixed-width font any ID is this wide.
    static const QString widestId = u"801WM00000QWMOMAAW"_s;
    const QFontMetrics metrics = view->fontMetrics();
    const QStyle *style = view->style();
    // The item view's text margin on each side (QCommonStyle: focus frame margin + 1), and the header's.
    const int textMargin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    const int headerMargin = style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view);
    return metrics.horizontalAdvance(widestId) + 2 * textMargin + 2 * headerMargin;
}
