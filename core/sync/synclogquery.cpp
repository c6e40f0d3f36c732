#include "sync/synclogquery.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString SyncLogQuery::levelName(Level level)
{
    switch (level) {
    case Level::All:
        return {};
    case Level::Errors:
        return u"error"_s;
    case Level::Warnings:
        return u"warning"_s;
    case Level::Info:
        return u"info"_s;
    }
    return {};
}

QString SyncLogQuery::whereClause(const QStringList &extraTerms) const
{
    QStringList terms;
    if (level != Level::All)
        terms << u"level = ?"_s;
    // A range instead of LIKE, so the (order_increment_id, logged_at) index serves the prefix.
    if (!orderSearch.trimmed().isEmpty())
        terms << u"order_increment_id >= ? AND order_increment_id < ?"_s;
    if (from.isValid())
        terms << u"logged_at >= ?"_s;
    if (to.isValid())
        terms << u"logged_at < ?"_s;
    if (afterId > 0)
        terms << u"id > ?"_s;
    if (upToId > 0)
        terms << u"id <= ?"_s;
    terms << extraTerms;
    if (terms.isEmpty())
        return {};
    return u" WHERE "_s + terms.join(u" AND "_s);
}

QVariantList SyncLogQuery::boundValues() const
{
    QVariantList values;
    if (level != Level::All)
        values << levelName(level);
    if (const QString prefix = orderSearch.trimmed(); !prefix.isEmpty()) {
        values << prefix;
        // U+10FFFF sorts after every character in SQLite's binary (UTF-8 byte) order.
        values << QString(prefix + QString::fromUcs4(U"\U0010FFFF"));
    }
    if (from.isValid())
        values << from.toUTC().toString(Qt::ISODateWithMs);
    if (to.isValid())
        values << to.toUTC().toString(Qt::ISODateWithMs);
    if (afterId > 0)
        values << afterId;
    if (upToId > 0)
        values << upToId;
    return values;
}

} // namespace OrderBridge
