#include "sfaccess.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

SfError err(const QString &code, const QString &message, const QStringList &fields = {})
{
    return SfError{code, message, fields};
}

bool isLive(const SfRecord *r)
{
    return r && !r->deleted;
}

/// Metadata API field types (CustomField.Metadata.type) and the describe type each becomes.
const QHash<QString, QString> &metadataTypes()
{
    static const QHash<QString, QString> types{
        {u"Text"_s, u"string"_s},     {u"TextArea"_s, u"textarea"_s}, {u"LongTextArea"_s, u"textarea"_s},
        {u"Number"_s, u"double"_s},   {u"Currency"_s, u"currency"_s}, {u"Percent"_s, u"percent"_s},
        {u"Checkbox"_s, u"boolean"_s}, {u"Date"_s, u"date"_s},        {u"DateTime"_s, u"datetime"_s},
        {u"Email"_s, u"email"_s},     {u"Phone"_s, u"phone"_s},       {u"Url"_s, u"url"_s},
    };
    return types;
}

/// The field a CustomField's Metadata describes, or the reason it is refused.
std::optional<SfError> fieldFromMetadata(const QString &name, const QJsonObject &m, SfField *out)
{
    const QString metaType = m.value(u"type"_s).toString();
    const QString type = metadataTypes().value(metaType);
    if (type.isEmpty())
        return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"Unsupported or missing field type: '%1'"_s.arg(metaType), {u"type"_s});
    const QString label = m.value(u"label"_s).toString();
    if (label.isEmpty())
        return err(u"REQUIRED_FIELD_MISSING"_s, u"Required field is missing: label"_s, {u"label"_s});
    SfField f;
    f.name = name;
    f.label = label;
    f.type = type;
    f.custom = true;
    if (metaType == u"Text") {
        f.length = m.value(u"length"_s).toInt(0);
        if (f.length < 1 || f.length > 255)
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"Length must be between 1 and 255 for a Text field"_s, {u"length"_s});
    } else if (metaType == u"TextArea") {
        f.length = 255;
        f.filterable = false;
    } else if (metaType == u"LongTextArea") {
        f.length = m.value(u"length"_s).toInt(32768);
        f.filterable = false;
    } else if (type == u"double" || type == u"currency" || type == u"percent") {
        f.precision = m.value(u"precision"_s).toInt(18);
        f.scale = m.value(u"scale"_s).toInt(type == u"currency" ? 2 : 0);
        if (f.precision < 1 || f.precision > 18 || f.scale < 0 || f.scale > f.precision)
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"Precision must be 1 to 18 and scale no more than the precision"_s,
                       {u"precision"_s});
    } else if (type == u"boolean") {
        f.nillable = false;
        f.defaultedOnCreate = true;
        f.defaultValue = m.value(u"defaultValue"_s).toVariant().toString() == u"true";
    } else if (type == u"email") {
        f.length = 80;
    } else if (type == u"phone") {
        f.length = 40;
    } else if (type == u"url") {
        f.length = 255;
    }
    const bool keyable = metaType == u"Text" || type == u"double" || type == u"email";
    f.externalId = m.value(u"externalId"_s).toBool();
    f.unique = m.value(u"unique"_s).toBool();
    if ((f.externalId || f.unique) && !keyable) {
        return err(u"FIELD_INTEGRITY_EXCEPTION"_s, u"Only Text, Number and Email fields can be External IDs or Unique"_s,
                   {u"externalId"_s});
    }
    f.idLookup = f.externalId;
    f.caseSensitive = f.unique && m.value(u"caseSensitive"_s).toBool();
    *out = f;
    return std::nullopt;
}

} // namespace

SfAccess::SfAccess(SfSchema &schema, SfRecordStore &store, SfDataService &data)
    : m_schema(schema)
    , m_store(store)
    , m_data(data)
{
}

