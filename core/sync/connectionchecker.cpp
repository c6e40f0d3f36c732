#include "sync/connectionchecker.h"

#include "magento/magentoclient.h"
#include "network/cacertificates.h"
#include "salesforce/salesforceclient.h"
#include "sync/orgsession.h"
#include "sync/orgsetup.h"

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// The line's name says which side it is: Salesforce errors carry their own "Salesforce: " prefix
// (SalesforceError::toError), which would read "Salesforce: Salesforce: …".
QString withoutSalesforcePrefix(const QString &text)
{
    if (text.startsWith(u"Salesforce: "_s))
        return text.mid(12);
    if (text.startsWith(u"Salesforce ("_s))
        return text.mid(11);
    return text;
}

// Over https, which certificate authorities the side trusts; plain http (this computer only) checks none.
QString trustNote(const QUrl &url, const QString &caFile)
{
    if (url.scheme() != u"https"_s)
        return {};
    return u" "_s + CaCertificates::describe(caFile);
}

} // namespace

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
    const MagentoConnection &store = m_session->magento()->connection();
    const QString magentoTrust = trustNote(store.baseUrl, store.caFile);
    m_session->magento()->testConnection(this, [this, round, magentoTrust](Result<qint64> orders) {
        round->magento = orders ? ConnectionCheck{tr("Magento"), true,
                                                  tr("Signed in; %n order(s) visible.", nullptr, int(*orders)) + magentoTrust}
                                : ConnectionCheck{tr("Magento"), false, orders.error().toString() + magentoTrust};
        finishSides(round);
    });
    const SalesforceAuthConfig &org = m_session->config().salesforce;
    const QString salesforceTrust = trustNote(org.loginUrl, org.caFile);
    m_session->signIn([this, round, salesforceTrust](std::optional<Error> error) {
        round->signedIn = !error;
        round->salesforce = error ? ConnectionCheck{tr("Salesforce"), false, withoutSalesforcePrefix(error->toString()) + salesforceTrust}
                                  : ConnectionCheck{tr("Salesforce"), true,
                                                    tr("Signed in to %1.").arg(m_session->instanceUrl().toString())
                                                        + salesforceTrust};
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
