#include "salesforceemulator.h"

#include "sfaccess.h"
#include "sfcomposite.h"
#include "sfdataservice.h"
#include "sfid.h"
#include "sfoauth.h"
#include "sfrecordpage.h"
#include "sfrecordstore.h"
#include "sfrestapi.h"
#include "sfschema.h"
#include "sfseeder.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

constexpr int kOldestVersion = 31;
constexpr int kNewestVersion = 68; // Winter '27, current at the sandbox's date

QString releaseLabel(int version)
{
    // v21.0 was Spring '11; three releases a year, Winter counted with the next year.
    const int index = version - 21;
    static const char *const seasons[] = {"Spring", "Summer", "Winter"};
    const int season = ((index % 3) + 3) % 3;
    const int year = 11 + (index - season) / 3 + (season == 2 ? 1 : 0);
    return QString::fromLatin1(seasons[season]) + u" '"_s + QString::number(year).rightJustified(2, u'0');
}

QByteArray derived(quint64 seed, const char *purpose)
{
    return QCryptographicHash::hash(QByteArray(QByteArray::number(seed) + purpose), QCryptographicHash::Sha256);
}

QString base62(const QByteArray &bytes, int length)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString out;
    QByteArray pool = bytes;
    while (out.size() < length) {
        for (const char c : std::as_const(pool)) {
            if (out.size() >= length)
                break;
            out.append(QLatin1Char(alphabet[uchar(c) % 62]));
        }
        pool = QCryptographicHash::hash(pool, QCryptographicHash::Sha256);
    }
    return out;
}

HttpResponse jsonReply(int status, const QJsonValue &body, bool pretty = false)
{
    HttpResponse r;
    r.status = status;
    if (body.isArray())
        r.body = QJsonDocument(body.toArray()).toJson(pretty ? QJsonDocument::Indented : QJsonDocument::Compact);
    else if (body.isObject())
        r.body = QJsonDocument(body.toObject()).toJson(pretty ? QJsonDocument::Indented : QJsonDocument::Compact);
    r.contentType = "application/json;charset=UTF-8";
    return r;
}

HttpResponse errorReply(int status, const QString &code, const QString &message)
{
    return jsonReply(status, QJsonArray{QJsonObject{{u"message"_s, message}, {u"errorCode"_s, code}}});
}

} // namespace

