#pragma once

#include "catalog.h"
#include "sandboxconfig.h"
#include "sandboxhttpserver.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>

#include <memory>
#include <random>

namespace Sandbox {

class SfSchema;
class SfRecordStore;
class SfDataService;
class SfOAuth;
class SfRestApi;
class SfComposite;
class SfRecordPage;
class SfAccess;

/// The emulated Salesforce org on its own loopback port: OAuth, the REST data API, composite resources,
/// limits and the Sforce-Limit-Info header, record pages, statistics and reset.
class SalesforceEmulator : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceEmulator)

public:
    SalesforceEmulator(const SandboxConfig &config, const Catalog &catalog, QObject *parent = nullptr);
    ~SalesforceEmulator() override;

    /// Binds the port; returns false with a message when that fails.
    [[nodiscard]] bool start(QString *error);
    /// The port actually bound.
    [[nodiscard]] quint16 port() const;
    /// The "salesforce" object of the sandbox's ready line.
    [[nodiscard]] QJsonObject readyInfo() const;
    /// Persists the state when a state file was given.
    void saveState();

private:
    HttpResponse handle(const HttpRequest &request);
    HttpResponse dataApi(const HttpRequest &request, const QString &rest);
    HttpResponse faultResponse(FaultKind kind, const HttpRequest &request);
    HttpResponse stats() const;
    HttpResponse reset();
    QJsonObject limits() const;
    void seed();
    bool loadState();
    bool writeKeyFiles(QString *error);
    [[nodiscard]] QByteArray limitInfo() const;
    [[nodiscard]] QString stateFilePath() const;

    SandboxConfig m_config;
    const Catalog &m_catalog;
    SandboxHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    QString m_baseUrl;

    std::unique_ptr<SfSchema> m_schema;
    std::unique_ptr<SfRecordStore> m_store;
    std::unique_ptr<SfDataService> m_data;
    std::unique_ptr<SfOAuth> m_oauth;
    std::unique_ptr<SfRestApi> m_api;
    std::unique_ptr<SfComposite> m_composite;
    std::unique_ptr<SfRecordPage> m_page;
    std::unique_ptr<SfAccess> m_access;

    QTemporaryDir m_keyDir;
    QString m_keyFile;
    QString m_certFile;
    QStringList m_skusWithoutEntries;
    qint64 m_apiUsage = 0;
    QHash<QString, qint64> m_byRoute;
    int m_burstRemaining = 0;
    std::mt19937_64 m_rng;
};

} // namespace Sandbox
