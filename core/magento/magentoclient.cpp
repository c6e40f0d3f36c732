#include "magentoclient.h"

#include "common/logging.h"
#include "common/retryafter.h"
#include "common/wholenumber.h"
#include "magentoerrors.h"
#include "magentooauth1signer.h"
#include "magentooneshotbody.h"
#include "network/cacertificates.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QElapsedTimer>
#include <QTimer>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

struct MagentoClient::Call
{
    QByteArray verb;
    QString path;
    QueryItems query;
    QByteArray body;
    bool hasBody = false;
    bool retrySafe = false;
    bool isTokenRequest = false;
    bool reauthorized = false;
    int attempts = 0;
    QElapsedTimer clock;          ///< since the first attempt: the call's deadline covers its retries
    QString tokenUsed;
    QList<QSslError> sslErrors;   ///< of the last attempt, to tell an untrusted certificate from other TLS failures
    bool hasContext = false;
    QPointer<QObject> context;
    Callback<QJsonValue> done;
    /// Instead of `done`, for replies whose text the caller reads too (the order pages).
    std::function<void(Result<QJsonValue>, const QByteArray &)> doneWithText;
    QByteArray replyText;

    [[nodiscard]] bool contextAlive() const { return !hasContext || !context.isNull(); }
};

namespace {

// Parses any JSON text, scalars included (QJsonDocument only takes objects and arrays at the top).
Result<QJsonValue> parseJsonValue(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return std::unexpected(MagentoErrors::malformedReply(
            u"the body is not valid JSON (%1 bytes)"_s.arg(body.size())));
    return doc.array().at(0);
}

Result<bool> toBool(const QJsonValue &value)
{
    if (!value.isBool())
        return std::unexpected(MagentoErrors::malformedReply(u"expected true or false"_s));
    return value.toBool();
}

Result<qint64> toEntityId(const QJsonValue &value)
{
    qint64 id = 0;
    if (value.isDouble())
        id = wholeNumber(value.toDouble()).value_or(0);
    else if (value.isString())
        id = value.toString().toLongLong();
    if (id <= 0)
        return std::unexpected(MagentoErrors::malformedReply(u"expected an entity id"_s));
    return id;
}

template<typename T, typename Convert>
MagentoClient::Callback<QJsonValue> converting(MagentoClient::Callback<T> done, Convert convert)
{
    return [done = std::move(done), convert](Result<QJsonValue> result) {
        if (!result)
            done(std::unexpected(result.error()));
        else
            done(convert(*result));
    };
}

// Magento's Web API input limits (2.4.7+) refuse a pageSize above 300 and give a search without one
// only 20 results: every list call sends this page size and pages to the end.
constexpr int maxPageSize = 300;

/// One list read spread over pages: `fetchPage` asks for page n (1-based), `absorb` adds a page to what
/// was read and says whether that was the last one.
template<typename Page>
struct PagedRead
{
    std::function<void(int, MagentoClient::Callback<Page>)> fetchPage;
    std::function<bool(Page &, Page &&, int)> absorb;
    MagentoClient::Callback<Page> done;
    Page all;
    int page = 1;
};

template<typename Page>
void readNextPage(const std::shared_ptr<PagedRead<Page>> &read)
{
    read->fetchPage(read->page, [read](Result<Page> page) {
        if (!page) {
            read->done(std::unexpected(page.error()));
            return;
        }
        if (read->absorb(read->all, std::move(*page), read->page)) {
            read->done(std::move(read->all));
            return;
        }
        ++read->page;
        readNextPage(read);
    });
}

/// Every record of a list endpoint matching `criteria`, read 300 at a time.
void readAllRecords(MagentoClient *client, const QString &path, const MagentoSearchCriteria &criteria, QObject *context,
                    MagentoClient::Callback<MagentoRecordPage> done)
{
    auto read = std::make_shared<PagedRead<MagentoRecordPage>>();
    read->done = std::move(done);
    read->fetchPage = [client, path, criteria, context](int page, MagentoClient::Callback<MagentoRecordPage> cb) {
        MagentoSearchCriteria paged = criteria;
        paged.setPageSize(maxPageSize).setCurrentPage(page);
        client->request("GET", path, paged.queryItems(), QJsonValue::Undefined, MagentoClient::RetrySafety::Safe,
                        context, converting<MagentoRecordPage>(std::move(cb), MagentoRecordPage::fromJson));
    };
    read->absorb = [](MagentoRecordPage &all, MagentoRecordPage &&page, int pageNumber) {
        const qsizetype count = page.items.size();
        all.items.append(std::move(page.items));
        all.totalCount = page.totalCount;
        // A short page ends it; so does a store that ignores currentPage (it would repeat page 1 forever).
        return count < maxPageSize || all.items.size() >= all.totalCount || all.items.size() < pageNumber * maxPageSize;
    };
    readNextPage(read);
}

QJsonArray itemsJson(const QList<MagentoItemQty> &items)
{
    QJsonArray array;
    for (const MagentoItemQty &item : items)
        array.append(QJsonObject{{u"order_item_id"_s, item.orderItemId}, {u"qty"_s, item.qty}});
    return array;
}

QString idPath(const QString &pattern, qint64 id)
{
    return pattern.arg(id);
}

} // namespace

