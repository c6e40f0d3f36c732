#pragma once

#include <QObject>

#include <memory>

class QTimer;

namespace OrderBridge {

class Database;

/// When to read Magento's changes next, for the console's timer and `orderbridge-cli sync --watch`
/// alike: one poll at a time, the next one a polling interval after the last run ended (the interval
/// read from the settings each time), and a poll asked for during a run made right after it.
/// It only says when (pollDue()); its owner asks the worker and reports the runs back.
class PollScheduler : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollScheduler)

public:
    enum class Mode {
        WhileAutomated, ///< the console: scheduled polls only while Automated Synchronization is Yes
        Always,         ///< --watch: the operator asked to watch, so the polls go on regardless
    };

    PollScheduler(std::shared_ptr<Database> database, Mode mode, QObject *parent = nullptr);
    ~PollScheduler() override;

    /// The timer of the next scheduled poll (single shot).
    [[nodiscard]] QTimer *timer() const { return m_timer; }
    /// True from a poll (or a run observed anywhere) until the end of that run.
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isStopped() const { return m_stopped; }

    /// Polls now; during a run, once more as soon as it has ended.
    void pollNow();
    /// The poll asked for was not started because another run is under way: poll after it.
    void pollRefused();
    /// A run began (whoever asked for it).
    void runStarted();
    /// A run ended (whoever asked for it): the next poll is scheduled.
    void runFinished();
    /// Schedules the next poll from the settings as they are now (e.g. after they changed);
    /// nothing while a run is under way (its end schedules).
    void reschedule();
    /// No more polls (the timer stops; pollNow() and reschedule() do nothing).
    void stop();

Q_SIGNALS:
    /// Time to ask the worker for a poll.
    void pollDue();

private:
    std::shared_ptr<Database> m_database;
    Mode m_mode;
    QTimer *m_timer;
    bool m_running = false;
    bool m_pollAgain = false;
    bool m_stopped = false;
};

} // namespace OrderBridge