SalesforceEmulator::SalesforceEmulator(const SandboxConfig &config, const Catalog &catalog, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_catalog(catalog)
    , m_rng(config.seed ^ 0x5a1e5f0ceULL)
{
    SandboxHttpServer::Options options;
    options.latencyMs = config.latencyMs;
    options.faultRate = config.faultRate;
    options.seed = config.seed;
    options.tls = config.tls;
    m_server = new SandboxHttpServer(options, this);
    m_server->setHandler([this](const HttpRequest &request) { return handle(request); });
    m_server->setFaultResponder([this](FaultKind kind, const HttpRequest &request) { return faultResponse(kind, request); });

    auto clock = [] { return QDateTime::currentDateTimeUtc(); };
    m_schema = std::make_unique<SfSchema>();
    if (config.freshOrg)
        m_schema->removeCustomFields();
    if (config.personAccounts)
        m_schema->enablePersonAccounts();
    if (config.stateCountryPicklists)
        m_schema->enableStateCountryPicklists();
    if (!config.currencies.isEmpty())
        m_schema->enableMultiCurrency(config.currencies);
    m_store = std::make_unique<SfRecordStore>(*m_schema);
    m_data = std::make_unique<SfDataService>(*m_store, clock);
    m_access = std::make_unique<SfAccess>(*m_schema, *m_store, *m_data);
    m_data->setInsertCheck([this](const QString &type, const QJsonObject &fields) {
        return m_access->checkInsert(type, fields);
    });
    m_data->setUserPermissions([this](const QString &permission) { return m_access->userHas(permission); });
    m_data->setDuplicateRules(config.duplicateRules);

    SfOAuth::Credentials credentials;
    credentials.clientId = u"3MVG9"_s + base62(derived(config.seed, "client-id"), 80);
    credentials.clientSecret = QString::fromLatin1(derived(config.seed, "client-secret").toHex().toUpper());
    credentials.username = u"integration@orderbridge.sandbox"_s;
    credentials.password = u"Sandbox-"_s + base62(derived(config.seed, "password"), 12);
    credentials.securityToken = base62(derived(config.seed, "security-token"), 24);
    credentials.displayName = u"OrderBridge Integration"_s;
    credentials.email = u"integration@orderbridge.sandbox"_s;

    const bool loaded = loadState();
    if (!loaded)
        seed();
    credentials.userId = m_data->currentUser();
    const auto &orgs = m_store->idsOf(u"Organization"_s);
    credentials.orgId = orgs.empty() ? SfId::to18(u"00D5e0000000001"_s) : orgs.front();
    m_oauth = std::make_unique<SfOAuth>(credentials, config.sessionTtlSeconds, clock);
    m_oauth->setPasswordFlowBlocked(config.blockPasswordFlow);
    m_api = std::make_unique<SfRestApi>(*m_store, *m_data);
    m_composite = std::make_unique<SfComposite>(*m_store, *m_api);
    m_composite->setLockedCalls(config.graphLockRows);
    m_api->setCompositeHandler([this](const SfRestApi::Call &call) { return m_composite->handle(call); });
    m_api->setLimitsProvider([this] { return limits(); });
    m_api->setToolingHandler([this](const SfRestApi::Call &call) { return m_access->tooling(call); });
    m_page = std::make_unique<SfRecordPage>(*m_store);
}

SalesforceEmulator::~SalesforceEmulator() = default;

void SalesforceEmulator::seed()
{
    m_store->clear();
    SfSeeder::Options options;
    options.seed = m_config.seed;
    options.missingPriceEntries = m_config.missingPriceEntries;
    options.username = u"integration@orderbridge.sandbox"_s;
    options.email = u"integration@orderbridge.sandbox"_s;
    options.customizeApplication = !m_config.noCustomizeApplication;
    // A fresh org's integration user has neither Order permission until a permission set grants them.
    options.activateOrders = !m_config.freshOrg;
    options.editActivatedOrders = m_config.editActivatedOrders && !m_config.freshOrg;
    options.currencies = m_config.currencies;
    SfSeeder seeder(*m_store, *m_data, m_catalog, options);
    // The org's existing records were entered by people, who may save past a duplicate alert.
    m_data->setAllowDuplicateSave(true);
    m_data->setCurrentUser(seeder.seed());
    m_data->setAllowDuplicateSave(false);
    m_skusWithoutEntries = seeder.skusWithoutEntries();
}

QString SalesforceEmulator::stateFilePath() const
{
    return m_config.stateFile.isEmpty() ? QString() : m_config.stateFile + u".salesforce"_s;
}

bool SalesforceEmulator::loadState()
{
    const QString path = stateFilePath();
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    if (state.value(u"format"_s).toInt() != 1)
        return false;
    m_store->fromJson(state.value(u"store"_s).toObject());
    const auto &users = m_store->idsOf(u"User"_s);
    if (users.empty()) {
        m_store->clear();
        return false;
    }
    m_data->setCurrentUser(users.front());
    m_apiUsage = state.value(u"apiUsage"_s).toInteger();
    for (const auto &v : state.value(u"skusWithoutEntries"_s).toArray())
        m_skusWithoutEntries.append(v.toString());
    // The OAuth part is applied once the OAuth server exists (start()).
    m_keyFile = state.value(u"oauth"_s).toObject().value(u"privateKeyPem"_s).toString();
    return true;
}

void SalesforceEmulator::saveState()
{
    const QString path = stateFilePath();
    if (path.isEmpty())
        return;
    QJsonObject state{{u"format"_s, 1},
                      {u"store"_s, m_store->toJson()},
                      {u"oauth"_s, m_oauth->toJson()},
                      {u"apiUsage"_s, double(m_apiUsage)},
                      {u"skusWithoutEntries"_s, QJsonArray::fromStringList(m_skusWithoutEntries)}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(state).toJson(QJsonDocument::Compact));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit())
        return;
}

bool SalesforceEmulator::writeKeyFiles(QString *error)
{
    // The private key matching the connected app's certificate, for clients that use the JWT bearer flow.
    QString dir;
    if (!m_config.stateFile.isEmpty()) {
        dir = QFileInfo(m_config.stateFile).absolutePath();
        m_keyFile = m_config.stateFile + u".salesforce-jwt.key"_s;
        m_certFile = m_config.stateFile + u".salesforce-jwt.crt"_s;
    } else {
        if (!m_keyDir.isValid()) {
            *error = u"cannot create a temporary folder for the JWT key"_s;
            return false;
        }
        m_keyFile = m_keyDir.filePath(u"salesforce-jwt.key"_s);
        m_certFile = m_keyDir.filePath(u"salesforce-jwt.crt"_s);
    }
    for (const auto &[path, data] : {std::pair{m_keyFile, m_oauth->privateKeyPem()},
                                     std::pair{m_certFile, m_oauth->certificatePem()}}) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = u"cannot write %1: %2"_s.arg(path, f.errorString());
            return false;
        }
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(data);
    }
    return true;
}

