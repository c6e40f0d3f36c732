#include "sfrecordstore.h"

#include "sfid.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toLower();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return {};
}

const std::vector<QString> &emptyIds()
{
    static const std::vector<QString> empty;
    return empty;
}

} // namespace

SfRecordStore::SfRecordStore(const SfSchema &schema)
    : m_schema(schema)
    , m_ids(u"5e"_s)
{
}

SfRecordStore::~SfRecordStore() = default;

QString SfRecordStore::newId(const SfObjectType &type)
{
    return m_ids.next(type.keyPrefix);
}

const SfRecord *SfRecordStore::find(const QString &id) const
{
    const auto it = m_records.constFind(id);
    return it == m_records.cend() ? nullptr : &*it;
}

QString SfRecordStore::indexKey(const QString &type, const QString &field, const QJsonValue &value)
{
    return type + u'\n' + field + u'\n' + valueText(value);
}

bool SfRecordStore::indexed(const SfObjectType &type, const SfField &field) const
{
    Q_UNUSED(type);
    return field.externalId || (field.idLookup && field.type != u"id") || field.type == u"reference";
}

void SfRecordStore::addToIndex(const SfRecord &record)
{
    if (record.deleted)
        return;
    const SfObjectType *type = m_schema.object(record.type);
    if (!type)
        return;
    for (const auto &f : type->fields) {
        if (!indexed(*type, f))
            continue;
        const QJsonValue v = record.fields.value(f.name);
        if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()))
            continue;
        m_index[indexKey(type->name, f.name, v)].append(record.id());
    }
}

void SfRecordStore::removeFromIndex(const SfRecord &record)
{
    if (record.deleted)
        return;
    const SfObjectType *type = m_schema.object(record.type);
    if (!type)
        return;
    for (const auto &f : type->fields) {
        if (!indexed(*type, f))
            continue;
        const QJsonValue v = record.fields.value(f.name);
        if (v.isNull() || v.isUndefined())
            continue;
        const QString key = indexKey(type->name, f.name, v);
        auto it = m_index.find(key);
        if (it == m_index.end())
            continue;
        it->removeOne(record.id());
        if (it->isEmpty())
            m_index.erase(it);
    }
}

void SfRecordStore::journal(const QString &id)
{
    if (m_depth == 0)
        return;
    const auto it = m_records.constFind(id);
    m_journal.emplace_back(id, it == m_records.cend() ? std::nullopt : std::optional<SfRecord>(*it));
}

void SfRecordStore::insert(SfRecord record)
{
    const QString id = record.id();
    journal(id);
    m_order[record.type].push_back(id);
    addToIndex(record);
    if (record.deleted)
        m_deleted[record.type].insert(id);
    m_records.insert(id, std::move(record));
}

void SfRecordStore::replaceFields(const QString &id, const QJsonObject &fields)
{
    auto it = m_records.find(id);
    if (it == m_records.end())
        return;
    journal(id);
    removeFromIndex(*it);
    it->fields = fields;
    addToIndex(*it);
}

void SfRecordStore::markDeleted(const QString &id, const QString &when)
{
    auto it = m_records.find(id);
    if (it == m_records.end() || it->deleted)
        return;
    journal(id);
    removeFromIndex(*it);
    it->deleted = true;
    it->deletedDate = when;
    m_deleted[it->type].insert(id);
    it->fields.insert(u"IsDeleted"_s, true);
}

QStringList SfRecordStore::lookup(const QString &type, const QString &field, const QJsonValue &value) const
{
    const auto it = m_index.constFind(indexKey(type, field, value));
    return it == m_index.cend() ? QStringList() : it->ids();
}

QStringList SfRecordStore::children(const QString &childType, const QString &field, const QString &parentId) const
{
    return lookup(childType, field, parentId);
}

const std::vector<QString> &SfRecordStore::idsOf(const QString &type) const
{
    const auto it = m_order.constFind(type);
    return it == m_order.cend() ? emptyIds() : *it;
}

qsizetype SfRecordStore::liveCount(const QString &type) const
{
    qsizetype n = 0;
    for (const auto &id : idsOf(type)) {
        const SfRecord *r = find(id);
        if (r && !r->deleted)
            ++n;
    }
    return n;
}

qsizetype SfRecordStore::begin()
{
    ++m_depth;
    return qsizetype(m_journal.size());
}

void SfRecordStore::commit()
{
    if (m_depth > 0 && --m_depth == 0)
        m_journal.clear();
}

void SfRecordStore::restore(const QString &id, const std::optional<SfRecord> &before)
{
    auto it = m_records.find(id);
    if (it != m_records.end()) {
        removeFromIndex(*it);
        if (it->deleted)
            m_deleted[it->type].remove(id);
        if (!before) {
            auto &order = m_order[it->type];
            for (auto o = order.rbegin(); o != order.rend(); ++o) {
                if (*o == id) {
                    order.erase(std::next(o).base());
                    break;
                }
            }
            m_records.erase(it);
            return;
        }
        *it = *before;
        addToIndex(*it);
        if (it->deleted)
            m_deleted[it->type].insert(id);
        return;
    }
    if (before) {
        m_records.insert(id, *before);
        addToIndex(*before);
        if (before->deleted)
            m_deleted[before->type].insert(id);
    }
}

void SfRecordStore::rollback(qsizetype savepoint)
{
    while (qsizetype(m_journal.size()) > savepoint) {
        const auto entry = std::move(m_journal.back());
        m_journal.pop_back();
        restore(entry.first, entry.second);
    }
    if (m_depth > 0 && --m_depth == 0)
        m_journal.clear();
}

