#include "memoryrecordsource.h"

using Sandbox::SoqlChildRelationship;
using Sandbox::SoqlFieldInfo;
using Sandbox::SoqlParentRelationship;

void MemoryRecordSource::addObject(const QString &name, const QList<SoqlFieldInfo> &fields)
{
    Object &object = m_objects[name.toLower()];
    object.name = name;
    object.fields = fields;
}

void MemoryRecordSource::addParent(const QString &object, const SoqlParentRelationship &relationship)
{
    m_objects[object.toLower()].parents.append(relationship);
}

void MemoryRecordSource::addChild(const QString &object, const SoqlChildRelationship &relationship)
{
    m_objects[object.toLower()].children.append(relationship);
}

void MemoryRecordSource::addRecord(const QString &object, const QJsonObject &record, bool deleted)
{
    Object &o = m_objects[object.toLower()];
    const QString id = record.value(QLatin1String("Id")).toString();
    o.byId.insert(id, o.records.size());
    o.records.append(record);
    if (deleted)
        o.deleted.insert(id);
}

void MemoryRecordSource::addIndex(const QString &object, const QString &field)
{
    m_objects[object.toLower()].indexed.insert(field.toLower());
}

const MemoryRecordSource::Object *MemoryRecordSource::find(const QString &name) const
{
    const auto it = m_objects.constFind(name.toLower());
    return it == m_objects.constEnd() ? nullptr : &it.value();
}

std::optional<QString> MemoryRecordSource::objectName(const QString &name) const
{
    const Object *o = find(name);
    return o ? std::optional<QString>(o->name) : std::nullopt;
}

std::optional<SoqlFieldInfo> MemoryRecordSource::field(const QString &object, const QString &name) const
{
    if (const Object *o = find(object)) {
        for (const auto &f : o->fields) {
            if (f.name.compare(name, Qt::CaseInsensitive) == 0)
                return f;
        }
    }
    return std::nullopt;
}

std::optional<SoqlParentRelationship> MemoryRecordSource::parentRelationship(const QString &object,
                                                                            const QString &relationshipName) const
{
    if (const Object *o = find(object)) {
        for (const auto &r : o->parents) {
            if (r.relationshipName.compare(relationshipName, Qt::CaseInsensitive) == 0)
                return r;
        }
    }
    return std::nullopt;
}

std::optional<SoqlChildRelationship> MemoryRecordSource::childRelationship(const QString &object,
                                                                          const QString &relationshipName) const
{
    if (const Object *o = find(object)) {
        for (const auto &r : o->children) {
            if (r.relationshipName.compare(relationshipName, Qt::CaseInsensitive) == 0)
                return r;
        }
    }
    return std::nullopt;
}

QList<SoqlFieldInfo> MemoryRecordSource::fields(const QString &object) const
{
    const Object *o = find(object);
    return o ? o->fields : QList<SoqlFieldInfo>();
}

void MemoryRecordSource::forEachRecord(const QString &object, bool includeDeleted,
                                       const std::function<bool(const QJsonObject &)> &visit) const
{
    ++scans;
    if (const Object *o = find(object)) {
        for (const auto &record : o->records) {
            if (!includeDeleted && o->deleted.contains(record.value(QLatin1String("Id")).toString()))
                continue;
            if (!visit(record))
                return;
        }
    }
}

std::optional<QJsonObject> MemoryRecordSource::recordById(const QString &object, const QString &id,
                                                          bool includeDeleted) const
{
    ++idLookups;
    const Object *o = find(object);
    if (!o || !o->byId.contains(id) || (!includeDeleted && o->deleted.contains(id)))
        return std::nullopt;
    return o->records.at(o->byId.value(id));
}

std::optional<QStringList> MemoryRecordSource::candidateIds(const QString &object, const QString &field,
                                                            const QList<QJsonValue> &values) const
{
    const Object *o = find(object);
    if (!o || !o->indexed.contains(field.toLower()))
        return std::nullopt;
    ++indexLookups;
    QStringList ids;
    for (const auto &record : o->records) {
        const QJsonValue v = record.value(field);
        for (const QJsonValue &wanted : values) {
            const bool same = v.isString() && wanted.isString()
                                  ? v.toString().compare(wanted.toString(), Qt::CaseInsensitive) == 0
                                  : v == wanted;
            if (same) {
                ids << record.value(QLatin1String("Id")).toString();
                break;
            }
        }
    }
    return ids;
}
