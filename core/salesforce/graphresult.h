#pragma once

#include "salesforceerror.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace OrderBridge {

/// The outcome of one graph of a /composite/graph call: all its nodes were written, or none.
struct GraphResult
{
    struct Node
    {
        QString referenceId;
        int httpStatus = 0;
        QJsonValue body;
        QString id;        // body.id of a successful write
        bool created = false;
        QList<SalesforceError> errors;

        [[nodiscard]] bool succeeded() const { return httpStatus >= 200 && httpStatus < 300; }
    };

    QString graphId;
    bool isSuccessful = false;
    QList<Node> nodes;
    /// /composite/graph calls the client made again after Salesforce rolled graphs back for UNABLE_TO_LOCK_ROW,
    /// counted on the first graph each such call carried (so the sum over a batch's results is the calls it made).
    int lockRetries = 0;

    [[nodiscard]] const Node *node(const QString &referenceId) const;
    /// The errors that caused the rollback (PROCESSING_HALTED of the other nodes left out), or all
    /// errors when only those are present.
    [[nodiscard]] QList<SalesforceError> rootErrors() const;

    /// Parses the whole reply {"graphs":[…]}.
    [[nodiscard]] static SalesforceResult<QList<GraphResult>> fromReply(const QJsonObject &json, int httpStatus);
};

} // namespace OrderBridge
