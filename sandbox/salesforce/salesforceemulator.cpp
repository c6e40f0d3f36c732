#include "salesforceemulator.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

SalesforceEmulator::SalesforceEmulator(const SandboxConfig &config, const Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_catalog(catalog)
{
    SandboxHttpServer::Options options;
    options.latencyMs = config.latencyMs;
    options.faultRate = config.faultRate;
    options.seed = config.seed;
    m_server = new SandboxHttpServer(options, this);
    m_server->setHandler([this](const HttpRequest &request) { return handle(request); });
}

SalesforceEmulator::~SalesforceEmulator() = default;

bool SalesforceEmulator::start(QString *error)
{
    m_port = m_server->listen(m_config.host, m_config.salesforcePort);
    if (m_port == 0) {
        *error = u"cannot listen on %1:%2"_s.arg(m_config.host.toString()).arg(m_config.salesforcePort);
        return false;
    }
    return true;
}

quint16 SalesforceEmulator::port() const
{
    return m_port;
}

QJsonObject SalesforceEmulator::readyInfo() const
{
    return QJsonObject{{u"base_url"_s, u"http://%1:%2"_s.arg(m_config.host.toString()).arg(m_port)}};
}

void SalesforceEmulator::saveState()
{
}

HttpResponse SalesforceEmulator::handle(const HttpRequest &request)
{
    Q_UNUSED(request);
    return HttpResponse::raw(404, "not implemented yet", "text/plain");
}

} // namespace Sandbox
