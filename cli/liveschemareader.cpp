#include "liveschemareader.h"

#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/retrypolicy.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"

#include <QNetworkAccessManager>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr int kTimeoutMs = 15000;

} // namespace

LiveSchemaReader::LiveSchemaReader(SalesforceAuthConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{
}

LiveSchemaReader::~LiveSchemaReader() = default;

QString LiveSchemaReader::objectFor(MappingEntity entity)
{
    return entity == MappingEntity::OrderItem ? u"OrderItem"_s : u"Order"_s;
}

Result<SObjectDescribe> LiveSchemaReader::parse(const QString &object, const QJsonObject &describe)
{
    SalesforceResult<SObjectDescribe> parsed = SObjectDescribe::fromJson(describe);
    if (!parsed || parsed->fields.isEmpty()) {
        return fail(u"MALFORMED_RESPONSE"_s, u"The describe of %1 lists no fields."_s.arg(object),
                    u"Check the Salesforce connection (orderbridge-cli test-connection)."_s);
    }
    return std::move(*parsed);
}

SalesforceSchema LiveSchemaReader::merged(const SObjectDescribe &describe)
{
    SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    schema.overlay(describe);
    return schema;
}

void LiveSchemaReader::read(MappingEntity entity, Callback done)
{
    const QString object = objectFor(entity);
    if (const auto cached = m_describes.constFind(object); cached != m_describes.cend()) {
        Result<SalesforceSchema> schema = merged(*cached);
        QMetaObject::invokeMethod(this, [done, schema] { done(schema); }, Qt::QueuedConnection);
        return;
    }
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_auth = new SalesforceAuthenticator(m_network, m_config, this);
        m_client = new SalesforceClient(m_network, m_auth, this);
        // One quick retry: an unreachable org should not hold up the command line for long.
        const RetryPolicy quick(2, 300, 1000);
        m_auth->setRetryPolicy(quick);
        m_client->setRetryPolicy(quick);
        m_client->setRequestTimeout(kTimeoutMs);
    }
    m_client->connectToOrg([this, object, done](SalesforceResult<SalesforceSession> session) {
        if (!session) {
            done(std::unexpected(session.error().toError()));
            return;
        }
        // The raw describe: one API call (SalesforceClient::describe of Order adds an OrderStatus query).
        m_client->send("GET", m_client->dataPath() + u"sobjects/"_s + object + u"/describe"_s, {}, true,
                       [this, object, done](SalesforceResult<SalesforceClient::RawReply> reply) {
                           if (!reply) {
                               done(std::unexpected(reply.error().toError()));
                               return;
                           }
                           Result<SObjectDescribe> describe = parse(object, reply->json.object());
                           if (!describe) {
                               done(std::unexpected(describe.error()));
                               return;
                           }
                           m_describes.insert(object, *describe);
                           done(merged(*describe));
                       });
    });
}

} // namespace OrderBridge
