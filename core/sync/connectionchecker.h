#pragma once

#include "sync/connectioncheck.h"
#include "sync/reply.h"

#include <QList>
#include <QObject>

#include <memory>

namespace OrderBridge {

class OrgSession;

/// The connection test: Magento reachable and signed in, Salesforce signed in, the External ID
/// fields the system mappings write, and the price book the settings name.
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
    using Checks = std::shared_ptr<QList<ConnectionCheck>>;
    void checkSalesforce(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply);
    void checkExternalIds(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply);
    void checkPriceBook(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply);

    OrgSession *m_session;
};

} // namespace OrderBridge
