#pragma once

#include <QList>
#include <QObject>
#include <QTestEventLoop>
#include <QVariant>

#include <type_traits>

/// A QSignalSpy for a signal emitted on another thread (the sync worker's notifications): the
/// arguments reach the spy queued, on the thread that made it, so the test reads them there without
/// a race. QSignalSpy connects directly, so a worker's signal would append to its list on the
/// worker's thread while the test polls it (ThreadSanitizer reports that).
/// Read it as a QSignalSpy: size(), first().first(), wait(); the calls arrive when the test's
/// thread runs its event loop (QTRY_*, wait()).
class CrossThreadSpy : public QObject, public QList<QList<QVariant>>
{
public:
    template<typename Sender, typename... Args>
    CrossThreadSpy(const Sender *sender, void (Sender::*signal)(Args...))
    {
        connect(
            sender, signal, this,
            [this](Args... args) {
                append(QList<QVariant>{QVariant::fromValue(std::remove_cvref_t<Args>(args))...});
                m_loop.exitLoop();
            },
            Qt::QueuedConnection);
    }
    CrossThreadSpy(const CrossThreadSpy &) = delete;
    CrossThreadSpy &operator=(const CrossThreadSpy &) = delete;

    /// Runs the event loop until the next call arrives, or `timeoutMs` passed: whether one arrived.
    bool wait(int timeoutMs = 5000)
    {
        const qsizetype before = size();
        m_loop.enterLoopMSecs(timeoutMs);
        return size() > before;
    }

private:
    QTestEventLoop m_loop;
};
