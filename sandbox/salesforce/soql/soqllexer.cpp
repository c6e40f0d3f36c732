#include "soqllexer.h"


using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isIdentifierStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || u == u'_';
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || isDigit(c);
}

// True when text[at..] holds `count` digits.
bool digitsAt(const QString &text, qsizetype at, int count)
{
    if (at + count > text.size())
        return false;
    for (int i = 0; i < count; ++i) {
        if (!isDigit(text.at(at + i)))
            return false;
    }
    return true;
}

} // namespace

SoqlLexer::SoqlLexer(const QString &text)
    : m_text(text)
{
    m_lineStarts.push_back(0);
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        if (m_text.at(i) == u'\n')
            m_lineStarts.push_back(i + 1);
    }
}

SoqlPosition SoqlLexer::positionAt(qsizetype offset) const
{
    size_t line = 0;
    while (line + 1 < m_lineStarts.size() && m_lineStarts[line + 1] <= offset)
        ++line;
    return SoqlPosition{int(line) + 1, int(offset - m_lineStarts[line]) + 1};
}

std::vector<SoqlToken> SoqlLexer::tokenize()
{
    std::vector<SoqlToken> tokens;
    qsizetype i = 0;
    const qsizetype n = m_text.size();
    while (true) {
        while (i < n && m_text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        const QChar c = m_text.at(i);
        SoqlToken token;
        if (c == u'\'') {
            token = lexString(i);
        } else if (isDigit(c)) {
            token = lexNumberOrDate(i);
        } else if (isIdentifierStart(c)) {
            qsizetype j = i + 1;
            while (j < n && isIdentifierPart(m_text.at(j)))
                ++j;
            token.kind = SoqlToken::Kind::Identifier;
            token.text = m_text.mid(i, j - i);
        } else {
            static const QString twoChar[] = {u"!="_s, u"<>"_s, u"<="_s, u">="_s};
            token.kind = SoqlToken::Kind::Symbol;
            for (const QString &s : twoChar) {
                if (QStringView(m_text).mid(i, 2) == s) {
                    token.text = s;
                    break;
                }
            }
            if (token.text.isEmpty()) {
                if (QStringView(u"(),.=<>:+-").contains(c))
                    token.text = QString(c);
                else {
                    token.kind = SoqlToken::Kind::Invalid;
                    token.text = QString(c);
                }
            }
        }
        token.offset = i;
        token.position = positionAt(i);
        i += token.text.size();
        tokens.push_back(std::move(token));
        if (tokens.back().kind == SoqlToken::Kind::Invalid)
            break; // nothing after a lexical error matters
    }
    SoqlToken end;
    end.kind = SoqlToken::Kind::End;
    end.text = u"<EOF>"_s;
    end.offset = n;
    end.position = positionAt(n);
    tokens.push_back(end);
    return tokens;
}

SoqlToken SoqlLexer::lexString(qsizetype start)
{
    SoqlToken token;
    token.kind = SoqlToken::Kind::String;
    qsizetype i = start + 1;
    const qsizetype n = m_text.size();
    while (i < n) {
        const QChar c = m_text.at(i);
        if (c == u'\'') {
            token.text = m_text.mid(start, i + 1 - start);
            return token;
        }
        if (c == u'\\') {
            if (i + 1 >= n)
                break;
            const QChar e = m_text.at(i + 1);
            switch (e.toLower().unicode()) {
            case u'n': token.value.append(u'\n'); break;
            case u'r': token.value.append(u'\r'); break;
            case u't': token.value.append(u'\t'); break;
            case u'b': token.value.append(u'\b'); break;
            case u'f': token.value.append(u'\f'); break;
            case u'"': token.value.append(u'"'); break;
            case u'\'': token.value.append(u'\''); break;
            case u'\\': token.value.append(u'\\'); break;
            case u'%': token.value.append(u'%'); break;
            case u'_': token.value.append(u'_'); break;
            default:
                token.kind = SoqlToken::Kind::Invalid;
                token.text = m_text.mid(start, i + 2 - start);
                token.error = u"Invalid string literal '"_s + m_text.mid(start + 1, i + 1 - start)
                              + u"'. Illegal character sequence '\\"_s + e + u"' in string literal."_s;
                return token;
            }
            i += 2;
            continue;
        }
        token.value.append(c);
        ++i;
    }
    // Unterminated: Salesforce reports the opening quote as the unexpected token.
    token.kind = SoqlToken::Kind::Invalid;
    token.text = m_text.mid(start);
    token.value.clear();
    return token;
}

SoqlToken SoqlLexer::lexNumberOrDate(qsizetype start)
{
    SoqlToken token;
    const QString &t = m_text;
    // yyyy-MM-dd[Thh:mm:ss[.fff](Z|+hh:mm|-hh:mm)]
    if (digitsAt(t, start, 4) && start + 4 < t.size() && t.at(start + 4) == u'-' && digitsAt(t, start + 5, 2)
        && start + 7 < t.size() && t.at(start + 7) == u'-' && digitsAt(t, start + 8, 2)) {
        qsizetype end = start + 10;
        token.kind = SoqlToken::Kind::Date;
        if (end < t.size() && (t.at(end) == u'T' || t.at(end) == u't') && digitsAt(t, end + 1, 2)
            && end + 3 < t.size() && t.at(end + 3) == u':' && digitsAt(t, end + 4, 2) && end + 6 < t.size()
            && t.at(end + 6) == u':' && digitsAt(t, end + 7, 2)) {
            qsizetype j = end + 9;
            if (j < t.size() && t.at(j) == u'.') {
                ++j;
                while (j < t.size() && isDigit(t.at(j)))
                    ++j;
            }
            if (j < t.size() && (t.at(j) == u'Z' || t.at(j) == u'z')) {
                token.kind = SoqlToken::Kind::DateTime;
                end = j + 1;
            } else if (j < t.size() && (t.at(j) == u'+' || t.at(j) == u'-') && digitsAt(t, j + 1, 2)
                       && j + 3 < t.size() && t.at(j + 3) == u':' && digitsAt(t, j + 4, 2)) {
                token.kind = SoqlToken::Kind::DateTime;
                end = j + 6;
            } else {
                token.kind = SoqlToken::Kind::Invalid; // a date-time needs its zone
                end = j;
            }
        }
        token.text = t.mid(start, end - start);
        return token;
    }
    qsizetype j = start;
    while (j < t.size() && isDigit(t.at(j)))
        ++j;
    if (j + 1 < t.size() && t.at(j) == u'.' && isDigit(t.at(j + 1))) {
        ++j;
        while (j < t.size() && isDigit(t.at(j)))
            ++j;
    }
    token.kind = SoqlToken::Kind::Number;
    token.text = t.mid(start, j - start);
    return token;
}

} // namespace Sandbox
