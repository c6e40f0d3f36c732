#include "texttable.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{
}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells << QString();
    m_rows << std::move(cells);
}

void TextTable::write(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths << header.size();
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    const auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            if (i > 0)
                text += u"  "_s;
            text += cells.at(i).leftJustified(widths[i]);
        }
        out << text.trimmed() << u'\n';
    };
    line(m_headers);
    QStringList rule;
    for (const qsizetype width : std::as_const(widths))
        rule << QString(width, u'-');
    line(rule);
    for (const QStringList &row : m_rows)
        line(row);
}

} // namespace OrderBridge
