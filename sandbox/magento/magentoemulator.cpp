#include "magentoemulator.h"

#include "currencyrates.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QUrl>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

/// Drops the entity_id that made EAV-style documents filterable from the items of a search reply.
HttpResponse withoutFilterKey(HttpResponse response)
{
    if (response.status != 200)
        return response;
    QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QJsonArray items = body.value(u"items"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject o = items.at(i).toObject();
        o.remove(u"entity_id"_s);
        items.replace(i, o);
    }
    body.insert(u"items"_s, items);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

constexpr qint64 kAdminTokenLifetime = 4 * 3600;

// Columns of the tables behind the searches: a filter or sort on anything else is an SQL error in
// Magento, which reaches the client as a masked 500.
const QStringList &orderColumns()
{
    static const QStringList columns = QStringLiteral(
        "adjustment_negative,adjustment_positive,applied_rule_ids,base_adjustment_negative,base_adjustment_positive,"
        "base_currency_code,base_discount_amount,base_discount_canceled,base_discount_invoiced,base_discount_refunded,"
        "base_discount_tax_compensation_amount,base_grand_total,base_shipping_amount,base_shipping_canceled,"
        "base_shipping_discount_amount,base_shipping_incl_tax,base_shipping_invoiced,base_shipping_refunded,"
        "base_shipping_tax_amount,base_subtotal,base_subtotal_canceled,base_subtotal_incl_tax,base_subtotal_invoiced,"
        "base_subtotal_refunded,base_tax_amount,base_tax_canceled,base_tax_invoiced,base_tax_refunded,"
        "base_to_global_rate,base_to_order_rate,base_total_canceled,base_total_due,base_total_invoiced,"
        "base_total_offline_refunded,base_total_paid,base_total_qty_ordered,base_total_refunded,billing_address_id,"
        "coupon_code,created_at,customer_dob,customer_email,customer_firstname,customer_gender,customer_group_id,"
        "customer_id,customer_is_guest,customer_lastname,customer_middlename,customer_note,customer_note_notify,"
        "discount_amount,discount_canceled,discount_description,discount_invoiced,discount_refunded,email_sent,"
        "entity_id,ext_customer_id,ext_order_id,global_currency_code,grand_total,hold_before_state,hold_before_status,"
        "increment_id,is_virtual,order_currency_code,protect_code,quote_id,remote_ip,shipping_amount,shipping_canceled,"
        "shipping_description,shipping_discount_amount,shipping_incl_tax,shipping_invoiced,shipping_refunded,"
        "shipping_tax_amount,state,status,store_currency_code,store_id,store_name,subtotal,subtotal_canceled,"
        "subtotal_incl_tax,subtotal_invoiced,subtotal_refunded,tax_amount,tax_canceled,tax_invoiced,tax_refunded,"
        "total_canceled,total_due,total_invoiced,total_item_count,total_offline_refunded,total_online_refunded,"
        "total_paid,total_qty_ordered,total_refunded,updated_at,weight").split(u',');
    return columns;
}

const QStringList &invoiceColumns()
{
    static const QStringList columns = QStringLiteral(
        "entity_id,order_id,increment_id,state,store_id,email_sent,can_void_flag,billing_address_id,"
        "shipping_address_id,base_currency_code,global_currency_code,order_currency_code,store_currency_code,"
        "subtotal,base_subtotal,subtotal_incl_tax,base_subtotal_incl_tax,tax_amount,base_tax_amount,shipping_amount,"
        "base_shipping_amount,shipping_incl_tax,base_shipping_incl_tax,discount_amount,base_discount_amount,"
        "grand_total,base_grand_total,total_qty,created_at,updated_at,transaction_id").split(u',');
    return columns;
}

const QStringList &shipmentColumns()
{
    static const QStringList columns = QStringLiteral(
        "entity_id,order_id,increment_id,store_id,customer_id,billing_address_id,shipping_address_id,total_qty,"
        "total_weight,email_sent,shipment_status,created_at,updated_at").split(u',');
    return columns;
}

QByteArray jsonString(const QString &s)
{
    // A bare JSON string literal, as Magento answers token requests.
    const QByteArray wrapped = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

HttpResponse scalar(const QByteArray &json)
{
    return HttpResponse::raw(200, json, "application/json; charset=utf-8");
}

QString derivedSecret(quint64 seed, const char *purpose, int length)
{
    const QByteArray input = "orderbridge-sandbox/" + QByteArray::number(seed) + '/' + purpose;
    const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
    return QString::fromLatin1(digest.left(length));
}

MagentoError requiredField(const QString &field)
{
    return MagentoError{400, u"\"%fieldName\" is required. Enter and try again."_s, QJsonObject{{u"fieldName"_s, field}}};
}

std::optional<int> intArg(const QString &s)
{
    bool ok = false;
    const int v = s.toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

MagentoError invalidType(const QString &value, const QString &type)
{
    return MagentoError{400, u"The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again."_s,
                        QJsonObject{{u"value"_s, value}, {u"type"_s, type}}};
}

MagentoError entityNotFound()
{
    return MagentoError{404, u"The entity that was requested doesn't exist. Verify the entity and try again."_s, {}};
}

HttpResponse boolResponse(bool v)
{
    return scalar(v ? "true" : "false");
}

// The "fields" parameter trims a response: fields=items[entity_id,increment_id,status_histories[comment]],total_count.
struct FieldSpec
{
    QString name;
    QList<FieldSpec> children;
};

QList<FieldSpec> parseFields(const QString &text, qsizetype &pos)
{
    QList<FieldSpec> out;
    FieldSpec current;
    while (pos < text.size()) {
        const QChar c = text.at(pos++);
        if (c == u'[') {
            current.children = parseFields(text, pos);
        } else if (c == u',' || c == u']') {
            if (!current.name.trimmed().isEmpty()) {
                current.name = current.name.trimmed();
                out.append(current);
            }
            current = FieldSpec();
            if (c == u']')
                return out;
        } else {
            current.name += c;
        }
    }
    if (!current.name.trimmed().isEmpty()) {
        current.name = current.name.trimmed();
        out.append(current);
    }
    return out;
}

QJsonValue applyFields(const QJsonValue &value, const QList<FieldSpec> &fields)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const auto &v : value.toArray())
            out.append(applyFields(v, fields));
        return out;
    }
    if (!value.isObject())
        return value;
    const QJsonObject in = value.toObject();
    QJsonObject out;
    for (const FieldSpec &f : fields) {
        if (!in.contains(f.name))
            continue;
        out.insert(f.name, f.children.isEmpty() ? in.value(f.name) : applyFields(in.value(f.name), f.children));
    }
    return out;
}

} // namespace

