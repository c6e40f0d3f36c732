#pragma once

#include "common/error.h"
#include "magentoconnection.h"
#include "magentoretrypolicy.h"
#include "magentosearchcriteria.h"
#include "magentosecrets.h"
#include "magentotypes.h"

#include <QJsonValue>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>

#include <functional>
#include <memory>
#include <optional>
#include <random>

class QNetworkAccessManager;
class QNetworkReply;

namespace OrderBridge {

/// Asynchronous Magento 2 REST client (QtCore + QtNetwork only).
///
/// Result style, used by every operation: the last-but-one argument is a context QObject and the last a
/// callback `std::function<void(Result<T>)>`. The callback runs exactly once, on the client's thread, unless
/// the context object is destroyed first (then never). Pass the object whose lifetime bounds the interest in
/// the answer (a job, the worker); nullptr means "always call". Nothing blocks: no waitFor*, no nested loops.
///
/// Threading: lives on the thread of the QNetworkAccessManager passed in (the sync worker's thread).
/// Reads (GET) are retried on transient failures (5xx, 503/429, dropped connections, timeouts, truncated
/// replies) with exponential backoff and jitter on a QTimer; writes (POST) only when the caller passes
/// RetrySafety::Safe. In admin mode the token is fetched on first use, cached, and renewed once on 401.
/// Secrets are never logged.
class MagentoClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MagentoClient)

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;
    using QueryItems = QList<QPair<QString, QString>>;

    /// Whether a write may be sent again after a failure that leaves its outcome unknown.
    enum class RetrySafety { NotSafe, Safe };

    explicit MagentoClient(QNetworkAccessManager *network, MagentoConnection connection, MagentoSecrets secrets,
                           MagentoRetryPolicy retryPolicy = {}, QObject *parent = nullptr);
    ~MagentoClient() override;

    [[nodiscard]] const MagentoConnection &connection() const { return m_connection; }
    /// The budget of each later call, retries included (calls under way keep theirs).
    void setTimeout(int ms) { m_connection.timeoutMs = ms; }
    /// Replaces the secrets (e.g. after the user re-entered them); drops a cached admin token.
    void setSecrets(const MagentoSecrets &secrets);
    /// Number of HTTP requests sent so far (retries and token requests included).
    [[nodiscard]] int requestsSent() const { return m_requestsSent; }

    /// Logs in (admin mode) and reads one order: the number of orders the credentials can see.
    void testConnection(QObject *context, Callback<qint64> done);

    /// GET /V1/orders with the given searchCriteria.
    void fetchOrders(const MagentoSearchCriteria &criteria, QObject *context, Callback<MagentoOrderPage> done);
    /// GET /V1/orders/{entityId}.
    void fetchOrder(qint64 entityId, QObject *context, Callback<MagentoOrder> done);
    /// GET /V1/orders filtered by increment_id `in` the list (one request; keep lists to a few hundred ids,
    /// the URL grows with them).
    void fetchOrdersByIncrementIds(const QStringList &incrementIds, QObject *context,
                                   Callback<MagentoOrderPage> done);
    /// GET /V1/orders/{orderId}/comments.
    void fetchComments(qint64 orderId, QObject *context, Callback<QList<MagentoComment>> done);
    /// GET /V1/invoices with order_id eq orderId.
    void fetchInvoices(qint64 orderId, QObject *context, Callback<MagentoRecordPage> done);
    /// GET /V1/shipments with order_id eq orderId.
    void fetchShipments(qint64 orderId, QObject *context, Callback<MagentoRecordPage> done);
    /// GET /V1/store/storeConfigs: every store view's code and time zone.
    void fetchStoreConfigs(QObject *context, Callback<QList<MagentoStoreConfig>> done);
    /// GET /V1/products with the given searchCriteria.
    void fetchProducts(const MagentoSearchCriteria &criteria, QObject *context, Callback<MagentoRecordPage> done);

    /// POST /V1/orders/{orderId}/comments.
    void addComment(qint64 orderId, const MagentoNewComment &comment, QObject *context, Callback<bool> done,
                    RetrySafety safety = RetrySafety::NotSafe);
    /// POST /V1/order/{orderId}/invoice: the new invoice's entity_id.
    void createInvoice(qint64 orderId, const MagentoInvoiceRequest &request, QObject *context,
                       Callback<qint64> done, RetrySafety safety = RetrySafety::NotSafe);
    /// POST /V1/order/{orderId}/ship: the new shipment's entity_id.
    void createShipment(qint64 orderId, const MagentoShipmentRequest &request, QObject *context,
                        Callback<qint64> done, RetrySafety safety = RetrySafety::NotSafe);
    /// POST /V1/orders/{orderId}/cancel, /hold, /unhold: Magento's true/false.
    void cancelOrder(qint64 orderId, QObject *context, Callback<bool> done,
                     RetrySafety safety = RetrySafety::NotSafe);
    void holdOrder(qint64 orderId, QObject *context, Callback<bool> done, RetrySafety safety = RetrySafety::NotSafe);
    void unholdOrder(qint64 orderId, QObject *context, Callback<bool> done,
                     RetrySafety safety = RetrySafety::NotSafe);
    /// The storefront guest checkout: guest-carts -> items -> shipping-information -> payment-information.
    /// Yields the new order's entity_id.
    void placeGuestOrder(const MagentoGuestCheckout &checkout, QObject *context, Callback<qint64> done);

    /// Any REST call: `path` is relative to /rest[/store]/V1/ and percent-encoded, `body` undefined for none. The reply body is
    /// parsed as JSON (scalars such as "token" or true included); a 2xx body that is not JSON is an error.
    void request(const QByteArray &verb, const QString &path, const QueryItems &query, const QJsonValue &body,
                 RetrySafety safety, QObject *context, Callback<QJsonValue> done);

    /// The absolute URL of a percent-encoded REST path (without query).
    [[nodiscard]] QUrl endpointUrl(const QString &path) const;

