#include "sync/connectionchecker.h"

#include "magento/magentoclient.h"
#include "salesforce/salesforceclient.h"
#include "sync/orgsession.h"
#include "sync/orgsetup.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ConnectionChecker::ConnectionChecker(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_setup(new OrgSetup(session, this))
{
}

ConnectionChecker::~ConnectionChecker() = default;

void ConnectionChecker::check(Reply<QList<ConnectionCheck>> reply)
{
    if (auto problem = m_session->start()) {
        reply({ConnectionCheck{tr("Connection"), false, problem->toString()}});
        return;
    }
    auto checks = std::make_shared<QList<ConnectionCheck>>();
    m_session->magento()->testConnection(this, [this, checks, reply, generation = m_session->generation()](Result<qint64> orders) {
        if (!m_session->isCurrent(generation)) {
            *checks << ConnectionCheck{tr("Connection"), false, OrgSession::reconfiguredError().toString()};
            reply(*checks);
            return;
        }
        if (orders)
            *checks << ConnectionCheck{tr("Magento"), true, tr("Signed in; %n order(s) visible.", nullptr, int(*orders))};
        else
            *checks << ConnectionCheck{tr("Magento"), false, orders.error().toString()};
        checkSalesforce(checks, reply);
    });
}

void ConnectionChecker::checkSalesforce(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply)
{
    m_session->signIn([this, checks, reply](std::optional<Error> error) {
        if (error) {
            *checks << ConnectionCheck{tr("Salesforce"), false, error->toString()};
            reply(*checks);
            return;
        }
        *checks << ConnectionCheck{tr("Salesforce"), true, tr("Signed in to %1.").arg(m_session->instanceUrl().toString())};
        checkOrg(checks, reply);
    });
}

void ConnectionChecker::checkOrg(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply)
{
    m_setup->compare([checks, reply](const OrgSetupReport &report) {
        *checks << report.checks;
        reply(*checks);
    });
}

} // namespace OrderBridge