MagentoEmulator::MagentoEmulator(const SandboxConfig &config, const Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_catalog(catalog)
    , m_store(catalog, config.seed, config.orders)
    , m_oauthCredentials{derivedSecret(config.seed, "consumer-key", 32), derivedSecret(config.seed, "consumer-secret", 32),
                         derivedSecret(config.seed, "access-token", 32), derivedSecret(config.seed, "token-secret", 32), 1}
    , m_oauth(m_oauthCredentials, config.scheme().toLatin1())
    , m_adminUser(u"admin"_s)
    , m_adminPassword(u"Sandbox-"_s + derivedSecret(config.seed, "admin-password", 12))
    , m_integrationToken(derivedSecret(config.seed, "integration-token", 32))
{
    if (config.magentoCurrencies.size() == 2)
        m_store.setDisplayCurrency(config.magentoCurrencies.at(1), unitsPerUsd(config.magentoCurrencies.at(1)));
    QList<MagentoStore::StoreView> views;
    for (const StoreViewConfig &view : config.stores) {
        const int id = int(views.size()) + 1;
        views.append({id, view.code, id == 1 ? u"Default Store View"_s : QString(view.code.toUpper() + u" Store View"_s)});
    }
    m_store.setStoreViews(views);
    SandboxHttpServer::Options options;
    options.latencyMs = config.latencyMs;
    options.faultRate = config.faultRate;
    options.seed = config.seed;
    options.tls = config.tls;
    m_server = new SandboxHttpServer(options, this);
    m_server->setHandler([this](const HttpRequest &request) { return handle(request); });
    m_server->setFaultResponder([this](FaultKind kind, const HttpRequest &) { return faultResponse(kind); });
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(250);
    connect(&m_saveTimer, &QTimer::timeout, this, &MagentoEmulator::saveState);
    m_warmTimer.setInterval(0);
    connect(&m_warmTimer, &QTimer::timeout, this, [this] {
        if (!m_store.materializeSome(10))
            m_warmTimer.stop();
    });
    registerRoutes();
}

MagentoEmulator::~MagentoEmulator() = default;

bool MagentoEmulator::start(QString *error)
{
    if (!m_config.stateFile.isEmpty() && QFile::exists(m_config.stateFile)) {
        QFile file(m_config.stateFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the state file %1: %2"_s.arg(m_config.stateFile, file.errorString());
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        QString why;
        if (!doc.isObject() || !m_store.fromState(doc.object(), &why)) {
            *error = u"the state file %1 is not usable (%2); delete it to start from the seeded store"_s.arg(
                m_config.stateFile, doc.isObject() ? why : parseError.errorString());
            return false;
        }
        m_savedRevision = m_store.revision();
    }
    m_port = m_server->listen(m_config.host, m_config.magentoPort);
    if (m_port == 0) {
        *error = u"cannot listen on %1:%2"_s.arg(m_config.host.toString()).arg(m_config.magentoPort);
        return false;
    }
    m_warmTimer.start();
    return true;
}

quint16 MagentoEmulator::port() const
{
    return m_port;
}

QJsonObject MagentoEmulator::readyInfo() const
{
    return QJsonObject{{u"base_url"_s, u"%1://%2:%3"_s.arg(m_config.scheme(), m_config.host.toString()).arg(m_port)},
                       {u"admin_username"_s, m_adminUser},
                       {u"admin_password"_s, m_adminPassword},
                       {u"integration_token"_s, m_integrationToken},
                       {u"consumer_key"_s, m_oauthCredentials.consumerKey},
                       {u"consumer_secret"_s, m_oauthCredentials.consumerSecret},
                       {u"access_token"_s, m_oauthCredentials.accessToken},
                       {u"access_token_secret"_s, m_oauthCredentials.accessTokenSecret},
                       {u"orders"_s, m_store.orderCount()},
                       {u"currencies"_s, QJsonArray::fromStringList(m_config.magentoCurrencies)}};
}

void MagentoEmulator::saveState()
{
    m_saveTimer.stop();
    if (m_config.stateFile.isEmpty())
        return;
    QSaveFile file(m_config.stateFile);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "orderbridge-sandbox: cannot write %s: %s\n", qPrintable(m_config.stateFile),
                     qPrintable(file.errorString()));
        return;
    }
    file.write(QJsonDocument(m_store.toState()).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        std::fprintf(stderr, "orderbridge-sandbox: cannot write %s: %s\n", qPrintable(m_config.stateFile),
                     qPrintable(file.errorString()));
        return;
    }
    m_savedRevision = m_store.revision();
}

