#pragma once

#include "store/syncstatus.h"
#include "store/syncstatuscounts.h"

#include <QDateTime>
#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QPushButton;
class QToolButton;

/// The strip above the orders grid: how many orders stand at each sync status (a click filters the
/// grid to them), when the last run ended and what it did, when the next one is due, and "Retry
/// Errors". It shows what it is given; the page feeds it from the store and the worker's notices.
class SyncHealthStrip : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncHealthStrip)

public:
    explicit SyncHealthStrip(QWidget *parent = nullptr);
    ~SyncHealthStrip() override;

    void setCounts(const OrderBridge::SyncStatusCounts &counts);
    [[nodiscard]] OrderBridge::SyncStatusCounts counts() const { return m_counts; }
    /// The end of the last run and its one-line summary.
    void setLastRun(const QDateTime &endedAt, const QString &summary);
    /// When the next automatic run is due; nullopt: none is (automated synchronization is off).
    void setNextRun(const std::optional<QDateTime> &dueAt);
    /// While a run is under way, Retry Errors waits for it.
    void setRunning(bool running);
    /// Whether anyone takes retryErrorsRequested() (not in a read-only window).
    void setRetryAvailable(bool available);
    /// The status icons of the grid's delegate, beside each count.
    void setStatusIcon(OrderBridge::SyncStatus status, const QIcon &icon);

    [[nodiscard]] QToolButton *countButton(OrderBridge::SyncStatus status) const;
    [[nodiscard]] QPushButton *retryErrorsButton() const { return m_retry; }
    [[nodiscard]] QLabel *lastRunLabel() const { return m_lastRun; }
    [[nodiscard]] QLabel *nextRunLabel() const { return m_nextRun; }

Q_SIGNALS:
    /// A count was clicked: show the orders at this status.
    void statusClicked(OrderBridge::SyncStatus status);
    void retryErrorsRequested();

private:
    void updateRetry();

    std::array<QToolButton *, 5> m_countButtons{};
    QLabel *m_lastRun = nullptr;
    QLabel *m_nextRun = nullptr;
    QPushButton *m_retry = nullptr;
    OrderBridge::SyncStatusCounts m_counts;
    bool m_running = false;
    bool m_retryAvailable = false;
};
