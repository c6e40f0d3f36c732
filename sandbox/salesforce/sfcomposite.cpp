#include "sfcomposite.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

constexpr int kMaxSubrequests = 25;
constexpr int kMaxQueryOrCollectionOps = 5;
constexpr int kMaxGraphNodes = 500;
constexpr int kMaxGraphs = 75;
constexpr int kMaxFailedGraphs = 14;

const QRegularExpression &referencePattern()
{
    static const QRegularExpression re(u"@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[[0-9]+\\])+)\\}"_s);
    return re;
}

const QRegularExpression &urlPattern()
{
    static const QRegularExpression re(u"^/services/data/v([0-9]+\\.[0-9])/([^?]*)(?:\\?(.*))?$"_s);
    return re;
}

/// Follows ".records[0].Id" through a JSON value.
std::optional<QJsonValue> walk(const QJsonValue &root, const QString &path)
{
    static const QRegularExpression step(u"\\.([A-Za-z0-9_]+)|\\[([0-9]+)\\]"_s);
    QJsonValue v = root;
    auto it = step.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.hasCaptured(1) && !m.captured(1).isEmpty()) {
            if (!v.isObject())
                return std::nullopt;
            const QJsonObject o = v.toObject();
            // Field names in references are case-insensitive, like everywhere in the API.
            QJsonValue next = QJsonValue::Undefined;
            for (auto f = o.begin(); f != o.end(); ++f) {
                if (f.key().compare(m.captured(1), Qt::CaseInsensitive) == 0)
                    next = f.value();
            }
            if (next.isUndefined())
                return std::nullopt;
            v = next;
        } else {
            const int index = m.captured(2).toInt();
            if (!v.isArray() || index >= v.toArray().size())
                return std::nullopt;
            v = v.toArray().at(index);
        }
    }
    return v;
}

QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

struct ReferenceFailure
{
    QString reference;   // "refOrder.id"
    QString referenceId; // "refOrder"
};

class Resolver
{
public:
    explicit Resolver(const QHash<QString, QJsonValue> &results)
        : m_results(results)
    {
    }

    std::optional<ReferenceFailure> failure;

    QString resolveText(const QString &in)
    {
        QString out;
        qsizetype last = 0;
        auto it = referencePattern().globalMatch(in);
        while (it.hasNext()) {
            const auto m = it.next();
            out += in.mid(last, m.capturedStart() - last);
            const auto v = lookup(m.captured(1), m.captured(2));
            out += v ? textOf(*v) : QString();
            last = m.capturedEnd();
        }
        out += in.mid(last);
        return out;
    }

    QJsonValue resolveValue(const QJsonValue &in)
    {
        if (in.isString()) {
            const QString s = in.toString();
            const auto m = referencePattern().match(s);
            if (m.hasMatch() && m.capturedStart() == 0 && m.capturedEnd() == s.size()) {
                const auto v = lookup(m.captured(1), m.captured(2));
                return v ? *v : QJsonValue(QJsonValue::Null);
            }
            return m.hasMatch() ? QJsonValue(resolveText(s)) : in;
        }
        if (in.isObject()) {
            QJsonObject o = in.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                it.value() = resolveValue(it.value());
            return o;
        }
        if (in.isArray()) {
            QJsonArray a = in.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                a[i] = resolveValue(a.at(i));
            return a;
        }
        return in;
    }

private:
    std::optional<QJsonValue> lookup(const QString &refId, const QString &path)
    {
        const auto it = m_results.constFind(refId);
        std::optional<QJsonValue> v;
        if (it != m_results.cend())
            v = walk(*it, path);
        if (!v && !failure) {
            QString dotted = path;
            if (dotted.startsWith(u'.'))
                dotted.remove(0, 1);
            failure = ReferenceFailure{refId + u'.' + dotted, refId};
        }
        return v;
    }

    const QHash<QString, QJsonValue> &m_results;
};

