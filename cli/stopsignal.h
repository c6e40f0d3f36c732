#pragma once

#include <QObject>

class QSocketNotifier;

namespace OrderBridge {

/// Turns SIGTERM and SIGINT into a Qt signal delivered by the event loop (self-pipe), so a long
/// running command (sync --watch) can stop at a safe point instead of dying mid-write. While an
/// instance exists it owns the process's handlers for both signals; the previous ones come back
/// when it is destroyed. At most one instance at a time.
class StopSignal : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StopSignal)

public:
    explicit StopSignal(QObject *parent = nullptr);
    ~StopSignal() override;

    /// False when the handlers could not be installed (then the default action stays).
    [[nodiscard]] bool isActive() const { return m_notifier != nullptr; }

Q_SIGNALS:
    /// The process was asked to stop (signal number: SIGTERM or SIGINT).
    void stopRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace OrderBridge