bool SalesforceEmulator::start(QString *error)
{
    // loadState() left the saved private key in m_keyFile; keep the key across restarts.
    const QByteArray savedKey = m_keyFile.toLatin1();
    if (!stateFilePath().isEmpty()) {
        QFile file(stateFilePath());
        if (file.open(QIODevice::ReadOnly))
            m_oauth->fromJson(QJsonDocument::fromJson(file.readAll()).object().value(u"oauth"_s).toObject());
    }
    if (!m_oauth->initKeys(savedKey, error))
        return false;
    m_port = m_server->listen(m_config.host, m_config.salesforcePort);
    if (m_port == 0) {
        *error = u"cannot listen on %1:%2"_s.arg(m_config.host.toString()).arg(m_config.salesforcePort);
        return false;
    }
    m_baseUrl = u"%1://%2:%3"_s.arg(m_config.scheme(), m_config.host.toString()).arg(m_port);
    m_oauth->setBaseUrl(m_baseUrl);
    return writeKeyFiles(error);
}

quint16 SalesforceEmulator::port() const
{
    return m_port;
}

QJsonObject SalesforceEmulator::readyInfo() const
{
    const auto &c = m_oauth->credentials();
    QString standardBook;
    QString customBook;
    for (const auto &id : m_store->idsOf(u"Pricebook2"_s)) {
        const SfRecord *r = m_store->find(id);
        if (r && r->fields.value(u"IsStandard"_s).toBool())
            standardBook = id;
        else if (r && r->fields.value(u"Name"_s).toString() == u"Magento Default")
            customBook = id;
    }
    return QJsonObject{
        {u"login_url"_s, m_baseUrl},
        {u"base_url"_s, m_baseUrl},
        {u"client_id"_s, c.clientId},
        {u"client_secret"_s, c.clientSecret},
        {u"username"_s, c.username},
        {u"password"_s, c.password},
        {u"security_token"_s, c.securityToken},
        {u"api_version"_s, u"62.0"_s},
        {u"org_id"_s, c.orgId},
        {u"user_id"_s, c.userId},
        {u"jwt_private_key_file"_s, m_keyFile},
        {u"jwt_certificate_file"_s, m_certFile},
        {u"standard_pricebook_id"_s, standardBook},
        {u"magento_pricebook_id"_s, customBook},
        {u"api_limit"_s, double(m_config.apiLimit)},
        {u"session_ttl_seconds"_s, m_config.sessionTtlSeconds},
        {u"skus_without_price_entries"_s, QJsonArray::fromStringList(m_skusWithoutEntries)},
        {u"duplicate_rules"_s, m_config.duplicateRules},
        {u"state_country_picklists"_s, m_config.stateCountryPicklists},
        {u"currencies"_s, QJsonArray::fromStringList(m_config.currencies)},
        {u"person_accounts"_s, m_config.personAccounts},
    };
}

QByteArray SalesforceEmulator::limitInfo() const
{
    return "api-usage=" + QByteArray::number(m_apiUsage) + '/' + QByteArray::number(m_config.apiLimit);
}

QJsonObject SalesforceEmulator::limits() const
{
    auto pair = [](qint64 max, qint64 remaining) {
        return QJsonObject{{u"Max"_s, double(max)}, {u"Remaining"_s, double(std::max<qint64>(0, remaining))}};
    };
    return QJsonObject{
        {u"DailyApiRequests"_s, pair(m_config.apiLimit, m_config.apiLimit - m_apiUsage)},
        {u"DailyAsyncApexExecutions"_s, pair(250000, 250000)},
        {u"DailyBulkApiBatches"_s, pair(15000, 15000)},
        {u"DailyBulkV2QueryJobs"_s, pair(10000, 10000)},
        {u"DailyStreamingApiEvents"_s, pair(10000, 10000)},
        {u"DataStorageMB"_s, pair(5, 5)},
        {u"FileStorageMB"_s, pair(20, 20)},
        {u"SingleEmail"_s, pair(15, 15)},
        {u"ConcurrentSyncReportRuns"_s, pair(20, 20)},
    };
}

