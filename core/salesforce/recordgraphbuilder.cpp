#include "recordgraphbuilder.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

Result<CompositeGraph> RecordGraphBuilder::graph(const WriteGroup &group, const QJsonObject &writeHeaders)
{
    CompositeGraph graph(group.id);
    for (auto it = writeHeaders.begin(); it != writeHeaders.end(); ++it)
        graph.setWriteHeader(it.key(), it.value().toString());
    for (const RecordWrite &write : group.writes) {
        if (Result<QString> added = addWrite(graph, write); !added)
            return std::unexpected(added.error());
    }
    return graph;
}

QJsonObject RecordGraphBuilder::graphJson(const WriteGroup &group, const QString &apiVersion,
                                          const QJsonObject &writeHeaders)
{
    if (group.isEmpty())
        return {};
    const Result<CompositeGraph> built = graph(group, writeHeaders);
    return built ? built->toJson(apiVersion) : QJsonObject();
}

QJsonObject RecordGraphBuilder::body(const RecordWrite &write)
{
    QJsonObject body = write.fields;
    for (auto it = write.references.cbegin(); it != write.references.cend(); ++it)
        body.insert(it.key(), CompositeGraph::reference(it.value()));
    return body;
}

QList<WriteGroup> RecordGraphBuilder::split(const WriteGroup &group, int maxNodes)
{
    if (group.writes.size() <= maxNodes || maxNodes <= 0)
        return {group};
    QList<WriteGroup> parts;
    for (qsizetype start = 0; start < group.writes.size(); start += maxNodes) {
        WriteGroup part;
        part.id = group.id + u"p"_s + QString::number(parts.size() + 1);
        part.writes = group.writes.mid(start, maxNodes);
        parts << part;
    }
    return parts;
}

Result<WriteGroup> RecordGraphBuilder::resolve(const WriteGroup &group, const QHash<QString, QString> &ids)
{
    WriteGroup resolved = group;
    QSet<QString> inside;
    for (RecordWrite &write : resolved.writes) {
        for (auto it = write.references.begin(); it != write.references.end();) {
            if (inside.contains(it.value())) {
                ++it;
                continue;
            }
            const QString id = ids.value(it.value());
            if (id.isEmpty()) {
                return fail(u"UNRESOLVED_REFERENCE"_s,
                            u"The write %1 refers to %2, which no earlier write of the order produced."_s.arg(
                                write.referenceId, it.value()));
            }
            write.fields.insert(it.key(), id);
            it = write.references.erase(it);
        }
        inside.insert(write.referenceId);
    }
    return resolved;
}

Result<QString> RecordGraphBuilder::addWrite(CompositeGraph &graph, const RecordWrite &write)
{
    switch (write.operation) {
    case RecordWrite::Operation::Create:
        return graph.addCreate(write.object, body(write), write.referenceId);
    case RecordWrite::Operation::Update:
        return graph.addUpdate(write.object, write.recordId, body(write), write.referenceId);
    case RecordWrite::Operation::Upsert:
        return graph.addUpsert(write.object, write.externalIdField, write.externalId, body(write), write.referenceId);
    }
    return fail(QStringLiteral("INVALID_WRITE"), QStringLiteral("A record write has no known operation."));
}

} // namespace OrderBridge
