#include "sync/pollscheduler.h"

#include "store/settingsrepository.h"

#include <QTimer>

#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

PollScheduler::PollScheduler(std::shared_ptr<Database> database, Mode mode, QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_mode(mode)
    , m_timer(new QTimer(this))
{
    m_timer->setObjectName(u"pollTimer"_s);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // A run asked for elsewhere may be under way; its end schedules the next poll.
        if (!m_running)
            pollNow();
    });
}

PollScheduler::~PollScheduler() = default;

void PollScheduler::pollNow()
{
    if (m_stopped)
        return;
    if (m_running) {
        // What changed during this run is read by the next one, as soon as this one ends.
        m_pollAgain = true;
        return;
    }
    m_pollAgain = false;
    m_running = true;
    m_timer->stop();
    Q_EMIT pollDue();
}

void PollScheduler::pollRefused()
{
    m_pollAgain = true;
}

void PollScheduler::runStarted()
{
    m_running = true;
}

void PollScheduler::runFinished()
{
    m_running = false;
    reschedule();
}

void PollScheduler::reschedule()
{
    if (m_stopped || m_running)
        return;
    if (m_pollAgain) {
        QTimer::singleShot(0, this, &PollScheduler::pollNow);
        return;
    }
    if (!m_database)
        return;
    // Read on each run, so a change of the settings takes effect at the next poll.
    const auto settings = SettingsRepository(m_database).load();
    if (m_mode == Mode::WhileAutomated && (!settings || !settings->automatedSynchronization())) {
        m_timer->stop();
        return;
    }
    const int seconds = settings ? settings->pollingIntervalSeconds() : Settings().pollingIntervalSeconds();
    m_timer->start(std::chrono::seconds(seconds));
}

void PollScheduler::stop()
{
    m_stopped = true;
    m_pollAgain = false;
    m_timer->stop();
}

} // namespace OrderBridge
