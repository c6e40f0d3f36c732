#include "syncoutput.h"

#include "salesforce/recordgraphbuilder.h"
#include "salesforce/salesforceclient.h"
#include "sync/syncengine.h"
#include "sync/syncworker.h"
#include "common/error.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

/// What a dry run would send: the planned writes as the composite graph the client builds of them.
QJsonObject plannedGraph(const OrderOutcome &o)
{
    return RecordGraphBuilder::graphJson(o.plannedWrites, SalesforceClient::DefaultApiVersion.toString(),
                                         o.writeHeaders);
}

} // namespace

SyncOutput::SyncOutput(QTextStream &out, bool json, bool dryRun)
    : m_out(out)
    , m_json(json)
    , m_dryRun(dryRun)
{
}

void SyncOutput::printOutcome(const OrderOutcome &o)
{
    if (m_json) {
        printOutcomeJson(o);
        return;
    }
    QString text = u"%1  %2"_s.arg(o.incrementId, -12).arg(syncStatusDbName(o.status), -12);
    if (!o.orderId.isEmpty())
        text += u"  "_s + o.orderId;
    if (o.status == SyncStatus::Error)
        text += u"  "_s + o.error.code + u": "_s + o.error.toString();
    else if (!o.reason.isEmpty())
        text += u"  "_s + o.reason;
    m_out << text << u'\n';
    if (m_dryRun && !o.plannedWrites.isEmpty())
        m_out << QString::fromUtf8(QJsonDocument(plannedGraph(o)).toJson(QJsonDocument::Indented));
    m_out << Qt::flush;
}

void SyncOutput::printOutcomeJson(const OrderOutcome &o)
{
    QJsonObject line{{u"increment_id"_s, o.incrementId},
                     {u"sync_status"_s, syncStatusDbName(o.status)},
                     {u"salesforce_order_id"_s, o.orderId},
                     {u"reason"_s, o.status == SyncStatus::Error ? o.error.toString() : o.reason}};
    if (o.status == SyncStatus::Error)
        line.insert(u"error_code"_s, o.error.code);
    if (m_dryRun)
        line.insert(u"would_send"_s, plannedGraph(o));
    m_out << QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)) << u'\n' << Qt::flush;
}

void SyncOutput::printFailure(const Error &error)
{
    if (!m_json)
        return;
    const QJsonObject summary{{u"in_sync"_s, 0}, {u"out_of_sync"_s, 0}, {u"skipped"_s, 0}, {u"errors"_s, 0},
                              {u"api_calls"_s, 0}, {u"stopped"_s, QString()},
                              {u"error"_s, QJsonObject{{u"code"_s, error.code}, {u"message"_s, error.toString()}}}};
    m_out << QString::fromUtf8(QJsonDocument(QJsonObject{{u"summary"_s, summary}}).toJson(QJsonDocument::Compact))
          << u'\n' << Qt::flush;
}

void SyncOutput::printSummary(const SyncRunSummary &s)
{
    if (m_json) {
        QJsonObject summary{{u"in_sync"_s, s.inSync},       {u"out_of_sync"_s, s.outOfSync},
                            {u"skipped"_s, s.skipped},      {u"errors"_s, s.errors},
                            {u"api_calls"_s, s.apiCalls},   {u"stopped"_s, s.stoppedBecause}};
        if (s.failedToRead())
            summary.insert(u"error"_s, QJsonObject{{u"code"_s, s.sourceErrorCode}, {u"message"_s, s.sourceError}});
        if (!s.syncSince.isEmpty())
            summary.insert(u"before_sync_since"_s, QJsonObject{{u"orders"_s, s.beforeSyncSince}, {u"sync_since"_s, s.syncSince}});
        if (s.rescanned > 0)
            summary.insert(u"rescanned"_s, s.rescanned);
        if (s.backfillOrders >= 0)
            summary.insert(u"backfill_preview"_s, QJsonObject{{u"orders"_s, s.backfillOrders},
                                                              {u"api_calls"_s, s.backfillApiCalls}});
        m_out << QString::fromUtf8(QJsonDocument(QJsonObject{{u"summary"_s, summary}}).toJson(QJsonDocument::Compact))
              << u'\n' << Qt::flush;
        return;
    }
    if (s.backfillOrders >= 0) {
        m_out << u"Backfill preview: %1 order(s) to queue, about %2 Salesforce API call(s). Nothing was written; "
                 u"run it without --dry-run to backfill.\n"_s.arg(s.backfillOrders)
                     .arg(s.backfillApiCalls)
              << Qt::flush;
        return;
    }
    m_out << u"In Sync %1, Out of Sync %2, Skipped %3, Error %4; %5 Salesforce API call(s).\n"_s.arg(s.inSync)
                 .arg(s.outOfSync)
                 .arg(s.skipped)
                 .arg(s.errors)
                 .arg(s.apiCalls);
    if (!s.stoppedBecause.isEmpty())
        m_out << u"Stopped: %1.\n"_s.arg(s.stoppedBecause);
    if (s.failedToRead())
        m_out << u"Error: %1\n"_s.arg(s.sourceError);
    if (!s.syncSince.isEmpty())
        m_out << u"Orders created before %1 (orders.sync_since) are left alone (%2 changed this run). To bring "
                 u"them in: orderbridge-cli sync --since DATE (--dry-run for a preview).\n"_s.arg(s.syncSince)
                     .arg(s.beforeSyncSince);
    m_out << Qt::flush;
}

} // namespace OrderBridge
