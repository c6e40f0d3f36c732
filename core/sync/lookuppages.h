#pragma once

#include "common/error.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrderBridge {

/// The rows of a batched lookup as they arrive: the composite replies, then the follow-up pages Salesforce
/// hands out (a result's nextRecordsUrl, and each child subquery list's own, since child rows count toward the
/// page and a child list is paged on its own), merged per query.
class LookupPages
{
public:
    /// A page still to be asked for with GET on its url.
    struct FollowUp
    {
        int id = 0;
        QString url;
    };

    /// Reads one composite lookup reply. A failed subrequest or a malformed reply is an error for the batch:
    /// nothing of that query can be trusted.
    [[nodiscard]] Result<void> addComposite(const QJsonObject &reply);
    /// The pages to ask for next, each child list before the next page of its parents (asking for a parent's
    /// next page ends the child cursors of the page before). Each is handed out once.
    [[nodiscard]] QList<FollowUp> takePending();
    /// A follow-up's page (a query result object), or why it could not be read. A page that cannot be read
    /// leaves a gap: the orders it concerns fail, the others go on.
    void addFollowUp(int id, const Result<QJsonObject> &page);

    /// The records of one query, merged over its pages, each child list complete unless a gap says otherwise.
    [[nodiscard]] QList<QJsonObject> records(const QString &referenceId) const { return m_records.value(referenceId); }
    /// The reference IDs the replies named, in order.
    [[nodiscard]] QStringList referenceIds() const { return m_order; }
    /// Queries whose own pages are incomplete.
    [[nodiscard]] const QHash<QString, Error> &queryGaps() const { return m_queryGaps; }
    /// Records whose child lists are incomplete: reference ID → the record's Magento_ID__c → why.
    [[nodiscard]] const QHash<QString, QHash<QString, Error>> &recordGaps() const { return m_recordGaps; }

private:
    struct Pending
    {
        QString referenceId;
        qsizetype recordIndex = -1; ///< -1: the query's next page
        QString relationship;
        QString url;
    };

    void queueChildren(const QString &referenceId, qsizetype from);
    void addPage(const Pending &pending, const QJsonObject &page);
    void addGap(const Pending &pending, const Error &error);

    QHash<QString, QList<QJsonObject>> m_records;
    QStringList m_order;
    QList<Pending> m_pending;
    QHash<int, Pending> m_asked;
    int m_nextId = 1;
    QHash<QString, Error> m_queryGaps;
    QHash<QString, QHash<QString, Error>> m_recordGaps;
};

} // namespace OrderBridge