void SfRecordStore::clear()
{
    m_records.clear();
    m_order.clear();
    m_index.clear();
    m_deleted.clear();
    m_ids.reset();
    m_journal.clear();
    m_depth = 0;
}

QJsonObject SfRecordStore::toJson() const
{
    QJsonArray records;
    for (const auto &o : m_schema.objects()) {
        for (const auto &id : idsOf(o.name)) {
            const SfRecord *r = find(id);
            if (!r)
                continue;
            QJsonObject rec{{u"type"_s, r->type}, {u"fields"_s, r->fields}};
            if (r->deleted) {
                rec.insert(u"deleted"_s, true);
                rec.insert(u"deletedDate"_s, r->deletedDate);
            }
            records.append(rec);
        }
    }
    return QJsonObject{{u"records"_s, records}};
}

void SfRecordStore::fromJson(const QJsonObject &json)
{
    clear();
    const QJsonArray records = json.value(u"records"_s).toArray();
    for (const auto &v : records) {
        const QJsonObject o = v.toObject();
        SfRecord r;
        r.type = o.value(u"type"_s).toString();
        r.fields = o.value(u"fields"_s).toObject();
        r.deleted = o.value(u"deleted"_s).toBool();
        r.deletedDate = o.value(u"deletedDate"_s).toString();
        if (!m_schema.object(r.type) || r.id().isEmpty())
            continue;
        m_ids.observe(r.id());
        insert(std::move(r));
    }
}

std::optional<QString> SfRecordStore::objectName(const QString &name) const
{
    const SfObjectType *o = m_schema.object(name);
    if (!o || !o->queryable)
        return std::nullopt;
    return o->name;
}

std::optional<SoqlFieldInfo> SfRecordStore::field(const QString &object, const QString &name) const
{
    const SfObjectType *o = m_schema.object(object);
    if (!o)
        return std::nullopt;
    const SfField *f = o->field(name);
    if (!f)
        return std::nullopt;
    return SoqlFieldInfo{f->name, f->type, f->custom};
}

QList<SoqlFieldInfo> SfRecordStore::fields(const QString &object) const
{
    QList<SoqlFieldInfo> out;
    if (const SfObjectType *o = m_schema.object(object)) {
        for (const auto &f : o->fields)
            out.append(SoqlFieldInfo{f.name, f.type, f.custom});
    }
    return out;
}

std::optional<SoqlParentRelationship> SfRecordStore::parentRelationship(const QString &object,
                                                                       const QString &relationshipName) const
{
    const SfObjectType *o = m_schema.object(object);
    if (!o)
        return std::nullopt;
    const SfField *f = o->relationshipField(relationshipName);
    if (!f)
        return std::nullopt;
    QStringList targets = f->referenceTo;
    // ContentDocument ids (069) belong to the ContentNote records of this org.
    if (targets == QStringList{u"ContentDocument"_s})
        targets = {u"ContentNote"_s};
    return SoqlParentRelationship{f->relationshipName, f->name, targets};
}

std::optional<SoqlChildRelationship> SfRecordStore::childRelationship(const QString &object,
                                                                     const QString &relationshipName) const
{
    const SfObjectType *o = m_schema.object(object);
    if (!o)
        return std::nullopt;
    const SfChildRelationship *c = o->child(relationshipName);
    if (!c)
        return std::nullopt;
    return SoqlChildRelationship{c->relationshipName, c->childSObject, c->field};
}

void SfRecordStore::forEachRecord(const QString &object, bool includeDeleted,
                                  const std::function<bool(const QJsonObject &)> &visit) const
{
    const SfObjectType *o = m_schema.object(object);
    if (!o)
        return;
    for (const auto &id : idsOf(o->name)) {
        const SfRecord *r = find(id);
        if (!r || (r->deleted && !includeDeleted))
            continue;
        if (!visit(r->fields))
            return;
    }
}

std::optional<QJsonObject> SfRecordStore::recordById(const QString &object, const QString &id, bool includeDeleted) const
{
    const SfRecord *r = find(id);
    if (!r || (r->deleted && !includeDeleted))
        return std::nullopt;
    if (r->type.compare(object, Qt::CaseInsensitive) != 0
        && !(object.compare(u"ContentDocument"_s, Qt::CaseInsensitive) == 0 && r->type == u"ContentNote"))
        return std::nullopt;
    return r->fields;
}

std::optional<QStringList> SfRecordStore::candidateIds(const QString &object, const QString &fieldName,
                                                       const QList<QJsonValue> &values) const
{
    const SfObjectType *o = m_schema.object(object);
    if (!o)
        return std::nullopt;
    const SfField *f = o->field(fieldName);
    if (!f)
        return std::nullopt;
    QStringList out;
    if (f->type == u"id") {
        for (const auto &v : values) {
            const auto id = SfId::normalize(v.toString());
            if (id && m_records.contains(*id))
                out.append(*id);
        }
        return out;
    }
    if (!indexed(*o, *f))
        return std::nullopt;
    for (const auto &v : values) {
        QJsonValue key = v;
        if (f->type == u"reference" && v.isString()) {
            const auto id = SfId::normalize(v.toString());
            if (id)
                key = *id;
        }
        out.append(lookup(o->name, f->name, key));
    }
    // The index holds live records only; deleted ones are added so queryAll still sees them.
    const auto deleted = m_deleted.constFind(o->name);
    if (deleted != m_deleted.cend()) {
        for (const auto &id : *deleted)
            out.append(id);
    }
    return out;
}

} // namespace Sandbox
