#include "soqlparser.h"

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

// Words SOQL reserves: they cannot name a field, so "SELECT FROM Account" is a syntax error.
constexpr std::array<const char *, 20> kReserved = {"AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "GROUP",
                                                    "HAVING", "IN", "INCLUDES", "LAST", "LIKE", "LIMIT", "NOT",
                                                    "NULL", "NULLS", "OR", "SELECT", "WHERE", "WITH"};

// Date literals without and with the ":n" argument.
constexpr std::array<const char *, 26> kDateLiterals = {
    "YESTERDAY", "TODAY", "TOMORROW", "LAST_WEEK", "THIS_WEEK", "NEXT_WEEK", "LAST_MONTH", "THIS_MONTH",
    "NEXT_MONTH", "LAST_90_DAYS", "NEXT_90_DAYS", "THIS_QUARTER", "LAST_QUARTER", "NEXT_QUARTER", "THIS_YEAR",
    "LAST_YEAR", "NEXT_YEAR", "LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO", "LAST_N_WEEKS", "NEXT_N_WEEKS",
    "LAST_N_MONTHS", "NEXT_N_MONTHS", "LAST_N_YEARS", "NEXT_N_YEARS"};

bool isReserved(const QString &word)
{
    for (const char *r : kReserved) {
        if (word.compare(QLatin1String(r), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isDateLiteral(const QString &word)
{
    for (const char *d : kDateLiterals) {
        if (word.compare(QLatin1String(d), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool dateLiteralTakesArgument(const QString &upperName)
{
    return upperName.contains(u"_N_"_s) || upperName.startsWith(u"N_"_s);
}

QString quoteForSummary(const QString &value)
{
    QString out = value;
    out.replace(u"\\"_s, u"\\\\"_s);
    out.replace(u"'"_s, u"\\'"_s);
    out.replace(u"\n"_s, u"\\n"_s);
    return u"'"_s + out + u"'"_s;
}

QString valueSummary(const SoqlValue &v)
{
    switch (v.kind) {
    case SoqlValue::Kind::Null: return u"NULL"_s;
    case SoqlValue::Kind::Boolean: return v.boolean ? u"TRUE"_s : u"FALSE"_s;
    case SoqlValue::Kind::Number: return v.text;
    case SoqlValue::Kind::String: return quoteForSummary(v.text);
    case SoqlValue::Kind::Date: return v.date.toString(Qt::ISODate);
    case SoqlValue::Kind::DateTime: return v.dateTime.toUTC().toString(Qt::ISODate);
    case SoqlValue::Kind::DateLiteral:
        return dateLiteralTakesArgument(v.text) ? v.text + u':' + QString::number(v.n) : v.text;
    }
    return {};
}

QString opSummary(SoqlCondition::Op op)
{
    switch (op) {
    case SoqlCondition::Op::Equal: return u"="_s;
    case SoqlCondition::Op::NotEqual: return u"!="_s;
    case SoqlCondition::Op::Less: return u"<"_s;
    case SoqlCondition::Op::LessOrEqual: return u"<="_s;
    case SoqlCondition::Op::Greater: return u">"_s;
    case SoqlCondition::Op::GreaterOrEqual: return u">="_s;
    }
    return {};
}

QString conditionSummary(const SoqlCondition &c)
{
    switch (c.kind) {
    case SoqlCondition::Kind::And:
    case SoqlCondition::Kind::Or: {
        QStringList parts;
        for (const auto &child : c.children)
            parts << conditionSummary(child);
        return u"("_s + parts.join(c.kind == SoqlCondition::Kind::And ? u" AND "_s : u" OR "_s) + u")"_s;
    }
    case SoqlCondition::Kind::Not: return u"NOT "_s + conditionSummary(c.children.front());
    case SoqlCondition::Kind::Compare:
        return c.field.text() + u' ' + opSummary(c.op) + u' ' + valueSummary(c.values.front());
    case SoqlCondition::Kind::Like: return c.field.text() + u" LIKE "_s + valueSummary(c.values.front());
    case SoqlCondition::Kind::In:
    case SoqlCondition::Kind::NotIn: {
        QStringList parts;
        for (const auto &v : c.values)
            parts << valueSummary(v);
        if (c.semiJoin)
            parts << SoqlParser::summary(*c.semiJoin);
        return c.field.text() + (c.kind == SoqlCondition::Kind::In ? u" IN ("_s : u" NOT IN ("_s)
               + parts.join(u", "_s) + u")"_s;
    }
    }
    return {};
}

} // namespace

SoqlParser::SoqlParser(const QString &text)
    : m_text(text)
{
}

std::expected<SoqlQuery, SoqlError> SoqlParser::parseQuery(const QString &text)
{
    return SoqlParser(text).parse();
}

std::expected<SoqlQuery, SoqlError> SoqlParser::parse()
{
    if (m_text.trimmed().isEmpty())
        return std::unexpected(SoqlError{u"MALFORMED_QUERY"_s, u"SOQL statements cannot be empty or null"_s});
    m_tokens = SoqlLexer(m_text).tokenize();
    m_pos = 0;
    try {
        SoqlQuery query = parseSelect(false);
        if (peek().kind != SoqlToken::Kind::End)
            unexpected(peek());
        return query;
    } catch (const Failure &failure) {
        return std::unexpected(failure.error);
    }
}

const SoqlToken &SoqlParser::peek(int ahead) const
{
    const size_t at = std::min(m_pos + size_t(ahead), m_tokens.size() - 1);
    return m_tokens[at];
}

const SoqlToken &SoqlParser::advance()
{
    const SoqlToken &token = m_tokens[m_pos];
    if (m_pos + 1 < m_tokens.size())
        ++m_pos;
    return token;
}

bool SoqlParser::atKeyword(const char *keyword, int ahead) const
{
    const SoqlToken &token = peek(ahead);
    return token.kind == SoqlToken::Kind::Identifier
           && token.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

bool SoqlParser::atSymbol(const char *symbol, int ahead) const
{
    const SoqlToken &token = peek(ahead);
    return token.kind == SoqlToken::Kind::Symbol && token.text == QLatin1String(symbol);
}

void SoqlParser::expectKeyword(const char *keyword)
{
    if (!atKeyword(keyword))
        unexpected(peek());
    advance();
}

void SoqlParser::expectSymbol(const char *symbol)
{
    if (!atSymbol(symbol))
        unexpected(peek());
    advance();
}

void SoqlParser::unexpected(const SoqlToken &token) const
{
    if (token.kind == SoqlToken::Kind::Invalid && !token.error.isEmpty())
        throw Failure{SoqlError{u"MALFORMED_QUERY"_s, errorFrame(m_text, token.position, token.error)}};
    throw Failure{SoqlError{u"MALFORMED_QUERY"_s,
                            errorFrame(m_text, token.position, u"unexpected token: '"_s + token.text + u"'"_s)}};
}

SoqlQuery SoqlParser::parseSelect(bool subquery)
{
    SoqlQuery query;
    query.text = m_text;
    expectKeyword("SELECT");
    query.select.push_back(parseSelectItem(subquery));
    while (atSymbol(",")) {
        advance();
        query.select.push_back(parseSelectItem(subquery));
    }
    if (!atKeyword("FROM"))
        unexpected(peek());
    const SoqlToken &from = advance();
    for (const auto &item : query.select) {
        if (item.kind == SoqlSelectItem::Kind::Count && query.select.size() > 1)
            throw Failure{SoqlError{u"MALFORMED_QUERY"_s,
                                    errorFrame(m_text, from.position,
                                               u"COUNT() must be the only element in the SELECT list."_s)}};
    }
    const SoqlToken &object = peek();
    if (object.kind != SoqlToken::Kind::Identifier || isReserved(object.text))
        unexpected(object);
    advance();
    query.from = object.text;
    query.fromPosition = object.position;
    // A child subquery may name its relationship through the parent: (SELECT Id FROM Account.Contacts).
    if (subquery && atSymbol(".") && peek(1).kind == SoqlToken::Kind::Identifier) {
        advance();
        query.fromPosition = peek().position;
        query.from = advance().text;
    }

    if (atKeyword("WHERE")) {
        advance();
        query.where = parseOr();
    }
    // WITH SECURITY_ENFORCED / USER_MODE: accepted and ignored, the integration user sees everything.
    if (atKeyword("WITH") && !subquery) {
        advance();
        if (!atKeyword("SECURITY_ENFORCED") && !atKeyword("USER_MODE") && !atKeyword("SYSTEM_MODE"))
            unexpected(peek());
        advance();
    }
    if (atKeyword("GROUP")) {
        advance();
        expectKeyword("BY");
        query.groupBy.push_back(parseFieldPath());
        while (atSymbol(",")) {
            advance();
            query.groupBy.push_back(parseFieldPath());
        }
    }
    if (atKeyword("ORDER")) {
        advance();
        expectKeyword("BY");
        query.orderBy = parseOrderBy();
    }
    if (atKeyword("LIMIT")) {
        advance();
        query.limit = parseNonNegativeInteger();
    }
    if (atKeyword("OFFSET")) {
        advance();
        const SoqlToken &at = peek();
        query.offset = parseNonNegativeInteger();
        if (*query.offset > 2000)
            throw Failure{SoqlError{u"NUMBER_OUTSIDE_VALID_RANGE"_s,
                                    errorFrame(m_text, at.position,
                                               u"Maximum SOQL offset allowed is 2000"_s)}};
    }
    // FIELDS(ALL) and FIELDS(CUSTOM) are bounded queries in Salesforce.
    for (const auto &item : query.select) {
        if (item.kind == SoqlSelectItem::Kind::Fields && item.scope != u"STANDARD"_s
            && (!query.limit || *query.limit > 200))
            throw Failure{SoqlError{u"MALFORMED_QUERY"_s, u"The SOQL FIELDS function must have a LIMIT of at most 200"_s}};
    }
    if (!subquery && atKeyword("FOR")) {
        advance();
        if (!atKeyword("VIEW") && !atKeyword("REFERENCE") && !atKeyword("UPDATE"))
            unexpected(peek());
        advance();
    }
    return query;
}

SoqlSelectItem SoqlParser::parseSelectItem(bool subquery)
{
    SoqlSelectItem item;
    const SoqlToken &first = peek();
    item.position = first.position;
    if (atSymbol("(") && !subquery && atKeyword("SELECT", 1)) {
        advance();
        auto inner = std::make_shared<SoqlQuery>(parseSelect(true));
        expectSymbol(")");
        item.kind = SoqlSelectItem::Kind::Subquery;
        item.subquery = std::move(inner);
        return item;
    }
    if (atKeyword("FIELDS") && atSymbol("(", 1)) {
        advance();
        advance();
        if (!atKeyword("ALL") && !atKeyword("STANDARD") && !atKeyword("CUSTOM"))
            unexpected(peek());
        item.kind = SoqlSelectItem::Kind::Fields;
        item.scope = advance().text.toUpper();
        expectSymbol(")");
        return item;
    }
    const bool aggregate = atKeyword("COUNT") || atKeyword("COUNT_DISTINCT") || atKeyword("SUM") || atKeyword("AVG")
                           || atKeyword("MIN") || atKeyword("MAX");
    if (aggregate && atSymbol("(", 1)) {
        item.function = advance().text.toUpper();
        advance();
        if (item.function == u"COUNT"_s && atSymbol(")")) {
            advance();
            item.kind = SoqlSelectItem::Kind::Count;
            return item;
        }
        item.kind = SoqlSelectItem::Kind::Aggregate;
        item.field = parseFieldPath();
        expectSymbol(")");
        if (peek().kind == SoqlToken::Kind::Identifier && !isReserved(peek().text))
            item.alias = advance().text;
        return item;
    }
    item.kind = SoqlSelectItem::Kind::Field;
    item.field = parseFieldPath();
    return item;
}

SoqlFieldPath SoqlParser::parseFieldPath()
{
    SoqlFieldPath path;
    const SoqlToken &first = peek();
    if (first.kind != SoqlToken::Kind::Identifier || isReserved(first.text))
        unexpected(first);
    path.position = first.position;
    path.parts << advance().text;
    while (atSymbol(".")) {
        advance();
        const SoqlToken &next = peek();
        if (next.kind != SoqlToken::Kind::Identifier)
            unexpected(next);
        path.parts << advance().text;
    }
    return path;
}

// SOQL has no precedence between AND and OR: mixing them needs parentheses, so "a AND b OR c" is rejected
// at the OR, as Salesforce does.
SoqlCondition SoqlParser::parseOr()
{
    SoqlCondition first = parseNot();
    if (!atKeyword("AND") && !atKeyword("OR"))
        return first;
    const bool isAnd = atKeyword("AND");
    SoqlCondition group;
    group.kind = isAnd ? SoqlCondition::Kind::And : SoqlCondition::Kind::Or;
    group.children.push_back(std::move(first));
    while (atKeyword(isAnd ? "AND" : "OR")) {
        advance();
        group.children.push_back(parseNot());
    }
    if (atKeyword(isAnd ? "OR" : "AND"))
        unexpected(peek());
    return group;
}

SoqlCondition SoqlParser::parseNot()
{
    if (atKeyword("NOT")) {
        advance();
        SoqlCondition negation;
        negation.kind = SoqlCondition::Kind::Not;
        negation.children.push_back(parseNot());
        return negation;
    }
    return parsePrimary();
}

SoqlCondition SoqlParser::parsePrimary()
{
    if (atSymbol("(")) {
        advance();
        SoqlCondition inner = parseOr();
        expectSymbol(")");
        return inner;
    }
    SoqlCondition condition;
    condition.field = parseFieldPath();
    const SoqlToken &op = peek();
    if (op.kind == SoqlToken::Kind::Symbol) {
        static const std::array<std::pair<const char *, SoqlCondition::Op>, 7> ops = {{
            {"=", SoqlCondition::Op::Equal},
            {"!=", SoqlCondition::Op::NotEqual},
            {"<>", SoqlCondition::Op::NotEqual},
            {"<", SoqlCondition::Op::Less},
            {"<=", SoqlCondition::Op::LessOrEqual},
            {">", SoqlCondition::Op::Greater},
            {">=", SoqlCondition::Op::GreaterOrEqual},
        }};
        for (const auto &[text, kind] : ops) {
            if (op.text == QLatin1String(text)) {
                advance();
                condition.kind = SoqlCondition::Kind::Compare;
                condition.op = kind;
                condition.values.push_back(parseValue());
                return condition;
            }
        }
        unexpected(op);
    }
    if (atKeyword("LIKE")) {
        advance();
        condition.kind = SoqlCondition::Kind::Like;
        condition.values.push_back(parseValue());
        return condition;
    }
    bool negated = false;
    if (atKeyword("NOT") && atKeyword("IN", 1)) {
        advance();
        negated = true;
    }
    if (atKeyword("IN")) {
        advance();
        condition.kind = negated ? SoqlCondition::Kind::NotIn : SoqlCondition::Kind::In;
        expectSymbol("(");
        if (atKeyword("SELECT")) { // semi-join / anti-join
            condition.semiJoin = std::make_shared<SoqlQuery>(parseSelect(true));
            expectSymbol(")");
            return condition;
        }
        condition.values.push_back(parseValue());
        while (atSymbol(",")) {
            advance();
            condition.values.push_back(parseValue());
        }
        expectSymbol(")");
        return condition;
    }
    unexpected(peek());
}

SoqlValue SoqlParser::parseValue()
{
    SoqlValue value;
    const SoqlToken &token = peek();
    value.position = token.position;
    switch (token.kind) {
    case SoqlToken::Kind::String:
        value.kind = SoqlValue::Kind::String;
        value.text = token.value;
        value.raw = token.text.mid(1, token.text.size() - 2);
        advance();
        return value;
    case SoqlToken::Kind::Number:
        value.kind = SoqlValue::Kind::Number;
        value.text = token.text;
        value.number = token.text.toDouble();
        advance();
        return value;
    case SoqlToken::Kind::Date: {
        value.kind = SoqlValue::Kind::Date;
        value.date = QDate::fromString(token.text, Qt::ISODate);
        if (!value.date.isValid())
            unexpected(token);
        value.text = token.text;
        advance();
        return value;
    }
    case SoqlToken::Kind::DateTime: {
        value.kind = SoqlValue::Kind::DateTime;
        value.dateTime = QDateTime::fromString(token.text.toUpper(), Qt::ISODateWithMs);
        if (!value.dateTime.isValid())
            unexpected(token);
        value.dateTime = value.dateTime.toUTC();
        value.text = token.text;
        advance();
        return value;
    }
    case SoqlToken::Kind::Symbol:
        if ((token.text == u"-"_s || token.text == u"+"_s) && peek(1).kind == SoqlToken::Kind::Number
            && peek(1).offset == token.offset + 1) {
            advance();
            const SoqlToken &number = advance();
            value.kind = SoqlValue::Kind::Number;
            value.text = (token.text == u"-"_s ? u"-"_s : QString()) + number.text;
            value.number = value.text.toDouble();
            return value;
        }
        unexpected(token);
    case SoqlToken::Kind::Identifier: {
        const QString upper = token.text.toUpper();
        if (upper == u"NULL"_s) {
            advance();
            value.kind = SoqlValue::Kind::Null;
            return value;
        }
        if (upper == u"TRUE"_s || upper == u"FALSE"_s) {
            advance();
            value.kind = SoqlValue::Kind::Boolean;
            value.boolean = upper == u"TRUE"_s;
            return value;
        }
        if (isDateLiteral(upper)) {
            advance();
            value.kind = SoqlValue::Kind::DateLiteral;
            value.text = upper;
            if (dateLiteralTakesArgument(upper)) {
                expectSymbol(":");
                const SoqlToken &n = peek();
                if (n.kind != SoqlToken::Kind::Number || n.text.contains(u'.'))
                    unexpected(n);
                value.n = advance().text.toInt();
            }
            return value;
        }
        unexpected(token);
    }
    case SoqlToken::Kind::Invalid:
    case SoqlToken::Kind::End:
        break;
    }
    unexpected(token);
}

std::vector<SoqlOrderItem> SoqlParser::parseOrderBy()
{
    std::vector<SoqlOrderItem> items;
    while (true) {
        SoqlOrderItem item;
        item.field = parseFieldPath();
        if (atKeyword("ASC")) {
            advance();
        } else if (atKeyword("DESC")) {
            advance();
            item.descending = true;
        }
        if (atKeyword("NULLS")) {
            advance();
            if (atKeyword("FIRST"))
                item.nullsFirst = true;
            else if (atKeyword("LAST"))
                item.nullsFirst = false;
            else
                unexpected(peek());
            advance();
        }
        items.push_back(std::move(item));
        if (!atSymbol(","))
            break;
        advance();
    }
    return items;
}

qint64 SoqlParser::parseNonNegativeInteger()
{
    const SoqlToken &token = peek();
    bool ok = false;
    const qint64 value = token.text.toLongLong(&ok);
    if (token.kind != SoqlToken::Kind::Number || !ok)
        unexpected(token);
    advance();
    return value;
}

QString SoqlParser::summary(const SoqlQuery &query)
{
    QStringList items;
    for (const auto &item : query.select) {
        switch (item.kind) {
        case SoqlSelectItem::Kind::Field: items << item.field.text(); break;
        case SoqlSelectItem::Kind::Count: items << u"COUNT()"_s; break;
        case SoqlSelectItem::Kind::Aggregate:
            items << item.function + u"("_s + item.field.text() + u")"_s + (item.alias.isEmpty() ? QString() : u' ' + item.alias);
            break;
        case SoqlSelectItem::Kind::Subquery: items << u"("_s + summary(*item.subquery) + u")"_s; break;
        case SoqlSelectItem::Kind::Fields: items << u"FIELDS("_s + item.scope + u")"_s; break;
        }
    }
    QString out = u"SELECT "_s + items.join(u", "_s) + u" FROM "_s + query.from;
    if (query.where)
        out += u" WHERE "_s + conditionSummary(*query.where);
    if (!query.groupBy.empty()) {
        QStringList groups;
        for (const auto &g : query.groupBy)
            groups << g.text();
        out += u" GROUP BY "_s + groups.join(u", "_s);
    }
    if (!query.orderBy.empty()) {
        QStringList order;
        for (const auto &o : query.orderBy) {
            QString part = o.field.text() + (o.descending ? u" DESC"_s : u" ASC"_s);
            if (o.nullsFirst)
                part += *o.nullsFirst ? u" NULLS FIRST"_s : u" NULLS LAST"_s;
            order << part;
        }
        out += u" ORDER BY "_s + order.join(u", "_s);
    }
    if (query.limit)
        out += u" LIMIT "_s + QString::number(*query.limit);
    if (query.offset)
        out += u" OFFSET "_s + QString::number(*query.offset);
    return out;
}

// Salesforce shows the query line and a caret under the error. For long lines it sometimes shows only a window
// of tokens around the error; the rule is not documented, so the whole line is shown here.
QString SoqlParser::errorFrame(const QString &text, SoqlPosition position, const QString &detail)
{
    const QStringList lines = text.split(u'\n');
    const QString line = position.row - 1 < lines.size() ? lines.at(position.row - 1) : QString();
    return u"\n"_s + line + u"\n"_s + QString(position.column - 1, u' ') + u"^\nERROR at Row:"_s
           + QString::number(position.row) + u":Column:"_s + QString::number(position.column) + u"\n"_s + detail;
}

} // namespace Sandbox