QJsonObject subResponse(const QString &referenceId, int status, const QJsonValue &body, const QJsonObject &headers)
{
    return QJsonObject{{u"body"_s, body.isUndefined() ? QJsonValue(QJsonValue::Null) : body},
                       {u"httpHeaders"_s, headers},
                       {u"httpStatusCode"_s, status},
                       {u"referenceId"_s, referenceId}};
}

QJsonObject halted(const QString &referenceId, const QString &message)
{
    return subResponse(referenceId, 400,
                       QJsonArray{QJsonObject{{u"errorCode"_s, u"PROCESSING_HALTED"_s}, {u"message"_s, message}}},
                       QJsonObject());
}

const QString kRolledBack = u"The transaction was rolled back since another operation in the same transaction failed."_s;

} // namespace

SfComposite::SfComposite(SfRecordStore &store, SfRestApi &api)
    : m_store(store)
    , m_api(api)
{
}

SfReply SfComposite::handle(const SfRestApi::Call &call)
{
    const QString sub = call.path.section(u'/', 1, 1, QString::SectionSkipEmpty);
    if (sub.isEmpty())
        return composite(call);
    if (sub == u"graph")
        return graph(call);
    return SfReply::error(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
}

std::optional<SfReply> SfComposite::validate(const QJsonArray &requests, bool graphNodes) const
{
    auto bad = [](const QString &message) {
        return SfReply::error(400, u"INVALID_API_INPUT"_s, message);
    };
    if (requests.isEmpty())
        return bad(u"compositeRequest: the request must contain at least one subrequest"_s);
    static const QRegularExpression refIdPattern(u"^[A-Za-z0-9][A-Za-z0-9_]*$"_s);
    QSet<QString> seen;
    int queryOrCollection = 0;
    for (const auto &v : requests) {
        const QJsonObject r = v.toObject();
        const QString method = r.value(u"method"_s).toString();
        const QString url = r.value(u"url"_s).toString();
        const QString refId = r.value(u"referenceId"_s).toString();
        if (method.isEmpty() || url.isEmpty() || refId.isEmpty())
            return bad(u"Each subrequest needs method, url and referenceId"_s);
        if (!QStringList{u"GET"_s, u"POST"_s, u"PATCH"_s, u"DELETE"_s, u"PUT"_s, u"HEAD"_s}.contains(method))
            return bad(u"Invalid HTTP method '%1' for referenceId %2"_s.arg(method, refId));
        if (!refIdPattern.match(refId).hasMatch())
            return bad(u"Invalid referenceId '%1': it must start with a letter or digit and contain only letters, digits "
                       "and underscores"_s.arg(refId));
        if (seen.contains(refId))
            return bad(u"Duplicate referenceId provided in the request: %1"_s.arg(refId));
        seen.insert(refId);
        const QJsonObject headers = r.value(u"httpHeaders"_s).toObject();
        for (auto h = headers.begin(); h != headers.end(); ++h) {
            for (const auto &forbidden : {u"Accept"_s, u"Authorization"_s, u"Content-Type"_s}) {
                if (h.key().compare(forbidden, Qt::CaseInsensitive) == 0) {
                    return bad(u"The %1 header is not allowed in a composite subrequest (referenceId %2)"_s.arg(
                        forbidden, refId));
                }
            }
        }
        const auto m = urlPattern().match(url);
        const QString path = m.hasMatch() ? m.captured(2) : QString();
        if (path.startsWith(u"query"_s) || path.startsWith(u"composite/sobjects"_s))
            ++queryOrCollection;
        if (graphNodes && m.hasMatch() && !path.startsWith(u"sobjects/"_s)) {
            return bad(u"Composite graph supports only sObject resources; %1 in node %2 is not one"_s.arg(url, refId));
        }
    }
    if (!graphNodes && requests.size() > kMaxSubrequests) {
        return SfReply::error(400, u"LIMIT_EXCEEDED"_s,
                              u"Composite requests are limited to 25 subrequests; this one has %1"_s.arg(requests.size()));
    }
    if (!graphNodes && queryOrCollection > kMaxQueryOrCollectionOps) {
        return SfReply::error(400, u"LIMIT_EXCEEDED"_s,
                              u"Composite requests are limited to 5 query or sObject Collections operations; this one "
                              "has %1"_s.arg(queryOrCollection));
    }
    return std::nullopt;
}

SfComposite::Outcome SfComposite::run(const QJsonArray &requests, bool allOrNone, bool graphNodes)
{
    Q_UNUSED(graphNodes);
    Outcome out;
    QHash<QString, QJsonValue> results;
    const qsizetype savepoint = allOrNone ? m_store.begin() : 0;
    int failedAt = -1;
    for (int i = 0; i < requests.size(); ++i) {
        const QJsonObject r = requests.at(i).toObject();
        const QString refId = r.value(u"referenceId"_s).toString();
        if (failedAt >= 0) {
            out.responses.append(halted(refId, kRolledBack));
            continue;
        }
        Resolver resolver(results);
        const QString url = resolver.resolveText(r.value(u"url"_s).toString());
        const QJsonValue body = r.contains(u"body"_s) ? resolver.resolveValue(r.value(u"body"_s))
                                                       : QJsonValue(QJsonValue::Undefined);
        QJsonObject response;
        int status = 0;
        if (resolver.failure) {
            status = 400;
            response = halted(refId, u"Invalid reference specified. No value for %1 found in %2. Provided referenceId "
                                     "('%2') might be a failed or not yet executed request."_s
                                         .arg(resolver.failure->reference, resolver.failure->referenceId));
        } else {
            const auto m = urlPattern().match(url);
            SfReply reply;
            const double version = m.hasMatch() ? m.captured(1).toDouble() : 0.0;
            if (!m.hasMatch() || version < 31.0 || version > 68.0) {
                reply = SfReply::error(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
            } else {
                SfRestApi::Call call;
                call.method = r.value(u"method"_s).toString().toLatin1();
                call.path = QUrl::fromPercentEncoding(m.captured(2).toUtf8());
                call.query = QUrlQuery(m.captured(3));
                call.body = body;
                call.version = m.captured(1);
                call.inComposite = true;
                // Only Accept, Authorization and Content-Type come from the top-level request; a
                // subrequest carries any other header in its own httpHeaders.
                const QJsonObject subHeaders = r.value(u"httpHeaders"_s).toObject();
                for (auto h = subHeaders.begin(); h != subHeaders.end(); ++h) {
                    if (h.key().compare(u"Sforce-Duplicate-Rule-Header"_s, Qt::CaseInsensitive) == 0)
                        call.allowDuplicateSave = SfRestApi::allowsDuplicateSave(h.value().toString().toLatin1());
                }
                reply = m_api.execute(call);
            }
            status = reply.status;
            if (reply.body.isUndefined() && reply.rawContentType.startsWith("application/json")) {
                const QJsonDocument doc = QJsonDocument::fromJson(reply.rawBody);
                reply.body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            }
            QJsonObject headers;
            for (const auto &h : reply.headers)
                headers.insert(QString::fromLatin1(h.first), QString::fromLatin1(h.second));
            response = subResponse(refId, status, reply.body, headers);
            if (status < 400)
                results.insert(refId, reply.body);
        }
        out.responses.append(response);
        if (status >= 400) {
            out.success = false;
            if (allOrNone)
                failedAt = i;
        }
    }
    if (allOrNone && failedAt >= 0) {
        m_store.rollback(savepoint);
        for (int i = 0; i < failedAt; ++i)
            out.responses[i] = halted(requests.at(i).toObject().value(u"referenceId"_s).toString(), kRolledBack);
    } else if (allOrNone) {
        m_store.commit();
    }
    return out;
}

SfReply SfComposite::composite(const SfRestApi::Call &call)
{
    if (!call.body.isObject())
        return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
    const QJsonObject body = call.body.toObject();
    const QJsonArray requests = body.value(u"compositeRequest"_s).toArray();
    if (auto e = validate(requests, false))
        return *e;
    const Outcome outcome = run(requests, body.value(u"allOrNone"_s).toBool(), false);
    return SfReply::json(200, QJsonObject{{u"compositeResponse"_s, outcome.responses}});
}

SfReply SfComposite::graph(const SfRestApi::Call &call)
{
    if (!call.body.isObject())
        return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
    const QJsonArray graphs = call.body.toObject().value(u"graphs"_s).toArray();
    if (graphs.isEmpty())
        return SfReply::error(400, u"INVALID_API_INPUT"_s, u"graphs: the request must contain at least one graph"_s);
    if (graphs.size() > kMaxGraphs)
        return SfReply::error(400, u"LIMIT_EXCEEDED"_s, u"A composite graph request can contain at most 75 graphs"_s);
    static const QRegularExpression graphIdPattern(u"^[A-Za-z0-9][A-Za-z0-9_]{0,39}$"_s);
    QSet<QString> ids;
    int nodes = 0;
    for (const auto &g : graphs) {
        const QJsonObject o = g.toObject();
        const QString id = o.value(u"graphId"_s).toString();
        if (!graphIdPattern.match(id).hasMatch())
            return SfReply::error(400, u"INVALID_API_INPUT"_s, u"Invalid graphId '%1'"_s.arg(id));
        if (ids.contains(id))
            return SfReply::error(400, u"INVALID_API_INPUT"_s, u"Duplicate graphId: %1"_s.arg(id));
        ids.insert(id);
        const QJsonArray requests = o.value(u"compositeRequest"_s).toArray();
        nodes += int(requests.size());
        if (auto e = validate(requests, true))
            return *e;
    }
    if (nodes > kMaxGraphNodes) {
        return SfReply::error(400, u"LIMIT_EXCEEDED"_s,
                              u"A composite graph request can contain at most 500 nodes; this one has %1"_s.arg(nodes));
    }
    QJsonArray out;
    int failedGraphs = 0;
    bool lockFirst = m_lockedCalls > 0;
    if (lockFirst)
        --m_lockedCalls;
    for (const auto &g : graphs) {
        const QJsonObject o = g.toObject();
        Outcome outcome;
        if (failedGraphs > kMaxFailedGraphs) {
            // Past 14 failed graphs Salesforce stops processing the payload.
            outcome.success = false;
            for (const auto &node : o.value(u"compositeRequest"_s).toArray())
                outcome.responses.append(halted(node.toObject().value(u"referenceId"_s).toString(), kRolledBack));
        } else if (std::exchange(lockFirst, false)) {
            // Another transaction holds a row the graph needs past Salesforce's 10-second lock wait: its first
            // node fails and the graph rolls back (nothing is written).
            outcome.success = false;
            const QJsonArray nodes = o.value(u"compositeRequest"_s).toArray();
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                const QString refId = nodes.at(i).toObject().value(u"referenceId"_s).toString();
                outcome.responses.append(
                    i == 0 ? subResponse(refId, 400,
                                         QJsonArray{QJsonObject{{u"errorCode"_s, u"UNABLE_TO_LOCK_ROW"_s},
                                                                {u"message"_s, u"unable to obtain exclusive access to "
                                                                               "this record or 1 records: "_s}}},
                                         QJsonObject())
                           : halted(refId, kRolledBack));
            }
        } else {
            outcome = run(o.value(u"compositeRequest"_s).toArray(), true, true);
        }
        if (!outcome.success)
            ++failedGraphs;
        out.append(QJsonObject{{u"graphId"_s, o.value(u"graphId"_s)},
                               {u"graphResponse"_s, QJsonObject{{u"compositeResponse"_s, outcome.responses}}},
                               {u"isSuccessful"_s, outcome.success}});
    }
    return SfReply::json(200, QJsonObject{{u"graphs"_s, out}});
}

} // namespace Sandbox