void MagentoEmulator::scheduleSave()
{
    if (!m_config.stateFile.isEmpty() && m_store.revision() != m_savedRevision && !m_saveTimer.isActive())
        m_saveTimer.start();
}

HttpResponse MagentoEmulator::serverError() const
{
    // Magento hides the cause outside developer mode and points at the log by a report id.
    const qint64 us = QDateTime::currentMSecsSinceEpoch() * 1000 + QRandomGenerator::global()->bounded(1000);
    const QString id = u"webapi-"_s + QString::number(us / 1000000, 16) + u"%1"_s.arg(us % 1000000 % 0xfffff, 5, 16, QChar(u'0'));
    return MagentoError{500, u"Internal Error. Details are available in Magento log file. Report ID: %1"_s.arg(id), {}}
        .toResponse();
}

HttpResponse MagentoEmulator::faultResponse(FaultKind kind) const
{
    if (kind == FaultKind::Unavailable) {
        return HttpResponse::raw(503,
                                 "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
                                 "<center><h1>503 Service Temporarily Unavailable</h1></center>"
                                 "<hr><center>nginx</center></body></html>",
                                 "text/html");
    }
    return serverError(); // ServerError, and Magento's own transient faults (lock wait timeouts) are masked too
}

void MagentoEmulator::addRoute(const char *method, const QString &pattern, const QString &resource,
                               RouteHandler handler)
{
    Route r;
    r.method = method;
    r.pattern = pattern;
    r.segments = pattern.split(u'/', Qt::SkipEmptyParts);
    r.resource = resource;
    r.handler = std::move(handler);
    m_routes.append(std::move(r));
}

int MagentoEmulator::storeIndex(const QString &code) const
{
    if (code == u"all"_s || code == u"default"_s)
        return 0;
    for (qsizetype i = 0; i < m_config.stores.size(); ++i) {
        if (m_config.stores.at(i).code == code)
            return int(i);
    }
    return -1;
}

HttpResponse MagentoEmulator::handle(const HttpRequest &request)
{
    if (request.path.startsWith(u"/__sandbox/"_s))
        return handleControl(request);
    ++m_requests;
    HttpResponse response;
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() >= 2 && parts.at(0) == u"rest"_s) {
        qsizetype v1 = 1;
        m_requestStore = 0;
        if (parts.at(1) != u"V1"_s) {
            if (parts.size() >= 3 && parts.at(2) == u"V1"_s) {
                m_requestStore = storeIndex(parts.at(1));
                if (m_requestStore < 0) {
                    m_byRoute[QString::fromLatin1(request.method) + u" (unknown store)"_s] += 1;
                    return MagentoError{400, u"The store that was requested wasn't found. Verify the store and try again."_s, {}}
                        .toResponse();
                }
                v1 = 2;
            } else {
                v1 = -1;
            }
        }
        if (v1 > 0)
            response = handleApi(request, u'/' + parts.mid(v1).join(u'/'));
        else
            response = MagentoError{404, u"Request does not match any route."_s, {}}.toResponse();
    } else {
        response = HttpResponse::raw(404, "<!doctype html><html><head><title>404 Not Found</title></head>"
                                          "<body><h1>Whoops, our bad...</h1></body></html>",
                                     "text/html; charset=UTF-8");
    }
    m_byRoute[response.routeKey.isEmpty() ? QString::fromLatin1(request.method) + u" (unmatched)"_s : response.routeKey] += 1;
    if (request.method != "GET")
        scheduleSave();
    return response;
}

bool MagentoEmulator::isAdmin(const HttpRequest &request, std::optional<MagentoError> *oauthError)
{
    const QByteArray auth = request.header("Authorization").trimmed();
    if (m_integrationRevoked && (auth.startsWith("Bearer ") || OAuthVerifier::isOAuthRequest(request)))
        return false;
    if (auth.startsWith("Bearer ")) {
        const QString token = QString::fromUtf8(auth.mid(7).trimmed());
        // With "Allow OAuth Access Tokens to be used as standalone Bearer tokens" = No (2.4.4+ default) the
        // integration's token identifies nobody: the request runs as a guest and the ACL check refuses it.
        if (token == m_integrationToken)
            return m_config.magentoIntegrationBearer;
        const auto it = m_adminTokens.constFind(token);
        return it != m_adminTokens.constEnd() && *it > QDateTime::currentSecsSinceEpoch();
    }
    if (OAuthVerifier::isOAuthRequest(request)) {
        const auto ok = m_oauth.verify(request, QDateTime::currentSecsSinceEpoch());
        if (!ok)
            *oauthError = ok.error();
        return ok.has_value();
    }
    return false;
}

