#pragma once

#include "soqlast.h"

#include <QString>

#include <vector>

namespace Sandbox {

/// A lexical token of a SOQL statement.
struct SoqlToken
{
    enum class Kind {
        Identifier, // names and keywords (SELECT, Account, Magento_ID__c)
        String,     // '...' with escapes resolved into value
        Number,     // 12, 3.5 (no sign; the parser handles +/-)
        Date,       // 2024-01-31
        DateTime,   // 2024-01-31T10:00:00Z
        Symbol,     // ( ) , . = != <> < <= > >= : + -
        Invalid,    // a character SOQL does not know, or an unterminated string
        End,
    };
    Kind kind = Kind::End;
    QString text;  // the source text
    QString value; // String: the unescaped value
    QString error; // Invalid: Salesforce's message when the lexer knows it (bad escape), else empty
    qsizetype offset = 0;
    SoqlPosition position;
};

/// Splits a SOQL statement into tokens, keeping 1-based row/column positions for error messages.
class SoqlLexer
{
public:
    explicit SoqlLexer(const QString &text);

    /// All tokens, ending with one End token. Never fails: bad input becomes an Invalid token.
    [[nodiscard]] std::vector<SoqlToken> tokenize();

private:
    [[nodiscard]] SoqlPosition positionAt(qsizetype offset) const;
    SoqlToken lexString(qsizetype start);
    SoqlToken lexNumberOrDate(qsizetype start);

    QString m_text;
    std::vector<qsizetype> m_lineStarts;
};

} // namespace Sandbox
