#include "sync/lookuppages.h"

#include "salesforce/salesforceerror.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// A runaway reply (a locator that never ends) must not keep a batch busy forever: 200 orders with 1,000 Notes
// each need far fewer pages than this.
constexpr int kMaxFollowUps = 2000;

bool isQueryResult(const QJsonValue &v)
{
    return v.isObject() && v.toObject().value(u"records"_s).isArray();
}

// The next page's path of a query result; empty when the result is complete. A result that says it is not done
// but names no query path is malformed.
Result<QString> nextPage(const QJsonObject &result)
{
    if (result.value(u"done"_s).toBool(true))
        return QString();
    const QString next = result.value(u"nextRecordsUrl"_s).toString();
    if (!next.startsWith(u"/services/data/"_s)) {
        return fail(u"MALFORMED_RESPONSE"_s,
                    u"A Salesforce query result says more records follow but gives no nextRecordsUrl."_s);
    }
    return next;
}

QList<QJsonObject> objectsOf(const QJsonArray &array)
{
    QList<QJsonObject> out;
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out << v.toObject();
    return out;
}

Result<QJsonObject> subresponseBody(const QJsonObject &sub, const QString &ref)
{
    const int status = sub.value(u"httpStatusCode"_s).toInt();
    const QJsonValue body = sub.value(u"body"_s);
    if (status < 200 || status >= 300) {
        const QJsonObject first = body.toArray().first().toObject();
        const QString code = first.value(u"errorCode"_s).toString(u"LOOKUP_FAILED"_s);
        const QString hint = SalesforceError::hintFor(code);
        return fail(SalesforceError::kindOf(code), code,
                    u"The Salesforce lookup %1 failed (HTTP %2): %3"_s.arg(ref).arg(status).arg(first.value(u"message"_s).toString()),
                    hint.isEmpty() ? u"Check the Salesforce connection and the mapped fields."_s : hint);
    }
    if (!isQueryResult(body))
        return fail(u"MALFORMED_RESPONSE"_s, u"The Salesforce lookup %1 returned no records array."_s.arg(ref));
    return body.toObject();
}

} // namespace

Result<void> LookupPages::addComposite(const QJsonObject &reply)
{
    const QJsonValue subs = reply.value(u"compositeResponse"_s);
    if (!subs.isArray())
        return fail(u"MALFORMED_RESPONSE"_s, u"The Salesforce composite reply has no compositeResponse array."_s);
    for (const QJsonValue &v : subs.toArray()) {
        const QJsonObject sub = v.toObject();
        const QString ref = sub.value(u"referenceId"_s).toString();
        auto body = subresponseBody(sub, ref);
        if (!body)
            return std::unexpected(body.error());
        auto next = nextPage(*body);
        if (!next)
            return std::unexpected(next.error());
        if (!m_order.contains(ref))
            m_order << ref;
        QList<QJsonObject> &rows = m_records[ref];
        const qsizetype from = rows.size();
        rows << objectsOf(body->value(u"records"_s).toArray());
        queueChildren(ref, from);
        if (!next->isEmpty())
            m_pending << Pending{ref, -1, {}, *next};
    }
    return {};
}

void LookupPages::queueChildren(const QString &referenceId, qsizetype from)
{
    const QList<QJsonObject> &rows = m_records[referenceId];
    for (qsizetype i = from; i < rows.size(); ++i) {
        for (auto it = rows.at(i).constBegin(); it != rows.at(i).constEnd(); ++it) {
            if (!isQueryResult(it.value()))
                continue;
            const Pending pending{referenceId, i, it.key(), {}};
            auto next = nextPage(it.value().toObject());
            if (!next)
                addGap(pending, next.error());
            else if (!next->isEmpty())
                m_pending << Pending{referenceId, i, it.key(), *next};
        }
    }
}

QList<LookupPages::FollowUp> LookupPages::takePending()
{
    QList<FollowUp> out;
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (m_nextId > kMaxFollowUps) {
            addGap(p, fail(u"LOOKUP_INCOMPLETE"_s,
                           u"The Salesforce lookup %1 needed more than %2 follow-up pages."_s.arg(p.referenceId).arg(kMaxFollowUps),
                           u"Lower engine.batch_size."_s).error());
            continue;
        }
        const int id = m_nextId++;
        m_asked.insert(id, p);
        out << FollowUp{id, p.url};
    }
    return out;
}

void LookupPages::addFollowUp(int id, const Result<QJsonObject> &page)
{
    const Pending pending = m_asked.take(id);
    if (pending.referenceId.isEmpty())
        return;
    if (!page) {
        addGap(pending, page.error());
        return;
    }
    if (!isQueryResult(*page)) {
        addGap(pending, fail(u"MALFORMED_RESPONSE"_s,
                             u"A follow-up page of the Salesforce lookup %1 has no records array."_s.arg(pending.referenceId),
                             u"Sync again; if it persists, report the Salesforce reply."_s).error());
        return;
    }
    addPage(pending, *page);
}

void LookupPages::addPage(const Pending &pending, const QJsonObject &page)
{
    auto next = nextPage(page);
    QList<QJsonObject> &rows = m_records[pending.referenceId];
    if (pending.recordIndex < 0) {
        const qsizetype from = rows.size();
        rows << objectsOf(page.value(u"records"_s).toArray());
        queueChildren(pending.referenceId, from);
    } else if (pending.recordIndex < rows.size()) {
        QJsonObject &parent = rows[pending.recordIndex];
        QJsonObject list = parent.value(pending.relationship).toObject();
        QJsonArray merged = list.value(u"records"_s).toArray();
        for (const QJsonValue &v : page.value(u"records"_s).toArray())
            merged.append(v);
        list.insert(u"records"_s, merged);
        list.insert(u"done"_s, !next || next->isEmpty());
        list.remove(u"nextRecordsUrl"_s);
        parent.insert(pending.relationship, list);
    }
    if (!next)
        addGap(pending, next.error());
    else if (!next->isEmpty())
        m_pending << Pending{pending.referenceId, pending.recordIndex, pending.relationship, *next};
}

void LookupPages::addGap(const Pending &pending, const Error &error)
{
    const QList<QJsonObject> &rows = m_records[pending.referenceId];
    const QString key = pending.recordIndex >= 0 && pending.recordIndex < rows.size()
        ? rows.at(pending.recordIndex).value(u"Magento_ID__c"_s).toString()
        : QString();
    if (key.isEmpty())
        m_queryGaps.insert(pending.referenceId, error);
    else
        m_recordGaps[pending.referenceId].insert(key, error);
}

} // namespace OrderBridge
