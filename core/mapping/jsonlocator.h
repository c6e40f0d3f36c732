#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace OrderBridge {

/// Finds where values sit in a JSON text, so errors about its content can name a line.
///
/// Records, for every value, the byte offset where it starts (for object members: where the key starts),
/// keyed by a JSON-pointer-like path: "", "/mappings", "/mappings/order/3", "/mappings/order/3/when".
/// Meant for text QJsonDocument already accepted; on malformed text it records what it could read.
class JsonLocator
{
public:
    explicit JsonLocator(const QByteArray &json);

    /// Byte offset of the value at `path`, or -1.
    [[nodiscard]] qsizetype offsetOf(const QString &path) const;
    /// 1-based line and column (in characters) of a byte offset.
    [[nodiscard]] std::pair<int, int> lineColumn(qsizetype offset) const;
    /// "line L, column C" of `path`, falling back to its nearest recorded parent.
    [[nodiscard]] std::pair<int, int> locate(const QString &path) const;

    /// 1-based line and column of a byte offset in `json`.
    static std::pair<int, int> lineColumn(const QByteArray &json, qsizetype offset);

private:
    void parseValue(const QString &path);
    void parseObject(const QString &path);
    void parseArray(const QString &path);
    QString parseString();
    void skipWhitespace();
    void skipScalar();

    QByteArray m_json;
    QList<qsizetype> m_lineStarts; ///< byte offset of each line's first byte, so a lookup does not rescan the text
    qsizetype m_pos = 0;
    int m_depth = 0;
    QHash<QString, qsizetype> m_offsets;
};

} // namespace OrderBridge
