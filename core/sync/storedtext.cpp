#include "sync/storedtext.h"

#include "salesforce/salesforceerror.h"
#include "sync/plannertext.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr const char *kSalesforceErrorContext = "SalesforceError";

/// One piece of a stored text: a translatable source (with its context), or, with no context,
/// text kept as it is (such as Salesforce's own message before a hint).
struct Part
{
    const char *context = nullptr;
    QString source;
};

/// A stored text the console recognises, as a pattern whose capture groups are the values.
struct Pattern
{
    QRegularExpression re;
    QList<Part> parts;
    /// For each capture group: the part it belongs to and the placeholder number it fills.
    QList<std::pair<qsizetype, int>> groups;
};

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(u"%(\\d{1,2})"_s);
    return re;
}

Pattern patternOf(const QList<Part> &parts)
{
    Pattern p;
    p.parts = parts;
    QString re = u"\\A"_s;
    for (qsizetype part = 0; part < parts.size(); ++part) {
        if (part > 0)
            re += u' ';
        if (!parts.at(part).context) {
            re += u"(.*)"_s;
            p.groups.append({part, 1});
            continue;
        }
        const QString &source = parts.at(part).source;
        qsizetype at = 0;
        for (auto it = placeholder().globalMatch(source); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            re += QRegularExpression::escape(source.mid(at, m.capturedStart() - at)) + u"(.*?)"_s;
            p.groups.append({part, m.captured(1).toInt()});
            at = m.capturedEnd();
        }
        re += QRegularExpression::escape(source.mid(at));
    }
    p.re = QRegularExpression(re + u"\\z"_s, QRegularExpression::DotMatchesEverythingOption);
    return p;
}

Part plannerPart(PlannerText::Id id)
{
    return Part{PlannerText::Context, PlannerText::source(id)};
}

QList<Pattern> buildPatterns()
{
    QList<Pattern> list;
    // Errors first: a lone message pattern could otherwise take the hint into its last value.
    for (const auto &[message, hint] : PlannerText::errors())
        list.append(patternOf({plannerPart(message), plannerPart(hint)}));
    for (PlannerText::Id id : PlannerText::ids())
        list.append(patternOf({plannerPart(id)}));
    const QStringList hints = SalesforceError::hintSources();
    for (const QString &hint : hints)
        list.append(patternOf({Part{kSalesforceErrorContext, hint}}));
    // A Salesforce error in the sync log: its message (Salesforce's own words) and the hint.
    for (const QString &hint : hints)
        list.append(patternOf({Part{}, Part{kSalesforceErrorContext, hint}}));
    return list;
}

const QList<Pattern> &patterns()
{
    static const QList<Pattern> all = buildPatterns();
    return all;
}

QString translatedPart(const Pattern &p, qsizetype part, const QRegularExpressionMatch &m)
{
    QStringList args;
    for (qsizetype g = 0; g < p.groups.size(); ++g) {
        const auto &[owner, number] = p.groups.at(g);
        if (owner != part)
            continue;
        while (args.size() < number)
            args.append(QString());
        args[number - 1] = m.captured(int(g) + 1);
    }
    const Part &piece = p.parts.at(part);
    if (!piece.context)
        return args.value(0);
    const QByteArray source = piece.source.toUtf8();
    return PlannerText::fill(QCoreApplication::translate(piece.context, source.constData()), args);
}

} // namespace

QString StoredText::translated(const QString &text)
{
    if (text.isEmpty())
        return text;
    for (const Pattern &p : patterns()) {
        const QRegularExpressionMatch m = p.re.match(text);
        if (!m.hasMatch())
            continue;
        QStringList out;
        for (qsizetype part = 0; part < p.parts.size(); ++part)
            out << translatedPart(p, part, m);
        return out.join(u' ');
    }
    return text;
}

} // namespace OrderBridge
