#pragma once

#include "sfrecordstore.h"
#include "sfrestapi.h"

#include <QHash>
#include <QJsonObject>

namespace Sandbox {

/// /composite (up to 25 subrequests with @{ref.field} references and allOrNone) and /composite/graph
/// (graphs of up to 500 nodes, each all-or-nothing). Subrequests run through SfRestApi.
class SfComposite
{
public:
    SfComposite(SfRecordStore &store, SfRestApi &api);

    [[nodiscard]] SfReply handle(const SfRestApi::Call &call);
    /// In each of the next `calls` /composite/graph calls the first graph rolls back with UNABLE_TO_LOCK_ROW, as
    /// if another transaction held a row it writes (--graph-lock-rows).
    void setLockedCalls(int calls) { m_lockedCalls = calls; }

private:
    struct Outcome
    {
        QJsonArray responses;
        bool success = true;
    };

    [[nodiscard]] SfReply composite(const SfRestApi::Call &call);
    [[nodiscard]] SfReply graph(const SfRestApi::Call &call);
    /// Checks the subrequest list; an error reply when the envelope is wrong.
    [[nodiscard]] std::optional<SfReply> validate(const QJsonArray &requests, bool graphNodes) const;
    [[nodiscard]] Outcome run(const QJsonArray &requests, bool allOrNone, bool graphNodes);

    SfRecordStore &m_store;
    SfRestApi &m_api;
    int m_lockedCalls = 0;
};

} // namespace Sandbox
