#include "sync/orderpreviewbuilder.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<PreviewRecord> buildPreviewRecords(const OrderOutcome &outcome)
{
    const auto existingById = [&](const QString &object, const QString &id) -> const ExistingRecord * {
        for (const ExistingRecord &r : outcome.existingRecords) {
            if (r.object == object && r.id == id)
                return &r;
        }
        return nullptr;
    };
    const auto existingByKey = [&](const QString &object, const QString &key) -> const ExistingRecord * {
        for (const ExistingRecord &r : outcome.existingRecords) {
            if (r.object == object && r.externalId == key)
                return &r;
        }
        return nullptr;
    };

    QList<PreviewRecord> records;
    QStringList recordKeys; // one PreviewRecord per record: nodes writing the same record are merged
    QStringList touchedIds;
    const QJsonArray nodes = outcome.plannedGraph.value(u"compositeRequest"_s).toArray();
    for (const QJsonValue &value : nodes) {
        const QJsonObject node = value.toObject();
        const QString url = node.value(u"url"_s).toString();
        const qsizetype at = url.indexOf(u"/sobjects/"_s);
        if (at < 0)
            continue;
        const QStringList parts = url.mid(at + 10).split(u'/');
        const QString method = node.value(u"method"_s).toString();
        PreviewRecord record;
        record.object = parts.value(0);
        record.referenceId = node.value(u"referenceId"_s).toString();
        record.sending = node.value(u"body"_s).toObject();
        const ExistingRecord *existing = nullptr;
        QString key;
        if (method == u"POST"_s && parts.size() == 1) {
            record.operation = u"insert"_s;
            key = record.referenceId;
        } else if (parts.size() == 2) {
            record.operation = u"update"_s;
            record.recordId = parts.at(1);
            existing = existingById(record.object, record.recordId);
            key = record.object + u'/' + record.recordId;
        } else if (parts.size() >= 3) {
            const QString externalId = QUrl::fromPercentEncoding(parts.at(2).toUtf8());
            existing = existingByKey(record.object, externalId);
            if (existing) {
                record.recordId = existing->id;
            } else if (record.object == u"Account"_s) {
                record.recordId = outcome.accountId;
            } else if (record.object == u"Contact"_s) {
                record.recordId = outcome.contactId;
            } else if (record.object == u"Opportunity"_s) {
                record.recordId = outcome.opportunityId;
            }
            record.operation = record.recordId.isEmpty() ? u"insert"_s : u"update"_s;
            key = record.recordId.isEmpty() ? record.object + u'/' + externalId : record.object + u'/' + record.recordId;
        } else {
            continue;
        }
        if (existing) {
            for (auto it = record.sending.constBegin(); it != record.sending.constEnd(); ++it) {
                if (existing->fields.contains(it.key()))
                    record.current.insert(it.key(), existing->fields.value(it.key()));
            }
        }
        if (!record.recordId.isEmpty())
            touchedIds << record.recordId;
        if (const qsizetype same = recordKeys.indexOf(key); same >= 0) {
            PreviewRecord &merged = records[same];
            for (auto it = record.sending.constBegin(); it != record.sending.constEnd(); ++it)
                merged.sending.insert(it.key(), it.value());
            for (auto it = record.current.constBegin(); it != record.current.constEnd(); ++it)
                merged.current.insert(it.key(), it.value());
            continue;
        }
        recordKeys << key;
        records << record;
    }
    // An update whose every value Salesforce already holds writes nothing new.
    for (PreviewRecord &record : records) {
        if (record.operation != u"update"_s || record.current.isEmpty())
            continue;
        bool same = true;
        for (auto it = record.sending.constBegin(); it != record.sending.constEnd() && same; ++it)
            same = record.current.contains(it.key()) && record.current.value(it.key()) == it.value();
        if (same)
            record.operation = u"none"_s;
    }
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
