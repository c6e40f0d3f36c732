#include "sync/connectionchecker.h"

#include "magento/magentoclient.h"
#include "salesforce/salesforceclient.h"
#include "sync/orgsession.h"
#include "sync/orgsetup.h"

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ConnectionChecker::ConnectionChecker(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_setup(new OrgSetup(session, this))
{
}

ConnectionChecker::~ConnectionChecker() = default;

struct ConnectionChecker::Round
{
    quint64 generation = 0;
    std::optional<ConnectionCheck> magento;
    std::optional<ConnectionCheck> salesforce;
    bool signedIn = false;
    Reply<QList<ConnectionCheck>> reply;
};

void ConnectionChecker::check(Reply<QList<ConnectionCheck>> reply)
{
    if (auto problem = m_session->start()) {
        reply({ConnectionCheck{tr("Connection"), false, problem->toString()}});
        return;
    }
    auto round = std::make_shared<Round>();
    round->generation = m_session->generation();
    round->reply = std::move(reply);
    // Both sides at once: a server that never answers costs one request timeout, not one per side.
    m_session->magento()->testConnection(this, [this, round](Result<qint64> orders) {
        round->magento = orders ? ConnectionCheck{tr("Magento"), true, tr("Signed in; %n order(s) visible.", nullptr, int(*orders))}
                                : ConnectionCheck{tr("Magento"), false, orders.error().toString()};
        finishSides(round);
    });
    m_session->signIn([this, round](std::optional<Error> error) {
        round->signedIn = !error;
        round->salesforce = error ? ConnectionCheck{tr("Salesforce"), false, error->toString()}
                                  : ConnectionCheck{tr("Salesforce"), true,
                                                    tr("Signed in to %1.").arg(m_session->instanceUrl().toString())};
        finishSides(round);
    });
}

void ConnectionChecker::finishSides(const std::shared_ptr<Round> &round)
{
    if (!round->magento || !round->salesforce)
        return;
    if (!m_session->isCurrent(round->generation)) {
        round->reply({ConnectionCheck{tr("Connection"), false, OrgSession::reconfiguredError().toString()}});
        return;
    }
    const QList<ConnectionCheck> checks{*round->magento, *round->salesforce};
    if (!round->signedIn) {
        round->reply(checks);
        return;
    }
    m_setup->compare([checks, reply = round->reply](const OrgSetupReport &report) { reply(checks + report.checks); });
}

} // namespace OrderBridge