QStringList SfAccess::assignedSets() const
{
    QStringList sets;
    const QString user = m_data.currentUser();
    for (const auto &id : m_store.idsOf(u"PermissionSetAssignment"_s)) {
        const SfRecord *r = m_store.find(id);
        if (isLive(r) && r->fields.value(u"AssigneeId"_s).toString() == user)
            sets.append(r->fields.value(u"PermissionSetId"_s).toString());
    }
    return sets;
}

bool SfAccess::userHas(const QString &permission) const
{
    for (const auto &id : assignedSets()) {
        const SfRecord *r = m_store.find(id);
        if (isLive(r) && r->fields.value(permission).toBool())
            return true;
    }
    return false;
}

void SfAccess::refresh()
{
    const QList<SfCustomField> &fields = m_schema.customFields();
    bool anyCreated = false;
    for (const auto &c : fields)
        anyCreated = anyCreated || !c.builtin;
    if (!anyCreated)
        return;
    const QStringList sets = assignedSets();
    const QSet<QString> granted(sets.cbegin(), sets.cend());
    QHash<QString, std::pair<bool, bool>> access; // "object.field" lower-case -> read, edit
    for (const auto &id : m_store.idsOf(u"FieldPermissions"_s)) {
        const SfRecord *r = m_store.find(id);
        if (!isLive(r) || !granted.contains(r->fields.value(u"ParentId"_s).toString()))
            continue;
        auto &a = access[r->fields.value(u"Field"_s).toString().toLower()];
        a.first = a.first || r->fields.value(u"PermissionsRead"_s).toBool();
        a.second = a.second || r->fields.value(u"PermissionsEdit"_s).toBool();
    }
    for (int i = 0; i < fields.size(); ++i) {
        const auto a = access.value(QString(fields.at(i).object + u'.' + fields.at(i).field.name).toLower());
        m_schema.setFieldAccess(i, a.first, a.first && a.second);
    }
}

bool SfAccess::fieldExists(const QString &object, const QString &field) const
{
    for (const auto &c : m_schema.customFields()) {
        if (c.object.compare(object, Qt::CaseInsensitive) == 0 && c.field.name.compare(field, Qt::CaseInsensitive) == 0)
            return true;
    }
    const SfObjectType *o = m_schema.object(object);
    const SfField *f = o ? o->field(field) : nullptr;
    // Standard fields take field permissions only when they can be hidden (nillable, not system).
    return f && f->nillable && !f->calculated && f->type != u"id";
}

std::optional<SfError> SfAccess::checkFieldPermissions(const QJsonObject &fields) const
{
    const QString object = fields.value(u"SobjectType"_s).toString();
    const QString field = fields.value(u"Field"_s).toString();
    const QString prefix = object + u'.';
    if (!field.startsWith(prefix, Qt::CaseInsensitive) || !fieldExists(object, field.mid(prefix.size()))) {
        return err(u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s,
                   u"Field Name: bad value for restricted picklist field: %1"_s.arg(field), {u"Field"_s});
    }
    if (fields.value(u"PermissionsEdit"_s).toBool() && !fields.value(u"PermissionsRead"_s).toBool()) {
        return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                   u"Permission Edit depends on permission(s): Read"_s, {u"PermissionsEdit"_s});
    }
    const QString parent = fields.value(u"ParentId"_s).toString();
    for (const auto &id : m_store.idsOf(u"FieldPermissions"_s)) {
        const SfRecord *r = m_store.find(id);
        if (isLive(r) && r->fields.value(u"ParentId"_s).toString() == parent
            && r->fields.value(u"Field"_s).toString().compare(field, Qt::CaseInsensitive) == 0) {
            return err(u"DUPLICATE_VALUE"_s, u"duplicate value found: Field duplicates value on record with id: %1"_s.arg(id),
                       {u"Field"_s});
        }
    }
    return std::nullopt;
}

