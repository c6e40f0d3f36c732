#include "soql.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

QString escapeImpl(const QString &value, bool forLike)
{
    QString out;
    out.reserve(value.size() + 8);
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'\\': out += u"\\\\"_s; break;
        case u'\'': out += u"\\'"_s; break;
        case u'"': out += u"\\\""_s; break;
        case u'\n': out += u"\\n"_s; break;
        case u'\r': out += u"\\r"_s; break;
        case u'\t': out += u"\\t"_s; break;
        case u'\b': out += u"\\b"_s; break;
        case u'\f': out += u"\\f"_s; break;
        case u'%':
            out += forLike ? u"\\%"_s : u"%"_s;
            break;
        case u'_':
            out += forLike ? u"\\_"_s : u"_"_s;
            break;
        default:
            // SOQL has no escape for the other control characters; they cannot be stored in text
            // fields either, so they are dropped rather than sent raw.
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                break;
            out += c;
        }
    }
    return out;
}

} // namespace

QString Soql::escape(const QString &value)
{
    return escapeImpl(value, false);
}

QString Soql::quote(const QString &value)
{
    return u"'"_s + escapeImpl(value, false) + u"'"_s;
}

QString Soql::quoteLike(const QString &value, LikeMatch match)
{
    const QString body = escapeImpl(value, true);
    const bool lead = match == LikeMatch::Suffix || match == LikeMatch::Contains;
    const bool trail = match == LikeMatch::Prefix || match == LikeMatch::Contains;
    return u"'"_s + (lead ? u"%"_s : QString()) + body + (trail ? u"%"_s : QString()) + u"'"_s;
}

Result<QString> Soql::inList(const QStringList &values)
{
    if (values.isEmpty())
        return fail(u"INVALID_SOQL_VALUE"_s, u"An IN list needs at least one value."_s,
                    u"Skip the lookup when there is nothing to look up."_s);
    QStringList quoted;
    quoted.reserve(values.size());
    for (const QString &v : values)
        quoted.append(quote(v));
    return u"("_s + quoted.join(u","_s) + u")"_s;
}

Result<QString> Soql::literal(const QVariant &value)
{
    if (value.isNull() && value.typeId() != QMetaType::QString)
        return u"null"_s;
    switch (value.typeId()) {
    case QMetaType::QString:
        return quote(value.toString());
    case QMetaType::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return value.toString();
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        if (!std::isfinite(d))
            return fail(u"INVALID_SOQL_VALUE"_s, u"A SOQL number must be finite."_s);
        return QString::number(d, 'g', 17);
    }
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return value.toDateTime().toUTC().toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
    default:
        return fail(u"INVALID_SOQL_VALUE"_s,
                    u"A value of type %1 cannot be used in SOQL."_s.arg(QString::fromLatin1(value.typeName())));
    }
}

bool Soql::isValidName(const QString &name)
{
    // Segments: a letter, then letters, digits and single underscores; "__" only before a
    // namespace-prefixed or suffixed part (ns__Field__c, Parent__r); dot-separated paths for
    // relationships; at most 5 levels as SOQL allows.
    static const QRegularExpression segment(u"\\A[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:__[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*){0,2}\\z"_s);
    if (name.isEmpty() || name.size() > 255)
        return false;
    const QStringList parts = name.split(u'.');
    if (parts.size() > 6)
        return false;
    for (const QString &p : parts) {
        if (!segment.match(p).hasMatch())
            return false;
    }
    return true;
}

Result<QString> Soql::name(const QString &name)
{
    if (!isValidName(name))
        return fail(u"INVALID_SOQL_NAME"_s,
                    u"'%1' is not a valid Salesforce object or field name."_s.arg(name.left(80)),
                    u"Use the API name from Salesforce Setup, e.g. Magento_ID__c."_s);
    return name;
}

} // namespace OrderBridge