HttpResponse MagentoEmulator::handleApi(const HttpRequest &request, const QString &apiPath)
{
    static const QList<QByteArray> knownMethods{"GET", "POST", "PUT", "DELETE"};
    if (!knownMethods.contains(request.method)) {
        HttpResponse r = MagentoError{405, u"Request method is invalid."_s, {}}.toResponse();
        r.routeKey = QString::fromLatin1(request.method) + u" (invalid method)"_s;
        return r;
    }
    const QStringList segments = apiPath.split(u'/', Qt::SkipEmptyParts);
    for (const Route &route : m_routes) {
        if (route.method != request.method || route.segments.size() != segments.size())
            continue;
        QStringList args;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            if (route.segments.at(i).startsWith(u'{'))
                args.append(segments.at(i));
            else
                match = route.segments.at(i) == segments.at(i);
        }
        if (!match)
            continue;
        HttpResponse response;
        std::optional<MagentoError> oauthError;
        const bool admin = route.resource == u"anonymous"_s ? true : isAdmin(request, &oauthError);
        if (oauthError) {
            response = oauthError->toResponse();
        } else if (!admin) {
            response = MagentoError{401, u"The consumer isn't authorized to access %resources."_s,
                                    QJsonObject{{u"resources"_s, route.resource}}}.toResponse();
        } else {
            response = route.handler(request, args);
            const QString fields = decodeQueryComponent(request.query.queryItemValue(u"fields"_s, QUrl::FullyEncoded));
            if (!fields.isEmpty() && response.status == 200) {
                qsizetype pos = 0;
                const QList<FieldSpec> spec = parseFields(fields, pos);
                const QJsonDocument doc = QJsonDocument::fromJson(response.body);
                const QJsonValue trimmed = applyFields(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), spec);
                if (!doc.isNull())
                    response.body = trimmed.isArray() ? QJsonDocument(trimmed.toArray()).toJson(QJsonDocument::Compact)
                                                      : QJsonDocument(trimmed.toObject()).toJson(QJsonDocument::Compact);
            }
        }
        response.routeKey = QString::fromLatin1(route.method) + u' ' + route.pattern;
        return response;
    }
    return MagentoError{404, u"Request does not match any route."_s, {}}.toResponse();
}

HttpResponse MagentoEmulator::handleControl(const HttpRequest &request)
{
    if (request.path == u"/__sandbox/stats"_s && request.method == "GET") {
        QJsonObject byRoute;
        for (auto it = m_byRoute.cbegin(); it != m_byRoute.cend(); ++it)
            byRoute.insert(it.key(), it.value());
        // "prepared": generated orders rendered ahead of time by the idle pass (benchmarks wait for it).
        return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"requests"_s, m_requests}, {u"by_route"_s, byRoute},
                                                                 {u"orders"_s, m_store.orderCount()},
                                                                 {u"prepared"_s, m_store.warmOrders()}}));
    }
    if (request.path == u"/__sandbox/revoke"_s && request.method == "POST") {
        // As an admin deleting the integration and revoking admin tokens: every credential is refused until reset.
        m_integrationRevoked = true;
        m_adminTokens.clear();
        return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"revoked"_s, true}}));
    }
    if (request.path == u"/__sandbox/reset"_s && request.method == "POST") {
        m_integrationRevoked = false;
        m_store.reset();
        m_oauth.clearNonces();
        m_warmTimer.start();
        saveState();
        return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"reset"_s, true}, {u"orders"_s, m_store.orderCount()}}));
    }
    if (request.path == u"/__sandbox/large-order"_s && request.method == "POST")
        return placeLargeOrder(request);
    return HttpResponse::json(404, QJsonDocument(QJsonObject{{u"message"_s, u"Unknown sandbox control path."_s}}));
}

// Test convenience: {"lines": N, "invoice": true, "ship": true, "backdate_seconds": S} places a guest
// order of N lines and, when asked, invoices and ships it in full and then dates it S seconds back
// (a late commit: a row whose timestamps are older than rows other readers have already seen).
HttpResponse MagentoEmulator::placeLargeOrder(const HttpRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const auto placed = m_store.placeLargeOrder(body.value(u"lines"_s).toInt());
    if (!placed)
        return placed.error().toResponse();
    if (body.value(u"invoice"_s).toBool()) {
        if (const auto invoiced = m_store.invoice(*placed, {}); !invoiced)
            return invoiced.error().toResponse();
    }
    if (body.value(u"ship"_s).toBool()) {
        if (const auto shipped = m_store.ship(*placed, {}); !shipped)
            return shipped.error().toResponse();
    }
    if (body.contains(u"backdate_seconds"_s)) {
        if (const auto moved = m_store.backdate(*placed, body.value(u"backdate_seconds"_s).toInteger()); !moved)
            return moved.error().toResponse();
    }
    saveState();
    return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"entity_id"_s, *placed}, {u"orders"_s, m_store.orderCount()}}));
}

