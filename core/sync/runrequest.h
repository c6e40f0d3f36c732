#pragma once

#include <QDateTime>
#include <QStringList>

namespace OrderBridge {

/// What a run of the sync worker should do.
struct RunRequest
{
    enum class Kind {
        Poll,   ///< read Magento's changes since the last poll, queue them and drain the queue
        Orders, ///< fetch the named orders, queue them as an operator's request and drain the queue
        Drain,  ///< drain what is queued and due
        DryRun, ///< plan the named orders without writing (the records are in the outcomes' plannedWrites)
        Backfill,        ///< queue the orders created since `since` as an operator's request and drain the queue
        BackfillPreview, ///< count the orders a Backfill would queue and estimate its Salesforce calls; no writes
    };

    Kind kind = Kind::Poll;
    QStringList orders; ///< increment IDs for Orders and DryRun
    QDateTime since;    ///< for Backfill and BackfillPreview

    [[nodiscard]] static RunRequest poll() { return {Kind::Poll, {}, {}}; }
    [[nodiscard]] static RunRequest drain() { return {Kind::Drain, {}, {}}; }
    [[nodiscard]] static RunRequest syncOrders(const QStringList &incrementIds) { return {Kind::Orders, incrementIds, {}}; }
    [[nodiscard]] static RunRequest dryRun(const QStringList &incrementIds) { return {Kind::DryRun, incrementIds, {}}; }
    [[nodiscard]] static RunRequest backfill(const QDateTime &since) { return {Kind::Backfill, {}, since}; }
    [[nodiscard]] static RunRequest backfillPreview(const QDateTime &since)
    {
        return {Kind::BackfillPreview, {}, since};
    }
};

} // namespace OrderBridge
