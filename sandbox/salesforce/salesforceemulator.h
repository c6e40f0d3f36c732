#pragma once

#include "catalog.h"
#include "sandboxconfig.h"
#include "sandboxhttpserver.h"

#include <QJsonObject>
#include <QObject>

namespace Sandbox {

/// The emulated Salesforce API on its own loopback port.
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

    SandboxConfig m_config;
    const Catalog &m_catalog;
    SandboxHttpServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace Sandbox