namespace {

// The JSON body of a POST, or the error Magento gives for one it cannot decode.
MagentoResult<QJsonObject> jsonBody(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return magentoError(400, u"Decoding error: \nSyntax error"_s);
    return doc.object();
}

} // namespace

HttpResponse MagentoEmulator::adminToken(const HttpRequest &request)
{
    const auto body = jsonBody(request);
    if (!body)
        return body.error().toResponse();
    for (const QString &field : {u"username"_s, u"password"_s}) {
        if (!body->contains(field))
            return requiredField(field).toResponse();
    }
    if (body->value(u"username"_s).toString() != m_adminUser
        || body->value(u"password"_s).toString() != m_adminPassword) {
        return MagentoError{401, u"The account sign-in was incorrect or your account is disabled temporarily. "
                                 "Please wait and try again later."_s, {}}.toResponse();
    }
    if (m_config.magentoTwoFactorAuth) {
        // Magento_TwoFactorAuth's AdminAccessTokenService: valid credentials of an admin whose 2FA is set up
        // are answered with a LocalizedException (HTTP 400) naming the user's active providers.
        return MagentoError{400, u"Please use the 2fa provider-specific endpoints to obtain a token."_s,
                            QJsonObject{{u"active_providers"_s, QJsonArray{u"google"_s}}}}.toResponse();
    }
    QString token;
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 32; ++i)
        token += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof(alphabet) - 1))]);
    m_adminTokens.insert(token, QDateTime::currentSecsSinceEpoch() + kAdminTokenLifetime);
    return scalar(jsonString(token));
}

// With the Web API input limits on (2.4.7+, Stores > Configuration > Services > Web API Input Limits):
// Magento\Framework\Webapi\Validator\SearchCriteriaValidator refuses a pageSize above the maximum and
// IOLimit\DefaultPageSizeSetter gives a search without one the default page size.
std::optional<MagentoError> MagentoEmulator::applyInputLimits(SearchCriteria &criteria) const
{
    constexpr int maximumPageSize = 300;
    constexpr int defaultPageSize = 20;
    if (!m_config.magentoInputLimits)
        return std::nullopt;
    if (!criteria.pageSize) {
        criteria.pageSize = defaultPageSize;
        return std::nullopt;
    }
    if (*criteria.pageSize > maximumPageSize)
        return MagentoError{400, u"Maximum SearchCriteria pageSize is %max"_s, QJsonObject{{u"max"_s, maximumPageSize}}};
    return std::nullopt;
}

HttpResponse MagentoEmulator::searchOrders(const HttpRequest &request)
{
    auto criteria = SearchCriteria::fromQuery(request.query);
    if (!criteria)
        return requiredField(u"searchCriteria"_s).toResponse();
    if (auto refused = applyInputLimits(*criteria))
        return refused->toResponse();
    for (const QString &field : criteria->referencedFields()) {
        if (!orderColumns().contains(field))
            return serverError(); // Magento: SQLSTATE[42S22] Column not found, masked
    }
    QList<int> pageIds;
    qsizetype total = 0;
    if (criteria->filterGroups.isEmpty() && criteria->sortOrders.isEmpty()) {
        total = m_store.orderCount();
        const auto [first, count] = criteria->page(total);
        pageIds.reserve(count);
        for (qsizetype i = first; i < first + count; ++i)
            pageIds.append(int(i + 1));
    } else if (auto indexed = m_store.indexedSearch(*criteria)) {
        pageIds = std::move(indexed->ids);
        total = indexed->total;
    } else {
        const QList<int> all = scannedOrders(*criteria);
        total = all.size();
        const auto [first, count] = criteria->page(total);
        pageIds = all.mid(first, count);
    }
    QByteArray body = "{\"items\":[";
    for (qsizetype i = 0; i < pageIds.size(); ++i) {
        if (i > 0)
            body += ',';
        body += m_store.orderBytes(pageIds.at(i));
    }
    body += "],\"search_criteria\":" + QJsonDocument(criteria->toJson()).toJson(QJsonDocument::Compact)
            + ",\"total_count\":" + QByteArray::number(total) + '}';
    return HttpResponse::raw(200, body, "application/json; charset=utf-8");
}

QList<int> MagentoEmulator::scannedOrders(const SearchCriteria &criteria)
{
    // The result does not depend on the page: a client paging with currentPage (a backfill) scans once
    // per store revision, and every further page is a slice of this list.
    SearchCriteria unpaged = criteria;
    unpaged.pageSize.reset();
    unpaged.currentPage.reset();
    const QByteArray key = QJsonDocument(unpaged.toJson()).toJson(QJsonDocument::Compact);
    for (qsizetype i = 0; i < m_scans.size(); ++i) {
        if (m_scans.at(i).key == key && m_scans.at(i).revision == m_store.revision()) {
            m_scans.move(i, 0);
            return m_scans.first().ids;
        }
    }
    m_store.materializeAll();
    QList<const QJsonObject *> matches;
    for (int id = 1; id <= m_store.orderCount(); ++id) {
        const QJsonObject &o = m_store.orderCore(id);
        if (criteria.matches(o))
            matches.append(&o);
    }
    criteria.sort(matches, u"entity_id"_s);
    QList<int> ids;
    ids.reserve(matches.size());
    for (const QJsonObject *o : std::as_const(matches))
        ids.append(o->value(u"entity_id"_s).toInt());
    constexpr qsizetype kKeptScans = 4;
    m_scans.prepend(ScanResult{key, m_store.revision(), ids});
    if (m_scans.size() > kKeptScans)
        m_scans.removeLast();
    return ids;
}