HttpResponse SalesforceEmulator::faultResponse(FaultKind kind, const HttpRequest &request)
{
    // Row locks happen to writes; a read that draws this fault gets a server error instead.
    if (kind == FaultKind::ApiSpecific && request.method == "GET")
        kind = FaultKind::ServerError;
    switch (kind) {
    case FaultKind::Unavailable: {
        // Salesforce outages come in bursts: the next few requests fail too.
        std::uniform_int_distribution<int> burst(2, 5);
        m_burstRemaining = burst(m_rng);
        return errorReply(503, u"SERVER_UNAVAILABLE"_s, u"Server temporarily unavailable. Please try again later."_s);
    }
    case FaultKind::ApiSpecific: {
        QString id;
        const auto &orders = m_store->idsOf(u"Order"_s);
        if (!orders.empty())
            id = orders.back();
        else
            id = m_store->idsOf(u"Account"_s).empty() ? QString() : m_store->idsOf(u"Account"_s).back();
        return errorReply(400, u"UNABLE_TO_LOCK_ROW"_s,
                          u"unable to obtain exclusive access to this record or 1 records: %1"_s.arg(id));
    }
    case FaultKind::ServerError:
    default: {
        std::uniform_int_distribution<quint32> n(100000000, 999999999);
        return errorReply(500, u"UNKNOWN_EXCEPTION"_s,
                          u"An unexpected error occurred. Please include this ErrorId if you contact support: "
                          "%1-%2 (%3)"_s.arg(n(m_rng)).arg(n(m_rng) % 100000).arg(-qint64(n(m_rng))));
    }
    }
}

HttpResponse SalesforceEmulator::stats() const
{
    QJsonObject routes;
    for (auto it = m_byRoute.cbegin(); it != m_byRoute.cend(); ++it)
        routes.insert(it.key(), double(it.value()));
    return jsonReply(200, QJsonObject{{u"api_calls"_s, double(m_apiUsage)},
                                      {u"api_limit"_s, double(m_config.apiLimit)},
                                      {u"by_route"_s, routes}});
}

HttpResponse SalesforceEmulator::reset()
{
    seed();
    m_apiUsage = 0;
    m_byRoute.clear();
    m_burstRemaining = 0;
    m_api->clearCursors();
    return jsonReply(200, QJsonObject{{u"reset"_s, true}});
}