std::optional<SfError> SfAccess::checkInsert(const QString &type, const QJsonObject &fields) const
{
    static const QStringList setupObjects{u"PermissionSet"_s, u"FieldPermissions"_s, u"PermissionSetAssignment"_s};
    if (!setupObjects.contains(type))
        return std::nullopt;
    if (!userHas(u"PermissionsCustomizeApplication"_s)) {
        return err(u"INSUFFICIENT_ACCESS_OR_READONLY"_s,
                   u"insufficient access rights on object id: you need Manage Profiles and Permission Sets (and "
                   "Assign Permission Sets) to change %1"_s.arg(type));
    }
    if (type == u"FieldPermissions")
        return checkFieldPermissions(fields);
    if (type == u"PermissionSet") {
        static const QRegularExpression name(u"^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$"_s);
        if (!name.match(fields.value(u"Name"_s).toString()).hasMatch()) {
            return err(u"FIELD_INTEGRITY_EXCEPTION"_s,
                       u"The API Name can only contain underscores and alphanumeric characters. It must be unique, "
                       "begin with a letter, not include spaces, not end with an underscore, and not contain two "
                       "consecutive underscores."_s, {u"Name"_s});
        }
        return std::nullopt;
    }
    for (const auto &id : m_store.idsOf(u"PermissionSetAssignment"_s)) {
        const SfRecord *r = m_store.find(id);
        if (isLive(r) && r->fields.value(u"AssigneeId"_s) == fields.value(u"AssigneeId"_s)
            && r->fields.value(u"PermissionSetId"_s) == fields.value(u"PermissionSetId"_s)) {
            return err(u"DUPLICATE_VALUE"_s, u"Duplicate PermissionSetAssignment. Assignee: %1; Permission Set: %2"_s.arg(
                                                 fields.value(u"AssigneeId"_s).toString(),
                                                 fields.value(u"PermissionSetId"_s).toString()));
        }
    }
    return std::nullopt;
}