HttpResponse MagentoEmulator::searchDocuments(const HttpRequest &request, const QMap<int, QJsonObject> &documents,
                                              const QStringList &columns)
{
    auto criteria = SearchCriteria::fromQuery(request.query);
    if (!criteria)
        return requiredField(u"searchCriteria"_s).toResponse();
    if (auto refused = applyInputLimits(*criteria))
        return refused->toResponse();
    for (const QString &field : criteria->referencedFields()) {
        if (!columns.contains(field))
            return serverError();
    }
    QList<const QJsonObject *> matches;
    for (const QJsonObject &d : documents) {
        if (criteria->matches(d))
            matches.append(&d);
    }
    criteria->sort(matches, u"entity_id"_s);
    const auto [first, count] = criteria->page(matches.size());
    QJsonArray items;
    for (qsizetype i = first; i < first + count; ++i)
        items.append(*matches.at(i));
    return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"items"_s, items},
                                                             {u"search_criteria"_s, criteria->toJson()},
                                                             {u"total_count"_s, matches.size()}}));
}

HttpResponse MagentoEmulator::searchProducts(const HttpRequest &request)
{
    QMap<int, QJsonObject> products;
    for (const CatalogProduct &p : m_catalog.products) {
        QJsonObject o = m_store.productJson(p);
        o.insert(u"entity_id"_s, p.id); // filterable like the EAV table's key, removed from the output below
        products.insert(p.id, o);
    }
    QStringList columns{u"entity_id"_s, u"id"_s, u"sku"_s, u"name"_s, u"price"_s, u"status"_s, u"visibility"_s,
                        u"type_id"_s, u"created_at"_s, u"updated_at"_s, u"attribute_set_id"_s, u"weight"_s};
    return withoutFilterKey(searchDocuments(request, products, columns));
}

