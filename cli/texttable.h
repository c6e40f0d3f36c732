#pragma once

#include <QList>
#include <QStringList>
#include <QTextStream>

namespace OrderBridge {

/// A plain-text table with columns padded to their widest cell, for human CLI output.
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void addRow(QStringList cells);
    /// Writes the header, a rule and the rows; trailing spaces are trimmed.
    void write(QTextStream &out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace OrderBridge
