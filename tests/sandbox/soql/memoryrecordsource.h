#pragma once

#include "soqlrecordsource.h"

#include <QHash>
#include <QList>
#include <QSet>

/// An in-memory org for the evaluator tests: describe metadata, records, an optional index per field,
/// and counters that show whether a query scanned or looked up.
class MemoryRecordSource : public Sandbox::SoqlRecordSource
{
public:
    void addObject(const QString &name, const QList<Sandbox::SoqlFieldInfo> &fields);
    void addParent(const QString &object, const Sandbox::SoqlParentRelationship &relationship);
    void addChild(const QString &object, const Sandbox::SoqlChildRelationship &relationship);
    void addRecord(const QString &object, const QJsonObject &record, bool deleted = false);
    /// Makes candidateIds() answer for this field.
    void addIndex(const QString &object, const QString &field);

    [[nodiscard]] std::optional<QString> objectName(const QString &name) const override;
    [[nodiscard]] std::optional<Sandbox::SoqlFieldInfo> field(const QString &object, const QString &name) const override;
    [[nodiscard]] std::optional<Sandbox::SoqlParentRelationship> parentRelationship(
        const QString &object, const QString &relationshipName) const override;
    [[nodiscard]] std::optional<Sandbox::SoqlChildRelationship> childRelationship(
        const QString &object, const QString &relationshipName) const override;
    [[nodiscard]] QList<Sandbox::SoqlFieldInfo> fields(const QString &object) const override;
    void forEachRecord(const QString &object, bool includeDeleted,
                       const std::function<bool(const QJsonObject &)> &visit) const override;
    [[nodiscard]] std::optional<QJsonObject> recordById(const QString &object, const QString &id,
                                                        bool includeDeleted) const override;
    [[nodiscard]] std::optional<QStringList> candidateIds(const QString &object, const QString &field,
                                                          const QList<QJsonValue> &values) const override;

    mutable int scans = 0;        // forEachRecord calls
    mutable int idLookups = 0;    // recordById calls
    mutable int indexLookups = 0; // candidateIds calls that used an index

private:
    struct Object
    {
        QString name;
        QList<Sandbox::SoqlFieldInfo> fields;
        QList<Sandbox::SoqlParentRelationship> parents;
        QList<Sandbox::SoqlChildRelationship> children;
        QList<QJsonObject> records;
        QHash<QString, qsizetype> byId;
        QSet<QString> deleted;
        QSet<QString> indexed; // lower-case field names
    };
    [[nodiscard]] const Object *find(const QString &name) const;

    QHash<QString, Object> m_objects; // lower-case name -> object
};