void MagentoEmulator::registerRoutes()
{
    const QString view = u"Magento_Sales::actions_view"_s;

    addRoute("POST", u"/V1/integration/admin/token"_s, u"anonymous"_s,
             [this](const HttpRequest &r, const QStringList &) { return adminToken(r); });

    addRoute("GET", u"/V1/orders"_s, view, [this](const HttpRequest &r, const QStringList &) { return searchOrders(r); });

    addRoute("GET", u"/V1/orders/{id}"_s, view, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        if (!m_store.hasOrder(*id))
            return entityNotFound().toResponse();
        return HttpResponse::raw(200, m_store.orderBytes(*id), "application/json; charset=utf-8");
    });

    addRoute("GET", u"/V1/orders/{id}/comments"_s, view, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        QJsonArray items;
        if (m_store.hasOrder(*id)) {
            const QJsonArray histories = m_store.orderCore(*id).value(u"status_histories"_s).toArray();
            for (qsizetype i = histories.size() - 1; i >= 0; --i)
                items.append(histories.at(i));
        }
        const QJsonObject criteria{{u"filter_groups"_s, QJsonArray{QJsonObject{{u"filters"_s, QJsonArray{QJsonObject{
            {u"field"_s, u"parent_id"_s}, {u"value"_s, QString::number(*id)}, {u"condition_type"_s, u"eq"_s}}}}}}}};
        return HttpResponse::json(200, QJsonDocument(QJsonObject{
            {u"items"_s, items}, {u"search_criteria"_s, criteria}, {u"total_count"_s, items.size()}}));
    });

    addRoute("POST", u"/V1/orders/{id}/comments"_s, u"Magento_Sales::comment"_s,
             [this](const HttpRequest &r, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        if (!body->value(u"statusHistory"_s).isObject())
            return requiredField(u"statusHistory"_s).toResponse();
        const auto done = m_store.addComment(*id, body->value(u"statusHistory"_s).toObject());
        return done ? boolResponse(*done) : done.error().toResponse();
    });

    struct OrderAction
    {
        const char16_t *name;
        const char16_t *resource;
        MagentoResult<bool> (MagentoStore::*action)(int);
    };
    static const OrderAction actions[] = {
        {u"cancel", u"Magento_Sales::cancel", &MagentoStore::cancel},
        {u"hold", u"Magento_Sales::hold", &MagentoStore::hold},
        {u"unhold", u"Magento_Sales::unhold", &MagentoStore::unhold},
    };
    for (const auto &act : actions) {
        const auto method = act.action;
        addRoute("POST", u"/V1/orders/{id}/"_s + QString::fromUtf16(act.name), QString::fromUtf16(act.resource),
                 [this, method](const HttpRequest &, const QStringList &a) {
            const auto id = intArg(a.at(0));
            if (!id)
                return invalidType(a.at(0), u"int"_s).toResponse();
            const auto done = (m_store.*method)(*id);
            return done ? boolResponse(*done) : done.error().toResponse();
        });
    }

    addRoute("POST", u"/V1/order/{orderId}/invoice"_s, u"Magento_Sales::sales_invoice"_s,
             [this](const HttpRequest &r, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        const auto done = m_store.invoice(*id, *body);
        return done ? scalar(QByteArray::number(*done)) : done.error().toResponse();
    });

    addRoute("POST", u"/V1/order/{orderId}/ship"_s, u"Magento_Sales::ship"_s,
             [this](const HttpRequest &r, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        const auto done = m_store.ship(*id, *body);
        return done ? scalar(QByteArray::number(*done)) : done.error().toResponse();
    });

    addRoute("GET", u"/V1/invoices"_s, u"Magento_Sales::sales_invoice"_s, [this](const HttpRequest &r, const QStringList &) {
        m_store.materializeAll();
        return searchDocuments(r, m_store.invoices(), invoiceColumns());
    });
    addRoute("GET", u"/V1/invoices/{id}"_s, u"Magento_Sales::sales_invoice"_s, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        if (*id >= 1 && *id <= m_store.generatedOrders())
            (void)m_store.orderCore(*id); // a generated invoice shares its order's id
        if (!m_store.invoices().contains(*id))
            return entityNotFound().toResponse();
        return HttpResponse::json(200, QJsonDocument(m_store.invoices().value(*id)));
    });
    addRoute("GET", u"/V1/shipments"_s, u"Magento_Sales::shipment"_s, [this](const HttpRequest &r, const QStringList &) {
        m_store.materializeAll();
        return searchDocuments(r, m_store.shipments(), shipmentColumns());
    });
    addRoute("GET", u"/V1/shipment/{id}"_s, u"Magento_Sales::shipment"_s, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        if (*id >= 1 && *id <= m_store.generatedOrders())
            (void)m_store.orderCore(*id);
        if (!m_store.shipments().contains(*id))
            return entityNotFound().toResponse();
        return HttpResponse::json(200, QJsonDocument(m_store.shipments().value(*id)));
    });

    addRoute("GET", u"/V1/products"_s, u"Magento_Catalog::products"_s,
             [this](const HttpRequest &r, const QStringList &) { return searchProducts(r); });
    addRoute("GET", u"/V1/products/{sku}"_s, u"Magento_Catalog::products"_s, [this](const HttpRequest &, const QStringList &a) {
        const CatalogProduct *p = m_catalog.productBySku(a.at(0));
        if (!p)
            return MagentoError{404, u"The product that was requested doesn't exist. Verify the product and try again."_s, {}}
                .toResponse();
        return HttpResponse::json(200, QJsonDocument(m_store.productJson(*p)));
    });

    addRoute("GET", u"/V1/orders/{id}/statuses"_s, view, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        if (!m_store.hasOrder(*id))
            return entityNotFound().toResponse();
        return scalar(jsonString(m_store.orderCore(*id).value(u"status"_s).toString()));
    });
    addRoute("POST", u"/V1/orders/{id}/emails"_s, u"Magento_Sales::emails"_s, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        if (!m_store.hasOrder(*id))
            return entityNotFound().toResponse();
        return boolResponse(true);
    });

    addRoute("GET", u"/V1/customers/search"_s, u"Magento_Customer::customer"_s, [this](const HttpRequest &r, const QStringList &) {
        QMap<int, QJsonObject> customers;
        for (const CatalogCustomer &c : m_catalog.customers) {
            QJsonObject o = m_store.customerJson(c);
            o.insert(u"entity_id"_s, c.id); // filterable like the table's key, removed from the output below
            customers.insert(c.id, o);
        }
        static const QStringList columns{u"entity_id"_s, u"id"_s, u"email"_s, u"firstname"_s, u"lastname"_s, u"group_id"_s,
                                         u"store_id"_s, u"website_id"_s, u"created_at"_s, u"updated_at"_s, u"created_in"_s};
        return withoutFilterKey(searchDocuments(r, customers, columns));
    });
    addRoute("GET", u"/V1/customers/{customerId}"_s, u"Magento_Customer::customer"_s, [this](const HttpRequest &, const QStringList &a) {
        const auto id = intArg(a.at(0));
        if (!id)
            return invalidType(a.at(0), u"int"_s).toResponse();
        for (const CatalogCustomer &c : m_catalog.customers) {
            if (c.id == *id)
                return HttpResponse::json(200, QJsonDocument(m_store.customerJson(c)));
        }
        return MagentoError{404, u"No such entity with %fieldName = %fieldValue"_s,
                            QJsonObject{{u"fieldName"_s, u"customerId"_s}, {u"fieldValue"_s, *id}}}.toResponse();
    });

    // The store structure of a single-website installation, as clients read it when they connect.
    const QString stores = u"Magento_Backend::store"_s;
    addRoute("GET", u"/V1/store/storeViews"_s, stores, [this](const HttpRequest &, const QStringList &) {
        QJsonArray views{QJsonObject{{u"id"_s, 0}, {u"code"_s, u"admin"_s}, {u"name"_s, u"Admin"_s}, {u"website_id"_s, 0},
                                     {u"store_group_id"_s, 0}, {u"is_active"_s, 1}}};
        for (const MagentoStore::StoreView &view : m_store.storeViews()) {
            views.append(QJsonObject{{u"id"_s, view.id}, {u"code"_s, view.code}, {u"name"_s, view.name},
                                     {u"website_id"_s, 1}, {u"store_group_id"_s, 1}, {u"is_active"_s, 1}});
        }
        return HttpResponse::json(200, QJsonDocument(views));
    });
    addRoute("GET", u"/V1/store/websites"_s, stores, [](const HttpRequest &, const QStringList &) {
        return HttpResponse::json(200, QJsonDocument(QJsonArray{
            QJsonObject{{u"id"_s, 0}, {u"code"_s, u"admin"_s}, {u"name"_s, u"Admin"_s}, {u"default_group_id"_s, 0}},
            QJsonObject{{u"id"_s, 1}, {u"code"_s, u"base"_s}, {u"name"_s, u"Main Website"_s}, {u"default_group_id"_s, 1}}}));
    });
    addRoute("GET", u"/V1/store/storeGroups"_s, stores, [](const HttpRequest &, const QStringList &) {
        return HttpResponse::json(200, QJsonDocument(QJsonArray{
            QJsonObject{{u"id"_s, 0}, {u"website_id"_s, 0}, {u"root_category_id"_s, 0}, {u"default_store_id"_s, 0},
                        {u"name"_s, u"Default"_s}, {u"code"_s, u"default"_s}},
            QJsonObject{{u"id"_s, 1}, {u"website_id"_s, 1}, {u"root_category_id"_s, 2}, {u"default_store_id"_s, 1},
                        {u"name"_s, u"Main Website Store"_s}, {u"code"_s, u"main_website_store"_s}}}));
    });
    addRoute("GET", u"/V1/store/storeConfigs"_s, stores, [this](const HttpRequest &, const QStringList &) {
        const QString base = u"%1://%2:%3/"_s.arg(m_config.scheme(), m_config.host.toString()).arg(m_port);
        QJsonArray configs;
        for (qsizetype i = 0; i < m_config.stores.size(); ++i) {
            configs.append(QJsonObject{
                {u"id"_s, int(i) + 1}, {u"code"_s, m_config.stores.at(i).code}, {u"website_id"_s, 1},
                {u"locale"_s, u"en_US"_s}, {u"base_currency_code"_s, u"USD"_s},
                {u"default_display_currency_code"_s, u"USD"_s}, {u"timezone"_s, m_config.stores.at(i).timeZone},
                {u"weight_unit"_s, u"lbs"_s}, {u"base_url"_s, base}, {u"base_link_url"_s, base},
                {u"base_static_url"_s, QString(base + u"static/"_s)}, {u"base_media_url"_s, QString(base + u"media/"_s)},
                {u"secure_base_url"_s, base}, {u"secure_base_link_url"_s, base},
                {u"secure_base_static_url"_s, QString(base + u"static/"_s)},
                {u"secure_base_media_url"_s, QString(base + u"media/"_s)}});
        }
        return HttpResponse::json(200, QJsonDocument(configs));
    });

    addRoute("POST", u"/V1/guest-carts"_s, u"anonymous"_s, [this](const HttpRequest &, const QStringList &) {
        return scalar(jsonString(m_store.createGuestCart(m_requestStore)));
    });
    addRoute("GET", u"/V1/guest-carts/{cartId}/items"_s, u"anonymous"_s, [this](const HttpRequest &, const QStringList &a) {
        const auto items = m_store.cartItems(a.at(0));
        return items ? HttpResponse::json(200, QJsonDocument(*items)) : items.error().toResponse();
    });
    addRoute("POST", u"/V1/guest-carts/{cartId}/items"_s, u"anonymous"_s, [this](const HttpRequest &r, const QStringList &a) {
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        if (!body->value(u"cartItem"_s).isObject())
            return requiredField(u"cartItem"_s).toResponse();
        const auto item = m_store.addCartItem(a.at(0), body->value(u"cartItem"_s).toObject());
        return item ? HttpResponse::json(200, QJsonDocument(*item)) : item.error().toResponse();
    });
    addRoute("POST", u"/V1/guest-carts/{cartId}/shipping-information"_s, u"anonymous"_s,
             [this](const HttpRequest &r, const QStringList &a) {
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        if (!body->value(u"addressInformation"_s).isObject())
            return requiredField(u"addressInformation"_s).toResponse();
        const auto details = m_store.setShippingInformation(a.at(0), body->value(u"addressInformation"_s).toObject());
        return details ? HttpResponse::json(200, QJsonDocument(*details)) : details.error().toResponse();
    });
    addRoute("POST", u"/V1/guest-carts/{cartId}/payment-information"_s, u"anonymous"_s,
             [this](const HttpRequest &r, const QStringList &a) {
        const auto body = jsonBody(r);
        if (!body)
            return body.error().toResponse();
        const auto orderId = m_store.placeGuestOrder(a.at(0), *body);
        return orderId ? scalar(QByteArray::number(*orderId)) : orderId.error().toResponse();
    });
}

} // namespace Sandbox
