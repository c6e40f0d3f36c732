#include "salesforceflow.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QString salesforceFlowName(SalesforceFlow flow)
{
    switch (flow) {
    case SalesforceFlow::WebServer:
        return u"web_server"_s;
    case SalesforceFlow::UsernamePassword:
        return u"username_password"_s;
    case SalesforceFlow::JwtBearer:
        return u"jwt_bearer"_s;
    }
    return {};
}

std::optional<SalesforceFlow> salesforceFlowFromName(QStringView name)
{
    for (const SalesforceFlow flow : {SalesforceFlow::WebServer, SalesforceFlow::UsernamePassword, SalesforceFlow::JwtBearer}) {
        if (name == salesforceFlowName(flow))
            return flow;
    }
    // Spellings `orderbridge-cli connect salesforce --flow` took before the profile's became the only one.
    if (name == u"browser")
        return SalesforceFlow::WebServer;
    if (name == u"password")
        return SalesforceFlow::UsernamePassword;
    if (name == u"jwt")
        return SalesforceFlow::JwtBearer;
    return std::nullopt;
}

} // namespace OrderBridge
