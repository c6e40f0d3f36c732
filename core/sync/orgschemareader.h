#pragma once

#include "common/error.h"
#include "salesforce/salesforcefieldinfo.h"
#include "sync/consoletypes.h"
#include "sync/reply.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

namespace OrderBridge {

class OrgSession;

/// Reads what the console needs to know of the org: the live describe of Order and OrderItem
/// (custom fields included; cached for the session) and the Order Status values with their Status
/// Category. The result is kept in the session, where the settings update checks Default Status.
class OrgSchemaReader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrgSchemaReader)

public:
    explicit OrgSchemaReader(OrgSession *session, QObject *parent = nullptr);
    ~OrgSchemaReader() override;

    /// Reads the org schema (the describe from the session's cache when it has one).
    void read(Reply<Result<OrgSchema>> reply);
    /// Forgets the cached describe (e.g. after a custom field was added in Salesforce), then read().
    void refresh(Reply<Result<OrgSchema>> reply);

    /// The Order Status values: OrderStatus rows (in their sort order) that the picklist lists as
    /// active, with the labels the picklist gives, then active picklist values OrderStatus lacks.
    [[nodiscard]] static QList<OrderStatusValue> orderStatuses(const QList<QJsonObject> &rows,
                                                               const QList<PicklistValue> &picklist);

private:
    void readStatuses(const Reply<Result<OrgSchema>> &reply);

    OrgSession *m_session;
};

} // namespace OrderBridge
