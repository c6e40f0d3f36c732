#pragma once

#include "salesforceerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrderBridge {

/// One all-or-nothing graph of a /composite/graph request (up to 500 nodes). Node URLs are
/// relative to /services/data/vNN.N/ and built with the *Path() helpers, which validate names and
/// percent-encode external ID values; later nodes refer to earlier ones with reference().
class CompositeGraph
{
public:
    static constexpr int MaxNodes = 500;

    struct Node
    {
        QString method;       // GET, POST, PATCH, DELETE
        QString path;         // relative to /services/data/vNN.N/
        QJsonObject body;
        QString referenceId;
    };

    explicit CompositeGraph(QString graphId);

    /// Adds a node; fails when the graph is full, the reference ID is invalid or already used.
    Result<QString> addNode(const QString &method, const QString &path, const QJsonObject &body,
                            const QString &referenceId);
    /// Convenience nodes.
    Result<QString> addCreate(const QString &object, const QJsonObject &fields, const QString &referenceId);
    Result<QString> addUpdate(const QString &object, const QString &id, const QJsonObject &fields,
                              const QString &referenceId);
    Result<QString> addUpsert(const QString &object, const QString &externalIdField, const QString &externalId,
                              const QJsonObject &fields, const QString &referenceId);

    /// `@{ref.id}` (or another field of the referenced node's result).
    [[nodiscard]] static QString reference(const QString &referenceId, const QString &field = QStringLiteral("id"));
    /// sobjects/{object}
    [[nodiscard]] static Result<QString> objectPath(const QString &object);
    /// sobjects/{object}/{id}
    [[nodiscard]] static Result<QString> recordPath(const QString &object, const QString &id);
    /// sobjects/{object}/{field}/{percent-encoded value}. Salesforce cannot route a value with '/'
    /// (or "." / "..") in a URL even percent-encoded: such values are refused here and must be
    /// upserted through sObject Collections, where the value travels in the body.
    [[nodiscard]] static bool isUrlSafeExternalId(const QString &value);
    /// sobjects/{object}/{field}/{percent-encoded value}
    [[nodiscard]] static Result<QString> externalIdPath(const QString &object, const QString &field, const QString &value);

    /// A request header every write node (POST, PATCH) carries in its httpHeaders: subrequests
    /// inherit only Accept, Authorization and Content-Type from the top-level request.
    void setWriteHeader(const QString &name, const QString &value) { m_writeHeaders.insert(name, value); }
    [[nodiscard]] QJsonObject writeHeaders() const { return m_writeHeaders; }

    [[nodiscard]] QString graphId() const { return m_graphId; }
    [[nodiscard]] int nodeCount() const { return int(m_nodes.size()); }
    [[nodiscard]] const QList<Node> &nodes() const { return m_nodes; }
    /// True when sending the graph twice cannot create duplicates (no POST create nodes).
    [[nodiscard]] bool isIdempotent() const;
    /// {"graphId":…, "compositeRequest":[…]} with URLs under /services/data/v{apiVersion}/.
    [[nodiscard]] QJsonObject toJson(const QString &apiVersion) const;

private:
    QString m_graphId;
    QList<Node> m_nodes;
    QJsonObject m_writeHeaders;
};

} // namespace OrderBridge
