#include "graphresult.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

const GraphResult::Node *GraphResult::node(const QString &referenceId) const
{
    for (const Node &n : nodes) {
        if (n.referenceId == referenceId)
            return &n;
    }
    return nullptr;
}

QList<SalesforceError> GraphResult::rootErrors() const
{
    QList<SalesforceError> all;
    QList<SalesforceError> roots;
    for (const Node &n : nodes) {
        for (const SalesforceError &e : n.errors) {
            all.append(e);
            if (e.errorCode != u"PROCESSING_HALTED"_s)
                roots.append(e);
        }
    }
    return roots.isEmpty() ? all : roots;
}

SalesforceResult<QList<GraphResult>> GraphResult::fromReply(const QJsonObject &json, int httpStatus)
{
    if (!json.value(u"graphs"_s).isArray())
        return sfFail(u"MALFORMED_RESPONSE"_s, u"The composite graph reply has no graphs array."_s, httpStatus);
    QList<GraphResult> out;
    const QJsonArray graphs = json.value(u"graphs"_s).toArray();
    for (const QJsonValue &gv : graphs) {
        const QJsonObject g = gv.toObject();
        GraphResult r;
        r.graphId = g.value(u"graphId"_s).toString();
        r.isSuccessful = g.value(u"isSuccessful"_s).toBool();
        const QJsonArray responses = g.value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s).toArray();
        for (const QJsonValue &nv : responses) {
            const QJsonObject n = nv.toObject();
            Node node;
            node.referenceId = n.value(u"referenceId"_s).toString();
            node.httpStatus = n.value(u"httpStatusCode"_s).toInt();
            node.body = n.value(u"body"_s);
            if (node.succeeded()) {
                node.id = node.body.toObject().value(u"id"_s).toString();
                node.created = node.body.toObject().value(u"created"_s).toBool(node.httpStatus == 201);
            } else if (node.body.isArray()) {
                node.errors = SalesforceError::parseArray(node.body.toArray(), node.httpStatus);
            } else if (node.body.isObject()) {
                node.errors = SalesforceError::parseArray(QJsonArray{node.body}, node.httpStatus);
            } else {
                node.errors.append(SalesforceError::make(u"UNKNOWN_ERROR"_s, u"A graph node failed without an error."_s,
                                                         node.httpStatus));
            }
            r.nodes.append(node);
        }
        if (r.graphId.isEmpty())
            return sfFail(u"MALFORMED_RESPONSE"_s, u"A composite graph result has no graphId."_s, httpStatus);
        if (!r.isSuccessful && r.rootErrors().isEmpty()) {
            // A failed graph without node errors (e.g. the payload-level errors some orgs send).
            const QJsonValue errs = g.value(u"graphResponse"_s).toObject().value(u"errors"_s);
            Node synthetic;
            synthetic.errors = errs.isArray() ? SalesforceError::parseArray(errs.toArray(), httpStatus)
                                              : QList<SalesforceError>{};
            if (synthetic.errors.isEmpty())
                synthetic.errors.append(SalesforceError::make(u"UNKNOWN_ERROR"_s,
                                                              u"The graph failed without naming an error."_s, httpStatus));
            r.nodes.append(synthetic);
        }
        out.append(r);
    }
    return out;
}

} // namespace OrderBridge
