#pragma once

#include "common/error.h"
#include "mapping/salesforceschema.h"
#include "store/syncstatus.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace OrderBridge {

/// One value of the org's Order Status picklist with its Status Category (OrderStatus.StatusCode).
struct OrderStatusValue
{
    QString value;    ///< API value written to Order.Status
    QString label;    ///< label shown in Salesforce
    QString category; ///< "Draft" or "Activated"
    bool isDefault = false;

    friend bool operator==(const OrderStatusValue &, const OrderStatusValue &) = default;
};

/// What the console needs to know about the connected org: the live describe of the mapped
/// objects (custom fields included) and the Order Status values with their categories.
struct OrgSchema
{
    SalesforceSchema schema;
    QList<OrderStatusValue> orderStatuses;
    QUrl instanceUrl;

    /// The values of the Draft category (the only ones Default Status may take).
    [[nodiscard]] QList<OrderStatusValue> draftStatuses() const
    {
        QList<OrderStatusValue> draft;
        for (const OrderStatusValue &value : orderStatuses) {
            if (value.category.compare(QLatin1String("Draft"), Qt::CaseInsensitive) == 0)
                draft.append(value);
        }
        return draft;
    }
};

/// One record the next sync of an order would write, beside what Salesforce holds for it now.
struct PreviewRecord
{
    QString object;      ///< sObject type: Order, OrderItem, Account, Contact, Note, Opportunity…
    QString referenceId; ///< the graph node's reference id
    QString operation;   ///< "insert", "update" or "none" (values already equal)
    QString recordId;    ///< Salesforce ID when the record exists
    QJsonObject sending; ///< the exact field values the next sync sends
    QJsonObject current; ///< the same fields' values in Salesforce now (empty on insert)
};

/// The dry run of one order, for the order dialog's preview.
struct OrderPreview
{
    QString incrementId;
    SyncStatus status = SyncStatus::Pending; ///< where the order would stand after the sync
    QString reason; ///< why it is not eligible or skipped, empty otherwise
    Error error;    ///< set when the preview could not be computed or the order would fail
    QList<PreviewRecord> records;
};

} // namespace OrderBridge

Q_DECLARE_METATYPE(OrderBridge::OrderStatusValue)
Q_DECLARE_METATYPE(OrderBridge::OrgSchema)
Q_DECLARE_METATYPE(OrderBridge::OrderPreview)
