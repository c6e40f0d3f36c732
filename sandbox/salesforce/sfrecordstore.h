#pragma once

#include "sfidgenerator.h"
#include "sfindexposting.h"
#include "sfschema.h"
#include "soqlrecordsource.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Sandbox {

/// One stored record: its sObject type and its field values keyed by canonical field names (including "Id").
struct SfRecord
{
    QString type;
    QJsonObject fields;
    bool deleted = false;
    QString deletedDate;

    [[nodiscard]] QString id() const { return fields.value(QLatin1String("Id")).toString(); }
};

/// The org's records in hash maps, with indexes on external-id / id-lookup fields and on lookups, and an undo
/// journal so composite, graph and collection requests can roll back all-or-nothing.
class SfRecordStore : public SoqlRecordSource
{
public:
    explicit SfRecordStore(const SfSchema &schema);
    ~SfRecordStore() override;
    SfRecordStore(const SfRecordStore &) = delete;
    SfRecordStore &operator=(const SfRecordStore &) = delete;

    [[nodiscard]] const SfSchema &schema() const { return m_schema; }

    /// A fresh 18-character id for an sObject type.
    [[nodiscard]] QString newId(const SfObjectType &type);

    /// The record with this 18-character id, deleted or not; nullptr when it never existed.
    [[nodiscard]] const SfRecord *find(const QString &id) const;
    /// Stores a new record (its fields must hold "Id").
    void insert(SfRecord record);
    /// Replaces the fields of an existing record.
    void replaceFields(const QString &id, const QJsonObject &fields);
    /// Moves a record to the recycle bin (it stays visible to queryAll).
    void markDeleted(const QString &id, const QString &when);
    /// Ids of the live records of a type whose indexed field equals value (case-insensitive).
    [[nodiscard]] QStringList lookup(const QString &type, const QString &field, const QJsonValue &value) const;
    /// Ids of the live children pointing at parentId through field.
    [[nodiscard]] QStringList children(const QString &childType, const QString &field, const QString &parentId) const;
    /// All ids of a type in creation order, deleted ones included.
    [[nodiscard]] const std::vector<QString> &idsOf(const QString &type) const;
    [[nodiscard]] qsizetype liveCount(const QString &type) const;

    /// Transactions: begin() returns a savepoint; rollback(savepoint) undoes every change made since, commit()
    /// keeps them. Transactions nest (a collection call inside an all-or-none composite).
    [[nodiscard]] qsizetype begin();
    void commit();
    void rollback(qsizetype savepoint);

    /// Forgets everything (records, counters).
    void clear();
    [[nodiscard]] QJsonObject toJson() const;
    void fromJson(const QJsonObject &json);

    // SoqlRecordSource
    [[nodiscard]] std::optional<QString> objectName(const QString &name) const override;
    [[nodiscard]] std::optional<SoqlFieldInfo> field(const QString &object, const QString &name) const override;
    [[nodiscard]] QList<SoqlFieldInfo> fields(const QString &object) const override;
    [[nodiscard]] std::optional<SoqlParentRelationship> parentRelationship(const QString &object,
                                                                          const QString &relationshipName) const override;
    [[nodiscard]] std::optional<SoqlChildRelationship> childRelationship(const QString &object,
                                                                        const QString &relationshipName) const override;
    void forEachRecord(const QString &object, bool includeDeleted,
                       const std::function<bool(const QJsonObject &)> &visit) const override;
    [[nodiscard]] std::optional<QJsonObject> recordById(const QString &object, const QString &id,
                                                        bool includeDeleted) const override;
    [[nodiscard]] std::optional<QStringList> candidateIds(const QString &object, const QString &field,
                                                          const QList<QJsonValue> &values) const override;

private:
    [[nodiscard]] static QString indexKey(const QString &type, const QString &field, const QJsonValue &value);
    [[nodiscard]] bool indexed(const SfObjectType &type, const SfField &field) const;
    void addToIndex(const SfRecord &record);
    void removeFromIndex(const SfRecord &record);
    void journal(const QString &id);
    void restore(const QString &id, const std::optional<SfRecord> &before);

    const SfSchema &m_schema;
    SfIdGenerator m_ids;
    QHash<QString, SfRecord> m_records;
    QHash<QString, std::vector<QString>> m_order;      // type -> ids in creation order
    QHash<QString, SfIndexPosting> m_index;             // "type\nfield\nvalue" -> ids (live records)
    QHash<QString, QSet<QString>> m_deleted;            // type -> ids in the recycle bin
    int m_depth = 0;
    std::vector<std::pair<QString, std::optional<SfRecord>>> m_journal;
};

} // namespace Sandbox
