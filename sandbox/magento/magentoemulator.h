#pragma once

#include "catalog.h"
#include "magentostore.h"
#include "oauthverifier.h"
#include "sandboxconfig.h"
#include "sandboxhttpserver.h"
#include "searchcriteria.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace Sandbox {

/// The emulated Magento 2.4 REST API on its own loopback port: admin and integration tokens,
/// OAuth 1.0a signed requests, orders with searchCriteria, the order actions, invoices, shipments,
/// the storefront guest checkout and the catalog, with Magento's paths, status codes and error bodies.
class MagentoEmulator : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MagentoEmulator)

public:
    MagentoEmulator(const SandboxConfig &config, const Catalog &catalog, QObject *parent = nullptr);
    ~MagentoEmulator() override;

    /// Loads the state file when one was given and exists, then binds the port; false with a message when that fails.
    [[nodiscard]] bool start(QString *error);
    /// The port actually bound.
    [[nodiscard]] quint16 port() const;
    /// The "magento" object of the sandbox's ready line.
    [[nodiscard]] QJsonObject readyInfo() const;
    /// Persists the state when a state file was given.
    void saveState();

    /// Answers one request (public so that benchmarks and tests can drive it without sockets).
    HttpResponse handle(const HttpRequest &request);

private:
    using RouteHandler = std::function<HttpResponse(const HttpRequest &, const QStringList &args)>;
    struct Route
    {
        QByteArray method;
        QStringList segments; // "{x}" matches any one segment
        QString pattern;      // "/V1/orders/{id}", for statistics
        QString resource;     // ACL resource; "anonymous" needs no authentication
        RouteHandler handler;
    };

    void addRoute(const char *method, const QString &pattern, const QString &resource, RouteHandler handler);
    void registerRoutes();
    HttpResponse handleApi(const HttpRequest &request, const QString &apiPath);
    HttpResponse handleControl(const HttpRequest &request);
    HttpResponse placeLargeOrder(const HttpRequest &request);
    bool isAdmin(const HttpRequest &request, std::optional<MagentoError> *oauthError);
    HttpResponse serverError() const;
    HttpResponse faultResponse(FaultKind kind) const;
    void scheduleSave();

    HttpResponse adminToken(const HttpRequest &request);
    HttpResponse searchOrders(const HttpRequest &request);
    /// The entity ids of every order matching `criteria`, in result order, by a scan of every order
    /// (for criteria the store's search index does not answer); the last few results are kept per revision.
    QList<int> scannedOrders(const SearchCriteria &criteria);
    /// Magento's Web API input limits when --magento-input-limits is on: the refusal, or the default page size set.
    [[nodiscard]] std::optional<MagentoError> applyInputLimits(SearchCriteria &criteria) const;
    HttpResponse searchDocuments(const HttpRequest &request, const QMap<int, QJsonObject> &documents,
                                 const QStringList &columns);
    HttpResponse searchProducts(const HttpRequest &request);

    SandboxConfig m_config;
    const Catalog &m_catalog;
    SandboxHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    MagentoStore m_store;
    OAuthVerifier::Credentials m_oauthCredentials;
    OAuthVerifier m_oauth;
    QString m_adminUser;
    QString m_adminPassword;
    QString m_integrationToken;
    QHash<QString, qint64> m_adminTokens; // token -> expiry (secs since epoch)
    bool m_integrationRevoked = false;    // POST /__sandbox/revoke: the integration's tokens no longer sign in
    QList<Route> m_routes;
    qint64 m_requests = 0;
    QHash<QString, qint64> m_byRoute;
    QTimer m_saveTimer;
    QTimer m_warmTimer; // materializes generated orders while idle, so the first search is quick
    quint64 m_savedRevision = 0;
    struct ScanResult
    {
        QByteArray key; // the criteria without their page
        quint64 revision = 0;
        QList<int> ids;
    };
    QList<ScanResult> m_scans; // most recently used first
    int m_requestStore = 0; // index in the store views of the request's /rest/<code>/ path
    /// The index of a store code of the path ("default" and "all" name the first view); -1 when unknown.
    [[nodiscard]] int storeIndex(const QString &code) const;
};

} // namespace Sandbox
