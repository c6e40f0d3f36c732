#pragma once

#include "sync/connectioncheck.h"
#include "sync/reply.h"

#include <QList>
#include <QObject>

#include <memory>

namespace OrderBridge {

class OrgSession;
class OrgSetup;

/// The connection test: Magento reachable and signed in, Salesforce signed in, then OrgSetup's
/// comparison of the org with what the mappings need (fields, field-level security, statuses, price book).
class ConnectionChecker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionChecker)

public:
    explicit ConnectionChecker(OrgSession *session, QObject *parent = nullptr);
    ~ConnectionChecker() override;

    /// Runs every check; `reply` gets one line per check (a single failed line when the session
    /// cannot connect at all, e.g. without a connection).
    void check(Reply<QList<ConnectionCheck>> reply);

private:
    struct Round; ///< one check under way: the two sides' answers as they come
    void finishSides(const std::shared_ptr<Round> &round);

    OrgSession *m_session;
    OrgSetup *m_setup;
};

} // namespace OrderBridge
