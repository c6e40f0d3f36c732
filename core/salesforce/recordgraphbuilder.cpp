#include "recordgraphbuilder.h"

namespace OrderBridge {

Result<CompositeGraph> RecordGraphBuilder::graph(const WriteGroup &group)
{
    CompositeGraph graph(group.id);
    for (const RecordWrite &write : group.writes) {
        if (Result<QString> added = addWrite(graph, write); !added)
            return std::unexpected(added.error());
    }
    return graph;
}

QJsonObject RecordGraphBuilder::graphJson(const WriteGroup &group, const QString &apiVersion)
{
    if (group.isEmpty())
        return {};
    const Result<CompositeGraph> built = graph(group);
    return built ? built->toJson(apiVersion) : QJsonObject();
}

QJsonObject RecordGraphBuilder::body(const RecordWrite &write)
{
    QJsonObject body = write.fields;
    for (auto it = write.references.cbegin(); it != write.references.cend(); ++it)
        body.insert(it.key(), CompositeGraph::reference(it.value()));
    return body;
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
