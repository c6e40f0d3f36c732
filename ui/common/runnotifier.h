#pragma once

#include "sync/syncrunsummary.h"

#include <QObject>
#include <QString>

#include <functional>

class QLabel;
class QSystemTrayIcon;

/// Tells the operator that a run ended with errors: a tray (desktop) notification where the desktop
/// has a system tray, otherwise a line in the window's banner, which stays until the next run.
class RunNotifier : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunNotifier)

public:
    /// `banner`: the in-window place used without a tray; `enabled`: asked at each run's end
    /// (the orders.notify_run_errors setting).
    RunNotifier(QLabel *banner, std::function<bool()> enabled, QObject *parent = nullptr);
    ~RunNotifier() override;

    /// Notifies when the run ended with errors and notifications are on; clears the banner otherwise.
    void handleRunEnded(const OrderBridge::SyncRunSummary &summary);
    /// Whether notifications go to the system tray (true) or the in-window banner.
    [[nodiscard]] bool usesTray() const;

Q_SIGNALS:
    /// A notification was shown (tray or banner), with what it said.
    void notified(const QString &title, const QString &message);

private:
    QLabel *m_banner;
    std::function<bool()> m_enabled;
    QSystemTrayIcon *m_tray = nullptr;
};
