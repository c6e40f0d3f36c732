#include "sfrestapi.h"

#include "sfid.h"
#include "soqlevaluator.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

constexpr int kMaxCursors = 200;
constexpr int kCollectionLimit = 200;

QString decoded(const QUrlQuery &q, const QString &key)
{
    QString v = q.queryItemValue(key, QUrl::FullyEncoded);
    v.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(v.toUtf8());
}

QStringList splitList(const QString &s)
{
    QStringList out;
    for (const auto &part : s.split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

SfReply jsonBytes(QByteArray bytes)
{
    // Query pages come from the evaluator already serialized, in Salesforce's key order.
    SfReply r;
    r.status = 200;
    r.rawBody = std::move(bytes);
    r.rawContentType = "application/json;charset=UTF-8";
    return r;
}

QString rowUrl(const QString &version, const QString &type, const QString &id)
{
    return u"/services/data/v"_s + version + u"/sobjects/"_s + type + u'/' + id;
}

} // namespace

SfRestApi::SfRestApi(SfRecordStore &store, SfDataService &data)
    : m_store(store)
    , m_data(data)
{
}

SfReply SfRestApi::methodNotAllowed(const QByteArray &method, const QString &allowed)
{
    return SfReply::error(405, u"METHOD_NOT_ALLOWED"_s,
                          u"HTTP Method '%1' not allowed. Allowed are %2"_s.arg(QString::fromLatin1(method), allowed));
}

SfReply SfRestApi::notFound()
{
    return SfReply::error(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
}

QByteArray SfRestApi::collectionResult(const SfSaveResult &r, bool withCreated)
{
    QJsonArray errors;
    for (const auto &e : r.errors)
        errors.append(e.toJson(true));
    SfJson::Members o;
    if (!r.id.isEmpty())
        o.append({u"id"_s, r.id});
    o.append({u"success"_s, r.success});
    o.append({u"errors"_s, errors});
    if (withCreated && r.success)
        o.append({u"created"_s, r.created});
    return SfJson::object(o);
}

namespace {

SfReply resultArray(const QList<SfSaveResult> &results, bool withCreated)
{
    QByteArray out = "[";
    for (const auto &r : results) {
        if (out.size() > 1)
            out += ',';
        out += SfRestApi::collectionResult(r, withCreated);
    }
    out += ']';
    return jsonBytes(out);
}

} // namespace

SfReply SfRestApi::saveReply(const SfSaveResult &r, const QString &type, const QString &version, bool upsert)
{
    if (r.httpStatus == 300) {
        QJsonArray urls;
        for (const auto &id : r.matches)
            urls.append(rowUrl(version, type, id));
        return SfReply::json(300, urls);
    }
    if (!r.success) {
        QJsonArray errors;
        for (const auto &e : r.errors)
            errors.append(e.toJson());
        return SfReply::json(r.httpStatus, errors);
    }
    if (r.httpStatus == 204 && !upsert)
        return SfReply::json(204, QJsonValue::Undefined);
    SfJson::Members body{{u"id"_s, r.id}, {u"success"_s, true}, {u"errors"_s, QJsonArray()}};
    if (upsert) {
        // API 46.0 and later answer an upsert with a body and 200/201; older versions with 204 on update.
        if (version.toDouble() < 46.0 && !r.created)
            return SfReply::json(204, QJsonValue::Undefined);
        if (version.toDouble() >= 46.0)
            body.append({u"created"_s, r.created});
    }
    SfReply reply = jsonBytes(SfJson::object(body));
    reply.status = r.created ? 201 : 200;
    return reply;
}

bool SfRestApi::allowsDuplicateSave(const QByteArray &headerValue)
{
    static const QRegularExpression allow(u"(^|;)\\s*allowSave\\s*=\\s*true\\s*(;|$)"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    return allow.match(QString::fromLatin1(headerValue)).hasMatch();
}

SfReply SfRestApi::execute(const Call &call)
{
    m_data.setAllowDuplicateSave(call.allowDuplicateSave);
    const QStringList segments = call.path.split(u'/', Qt::SkipEmptyParts);
    if (segments.isEmpty()) {
        SfReply r = resources(call);
        r.route = u"GET /"_s;
        return r;
    }
    const QString &head = segments.first();
    SfReply reply;
    if (head == u"sobjects") {
        reply = sobjects(call, segments);
    } else if (head == u"query" || head == u"queryAll") {
        if (call.method != "GET")
            return methodNotAllowed(call.method, u"GET,HEAD"_s);
        reply = query(call, head == u"queryAll", segments.value(1));
        reply.route = QString::fromLatin1(call.method) + u' ' + head + (segments.size() > 1 ? u"/{locator}"_s : QString());
    } else if (head == u"composite" && segments.value(1) == u"sobjects") {
        reply = collections(call, segments);
    } else if (head == u"composite" && segments.size() <= 2) {
        if (call.inComposite)
            return SfReply::error(400, u"INVALID_API_INPUT"_s, u"Composite requests cannot be nested"_s);
        if (call.method != "POST")
            return methodNotAllowed(call.method, u"POST"_s);
        if (!m_composite)
            return notFound();
        reply = m_composite(call);
        reply.route = u"POST "_s + call.path.mid(call.path.startsWith(u'/') ? 1 : 0);
    } else if (head == u"tooling" && m_tooling && !call.inComposite) {
        reply = m_tooling(call);
    } else if (head == u"limits" && segments.size() == 1) {
        if (call.method != "GET")
            return methodNotAllowed(call.method, u"GET,HEAD"_s);
        reply = SfReply::json(200, m_limits ? m_limits() : QJsonObject());
        reply.route = u"GET limits"_s;
    } else {
        reply = notFound();
        reply.route = QString::fromLatin1(call.method) + u" (unknown)"_s;
    }
    return reply;
}

SfReply SfRestApi::resources(const Call &call) const
{
    const QString base = u"/services/data/v"_s + call.version + u'/';
    QJsonObject o;
    for (const auto &name : {u"sobjects"_s, u"query"_s, u"queryAll"_s, u"composite"_s, u"limits"_s, u"search"_s,
                             u"recent"_s, u"tooling"_s, u"analytics"_s, u"connect"_s}) {
        o.insert(name, QString(base + name));
    }
    return SfReply::json(200, o);
}

SfReply SfRestApi::sobjects(const Call &call, const QStringList &segments)
{
    if (segments.size() == 1) {
        if (call.method != "GET")
            return methodNotAllowed(call.method, u"GET,HEAD"_s);
        SfReply r = SfReply::json(200, m_store.schema().describeGlobal(call.version));
        r.route = u"GET sobjects"_s;
        return r;
    }
    const SfObjectType *type = m_store.schema().object(segments.at(1));
    if (!type)
        return notFound();
    if (segments.size() == 2) {
        if (call.method == "GET") {
            SfReply r = SfReply::json(200, QJsonObject{{u"objectDescribe"_s, m_store.schema().describeBasic(*type, call.version)},
                                                       {u"recentItems"_s, QJsonArray()}});
            r.route = u"GET sobjects/{type}"_s;
            return r;
        }
        if (call.method != "POST")
            return methodNotAllowed(call.method, u"GET,HEAD,POST"_s);
        if (!call.body.isObject())
            return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
        const SfSaveResult r = m_data.create(type->name, call.body.toObject());
        SfReply reply = saveReply(r, type->name, call.version, false);
        if (r.success)
            reply.headers.append({"Location", rowUrl(call.version, type->name, r.id).toUtf8()});
        reply.route = u"POST sobjects/"_s + type->name;
        return reply;
    }
    const QString third = segments.at(2);
    if (segments.size() == 3 && third == u"describe") {
        if (call.method != "GET")
            return methodNotAllowed(call.method, u"GET,HEAD"_s);
        // The metadata never changes while the sandbox runs: any If-Modified-Since gets 304.
        SfReply r = call.ifModifiedSince ? SfReply::json(304, QJsonValue::Undefined)
                                         : SfReply::json(200, m_store.schema().describe(*type, call.version));
        r.route = u"GET sobjects/{type}/describe"_s;
        return r;
    }
    if (segments.size() == 3 && (third == u"updated" || third == u"deleted"))
        return updatedOrDeleted(call, *type, third == u"deleted");
    if (segments.size() == 3) {
        SfReply r = recordRow(call, *type, third);
        r.route = QString::fromLatin1(call.method) + u" sobjects/"_s + type->name + u"/{id}"_s;
        return r;
    }
    if (segments.size() == 4) {
        const SfField *f = type->field(third);
        if (f) {
            SfReply r = externalIdRow(call, *type, third, segments.at(3));
            r.route = QString::fromLatin1(call.method) + u" sobjects/"_s + type->name + u"/{field}/{value}"_s;
            return r;
        }
        if (call.method == "PATCH" && !third.startsWith(type->keyPrefix)) {
            // An upsert by a field the object does not have, or the user cannot see: the documented bare object.
            SfReply r = SfReply::json(404, QJsonObject{{u"errorCode"_s, u"NOT_FOUND"_s},
                                                       {u"message"_s, u"The requested resource does not exist"_s}});
            r.route = u"PATCH sobjects/"_s + type->name + u"/{field}/{value}"_s;
            return r;
        }
        SfReply r = blob(call, *type, third, segments.at(3));
        r.route = QString::fromLatin1(call.method) + u" sobjects/"_s + type->name + u"/{id}/{field}"_s;
        return r;
    }
    return notFound();
}

SfReply SfRestApi::recordRow(const Call &call, const SfObjectType &type, const QString &idText)
{
    if (call.method == "GET" || call.method == "HEAD") {
        const SfSaveResult found = m_data.resolve(type.name, idText);
        if (!found.success)
            return saveReply(found, type.name, call.version, false);
        const QStringList fields = splitList(decoded(call.query, u"fields"_s));
        if (auto e = m_data.checkFieldList(type, fields))
            return SfReply::error(400, *e);
        return jsonBytes(m_data.toRestJson(*m_store.find(found.id), call.version, fields));
    }
    if (call.method == "PATCH") {
        if (!call.body.isObject())
            return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
        return saveReply(m_data.update(type.name, idText, call.body.toObject()), type.name, call.version, false);
    }
    if (call.method == "DELETE")
        return saveReply(m_data.remove(type.name, idText), type.name, call.version, false);
    return methodNotAllowed(call.method, u"GET,PATCH,DELETE,HEAD"_s);
}

SfReply SfRestApi::externalIdRow(const Call &call, const SfObjectType &type, const QString &fieldName,
                                 const QString &value)
{
    const SfField *field = type.field(fieldName);
    if (value.endsWith(u".inc"_s, Qt::CaseInsensitive)) {
        // Documented: a value ending in a TLD that clashes with a file format extension (".inc") is not
        // routed, so e.g. an e-mail as external ID in the URL gives 404 whatever the method.
        return SfReply::error(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
    }
    if (!field->externalId && !field->idLookup) {
        // The documented answer here is a bare object, not the usual array.
        return SfReply::json(404, QJsonObject{{u"errorCode"_s, u"NOT_FOUND"_s},
                                              {u"message"_s, u"The requested resource does not exist"_s}});
    }
    if (call.method == "PATCH" || (call.method == "POST" && field->type == u"id")) {
        if (!call.body.isObject())
            return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
        const bool updateOnly = decoded(call.query, u"updateOnly"_s) == u"true";
        if (call.method == "POST") {
            // POST .../sobjects/Order/Id: create, with Id as the "external id".
            SfSaveResult r = m_data.create(type.name, call.body.toObject());
            return saveReply(r, type.name, call.version, true);
        }
        return saveReply(m_data.upsert(type.name, field->name, value, call.body.toObject(), updateOnly), type.name,
                         call.version, true);
    }
    QStringList ids;
    if (field->type == u"id") {
        const SfSaveResult found = m_data.resolve(type.name, value);
        if (found.success)
            ids.append(found.id);
    } else {
        ids = m_data.findByExternalId(type.name, field->name, value);
    }
    if (ids.size() > 1) {
        SfSaveResult multi;
        multi.httpStatus = 300;
        multi.matches = ids;
        return saveReply(multi, type.name, call.version, true);
    }
    if (ids.isEmpty())
        return notFound();
    if (call.method == "GET" || call.method == "HEAD") {
        const QStringList fields = splitList(decoded(call.query, u"fields"_s));
        if (auto e = m_data.checkFieldList(type, fields))
            return SfReply::error(400, *e);
        return jsonBytes(m_data.toRestJson(*m_store.find(ids.first()), call.version, fields));
    }
    if (call.method == "DELETE")
        return saveReply(m_data.remove(type.name, ids.first()), type.name, call.version, false);
    return methodNotAllowed(call.method, u"GET,PATCH,DELETE,HEAD"_s);
}

SfReply SfRestApi::blob(const Call &call, const SfObjectType &type, const QString &idText, const QString &fieldName)
{
    if (call.method != "GET")
        return methodNotAllowed(call.method, u"GET,HEAD"_s);
    const SfSaveResult found = m_data.resolve(type.name, idText);
    if (!found.success)
        return saveReply(found, type.name, call.version, false);
    const SfField *f = type.field(fieldName);
    if (!f || f->type != u"base64")
        return notFound();
    SfReply r;
    r.status = 200;
    r.rawBody = QByteArray::fromBase64(m_store.find(found.id)->fields.value(f->name).toString().toLatin1());
    r.rawContentType = "application/octetstream";
    return r;
}

SfReply SfRestApi::updatedOrDeleted(const Call &call, const SfObjectType &type, bool deleted)
{
    if (call.method != "GET")
        return methodNotAllowed(call.method, u"GET,HEAD"_s);
    auto parse = [](const QString &s) {
        QString t = s;
        t.replace(u' ', u'+');
        QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
        if (!dt.isValid() && t.size() > 5 && (t.at(t.size() - 5) == u'+' || t.at(t.size() - 5) == u'-'))
            dt = QDateTime::fromString(t.left(t.size() - 2) + u':' + t.right(2), Qt::ISODateWithMs);
        return dt;
    };
    const QDateTime start = parse(decoded(call.query, u"start"_s));
    const QDateTime end = parse(decoded(call.query, u"end"_s));
    if (!start.isValid() || !end.isValid() || end < start) {
        return SfReply::error(400, u"INVALID_REPLICATION_DATE"_s,
                              u"start and end must be valid date-times with end after start"_s);
    }
    QJsonArray ids;
    QJsonArray deletedRecords;
    for (const auto &id : m_store.idsOf(type.name)) {
        const SfRecord *r = m_store.find(id);
        if (!r || r->deleted != deleted)
            continue;
        const QString stamp = deleted ? r->deletedDate : r->fields.value(u"SystemModstamp"_s).toString();
        const QDateTime when = parse(stamp);
        if (when < start || when >= end)
            continue;
        if (deleted)
            deletedRecords.append(QJsonObject{{u"id"_s, id}, {u"deletedDate"_s, stamp}});
        else
            ids.append(id);
    }
    const QString latest = SfDataService::formatDateTime(end);
    if (deleted) {
        return SfReply::json(200, QJsonObject{{u"deletedRecords"_s, deletedRecords},
                                              {u"earliestDateAvailable"_s, SfDataService::formatDateTime(start.addDays(-15))},
                                              {u"latestDateCovered"_s, latest}});
    }
    return SfReply::json(200, QJsonObject{{u"ids"_s, ids}, {u"latestDateCovered"_s, latest}});
}

QString SfRestApi::openCursor(SoqlResult result, int batchSize, const QString &version)
{
    if (m_cursors.size() >= kMaxCursors) {
        // Salesforce keeps a bounded number of open cursors per user; the oldest goes first.
        auto oldest = m_cursors.begin();
        for (auto it = m_cursors.begin(); it != m_cursors.end(); ++it) {
            if (it->createdMs < oldest->createdMs)
                oldest = it;
        }
        m_cursors.erase(oldest);
    }
    const QString id15 = u"01g5e"_s + QString::number(++m_cursorCounter).rightJustified(10, u'0');
    const QString cursorId = SfId::to18(id15);
    Cursor c;
    c.result = std::move(result);
    c.batchSize = batchSize;
    c.version = version;
    c.createdMs = QDateTime::currentMSecsSinceEpoch();
    m_cursors.insert(cursorId, std::move(c));
    return cursorId;
}

SfReply SfRestApi::query(const Call &call, bool all, const QString &locator)
{
    const QString base = u"/services/data/v"_s + call.version + u'/' + (all ? u"queryAll"_s : u"query"_s) + u'/';
    Cursor *cursor = nullptr;
    qsizetype offset = 0;
    QString cursorId;
    if (!locator.isEmpty()) {
        const qsizetype dash = locator.lastIndexOf(u'-');
        cursorId = dash > 0 ? locator.left(dash) : locator;
        bool ok = dash > 0;
        offset = ok ? locator.mid(dash + 1).toLongLong(&ok) : 0;
        auto it = m_cursors.find(cursorId);
        if (!ok || it == m_cursors.end() || offset < 0 || offset > it->result.records.size()) {
            return SfReply::error(400, u"INVALID_QUERY_LOCATOR"_s, u"invalid query locator"_s);
        }
        cursor = &*it;
    } else {
        const QString soql = decoded(call.query, u"q"_s);
        SoqlEvaluator evaluator(m_store);
        SoqlOptions options;
        options.apiVersion = call.version;
        options.includeDeleted = all;
        // A child list longer than a page gets a cursor of its own, read through the same query/{locator}.
        options.childCursor = [this, &call, &base](const QList<QByteArray> &rows, qsizetype firstUnsent) -> QString {
            SoqlResult rest;
            rest.records = rows;
            rest.totalSize = rows.size();
            return base + openCursor(std::move(rest), call.queryBatchSize, call.version) + u'-'
                + QString::number(firstUnsent);
        };
        const auto result = evaluator.execute(soql, options);
        if (!result)
            return SfReply::error(400, result.error().errorCode, result.error().message);
        if (result->countOnly || result->pageEnd(0, call.queryBatchSize) >= result->records.size())
            return jsonBytes(result->pageJson(0, result->records.size()));
        cursorId = openCursor(*result, call.queryBatchSize, call.version);
        cursor = &m_cursors[cursorId];
    }
    const qsizetype total = cursor->result.records.size();
    const qsizetype end = cursor->result.pageEnd(offset, cursor->batchSize);
    const bool done = end >= total;
    const QString next = done ? QString() : QString(base + cursorId + u'-' + QString::number(end));
    SfReply reply = jsonBytes(cursor->result.pageJson(offset, end - offset, next));
    if (done)
        m_cursors.remove(cursorId);
    return reply;
}

SfReply SfRestApi::collections(const Call &call, const QStringList &segments)
{
    SfReply reply;
    if (segments.size() == 2) {
        if (call.method == "POST" || call.method == "PATCH")
            reply = collectionsWrite(call, {}, {});
        else if (call.method == "DELETE")
            reply = collectionsDelete(call);
        else
            return methodNotAllowed(call.method, u"POST,PATCH,DELETE"_s);
    } else if (segments.size() == 3) {
        if (call.method != "GET" && call.method != "POST")
            return methodNotAllowed(call.method, u"GET,POST"_s);
        reply = collectionsRetrieve(call, segments.at(2));
    } else if (segments.size() == 4) {
        if (call.method != "PATCH")
            return methodNotAllowed(call.method, u"PATCH"_s);
        reply = collectionsWrite(call, segments.at(2), segments.at(3));
    } else {
        return notFound();
    }
    reply.route = QString::fromLatin1(call.method) + u" composite/sobjects"_s + (segments.size() == 3   ? u"/{type}"_s
                                                            : segments.size() == 4 ? u"/{type}/{field}"_s
                                                                                   : QString());
    return reply;
}

SfReply SfRestApi::collectionsWrite(const Call &call, const QString &upsertType, const QString &upsertField)
{
    if (!call.body.isObject())
        return SfReply::error(400, u"JSON_PARSER_ERROR"_s, u"The request body must be a JSON object"_s);
    const QJsonObject body = call.body.toObject();
    const QJsonArray records = body.value(u"records"_s).toArray();
    const bool allOrNone = body.value(u"allOrNone"_s).toBool();
    if (records.isEmpty())
        return SfReply::error(400, u"INVALID_API_INPUT"_s, u"records: the request must contain at least one record"_s);
    if (records.size() > kCollectionLimit) {
        return SfReply::error(400, u"EXCEEDED_ID_LIMIT"_s,
                              u"record limit reached. cannot submit more than 200 records into this call"_s);
    }
    const bool upsert = !upsertType.isEmpty();
    if (upsert) {
        const SfObjectType *t = m_store.schema().object(upsertType);
        const SfField *f = t ? t->field(upsertField) : nullptr;
        if (!t || !f || !(f->externalId || f->idLookup))
            return notFound();
    }
    const qsizetype savepoint = m_store.begin();
    QList<SfSaveResult> results;
    bool anyFailed = false;
    for (const auto &v : records) {
        const QJsonObject rec = v.toObject();
        const QString type = rec.value(u"attributes"_s).toObject().value(u"type"_s).toString();
        SfSaveResult r;
        if (type.isEmpty() || !m_store.schema().object(type)) {
            r = SfSaveResult::failure(400, SfError{u"INVALID_TYPE"_s,
                                                   type.isEmpty() ? u"Must specify a type in attributes"_s
                                                                  : u"sObject type '%1' is not supported."_s.arg(type),
                                                   {}});
        } else if (upsert) {
            const SfField *f = m_store.schema().object(upsertType)->field(upsertField);
            QJsonValue key;
            for (auto it = rec.begin(); it != rec.end(); ++it) {
                if (it.key().compare(f->name, Qt::CaseInsensitive) == 0)
                    key = it.value();
            }
            if (type.compare(upsertType, Qt::CaseInsensitive) != 0) {
                r = SfSaveResult::failure(400, SfError{u"INVALID_FIELD"_s,
                                                       u"The record type %1 does not match %2"_s.arg(type, upsertType),
                                                       {}});
            } else if (key.isUndefined() || key.isNull()) {
                r = SfSaveResult::failure(400, SfError{u"MISSING_ARGUMENT"_s,
                                                       u"%1 not specified"_s.arg(f->name), {}});
            } else {
                const QString keyText = key.isString() ? key.toString() : QString::number(key.toDouble(), 'g', 15);
                r = m_data.upsert(upsertType, f->name, keyText, rec);
                if (r.httpStatus == 300) {
                    r = SfSaveResult::failure(300, SfError{u"DUPLICATE_EXTERNAL_ID"_s,
                                                           u"%1: more than one record found for external id field: %2"_s
                                                               .arg(f->name, r.matches.join(u", "_s)),
                                                           {f->name}});
                }
            }
        } else if (call.method == "POST") {
            r = m_data.create(type, rec);
        } else {
            QString id = rec.value(u"id"_s).toString();
            if (id.isEmpty())
                id = rec.value(u"Id"_s).toString();
            if (id.isEmpty())
                r = SfSaveResult::failure(400, SfError{u"MISSING_ARGUMENT"_s, u"Id not specified in an update call"_s, {}});
            else
                r = m_data.update(type, id, rec);
            if (!r.success && r.errors.value(0).code == u"NOT_FOUND") {
                r.errors[0] = SfError{u"INVALID_CROSS_REFERENCE_KEY"_s, u"invalid cross reference id"_s, {}};
            }
        }
        anyFailed = anyFailed || !r.success;
        results.append(r);
    }
    if (allOrNone && anyFailed) {
        m_store.rollback(savepoint);
        for (auto &r : results) {
            if (!r.success)
                continue;
            const bool keepId = !r.created && !r.id.isEmpty();
            r.success = false;
            r.errors = {SfError{u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_s,
                                u"Record rolled back because not all records were valid and the request was using "
                                "AllOrNone header"_s,
                                {}}};
            if (!keepId)
                r.id.clear();
        }
    } else {
        m_store.commit();
    }
    return resultArray(results, upsert);
}

SfReply SfRestApi::collectionsDelete(const Call &call)
{
    const QStringList ids = splitList(decoded(call.query, u"ids"_s));
    const bool allOrNone = decoded(call.query, u"allOrNone"_s) == u"true";
    if (ids.isEmpty())
        return SfReply::error(400, u"MISSING_ARGUMENT"_s, u"ids not specified"_s);
    if (ids.size() > kCollectionLimit) {
        return SfReply::error(400, u"EXCEEDED_ID_LIMIT"_s,
                              u"record limit reached. cannot submit more than 200 records into this call"_s);
    }
    const qsizetype savepoint = m_store.begin();
    QList<SfSaveResult> results;
    bool anyFailed = false;
    for (const auto &idText : ids) {
        const auto id = SfId::normalize(idText);
        const SfRecord *rec = id ? m_store.find(*id) : nullptr;
        SfSaveResult r;
        if (!id) {
            r = SfSaveResult::failure(400, SfError{u"MALFORMED_ID"_s, u"malformed id %1"_s.arg(idText), {}});
        } else if (!rec) {
            r = SfSaveResult::failure(400, SfError{u"INVALID_CROSS_REFERENCE_KEY"_s, u"invalid cross reference id"_s, {}});
            r.id = *id;
        } else if (rec->deleted) {
            r = SfSaveResult::failure(400, SfError{u"ENTITY_IS_DELETED"_s, u"entity is deleted"_s, {}});
            r.id = *id;
        } else {
            r = m_data.remove(rec->type, *id);
            r.id = *id;
        }
        anyFailed = anyFailed || !r.success;
        results.append(r);
    }
    if (allOrNone && anyFailed) {
        m_store.rollback(savepoint);
        for (auto &r : results) {
            if (r.success) {
                r.success = false;
                r.errors = {SfError{u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_s,
                                    u"Record rolled back because not all records were valid and the request was using "
                                    "AllOrNone header"_s,
                                    {}}};
            }
        }
    } else {
        m_store.commit();
    }
    return resultArray(results, false);
}

SfReply SfRestApi::collectionsRetrieve(const Call &call, const QString &typeName)
{
    const SfObjectType *type = m_store.schema().object(typeName);
    if (!type)
        return notFound();
    QStringList ids;
    QStringList fields;
    if (call.method == "POST") {
        const QJsonObject body = call.body.toObject();
        for (const auto &v : body.value(u"ids"_s).toArray())
            ids.append(v.toString());
        for (const auto &v : body.value(u"fields"_s).toArray())
            fields.append(v.toString());
    } else {
        ids = splitList(decoded(call.query, u"ids"_s));
        fields = splitList(decoded(call.query, u"fields"_s));
    }
    if (ids.isEmpty() || fields.isEmpty())
        return SfReply::error(400, u"MISSING_ARGUMENT"_s, ids.isEmpty() ? u"ids not specified"_s : u"fields not specified"_s);
    if (ids.size() > 2000)
        return SfReply::error(400, u"EXCEEDED_ID_LIMIT"_s, u"cannot retrieve more than 2000 records"_s);
    if (auto e = m_data.checkFieldList(*type, fields))
        return SfReply::error(400, *e);
    QByteArray out = "[";
    for (const auto &idText : ids) {
        if (out.size() > 1)
            out += ',';
        const SfSaveResult found = m_data.resolve(type->name, idText);
        if (!found.success)
            out += "null";
        else
            out += m_data.toRestJson(*m_store.find(found.id), call.version, fields);
    }
    out += ']';
    return jsonBytes(out);
}

} // namespace Sandbox
