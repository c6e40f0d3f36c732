#include "magentopath.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
        || c == u'-';
}

std::unexpected<Error> pathError(const QString &text, qsizetype position, const QString &problem)
{
    return fail(ErrorKind::Invalid, u"mapping.bad_path"_s,
                u"Magento attribute \"%1\" is not a valid path: %2 at column %3."_s.arg(text, problem).arg(position + 1),
                u"Write a dotted path such as billing_address.city, street[0] or items[].sku."_s);
}

QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::String:
        return u"text"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

bool isAttributeList(const QJsonArray &array)
{
    return !array.isEmpty() && array.first().isObject() && array.first().toObject().contains(u"attribute_code"_s);
}

} // namespace

Result<MagentoPath> MagentoPath::parse(const QString &text)
{
    MagentoPath path;
    if (text.trimmed().isEmpty())
        return pathError(text, 0, u"it is empty"_s);
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool expectName = true;
    while (i < n) {
        if (expectName) {
            const qsizetype start = i;
            while (i < n && isNameChar(text.at(i)))
                ++i;
            if (i == start) {
                return pathError(text, i,
                                 i < n ? u"unexpected \"%1\" where a name was expected"_s.arg(text.at(i))
                                       : u"a name is missing at the end"_s);
            }
            path.m_steps.append(Step{Step::Kind::Key, text.mid(start, i - start), 0});
            expectName = false;
            continue;
        }
        const QChar c = text.at(i);
        if (c == u'.') {
            expectName = true;
            ++i;
            if (i == n)
                return pathError(text, i, u"a name is missing after the last \".\""_s);
            continue;
        }
        if (c == u'[') {
            const qsizetype open = i;
            ++i;
            const qsizetype start = i;
            while (i < n && text.at(i).isDigit())
                ++i;
            if (i >= n || text.at(i) != u']')
                return pathError(text, open, u"\"[\" must be followed by a number or nothing, then \"]\""_s);
            if (i == start) {
                path.m_steps.append(Step{Step::Kind::All, {}, 0});
            } else {
                bool ok = false;
                const qsizetype index = text.mid(start, i - start).toLongLong(&ok);
                if (!ok)
                    return pathError(text, start, u"the index is too large"_s);
                path.m_steps.append(Step{Step::Kind::Index, {}, index});
            }
            ++i;
            continue;
        }
        return pathError(text, i, u"unexpected \"%1\""_s.arg(c));
    }
    return path;
}

namespace {

Result<QJsonValue> walk(const QList<MagentoPath::Step> &steps, qsizetype from, const QJsonValue &value,
                        const QString &done)
{
    if (from == steps.size() || value.isUndefined() || value.isNull())
        return from == steps.size() ? value : QJsonValue(QJsonValue::Undefined);
    const MagentoPath::Step &step = steps.at(from);
    const auto wrongKind = [&](const QString &wanted) {
        return fail(ErrorKind::Invalid, u"mapping.path_mismatch"_s,
                    u"\"%1\" is %2, so it has no %3."_s.arg(done.isEmpty() ? u"the order"_s : done, kindOf(value), wanted),
                    u"Check the Magento attribute path against the order JSON."_s);
    };
    switch (step.kind) {
    case MagentoPath::Step::Kind::Key: {
        const QString next = done.isEmpty() ? step.key : done + u'.' + step.key;
        if (value.isObject())
            return walk(steps, from + 1, value.toObject().value(step.key), next);
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.isEmpty())
                return QJsonValue(QJsonValue::Undefined);
            if (isAttributeList(array)) {
                for (const QJsonValue &entry : array) {
                    const QJsonObject object = entry.toObject();
                    if (object.value(u"attribute_code"_s).toString() == step.key)
                        return walk(steps, from + 1, object.value(u"value"_s), next);
                }
                return QJsonValue(QJsonValue::Undefined);
            }
        }
        return wrongKind(u"attribute \"%1\" (use [n] or [] for lists)"_s.arg(step.key));
    }
    case MagentoPath::Step::Kind::Index: {
        if (!value.isArray())
            return wrongKind(u"element [%1]"_s.arg(step.index));
        const QJsonArray array = value.toArray();
        if (step.index >= array.size())
            return QJsonValue(QJsonValue::Undefined);
        return walk(steps, from + 1, array.at(step.index), done + u"[%1]"_s.arg(step.index));
    }
    case MagentoPath::Step::Kind::All: {
        if (!value.isArray())
            return wrongKind(u"elements []"_s);
        QJsonArray collected;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            Result<QJsonValue> inner = walk(steps, from + 1, element, done + u"[]"_s);
            if (!inner)
                return inner;
            if (inner->isArray()) {
                const QJsonArray innerArray = inner->toArray();
                for (const QJsonValue &v : innerArray)
                    collected.append(v);
            } else if (!inner->isUndefined() && !inner->isNull()) {
                collected.append(*inner);
            }
        }
        return QJsonValue(collected);
    }
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

Result<QJsonValue> MagentoPath::evaluate(const QJsonValue &root) const
{
    return walk(m_steps, 0, root, QString());
}

bool MagentoPath::isMultiValued() const
{
    for (const Step &step : m_steps) {
        if (step.kind == Step::Kind::All)
            return true;
    }
    return false;
}

QString MagentoPath::toString() const
{
    QString text;
    for (const Step &step : m_steps) {
        switch (step.kind) {
        case Step::Kind::Key:
            if (!text.isEmpty())
                text += u'.';
            text += step.key;
            break;
        case Step::Kind::Index:
            text += u"[%1]"_s.arg(step.index);
            break;
        case Step::Kind::All:
            text += u"[]"_s;
            break;
        }
    }
    return text;
}

} // namespace OrderBridge
