#include "compositegraph.h"

#include "soql.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

bool validReferenceId(const QString &id)
{
    static const QRegularExpression re(u"\\A[A-Za-z][A-Za-z0-9_]{0,79}\\z"_s);
    return re.match(id).hasMatch();
}

bool validRecordId(const QString &id)
{
    static const QRegularExpression re(u"\\A[A-Za-z0-9]{15}([A-Za-z0-9]{3})?\\z"_s);
    // A reference to an earlier node is allowed where an ID goes.
    static const QRegularExpression ref(u"\\A@\\{[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_\\[\\]]+)+\\}\\z"_s);
    return re.match(id).hasMatch() || ref.match(id).hasMatch();
}

} // namespace

CompositeGraph::CompositeGraph(QString graphId)
    : m_graphId(std::move(graphId))
{
}

QString CompositeGraph::reference(const QString &referenceId, const QString &field)
{
    return u"@{"_s + referenceId + u"."_s + field + u"}"_s;
}

Result<QString> CompositeGraph::objectPath(const QString &object)
{
    const auto o = Soql::name(object);
    if (!o || object.contains(u'.'))
        return fail(u"INVALID_SOQL_NAME"_s, u"'%1' is not a valid sObject name."_s.arg(object.left(80)));
    return u"sobjects/"_s + object;
}

Result<QString> CompositeGraph::recordPath(const QString &object, const QString &id)
{
    const auto base = objectPath(object);
    if (!base)
        return base;
    if (!validRecordId(id))
        return fail(u"MALFORMED_ID"_s, u"'%1' is not a Salesforce record ID."_s.arg(id.left(40)));
    return *base + u"/"_s + id;
}

Result<QString> CompositeGraph::externalIdPath(const QString &object, const QString &field, const QString &value)
{
    const auto base = objectPath(object);
    if (!base)
        return base;
    if (!Soql::isValidName(field) || field.contains(u'.'))
        return fail(u"INVALID_SOQL_NAME"_s, u"'%1' is not a valid field name."_s.arg(field.left(80)));
    if (value.isEmpty())
        return fail(u"MISSING_EXTERNAL_ID"_s, u"An upsert needs a non-empty external ID value for %1."_s.arg(field));
    if (!isUrlSafeExternalId(value))
        return fail(u"EXTERNAL_ID_NOT_URL_SAFE"_s,
                    u"The external ID '%1' cannot be used in a URL (it contains '/' or is a dot segment)."_s.arg(value.left(80)),
                    u"Upsert it through sObject Collections (SalesforceClient::upsertRecords), which sends it in the body."_s);
    return *base + u"/"_s + field + u"/"_s + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

bool CompositeGraph::isUrlSafeExternalId(const QString &value)
{
    return !value.contains(u'/') && value != u"."_s && value != u".."_s;
}

Result<QString> CompositeGraph::addNode(const QString &method, const QString &path, const QJsonObject &body,
                                        const QString &referenceId)
{
    if (m_nodes.size() >= MaxNodes)
        return fail(u"GRAPH_TOO_LARGE"_s, u"A composite graph holds at most %1 nodes."_s.arg(MaxNodes));
    if (!validReferenceId(referenceId))
        return fail(u"INVALID_REFERENCE_ID"_s, u"'%1' is not a valid reference ID."_s.arg(referenceId.left(80)));
    for (const Node &n : std::as_const(m_nodes)) {
        if (n.referenceId == referenceId)
            return fail(u"INVALID_REFERENCE_ID"_s, u"The reference ID '%1' is used twice in a graph."_s.arg(referenceId));
    }
    m_nodes.append(Node{method, path, body, referenceId});
    return referenceId;
}

Result<QString> CompositeGraph::addCreate(const QString &object, const QJsonObject &fields, const QString &referenceId)
{
    const auto path = objectPath(object);
    if (!path)
        return path;
    return addNode(u"POST"_s, *path, fields, referenceId);
}

Result<QString> CompositeGraph::addUpdate(const QString &object, const QString &id, const QJsonObject &fields,
                                          const QString &referenceId)
{
    const auto path = recordPath(object, id);
    if (!path)
        return path;
    return addNode(u"PATCH"_s, *path, fields, referenceId);
}

Result<QString> CompositeGraph::addUpsert(const QString &object, const QString &externalIdField, const QString &externalId,
                                          const QJsonObject &fields, const QString &referenceId)
{
    const auto path = externalIdPath(object, externalIdField, externalId);
    if (!path)
        return path;
    return addNode(u"PATCH"_s, *path, fields, referenceId);
}

bool CompositeGraph::isIdempotent() const
{
    for (const Node &n : m_nodes) {
        if (n.method == u"POST"_s)
            return false;
    }
    return true;
}

QJsonObject CompositeGraph::toJson(const QString &apiVersion) const
{
    QJsonArray requests;
    for (const Node &n : m_nodes) {
        QJsonObject r{{u"method"_s, n.method},
                      {u"url"_s, QString(u"/services/data/v"_s + apiVersion + u"/"_s + n.path)},
                      {u"referenceId"_s, n.referenceId}};
        if (n.method != u"GET"_s && n.method != u"DELETE"_s) {
            r.insert(u"body"_s, n.body);
            if (!m_writeHeaders.isEmpty())
                r.insert(u"httpHeaders"_s, m_writeHeaders);
        }
        requests.append(r);
    }
    return QJsonObject{{u"graphId"_s, m_graphId}, {u"compositeRequest"_s, requests}};
}

} // namespace OrderBridge
