#include "magento/jsonitemtexts.h"

namespace OrderBridge {

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_text(text)
    {
    }

    [[nodiscard]] qsizetype pos() const { return m_pos; }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    // Consumes `c` (after white space); false when the next character is something else.
    bool take(char c)
    {
        skipSpace();
        if (m_pos >= m_text.size() || m_text[m_pos] != c)
            return false;
        ++m_pos;
        return true;
    }

    [[nodiscard]] bool at(char c)
    {
        skipSpace();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }

    // A string starting at the current position (the opening quote); its raw text without the quotes.
    std::optional<QByteArrayView> string()
    {
        if (!take('"'))
            return std::nullopt;
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '\\')
                ++m_pos; // the escaped character (\uXXXX's hex digits are plain characters)
            else if (c == '"')
                return m_text.sliced(start, m_pos - 1 - start);
        }
        return std::nullopt;
    }

    // Skips one value of any kind; false when the text ends inside it.
    bool skipValue()
    {
        skipSpace();
        int depth = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                if (!string())
                    return false;
            } else if (c == '{' || c == '[') {
                ++depth;
                ++m_pos;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    return true; // the end of the enclosing container: the value before it is done
                --depth;
                ++m_pos;
            } else if (c == ',' && depth == 0) {
                return true;
            } else {
                ++m_pos;
            }
            if (depth == 0 && (c == '"' || c == '}' || c == ']'))
                return true;
        }
        return depth == 0;
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

// The element texts of the array at the scanner's position.
std::optional<QList<QByteArrayView>> arrayElements(Scanner &s, QByteArrayView body)
{
    if (!s.take('['))
        return std::nullopt;
    QList<QByteArrayView> items;
    if (s.take(']'))
        return items;
    while (true) {
        s.skipSpace();
        const qsizetype start = s.pos();
        if (!s.skipValue())
            return std::nullopt;
        qsizetype end = s.pos();
        while (end > start && (body[end - 1] == ' ' || body[end - 1] == '\n' || body[end - 1] == '\r'
                               || body[end - 1] == '\t'))
            --end;
        if (end == start)
            return std::nullopt;
        items.append(body.sliced(start, end - start));
        if (s.take(']'))
            return items;
        if (!s.take(','))
            return std::nullopt;
    }
}

} // namespace

std::optional<QList<QByteArrayView>> jsonItemTexts(QByteArrayView body, QByteArrayView key)
{
    Scanner s(body);
    if (!s.take('{'))
        return std::nullopt;
    if (s.take('}'))
        return std::nullopt;
    while (true) {
        const std::optional<QByteArrayView> name = s.string();
        if (!name || !s.take(':'))
            return std::nullopt;
        if (*name == key)
            return s.at('[') ? arrayElements(s, body) : std::nullopt;
        if (!s.skipValue())
            return std::nullopt;
        if (!s.take(','))
            return std::nullopt; // '}' or anything else: the key is not there
    }
}

} // namespace OrderBridge
