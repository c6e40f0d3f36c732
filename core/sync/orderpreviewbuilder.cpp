#include "sync/orderpreviewbuilder.h"

#include "salesforce/recordgraphbuilder.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const ExistingRecord *existingById(const OrderOutcome &outcome, const QString &object, const QString &id)
{
    for (const ExistingRecord &r : outcome.existingRecords) {
        if (r.object == object && r.id == id)
            return &r;
    }
    return nullptr;
}

const ExistingRecord *existingByKey(const OrderOutcome &outcome, const QString &object, const QString &key)
{
    for (const ExistingRecord &r : outcome.existingRecords) {
        if (r.object == object && r.externalId == key)
            return &r;
    }
    return nullptr;
}

/// The Salesforce ID of a record found by external ID: from the lookup, or the customer and
/// Opportunity IDs the outcome names.
QString upsertedId(const OrderOutcome &outcome, const RecordWrite &write, const ExistingRecord *existing)
{
    if (existing)
        return existing->id;
    if (write.object == u"Account"_s)
        return outcome.accountId;
    if (write.object == u"Contact"_s)
        return outcome.contactId;
    if (write.object == u"Opportunity"_s)
        return outcome.opportunityId;
    return {};
}

/// One write as a preview record, and the key that identifies its record among the writes.
PreviewRecord recordOf(const OrderOutcome &outcome, const RecordWrite &write, QString *key)
{
    PreviewRecord record;
    record.object = write.object;
    record.referenceId = write.referenceId;
    record.sending = RecordGraphBuilder::body(write);
    const ExistingRecord *existing = nullptr;
    switch (write.operation) {
    case RecordWrite::Operation::Create:
        record.operation = u"insert"_s;
        *key = write.referenceId;
        break;
    case RecordWrite::Operation::Update:
        record.operation = u"update"_s;
        record.recordId = write.recordId;
        existing = existingById(outcome, write.object, write.recordId);
        *key = write.object + u'/' + write.recordId;
        break;
    case RecordWrite::Operation::Upsert:
        existing = existingByKey(outcome, write.object, write.externalId);
        record.recordId = upsertedId(outcome, write, existing);
        record.operation = record.recordId.isEmpty() ? u"insert"_s : u"update"_s;
        *key = write.object + u'/' + (record.recordId.isEmpty() ? write.externalId : record.recordId);
        break;
    }
    if (existing) {
        for (auto it = record.sending.constBegin(); it != record.sending.constEnd(); ++it) {
            if (existing->fields.contains(it.key()))
                record.current.insert(it.key(), existing->fields.value(it.key()));
        }
    }
    return record;
}

void merge(PreviewRecord &into, const PreviewRecord &record)
{
    for (auto it = record.sending.constBegin(); it != record.sending.constEnd(); ++it)
        into.sending.insert(it.key(), it.value());
    for (auto it = record.current.constBegin(); it != record.current.constEnd(); ++it)
        into.current.insert(it.key(), it.value());
}

/// An update whose every value Salesforce already holds writes nothing new.
void markUnchanged(QList<PreviewRecord> &records)
{
    for (PreviewRecord &record : records) {
        if (record.operation != u"update"_s || record.current.isEmpty())
            continue;
        bool same = true;
        for (auto it = record.sending.constBegin(); it != record.sending.constEnd() && same; ++it)
            same = record.current.contains(it.key()) && record.current.value(it.key()) == it.value();
        if (same)
            record.operation = u"none"_s;
    }
}

} // namespace

QList<PreviewRecord> buildPreviewRecords(const OrderOutcome &outcome)
{
    QList<PreviewRecord> records;
    QStringList recordKeys; // one PreviewRecord per record: writes to the same record are merged
    QStringList touchedIds;
    for (const RecordWrite &write : outcome.plannedWrites.writes) {
        QString key;
        const PreviewRecord record = recordOf(outcome, write, &key);
        if (!record.recordId.isEmpty())
            touchedIds << record.recordId;
        if (const qsizetype same = recordKeys.indexOf(key); same >= 0) {
            merge(records[same], record);
            continue;
        }
        recordKeys << key;
        records << record;
    }
    markUnchanged(records);
    // The order's records the sync leaves alone: their mapped values already match.
    for (const ExistingRecord &existing : outcome.existingRecords) {
        if (touchedIds.contains(existing.id))
            continue;
        PreviewRecord record;
        record.object = existing.object;
        record.operation = u"none"_s;
        record.recordId = existing.id;
        record.sending = existing.fields;
        record.current = existing.fields;
        records << record;
    }
    return records;
}

} // namespace OrderBridge
