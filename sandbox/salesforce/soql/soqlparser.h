#pragma once

#include "soqlast.h"
#include "soqlerror.h"
#include "soqllexer.h"

#include <QString>

#include <expected>
#include <vector>

namespace Sandbox {

/// Recursive-descent parser for the SOQL subset clients send. Syntax errors come back as Salesforce's
/// MALFORMED_QUERY bodies ("\n<line>\n<caret>\nERROR at Row:r:Column:c\nunexpected token: 'X'").
/// Names are not checked here; SoqlEvaluator checks them against the describe metadata.
class SoqlParser
{
public:
    explicit SoqlParser(const QString &text);

    /// Parses one statement.
    [[nodiscard]] std::expected<SoqlQuery, SoqlError> parse();

    /// Convenience: SoqlParser(text).parse().
    [[nodiscard]] static std::expected<SoqlQuery, SoqlError> parseQuery(const QString &text);
    /// A compact, stable rendering of a parsed query (for tests and logs), e.g.
    /// "SELECT Id, Account.Name FROM Contact WHERE (Email = 'a@b.c' AND NOT (Name LIKE 'x%')) LIMIT 5".
    [[nodiscard]] static QString summary(const SoqlQuery &query);
    /// The Salesforce error message frame: "\n<line of the query>\n<spaces>^\nERROR at Row:r:Column:c\n<detail>".
    [[nodiscard]] static QString errorFrame(const QString &text, SoqlPosition position, const QString &detail);

private:
    struct Failure
    {
        SoqlError error;
    };

    [[nodiscard]] const SoqlToken &peek(int ahead = 0) const;
    const SoqlToken &advance();
    [[nodiscard]] bool atKeyword(const char *keyword, int ahead = 0) const;
    [[nodiscard]] bool atSymbol(const char *symbol, int ahead = 0) const;
    void expectKeyword(const char *keyword);
    void expectSymbol(const char *symbol);
    [[noreturn]] void unexpected(const SoqlToken &token) const;

    SoqlQuery parseSelect(bool subquery);
    SoqlSelectItem parseSelectItem(bool subquery);
    SoqlFieldPath parseFieldPath();
    SoqlCondition parseOr();
    SoqlCondition parseNot();
    SoqlCondition parsePrimary();
    SoqlValue parseValue();
    std::vector<SoqlOrderItem> parseOrderBy();
    qint64 parseNonNegativeInteger();

    QString m_text;
    std::vector<SoqlToken> m_tokens;
    size_t m_pos = 0;
};

} // namespace Sandbox