HttpResponse SalesforceEmulator::handle(const HttpRequest &request)
{
    const QString &path = request.path;
    if (path.startsWith(u"/__sandbox/"_s)) {
        if (path == u"/__sandbox/stats" && request.method == "GET")
            return stats();
        if (path == u"/__sandbox/reset" && request.method == "POST")
            return reset();
        if (path == u"/__sandbox/custom-fields" && request.method == "POST") {
            // What an admin does in Setup: a new custom field, in every describe and query from now on.
            const QJsonObject definition = QJsonDocument::fromJson(request.body).object();
            const QString refused = m_schema->addCustomField(definition);
            if (!refused.isEmpty())
                return errorReply(400, u"INVALID_FIELD"_s, refused);
            return jsonReply(201, QJsonObject{{u"object"_s, definition.value(u"object"_s)},
                                              {u"name"_s, definition.value(u"name"_s)}});
        }
        return errorReply(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
    }
    if (m_burstRemaining > 0) {
        --m_burstRemaining;
        return errorReply(503, u"SERVER_UNAVAILABLE"_s, u"Server temporarily unavailable. Please try again later."_s);
    }
    if (path.startsWith(u"/services/oauth2/"_s) || path.startsWith(u"/id/"_s) || path.startsWith(u"/services/Soap/u/"_s)) {
        if (auto r = m_oauth->handle(request)) {
            ++m_byRoute[QString::fromLatin1(request.method) + u' '
                        + (path.startsWith(u"/id/"_s)              ? u"/id/{org}/{user}"_s
                           : path.startsWith(u"/services/Soap/"_s) ? u"/services/Soap/u/{version} (login)"_s
                                                                   : path)];
            return *r;
        }
    }
    static const QRegularExpression lightning(u"^/lightning/r/([A-Za-z0-9_]+)/([A-Za-z0-9]+)/view/?$"_s);
    if (const auto m = lightning.match(path); m.hasMatch() && request.method == "GET") {
        ++m_byRoute[u"GET /lightning/r/{object}/{id}/view"_s];
        return m_page->render(m.captured(1), m.captured(2));
    }
    if (path == u"/services/data" || path == u"/services/data/") {
        ++m_byRoute[u"GET /services/data"_s];
        QJsonArray versions;
        for (int v = kOldestVersion; v <= kNewestVersion; ++v) {
            const QString version = QString::number(v) + u".0"_s;
            versions.append(QJsonObject{{u"label"_s, releaseLabel(v)},
                                        {u"url"_s, QString(u"/services/data/v"_s + version)},
                                        {u"version"_s, version}});
        }
        return jsonReply(200, versions);
    }
    if (path.startsWith(u"/services/data/v"_s))
        return dataApi(request, path.mid(15));
    if (path == u"/" || path.isEmpty()) {
        HttpResponse r = HttpResponse::raw(302, {}, "text/html");
        r.headers.append({QByteArray("Location"), QByteArray("/services/oauth2/authorize")});
        return r;
    }
    ++m_byRoute[u"(unknown)"_s];
    return errorReply(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
}

HttpResponse SalesforceEmulator::dataApi(const HttpRequest &request, const QString &rest)
{
    // rest = "v62.0/sobjects/Order/..."
    static const QRegularExpression versioned(u"^v([0-9]+)\\.([0-9])(/.*)?$"_s);
    const auto m = versioned.match(rest);
    const int major = m.hasMatch() ? m.captured(1).toInt() : 0;
    if (!m.hasMatch() || m.captured(2) != u"0" || major > kNewestVersion || major < 20) {
        ++m_byRoute[u"(unknown version)"_s];
        return errorReply(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
    }
    if (major < kOldestVersion) {
        ++m_byRoute[u"(retired version)"_s];
        return errorReply(410, u"API_DISABLED_FOR_ORG"_s,
                          u"API version %1.0 has been retired. Use version %2.0 or later."_s.arg(major).arg(kOldestVersion));
    }
    QString userId;
    switch (m_oauth->checkSession(request, &userId)) {
    case SfOAuth::SessionCheck::Valid:
        break;
    case SfOAuth::SessionCheck::BadHeader:
        ++m_byRoute[u"(unauthorized)"_s];
        return errorReply(401, u"INVALID_AUTH_HEADER"_s, u"INVALID_HEADER_TYPE"_s);
    case SfOAuth::SessionCheck::Missing:
    case SfOAuth::SessionCheck::Invalid:
        ++m_byRoute[u"(unauthorized)"_s];
        return errorReply(401, u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s);
    }
    if (m_apiUsage >= m_config.apiLimit) {
        ++m_byRoute[u"(limit exceeded)"_s];
        HttpResponse r = errorReply(403, u"REQUEST_LIMIT_EXCEEDED"_s, u"TotalRequests Limit exceeded."_s);
        r.headers.append({"Sforce-Limit-Info", limitInfo()});
        return r;
    }
    // Composite, graph and collection requests count as one call, like everything else here.
    ++m_apiUsage;

    SfRestApi::Call call;
    call.method = request.method;
    if (call.method == "POST") {
        const QString override = request.query.queryItemValue(u"_HttpMethod"_s);
        if (!override.isEmpty())
            call.method = override.toUpper().toLatin1();
    }
    call.version = m.captured(1) + u".0"_s;
    call.path = m.captured(3);
    call.query = request.query;
    const QByteArray options = request.header("Sforce-Query-Options");
    static const QRegularExpression batch(u"batchSize\\s*=\\s*([0-9]+)"_s);
    if (const auto b = batch.match(QString::fromLatin1(options)); b.hasMatch())
        call.queryBatchSize = std::clamp(b.captured(1).toInt(), 200, 2000);
    const bool pretty = request.header("X-PrettyPrint") == "1";
    call.ifModifiedSince = !request.header("If-Modified-Since").isEmpty();
    call.allowDuplicateSave = SfRestApi::allowsDuplicateSave(request.header("Sforce-Duplicate-Rule-Header"));

    HttpResponse response;
    if (!request.body.trimmed().isEmpty() && call.method != "GET" && call.method != "DELETE") {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const QByteArray before = request.body.left(parseError.offset);
            const qsizetype line = before.count('\n') + 1;
            const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
            response = errorReply(400, u"JSON_PARSER_ERROR"_s,
                                  u"%1 at [line:%2, column:%3]"_s.arg(parseError.errorString()).arg(line).arg(column));
            response.headers.append({"Sforce-Limit-Info", limitInfo()});
            ++m_byRoute[QString::fromLatin1(call.method) + u" (malformed JSON)"_s];
            return response;
        }
        call.body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }
    m_data->setCurrentUser(userId);
    m_access->refresh();
    const SfReply reply = m_api->execute(call);
    ++m_byRoute[reply.route.isEmpty() ? QString::fromLatin1(call.method) + u" (unrouted)"_s : reply.route];

    if (!reply.rawContentType.isEmpty()) {
        response = HttpResponse::raw(reply.status, reply.rawBody, reply.rawContentType);
    } else {
        response = jsonReply(reply.status, reply.body, pretty);
    }
    response.headers = reply.headers;
    response.headers.append({"Sforce-Limit-Info", limitInfo()});
    return response;
}

} // namespace Sandbox