SfReply SfAccess::tooling(const SfRestApi::Call &call)
{
    const QStringList segments = call.path.split(u'/', Qt::SkipEmptyParts); // "tooling", ...
    if (segments.size() == 3 && segments.at(1) == u"sobjects" && segments.at(2) == u"CustomField"
        && call.method == "POST") {
        SfReply r = createCustomField(call);
        r.route = u"POST tooling/sobjects/CustomField"_s;
        return r;
    }
    if (segments.size() == 2 && segments.at(1) == u"query" && call.method == "GET") {
        SfReply r = query(call);
        r.route = u"GET tooling/query"_s;
        return r;
    }
    SfReply r = SfReply::error(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
    r.route = QString::fromLatin1(call.method) + u" tooling (unsupported here)"_s;
    return r;
}

SfReply SfAccess::createCustomField(const SfRestApi::Call &call)
{
    if (!userHas(u"PermissionsCustomizeApplication"_s)) {
        return SfReply::error(400, u"INSUFFICIENT_ACCESS_OR_READONLY"_s,
                              u"insufficient access rights: creating custom fields needs the Customize Application "
                              "permission"_s);
    }
    const QJsonObject body = call.body.toObject();
    const QString fullName = body.value(u"FullName"_s).toString();
    static const QRegularExpression shape(u"^([A-Za-z][A-Za-z0-9_]*)\\.([A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c)$"_s);
    const auto m = shape.match(fullName);
    if (!m.hasMatch()) {
        return SfReply::error(400, err(u"INVALID_FIELD"_s,
                                       u"FullName must be Object.Field__c (letters, digits, single underscores): %1"_s.arg(
                                           fullName), {u"FullName"_s}));
    }
    const SfObjectType *object = m_schema.object(m.captured(1));
    if (!object)
        return SfReply::error(400, err(u"INVALID_TYPE"_s, u"No such object: %1"_s.arg(m.captured(1)), {u"FullName"_s}));
    for (const auto &c : m_schema.customFields()) {
        if (c.object == object->name && c.field.name.compare(m.captured(2), Qt::CaseInsensitive) == 0) {
            return SfReply::error(400, err(u"DUPLICATE_DEVELOPER_NAME"_s,
                                           u"There is already a field named %1 on %2."_s.arg(m.captured(2).chopped(3),
                                                                                               object->name)));
        }
    }
    SfField field;
    if (auto e = fieldFromMetadata(m.captured(2), body.value(u"Metadata"_s).toObject(), &field))
        return SfReply::error(400, *e);
    SfObjectType idType;
    idType.keyPrefix = u"00N"_s;
    const QString id = m_store.newId(idType);
    m_schema.createCustomField(object->name, field, id);
    return SfReply::json(201, QJsonObject{{u"id"_s, id}, {u"success"_s, true}, {u"errors"_s, QJsonArray()},
                                          {u"warnings"_s, QJsonArray()}, {u"infos"_s, QJsonArray()}});
}

SfReply SfAccess::query(const SfRestApi::Call &call) const
{
    QString q = call.query.queryItemValue(u"q"_s, QUrl::FullyEncoded);
    q = QUrl::fromPercentEncoding(q.replace(u'+', u' ').toUtf8()).simplified();
    static const QRegularExpression shape(
        u"^SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+TableEnumOrId\\s*(=|IN)\\s*(.+?))?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const auto m = shape.match(q);
    if (!m.hasMatch())
        return SfReply::error(400, u"MALFORMED_QUERY"_s, u"This sandbox's Tooling API answers SELECT ... FROM "
                                                          "CustomField [WHERE TableEnumOrId = 'X' | IN ('X', ...)]"_s);
    if (m.captured(2).compare(u"CustomField"_s, Qt::CaseInsensitive) != 0)
        return SfReply::error(400, u"INVALID_TYPE"_s, u"sObject type '%1' is not supported."_s.arg(m.captured(2)));
    static const QStringList known{u"Id"_s, u"DeveloperName"_s, u"TableEnumOrId"_s, u"NamespacePrefix"_s};
    QStringList columns;
    for (const auto &c : m.captured(1).split(u',')) {
        const QString name = c.trimmed();
        const auto it = std::find_if(known.cbegin(), known.cend(),
                                     [&](const QString &k) { return k.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == known.cend())
            return SfReply::error(400, u"INVALID_FIELD"_s, u"No such column '%1' on entity 'CustomField'."_s.arg(name));
        columns.append(*it);
    }
    QSet<QString> tables;
    static const QRegularExpression literal(u"'([^']*)'"_s);
    for (auto it = literal.globalMatch(m.captured(4)); it.hasNext();)
        tables.insert(it.next().captured(1).toLower());
    QJsonArray records;
    for (const auto &c : m_schema.customFields()) {
        if (!m.captured(3).isEmpty() && !tables.contains(c.object.toLower()))
            continue;
        QJsonObject row{{u"attributes"_s, QJsonObject{{u"type"_s, u"CustomField"_s},
                                                      {u"url"_s, QString(u"/services/data/v"_s + call.version
                                                                         + u"/tooling/sobjects/CustomField/"_s + c.id)}}}};
        const QHash<QString, QJsonValue> values{{u"Id"_s, c.id}, {u"DeveloperName"_s, c.field.name.chopped(3)},
                                                {u"TableEnumOrId"_s, c.object}, {u"NamespacePrefix"_s, QJsonValue::Null}};
        for (const auto &col : std::as_const(columns))
            row.insert(col, values.value(col));
        records.append(row);
    }
    return SfReply::json(200, QJsonObject{{u"size"_s, records.size()}, {u"totalSize"_s, records.size()},
                                          {u"done"_s, true}, {u"queryLocator"_s, QJsonValue::Null},
                                          {u"entityTypeName"_s, u"CustomField"_s}, {u"records"_s, records}});
}

} // namespace Sandbox