MagentoClient::MagentoClient(QNetworkAccessManager *network, MagentoConnection connection, MagentoSecrets secrets,
                             MagentoRetryPolicy retryPolicy, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_connection(std::move(connection))
    , m_secrets(std::move(secrets))
    , m_retryPolicy(retryPolicy)
    , m_random(QRandomGenerator::global()->generate())
{
    if (auto tls = CaCertificates::load(m_connection.caFile, CaCertificates::Side::Magento))
        m_tls = *tls;
    else
        m_tlsProblem = tls.error();
}

MagentoClient::~MagentoClient()
{
    const auto replies = m_inFlight;
    for (QNetworkReply *reply : replies) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void MagentoClient::setSecrets(const MagentoSecrets &secrets)
{
    m_secrets = secrets;
    m_adminToken.clear();
}

QUrl MagentoClient::endpointUrl(const QString &path) const
{
    QUrl url = m_connection.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!base.endsWith(u"/rest"_s))
        base += u"/rest"_s;
    if (!m_connection.storeCode.isEmpty())
        base += u'/' + m_connection.storeCode;
    url.setPath(base + u"/V1/"_s + path, QUrl::TolerantMode); // `path` comes percent-encoded
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void MagentoClient::request(const QByteArray &verb, const QString &path, const QueryItems &query,
                            const QJsonValue &body, RetrySafety safety, QObject *context, Callback<QJsonValue> done)
{
    start(newCall(verb, path, query, body, safety, context, std::move(done)));
}

std::shared_ptr<MagentoClient::Call> MagentoClient::newCall(const QByteArray &verb, const QString &path,
                                                            const QueryItems &query, const QJsonValue &body,
                                                            RetrySafety safety, QObject *context,
                                                            Callback<QJsonValue> done)
{
    auto call = std::make_shared<Call>();
    call->verb = verb;
    call->path = path;
    call->query = query;
    if (!body.isUndefined()) {
        call->hasBody = true;
        if (body.isObject())
            call->body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        else if (body.isArray())
            call->body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        else
            call->body = QJsonDocument(QJsonArray{body}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    }
    call->retrySafe = verb == "GET" || safety == RetrySafety::Safe;
    call->hasContext = context != nullptr;
    call->context = context;
    call->done = std::move(done);
    return call;
}

void MagentoClient::start(const std::shared_ptr<Call> &call)
{
    Result<void> valid = m_connection.validate();
    if (valid)
        valid = validateSecrets();
    if (!valid) {
        // Report asynchronously like every other outcome, so callers never see a re-entrant callback.
        QTimer::singleShot(0, this, [this, call, error = valid.error()] { finish(call, std::unexpected(error)); });
        return;
    }
    send(call);
}

Result<void> MagentoClient::validateSecrets() const
{
    QString missing;
    switch (m_connection.authMode) {
    case MagentoAuthMode::IntegrationToken:
        if (m_secrets.integrationToken.isEmpty())
            missing = u"the integration access token"_s;
        break;
    case MagentoAuthMode::AdminUser:
        if (m_secrets.adminPassword.isEmpty())
            missing = u"the admin password"_s;
        break;
    case MagentoAuthMode::OAuth1:
        if (m_secrets.consumerKey.isEmpty() || m_secrets.consumerSecret.isEmpty() || m_secrets.accessToken.isEmpty()
            || m_secrets.accessTokenSecret.isEmpty())
            missing = u"one of the four OAuth 1.0a credentials"_s;
        break;
    }
    if (missing.isEmpty())
        return {};
    return fail(u"magento.missing_credentials"_s, u"The Magento connection lacks %1."_s.arg(missing),
                u"Enter the credentials again (orderbridge-cli connect magento, or Settings > Magento); they are "
                "kept in the system keychain."_s);
}

QByteArray MagentoClient::authorizationFor(const QByteArray &verb, const QUrl &url, Call &call) const
{
    switch (m_connection.authMode) {
    case MagentoAuthMode::IntegrationToken:
        return "Bearer " + m_secrets.integrationToken.toUtf8();
    case MagentoAuthMode::AdminUser:
        call.tokenUsed = m_adminToken;
        return m_adminToken.isEmpty() ? QByteArray() : "Bearer " + m_adminToken.toUtf8();
    case MagentoAuthMode::OAuth1: {
        const MagentoOAuth1Signer::Credentials credentials{m_secrets.consumerKey, m_secrets.consumerSecret,
                                                          m_secrets.accessToken, m_secrets.accessTokenSecret};
        return MagentoOAuth1Signer::authorizationHeader(verb, url, credentials, m_connection.signatureMethod,
                                                        MagentoOAuth1Signer::makeNonce(),
                                                        QDateTime::currentSecsSinceEpoch());
    }
    }
    return {};
}

void MagentoClient::send(const std::shared_ptr<Call> &call)
{
    if (!call->contextAlive())
        return;
    if (!m_network) {
        finish(call, std::unexpected(Error{QString::fromUtf16(MagentoErrors::Cancelled),
                                           u"The network access of the Magento client is gone."_s, {}, {}}));
        return;
    }
    if (m_tlsProblem) {
        finish(call, std::unexpected(*m_tlsProblem));
        return;
    }
    if (m_connection.authMode == MagentoAuthMode::AdminUser && !call->isTokenRequest && m_adminToken.isEmpty()) {
        m_waitingForToken.append(call);
        requestAdminToken();
        return;
    }

    QUrl url = endpointUrl(call->path);
    if (!call->query.isEmpty())
        url.setQuery(QString::fromLatin1(magentoEncodeQuery(call->query)), QUrl::StrictMode);

    QNetworkRequest request(url);
    if (url.scheme() == u"https"_s)
        request.setSslConfiguration(m_tls);
    // One budget for the call, retries included: a store that never answers fails within it.
    if (!call->clock.isValid())
        call->clock.start();
    request.setTransferTimeout(int(std::max<qint64>(1000, m_connection.timeoutMs - call->clock.elapsed())));
    request.setRawHeader("Accept", "application/json");
    if (call->hasBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!call->isTokenRequest) {
        const QByteArray authorization = authorizationFor(call->verb, url, *call);
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
    }

    ++call->attempts;
    ++m_requestsSent;
    qCDebug(lcMagento) << call->verb << call->path << "attempt" << call->attempts;
    QNetworkReply *reply = nullptr;
    if (call->verb == "GET" && !call->hasBody) {
        reply = m_network->get(request);
    } else if (call->retrySafe) {
        reply = m_network->sendCustomRequest(request, call->verb, call->body);
    } else {
        // A write that must not be repeated: Qt may not re-send it on its own either.
        request.setHeader(QNetworkRequest::ContentLengthHeader, call->body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new MagentoOneShotBody(call->body);
        reply = m_network->sendCustomRequest(request, call->verb, body);
        body->setParent(reply);
    }
    m_inFlight.insert(reply);
    // The manager may be destroyed first (it owns its replies): forget them then.
    connect(reply, &QObject::destroyed, this, [this, reply] { m_inFlight.remove(reply); });
    call->sslErrors.clear();
    connect(reply, &QNetworkReply::sslErrors, this, [call](const QList<QSslError> &errors) { call->sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, call] { handleFinished(reply, call); });
}

void MagentoClient::handleFinished(QNetworkReply *reply, const std::shared_ptr<Call> &call)
{
    m_inFlight.remove(reply);
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = reply->error();
    // We abort replies only in the destructor (after disconnecting), so a cancelled reply is a transfer timeout.
    const bool timedOut = networkError == QNetworkReply::OperationCanceledError
                          || networkError == QNetworkReply::TimeoutError;
    const QByteArray body = reply->readAll();
    MagentoFailureKind kind = MagentoErrors::classify(status, networkError, timedOut);

    Result<QJsonValue> parsed = std::unexpected(Error{});
    if (kind == MagentoFailureKind::None) {
        parsed = parseJsonValue(body);
        if (!parsed)
            kind = MagentoFailureKind::MalformedReply;
    }
    if (kind == MagentoFailureKind::None) {
        if (call->doneWithText)
            call->replyText = body;
        finish(call, std::move(parsed));
        return;
    }

    // Qt's HTTP layer silently re-sends a request whose keep-alive connection dropped, with the same headers;
    // under OAuth 1.0a the store then refuses the copy as a used nonce. The first copy may or may not have
    // been processed, so this counts as a dropped connection: GETs are signed anew and retried, writes are not.
    const bool replayedNonce = kind == MagentoFailureKind::Unauthorized
                               && m_connection.authMode == MagentoAuthMode::OAuth1
                               && body.contains("nonce") && body.contains("already");
    if (replayedNonce)
        kind = MagentoFailureKind::Dropped;

    if (kind == MagentoFailureKind::Unauthorized && m_connection.authMode == MagentoAuthMode::AdminUser
        && !call->isTokenRequest && !call->reauthorized) {
        // Admin tokens expire (4 h by default): get a fresh one, once.
        call->reauthorized = true;
        if (m_adminToken == call->tokenUsed)
            m_adminToken.clear();
        qCInfo(lcMagento) << "admin token refused; requesting a new one";
        send(call);
        return;
    }

    // A certificate that failed verification fails the same way on every attempt.
    if (m_retryPolicy.shouldRetry(kind, call->retrySafe, call->attempts)
        && networkError != QNetworkReply::SslHandshakeFailedError) {
        const std::optional<qint64> retryAfter = retryAfterMs(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const int delay = m_retryPolicy.delayMs(call->attempts, unit(m_random),
                                                retryAfter ? int(std::min<qint64>(*retryAfter, std::numeric_limits<int>::max())) : -1);
        // A retry that could not end before the call's deadline is not started.
        if (call->clock.elapsed() + delay + 1000 < m_connection.timeoutMs) {
            retryLater(call, delay, status, networkError);
            return;
        }
    }
    failCall(call, reply, kind, status, body, parsed, replayedNonce);
}

void MagentoClient::retryLater(const std::shared_ptr<Call> &call, int delay, int status, QNetworkReply::NetworkError networkError)
{
    qCInfo(lcMagento) << call->verb << call->path << "failed (" << status << networkError << "), retry"
                      << call->attempts + 1 << "of" << m_retryPolicy.maxAttempts << "in" << delay << "ms";
    QTimer::singleShot(delay, this, [this, call] { send(call); });
}

void MagentoClient::failCall(const std::shared_ptr<Call> &call, QNetworkReply *reply, MagentoFailureKind kind, int status,
                             const QByteArray &body, const Result<QJsonValue> &parsed, bool replayedNonce)
{
    const QNetworkReply::NetworkError networkError = reply->error();
    Error error;
    const bool outcomeUnknown = !call->retrySafe
                                && (replayedNonce || kind == MagentoFailureKind::Dropped
                                    || kind == MagentoFailureKind::Timeout);
    // The handshake comes before the request is sent: nothing reached the store.
    if (status == 0 && networkError == QNetworkReply::SslHandshakeFailedError)
        error = CaCertificates::handshakeError(QString::fromUtf16(MagentoErrors::Tls), CaCertificates::Side::Magento,
                                               m_connection.baseUrl.host(), call->sslErrors, reply->errorString());
    else if (outcomeUnknown)
        error = Error{QString::fromUtf16(kind == MagentoFailureKind::Timeout ? MagentoErrors::Timeout
                                                                            : MagentoErrors::Network),
                      u"The connection to Magento broke during %1 %2; Magento may or may not have carried it out (%3)."_s
                          .arg(QString::fromLatin1(call->verb), call->path,
                               replayedNonce ? u"replayed request refused"_s : reply->errorString()),
                      u"Check the order in Magento before repeating the action."_s, {}};
    else if (status >= 300)
        error = MagentoErrors::fromHttpReply(status, body, m_connection.authMode);
    else if (kind == MagentoFailureKind::MalformedReply)
        error = parsed.error();
    else if (kind == MagentoFailureKind::Timeout)
        error = MagentoErrors::noReplyWithin(m_connection.baseUrl.host(), m_connection.timeoutMs / 1000,
                                             QString::fromLatin1(call->verb) + u' ' + call->path);
    else
        error = MagentoErrors::fromTransport(kind, networkError, reply->errorString());
    if (call->attempts > 1)
        error.message += u" [after %1 attempts]"_s.arg(call->attempts);
    qCWarning(lcMagento) << call->verb << call->path << "failed:" << error.code << error.message;
    finish(call, std::unexpected(std::move(error)));
}

void MagentoClient::finish(const std::shared_ptr<Call> &call, Result<QJsonValue> result)
{
    if (!call->contextAlive())
        return;
    if (call->doneWithText) {
        auto done = std::move(call->doneWithText);
        call->doneWithText = nullptr;
        done(std::move(result), std::exchange(call->replyText, {}));
        return;
    }
    if (!call->done)
        return;
    auto done = std::move(call->done);
    call->done = nullptr;
    done(std::move(result));
}

void MagentoClient::requestAdminToken()
{
    if (m_adminTokenPending)
        return;
    m_adminTokenPending = true;
    auto call = std::make_shared<Call>();
    call->verb = "POST";
    call->path = u"integration/admin/token"_s;
    call->hasBody = true;
    call->body = QJsonDocument(QJsonObject{{u"username"_s, m_connection.adminUsername},
                                           {u"password"_s, m_secrets.adminPassword}})
                     .toJson(QJsonDocument::Compact);
    call->retrySafe = true; // asking for a token twice is harmless
    call->isTokenRequest = true;
    call->done = [this](Result<QJsonValue> result) { handleAdminToken(std::move(result)); };
    send(call);
}

void MagentoClient::handleAdminToken(Result<QJsonValue> result)
{
    m_adminTokenPending = false;
    const auto waiting = std::exchange(m_waitingForToken, {});
    if (result && (!result->isString() || result->toString().isEmpty()))
        result = std::unexpected(MagentoErrors::malformedReply(u"the admin token reply is not a JSON string"_s));
    if (!result) {
        for (const auto &call : waiting)
            finish(call, std::unexpected(result.error()));
        return;
    }
    m_adminToken = result->toString();
    qCInfo(lcMagento) << "admin token obtained";
    for (const auto &call : waiting)
        send(call);
}

void MagentoClient::testConnection(QObject *context, Callback<qint64> done)
{
    MagentoSearchCriteria criteria;
    criteria.setPageSize(1).setCurrentPage(1);
    request("GET", u"orders"_s, criteria.queryItems(), QJsonValue::Undefined, RetrySafety::Safe, context,
            converting<qint64>(std::move(done), [](const QJsonValue &value) -> Result<qint64> {
                auto page = MagentoOrderPage::fromJson(value);
                if (!page)
                    return std::unexpected(page.error());
                return page->totalCount;
            }));
}

void MagentoClient::fetchOrders(const MagentoSearchCriteria &criteria, QObject *context,
                                Callback<MagentoOrderPage> done)
{
    // The page's text goes along: each order is stored as Magento wrote it, not serialised again.
    auto call = newCall("GET", u"orders"_s, criteria.queryItems(), QJsonValue::Undefined, RetrySafety::Safe, context,
                        nullptr);
    call->doneWithText = [done = std::move(done)](Result<QJsonValue> result, const QByteArray &text) {
        if (!result)
            done(std::unexpected(result.error()));
        else
            done(MagentoOrderPage::fromJson(*result, text));
    };
    start(call);
}

void MagentoClient::fetchOrder(qint64 entityId, QObject *context, Callback<MagentoOrder> done)
{
    request("GET", idPath(u"orders/%1"_s, entityId), {}, QJsonValue::Undefined, RetrySafety::Safe, context,
            converting<MagentoOrder>(std::move(done), [](const QJsonValue &value) -> Result<MagentoOrder> {
                if (!value.isObject())
                    return std::unexpected(MagentoErrors::malformedReply(u"the order is not a JSON object"_s));
                return MagentoOrder::fromJson(value.toObject());
            }));
}

void MagentoClient::fetchOrdersByIncrementIds(const QStringList &incrementIds, QObject *context,
                                              Callback<MagentoOrderPage> done)
{
    if (incrementIds.isEmpty()) {
        MagentoSearchCriteria criteria;
        criteria.whereIn(u"increment_id"_s, incrementIds).setPageSize(1).setCurrentPage(1);
        fetchOrders(criteria, context, std::move(done));
        return;
    }
    // 300 ids a request: the page size Magento's input limits allow, and a URL of a sane length.
    auto read = std::make_shared<PagedRead<MagentoOrderPage>>();
    read->done = std::move(done);
    read->fetchPage = [this, incrementIds, context](int page, Callback<MagentoOrderPage> cb) {
        MagentoSearchCriteria criteria;
        criteria.whereIn(u"increment_id"_s, incrementIds.mid(qsizetype(page - 1) * maxPageSize, maxPageSize))
            .orderBy(u"entity_id"_s)
            .setPageSize(maxPageSize)
            .setCurrentPage(1);
        fetchOrders(criteria, context, std::move(cb));
    };
    read->absorb = [count = incrementIds.size()](MagentoOrderPage &all, MagentoOrderPage &&page, int pageNumber) {
        all.orders.append(std::move(page.orders));
        all.rejected.append(std::move(page.rejected));
        all.totalCount += page.totalCount;
        all.itemCount += page.itemCount;
        return qsizetype(pageNumber) * maxPageSize >= count;
    };
    readNextPage(read);
}

void MagentoClient::fetchComments(qint64 orderId, QObject *context, Callback<QList<MagentoComment>> done)
{
    request("GET", idPath(u"orders/%1/comments"_s, orderId), {}, QJsonValue::Undefined, RetrySafety::Safe, context,
            converting<QList<MagentoComment>>(std::move(done),
                                              [](const QJsonValue &value) -> Result<QList<MagentoComment>> {
                                                  auto page = MagentoRecordPage::fromJson(value);
                                                  if (!page)
                                                      return std::unexpected(page.error());
                                                  QList<MagentoComment> comments;
                                                  for (const QJsonObject &item : std::as_const(page->items)) {
                                                      auto comment = MagentoComment::fromJson(item);
                                                      if (!comment)
                                                          return std::unexpected(comment.error());
                                                      comments.append(*comment);
                                                  }
                                                  return comments;
                                              }));
}

void MagentoClient::fetchInvoices(qint64 orderId, QObject *context, Callback<MagentoRecordPage> done)
{
    MagentoSearchCriteria criteria;
    criteria.where(u"order_id"_s, MagentoSearchCriteria::Condition::Eq, QString::number(orderId))
        .orderBy(u"entity_id"_s);
    readAllRecords(this, u"invoices"_s, criteria, context, std::move(done));
}

void MagentoClient::fetchShipments(qint64 orderId, QObject *context, Callback<MagentoRecordPage> done)
{
    MagentoSearchCriteria criteria;
    criteria.where(u"order_id"_s, MagentoSearchCriteria::Condition::Eq, QString::number(orderId))
        .orderBy(u"entity_id"_s);
    readAllRecords(this, u"shipments"_s, criteria, context, std::move(done));
}

void MagentoClient::fetchProducts(const MagentoSearchCriteria &criteria, QObject *context,
                                  Callback<MagentoRecordPage> done)
{
    request("GET", u"products"_s, criteria.queryItems(), QJsonValue::Undefined, RetrySafety::Safe, context,
            converting<MagentoRecordPage>(std::move(done), MagentoRecordPage::fromJson));
}

void MagentoClient::fetchStoreConfigs(QObject *context, Callback<QList<MagentoStoreConfig>> done)
{
    request("GET", u"store/storeConfigs"_s, {}, QJsonValue::Undefined, RetrySafety::Safe, context,
            converting<QList<MagentoStoreConfig>>(std::move(done), MagentoStoreConfig::listFromJson));
}

void MagentoClient::addComment(qint64 orderId, const MagentoNewComment &comment, QObject *context,
                               Callback<bool> done, RetrySafety safety)
{
    QJsonObject history{
        {u"comment"_s, comment.comment},
        {u"is_customer_notified"_s, comment.notifyCustomer ? 1 : 0},
        {u"is_visible_on_front"_s, comment.visibleOnFront ? 1 : 0},
        {u"parent_id"_s, orderId},
    };
    if (!comment.status.isEmpty())
        history.insert(u"status"_s, comment.status);
    request("POST", idPath(u"orders/%1/comments"_s, orderId), {}, QJsonObject{{u"statusHistory"_s, history}}, safety,
            context, converting<bool>(std::move(done), toBool));
}

void MagentoClient::createInvoice(qint64 orderId, const MagentoInvoiceRequest &invoice, QObject *context,
                                  Callback<qint64> done, RetrySafety safety)
{
    QJsonObject body{{u"capture"_s, invoice.capture}, {u"notify"_s, invoice.notify}};
    if (!invoice.items.isEmpty())
        body.insert(u"items"_s, itemsJson(invoice.items));
    if (!invoice.comment.isEmpty()) {
        body.insert(u"appendComment"_s, true);
        body.insert(u"comment"_s, QJsonObject{{u"comment"_s, invoice.comment}, {u"is_visible_on_front"_s, 0}});
    }
    request("POST", idPath(u"order/%1/invoice"_s, orderId), {}, body, safety, context,
            converting<qint64>(std::move(done), toEntityId));
}

void MagentoClient::createShipment(qint64 orderId, const MagentoShipmentRequest &shipment, QObject *context,
                                   Callback<qint64> done, RetrySafety safety)
{
    QJsonObject body{{u"notify"_s, shipment.notify}};
    if (!shipment.items.isEmpty())
        body.insert(u"items"_s, itemsJson(shipment.items));
    if (!shipment.tracks.isEmpty()) {
        QJsonArray tracks;
        for (const MagentoTrack &t : shipment.tracks)
            tracks.append(QJsonObject{{u"track_number"_s, t.trackNumber}, {u"title"_s, t.title},
                                      {u"carrier_code"_s, t.carrierCode}});
        body.insert(u"tracks"_s, tracks);
    }
    if (!shipment.comment.isEmpty()) {
        body.insert(u"appendComment"_s, true);
        body.insert(u"comment"_s, QJsonObject{{u"comment"_s, shipment.comment}, {u"is_visible_on_front"_s, 0}});
    }
    request("POST", idPath(u"order/%1/ship"_s, orderId), {}, body, safety, context,
            converting<qint64>(std::move(done), toEntityId));
}

void MagentoClient::cancelOrder(qint64 orderId, QObject *context, Callback<bool> done, RetrySafety safety)
{
    request("POST", idPath(u"orders/%1/cancel"_s, orderId), {}, QJsonValue::Undefined, safety, context,
            converting<bool>(std::move(done), toBool));
}

void MagentoClient::holdOrder(qint64 orderId, QObject *context, Callback<bool> done, RetrySafety safety)
{
    request("POST", idPath(u"orders/%1/hold"_s, orderId), {}, QJsonValue::Undefined, safety, context,
            converting<bool>(std::move(done), toBool));
}

void MagentoClient::unholdOrder(qint64 orderId, QObject *context, Callback<bool> done, RetrySafety safety)
{
    request("POST", idPath(u"orders/%1/unhold"_s, orderId), {}, QJsonValue::Undefined, safety, context,
            converting<bool>(std::move(done), toBool));
}

struct MagentoClient::GuestCheckoutRun
{
    MagentoGuestCheckout input;
    QString cartId;
    qsizetype step = 0; // 0: cart, 1..n: lines, n+1: shipping, n+2: payment
    QPointer<QObject> context;
    bool hasContext = false;
    Callback<qint64> done;
};

void MagentoClient::placeGuestOrder(const MagentoGuestCheckout &checkout, QObject *context, Callback<qint64> done)
{
    auto run = std::make_shared<GuestCheckoutRun>();
    run->input = checkout;
    run->context = context;
    run->hasContext = context != nullptr;
    run->done = std::move(done);
    if (checkout.lines.isEmpty() || checkout.email.isEmpty()) {
        QTimer::singleShot(0, this, [run] {
            run->done(fail(QString::fromUtf16(MagentoErrors::Validation),
                           u"A guest checkout needs an email address and at least one product line."_s,
                           u"Give the customer's email and a SKU with a quantity."_s));
        });
        return;
    }
    guestCheckoutStep(run);
}

void MagentoClient::guestCheckoutStep(const std::shared_ptr<GuestCheckoutRun> &run)
{
    if (run->hasContext && !run->context)
        return;
    const qsizetype lines = run->input.lines.size();
    const QString cartPath = u"guest-carts/"_s + QString::fromLatin1(QUrl::toPercentEncoding(run->cartId));
    auto next = [this, run](Result<QJsonValue> result) {
        if (!result) {
            Error e = result.error();
            e.message = u"Guest checkout failed: "_s + e.message;
            run->done(std::unexpected(std::move(e)));
            return;
        }
        if (run->step == 0) {
            run->cartId = result->isString() ? result->toString() : QString::number(result->toInteger());
            if (run->cartId.isEmpty() || run->cartId == "0"_L1) {
                run->done(std::unexpected(MagentoErrors::malformedReply(u"the new cart has no id"_s)));
                return;
            }
        }
        if (run->step == run->input.lines.size() + 2) {
            run->done(toEntityId(*result));
            return;
        }
        ++run->step;
        guestCheckoutStep(run);
    };

    QObject *context = run->context.data();
    if (run->step == 0) {
        // Creating a spare empty cart is harmless, so this step may be repeated.
        request("POST", u"guest-carts"_s, {}, QJsonValue::Undefined, RetrySafety::Safe, context, next);
    } else if (run->step <= lines) {
        const auto &line = run->input.lines.at(run->step - 1);
        const QJsonObject item{{u"sku"_s, line.sku}, {u"qty"_s, line.qty}, {u"quote_id"_s, run->cartId}};
        request("POST", cartPath + u"/items"_s, {}, QJsonObject{{u"cartItem"_s, item}}, RetrySafety::NotSafe,
                context, next);
    } else if (run->step == lines + 1) {
        const QJsonObject info{{u"shipping_address"_s, run->input.shippingAddress.toJson()},
                               {u"billing_address"_s, run->input.billingAddress.toJson()},
                               {u"shipping_carrier_code"_s, run->input.shippingCarrierCode},
                               {u"shipping_method_code"_s, run->input.shippingMethodCode}};
        // Setting the same shipping information twice leaves the cart as it was.
        request("POST", cartPath + u"/shipping-information"_s, {}, QJsonObject{{u"addressInformation"_s, info}},
                RetrySafety::Safe, context, next);
    } else {
        const QJsonObject body{{u"email"_s, run->input.email},
                               {u"paymentMethod"_s, QJsonObject{{u"method"_s, run->input.paymentMethod}}},
                               {u"billingAddress"_s, run->input.billingAddress.toJson()}};
        request("POST", cartPath + u"/payment-information"_s, {}, body, RetrySafety::NotSafe, context, next);
    }
}

} // namespace OrderBridge
