#pragma once

#include "compositegraph.h"
#include "writegroup.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace OrderBridge {

/// Builds the wire format of typed record writes: a WriteGroup becomes one /composite/graph graph,
/// each write one node (Create: POST sobjects/{object}; Update: PATCH sobjects/{object}/{id};
/// Upsert: PATCH sobjects/{object}/{field}/{value}), each reference an `@{referenceId.id}`.
class RecordGraphBuilder
{
public:
    /// The graph of a group, its nodes in the writes' order. Fails with the first write that cannot
    /// be a node: an invalid name or ID, an external ID Salesforce cannot route in a URL, a
    /// reference ID used twice, or more nodes than a graph holds.
    /// `writeHeaders` go into every node's httpHeaders (e.g. the duplicate rule header).
    [[nodiscard]] static Result<CompositeGraph> graph(const WriteGroup &group, const QJsonObject &writeHeaders = {});
    /// The request body of a write: its fields, and each reference as `@{referenceId.id}`.
    [[nodiscard]] static QJsonObject body(const RecordWrite &write);
    /// The graph of a group as JSON, its URLs under /services/data/v{apiVersion}/: what a dry run
    /// shows as the request it would send. Empty for an empty group or one that cannot be a graph.
    [[nodiscard]] static QJsonObject graphJson(const WriteGroup &group, const QString &apiVersion,
                                               const QJsonObject &writeHeaders = {});
    /// A group too large for one graph as consecutive parts of at most `maxNodes` writes each, in
    /// the group's order, with IDs "<group id>p1", "<group id>p2"…; one part (the group itself) when
    /// it fits. A part may reference writes of earlier parts: resolve() fills those in once written.
    [[nodiscard]] static QList<WriteGroup> split(const WriteGroup &group, int maxNodes = CompositeGraph::MaxNodes);
    /// The group with every reference to a write outside it replaced by that write's record ID from
    /// `ids` (reference ID -> ID). Fails naming the first reference that is neither.
    [[nodiscard]] static Result<WriteGroup> resolve(const WriteGroup &group, const QHash<QString, QString> &ids);
    /// Adds one write as a node of `graph`.
    static Result<QString> addWrite(CompositeGraph &graph, const RecordWrite &write);
};

} // namespace OrderBridge