private:
    struct Call;
    struct GuestCheckoutRun;
    void guestCheckoutStep(const std::shared_ptr<GuestCheckoutRun> &run);
    std::shared_ptr<Call> newCall(const QByteArray &verb, const QString &path, const QueryItems &query,
                                  const QJsonValue &body, RetrySafety safety, QObject *context,
                                  Callback<QJsonValue> done);
    void start(const std::shared_ptr<Call> &call);
    void send(const std::shared_ptr<Call> &call);
    void handleFinished(QNetworkReply *reply, const std::shared_ptr<Call> &call);
    void retryLater(const std::shared_ptr<Call> &call, int delay, int status, QNetworkReply::NetworkError networkError);
    void failCall(const std::shared_ptr<Call> &call, QNetworkReply *reply, MagentoFailureKind kind, int status,
                  const QByteArray &body, const Result<QJsonValue> &parsed, bool replayedNonce);
    void finish(const std::shared_ptr<Call> &call, Result<QJsonValue> result);
    void requestAdminToken();
    void handleAdminToken(Result<QJsonValue> result);
    [[nodiscard]] Result<void> validateSecrets() const;
    [[nodiscard]] QByteArray authorizationFor(const QByteArray &verb, const QUrl &url, Call &call) const;

    QPointer<QNetworkAccessManager> m_network;
    MagentoConnection m_connection;
    MagentoSecrets m_secrets;
    MagentoRetryPolicy m_retryPolicy;
    QString m_adminToken;
    bool m_adminTokenPending = false;
    QList<std::shared_ptr<Call>> m_waitingForToken;
    QSet<QNetworkReply *> m_inFlight;
    QSslConfiguration m_tls;          ///< the system's CAs plus the connection's CA file
    std::optional<Error> m_tlsProblem; ///< the CA file could not be read: every call fails with this
    std::mt19937 m_random;
    int m_requestsSent = 0;
};

} // namespace OrderBridge
