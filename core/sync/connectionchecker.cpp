#include "sync/connectionchecker.h"

#include "magento/magentoclient.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "store/settingsrepository.h"
#include "sync/orgsession.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

ConnectionChecker::ConnectionChecker(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
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
        checkExternalIds(checks, reply);
    });
}

void ConnectionChecker::checkExternalIds(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply)
{
    // The fields the system mappings write.
    struct Need
    {
        QString object;
        QString field;
    };
    const QList<Need> needs{{u"Order"_s, u"Magento_ID__c"_s}, {u"OrderItem"_s, u"Magento_Item_ID__c"_s},
                            {u"Account"_s, u"Magento_ID__c"_s}, {u"Contact"_s, u"Magento_ID__c"_s}};
    auto remaining = std::make_shared<int>(int(needs.size()));
    for (const Need &need : needs) {
        m_session->salesforce()->describe(need.object, [this, checks, reply, need, remaining](SalesforceResult<SObjectDescribe> d) {
            if (!d) {
                *checks << ConnectionCheck{need.object, false, d.error().toError().toString()};
            } else {
                const SalesforceFieldInfo *f = d->field(need.field);
                const bool ok = f && f->externalId;
                *checks << ConnectionCheck{need.object + u'.' + need.field, ok,
                                           ok ? tr("External ID field present.")
                                              : tr("Missing or not an External ID: create %1 on %2 as Text, "
                                                   "External ID, Unique.").arg(need.field, need.object)};
            }
            if (--*remaining == 0)
                checkPriceBook(checks, reply);
        });
    }
}

void ConnectionChecker::checkPriceBook(const Checks &checks, const Reply<QList<ConnectionCheck>> &reply)
{
    // The price book the settings name.
    auto settings = SettingsRepository(m_session->database()).load();
    const QString book = settings ? settings->priceBook() : Settings().priceBook();
    const SoqlQuery query = SoqlQuery(u"Pricebook2"_s).select({u"Id"_s}).whereEquals(u"Name"_s, book).whereEquals(u"IsActive"_s, true);
    m_session->salesforce()->query(query, [checks, reply, book](SalesforceResult<QList<QJsonObject>> rows) {
        const bool found = rows && !rows->isEmpty();
        *checks << ConnectionCheck{tr("Price book"), found,
                                   found ? tr("'%1' is active.").arg(book)
                                         : tr("No active price book named '%1': create it, or set advanced.price_book.").arg(book)};
        reply(*checks);
    });
}

} // namespace OrderBridge
