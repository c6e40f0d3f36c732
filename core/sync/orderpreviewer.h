#pragma once

#include "common/error.h"
#include "sync/consoletypes.h"
#include "sync/reply.h"
#include "sync/syncengine.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace OrderBridge {

class OrgSession;
struct MagentoOrder;

/// The order dialog's preview: fetches one order from Magento and plans its sync without writing,
/// giving the records the next sync would send beside what Salesforce holds now.
class OrderPreviewer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderPreviewer)

public:
    explicit OrderPreviewer(OrgSession *session, QObject *parent = nullptr);
    ~OrderPreviewer() override;

    /// `reply` gets the preview; errors and ineligibility are in its error, reason and status.
    void preview(const QString &incrementId, Reply<OrderPreview> reply);

private:
    void fetchAndPlan(const QString &incrementId, quint64 generation, const Reply<OrderPreview> &reply);
    void plan(const MagentoOrder &order, const Reply<OrderPreview> &reply);
    void planWith(const QJsonObject &order, const SyncEngine::Config &config, const Reply<OrderPreview> &reply);
    [[nodiscard]] static OrderPreview failed(const QString &incrementId, const Error &error);

    OrgSession *m_session;
};

} // namespace OrderBridge
