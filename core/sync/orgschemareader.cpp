#include "sync/orgschemareader.h"

#include "common/logging.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "sync/orgsession.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

OrgSchemaReader::OrgSchemaReader(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

OrgSchemaReader::~OrgSchemaReader() = default;

void OrgSchemaReader::refresh(Reply<Result<OrgSchema>> reply)
{
    m_session->forgetSchema();
    read(std::move(reply));
}

void OrgSchemaReader::read(Reply<Result<OrgSchema>> reply)
{
    m_session->readLiveSchema([this, reply](std::optional<Error> error) {
        if (error)
            reply(std::unexpected(*error));
        else
            readStatuses(reply);
    });
}

void OrgSchemaReader::readStatuses(const Reply<Result<OrgSchema>> &reply)
{
    const SoqlQuery statuses = SoqlQuery(u"OrderStatus"_s)
                                   .select({u"ApiName"_s, u"MasterLabel"_s, u"StatusCode"_s, u"IsDefault"_s, u"SortOrder"_s})
                                   .orderBy(u"SortOrder"_s);
    m_session->salesforce()->query(statuses, [this, reply, generation = m_session->generation()](SalesforceResult<QList<QJsonObject>> rows) {
        if (!m_session->isCurrent(generation)) {
            reply(std::unexpected(OrgSession::reconfiguredError()));
            return;
        }
        if (!rows) {
            reply(std::unexpected(rows.error().toError()));
            return;
        }
        OrgSchema org;
        org.schema = m_session->schema();
        org.instanceUrl = m_session->instanceUrl();
        org.orderStatuses = orderStatuses(*rows, m_session->statusPicklist());
        m_session->setOrgSchema(org);
        qCInfo(lcSync) << "org schema read:" << org.schema.order.size() << "Order fields," << org.schema.orderItem.size()
                       << "OrderItem fields," << org.orderStatuses.size() << "Order Status values";
        reply(org);
    });
}

QList<OrderStatusValue> OrgSchemaReader::orderStatuses(const QList<QJsonObject> &rows, const QList<PicklistValue> &picklist)
{
    // The picklist says which values are active; OrderStatus says their category.
    QHash<QString, const PicklistValue *> listed;
    for (const PicklistValue &v : picklist)
        listed.insert(v.value, &v);
    QList<OrderStatusValue> values;
    QStringList seen;
    for (const QJsonObject &row : rows) {
        OrderStatusValue value;
        value.value = row.value(u"ApiName"_s).toString();
        value.label = row.value(u"MasterLabel"_s).toString();
        if (value.value.isEmpty())
            value.value = value.label;
        value.category = row.value(u"StatusCode"_s).toString();
        value.isDefault = row.value(u"IsDefault"_s).toBool();
        const PicklistValue *entry = listed.value(value.value);
        if (!picklist.isEmpty() && (!entry || !entry->active))
            continue; // retired value: not offered
        if (value.label.isEmpty() && entry)
            value.label = entry->label;
        values << value;
        seen << value.value;
    }
    for (const PicklistValue &v : picklist) {
        if (!v.active || seen.contains(v.value))
            continue;
        values << OrderStatusValue{v.value, v.label.isEmpty() ? v.value : v.label, v.statusCategory, v.defaultValue};
    }
    return values;
}

} // namespace OrderBridge
