#include "jsonlocator.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {
// Deeper nesting than any mapping file needs; guards the recursion against hostile input.
constexpr int kMaxDepth = 64;
} // namespace

JsonLocator::JsonLocator(const QByteArray &json)
    : m_json(json)
{
    m_lineStarts.append(0);
    for (qsizetype i = json.indexOf('\n'); i >= 0; i = json.indexOf('\n', i + 1))
        m_lineStarts.append(i + 1);
    skipWhitespace();
    parseValue(QString());
}

qsizetype JsonLocator::offsetOf(const QString &path) const
{
    return m_offsets.value(path, -1);
}

std::pair<int, int> JsonLocator::lineColumn(qsizetype offset) const
{
    offset = qBound(qsizetype(0), offset, m_json.size());
    // The last line start at or before the offset: one binary search instead of a scan from the top.
    const auto next = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    const qsizetype line = next - m_lineStarts.cbegin();
    const qsizetype lineStart = *(next - 1);
    const int column = int(QString::fromUtf8(m_json.mid(lineStart, offset - lineStart)).size()) + 1;
    return {int(line), column};
}

std::pair<int, int> JsonLocator::locate(const QString &path) const
{
    QString current = path;
    while (true) {
        const qsizetype offset = offsetOf(current);
        if (offset >= 0)
            return lineColumn(offset);
        if (current.isEmpty())
            return {1, 1};
        current.truncate(current.lastIndexOf(u'/'));
    }
}

std::pair<int, int> JsonLocator::lineColumn(const QByteArray &json, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, json.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (json.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count characters, not UTF-8 bytes.
    const int column = int(QString::fromUtf8(json.mid(lineStart, offset - lineStart)).size()) + 1;
    return {line, column};
}

void JsonLocator::skipWhitespace()
{
    while (m_pos < m_json.size()) {
        const char c = m_json.at(m_pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ++m_pos;
    }
}

void JsonLocator::parseValue(const QString &path)
{
    if (m_pos >= m_json.size())
        return;
    if (!m_offsets.contains(path))
        m_offsets.insert(path, m_pos);
    const char c = m_json.at(m_pos);
    if (c == '{')
        parseObject(path);
    else if (c == '[')
        parseArray(path);
    else if (c == '"')
        parseString();
    else
        skipScalar();
}

void JsonLocator::parseObject(const QString &path)
{
    if (++m_depth > kMaxDepth) {
        m_pos = m_json.size();
        return;
    }
    ++m_pos; // '{'
    skipWhitespace();
    while (m_pos < m_json.size() && m_json.at(m_pos) != '}') {
        if (m_json.at(m_pos) != '"') {
            m_pos = m_json.size();
            break;
        }
        const qsizetype keyOffset = m_pos;
        const QString key = parseString();
        const QString memberPath = path + u'/' + key;
        m_offsets.insert(memberPath, keyOffset);
        skipWhitespace();
        if (m_pos < m_json.size() && m_json.at(m_pos) == ':')
            ++m_pos;
        skipWhitespace();
        parseValue(memberPath);
        skipWhitespace();
        if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
            ++m_pos;
            skipWhitespace();
        }
    }
    if (m_pos < m_json.size())
        ++m_pos; // '}'
    --m_depth;
}

void JsonLocator::parseArray(const QString &path)
{
    if (++m_depth > kMaxDepth) {
        m_pos = m_json.size();
        return;
    }
    ++m_pos; // '['
    skipWhitespace();
    int index = 0;
    while (m_pos < m_json.size() && m_json.at(m_pos) != ']') {
        const qsizetype before = m_pos;
        parseValue(path + u'/' + QString::number(index++));
        skipWhitespace();
        if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
            ++m_pos;
            skipWhitespace();
        } else if (m_pos == before) {
            m_pos = m_json.size();
        }
    }
    if (m_pos < m_json.size())
        ++m_pos; // ']'
    --m_depth;
}

QString JsonLocator::parseString()
{
    const qsizetype start = ++m_pos; // after '"'
    bool escaped = false;
    while (m_pos < m_json.size()) {
        const char c = m_json.at(m_pos);
        if (c == '\\' && !escaped) {
            escaped = true;
        } else if (c == '"' && !escaped) {
            break;
        } else {
            escaped = false;
        }
        ++m_pos;
    }
    const QByteArray raw = m_json.mid(start, m_pos - start);
    if (m_pos < m_json.size())
        ++m_pos; // closing '"'
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    // Keys with escapes are rare in mapping files; decode the common ones.
    qsizetype i = 0;
    QString result;
    result.reserve(raw.size());
    const QString text = QString::fromUtf8(raw);
    while (i < text.size()) {
        const QChar ch = text.at(i);
        if (ch == u'\\' && i + 1 < text.size()) {
            const QChar next = text.at(i + 1);
            i += 2;
            switch (next.unicode()) {
            case 'n':
                result += u'\n';
                break;
            case 't':
                result += u'\t';
                break;
            case 'r':
                result += u'\r';
                break;
            case 'b':
                result += u'\b';
                break;
            case 'f':
                result += u'\f';
                break;
            case 'u':
                if (i + 4 <= text.size()) {
                    bool ok = false;
                    const ushort code = text.mid(i, 4).toUShort(&ok, 16);
                    if (ok)
                        result += QChar(code);
                    i += 4;
                }
                break;
            default:
                result += next;
                break;
            }
        } else {
            result += ch;
            ++i;
        }
    }
    return result;
}

void JsonLocator::skipScalar()
{
    while (m_pos < m_json.size()) {
        const char c = m_json.at(m_pos);
        if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
            break;
        ++m_pos;
    }
}

} // namespace OrderBridge
