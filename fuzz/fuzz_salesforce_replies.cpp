// Salesforce reply parsers: REST error bodies (SalesforceError::parseBody), /composite/graph replies
// (GraphResult::fromReply), sObject Collections / composite save results (SaveResult) and OAuth token
// replies (SalesforceSession::fromTokenReply). The first input byte picks the HTTP status.
#include "salesforce/graphresult.h"
#include "salesforce/salesforceerror.h"
#include "salesforce/salesforcesession.h"
#include "salesforce/saveresult.h"

#include <QJsonDocument>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static constexpr std::array<int, 8> statuses{200, 201, 204, 400, 401, 404, 500, 503};
    const int status = statuses[data[0] % statuses.size()];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));

    // Property: parseBody never returns an empty list (its contract).
    if (SalesforceError::parseBody(body, status).isEmpty()) {
        std::fprintf(stderr, "SalesforceError::parseBody returned no error\n");
        std::abort();
    }
    (void)SalesforceSession::fromTokenReply(status, body, QString());
    (void)SalesforceSession::fromTokenReply(status, body, u"client-secret"_s);

    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        if (const auto graphs = GraphResult::fromReply(doc.object(), status)) {
            for (const GraphResult &g : *graphs)
                (void)g.rootErrors();
        }
        (void)SaveResult::fromJson(doc.object(), status);
    } else if (doc.isArray()) {
        (void)SalesforceError::parseArray(doc.array(), status);
        (void)SaveResult::fromCollection(doc.array(), doc.array().size(), status);
        (void)SaveResult::fromCollection(doc.array(), 1, status);
    }
    return 0;
}
