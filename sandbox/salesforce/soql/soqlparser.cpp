#include "soqlparser.h"

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

SoqlParser::SoqlParser(const QString &text)
    : m_text(text)
{
}

std::expected<SoqlQuery, SoqlError> SoqlParser::parse()
{
    // Work in progress: the full parser lands in the next commit.
    return std::unexpected(SoqlError{u"MALFORMED_QUERY"_s, u"SOQL statements cannot be empty or null"_s});
}

std::expected<SoqlQuery, SoqlError> SoqlParser::parseQuery(const QString &text)
{
    return SoqlParser(text).parse();
}

QString SoqlParser::summary(const SoqlQuery &query)
{
    return query.text;
}

QString SoqlParser::errorFrame(const QString &text, SoqlPosition position, const QString &detail)
{
    const QStringList lines = text.split(u'\n');
    const QString line = position.row - 1 < lines.size() ? lines.at(position.row - 1) : QString();
    return u"\n"_s + line + u"\n"_s + QString(position.column - 1, u' ') + u"^\nERROR at Row:"_s
           + QString::number(position.row) + u":Column:"_s + QString::number(position.column) + u"\n"_s + detail;
}

} // namespace Sandbox
