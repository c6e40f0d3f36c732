#include "sync/callinbox.h"

#include "common/tsanhandoff.h"

#include <QCoreApplication>
#include <QEvent>

namespace OrderBridge {

namespace {

QEvent::Type callEventType()
{
    static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
    return type;
}

class CallEvent final : public QEvent
{
public:
    explicit CallEvent(std::function<void()> call)
        : QEvent(callEventType())
        , m_call(std::move(call))
    {
    }

    void run() const { m_call(); }

private:
    std::function<void()> m_call;
};

} // namespace

CallInbox::CallInbox(QObject *parent)
    : QObject(parent)
{
}

CallInbox::~CallInbox() = default;

void CallInbox::post(std::function<void()> call)
{
    auto *event = new CallEvent(std::move(call));
    tsanRelease(event); // the event is complete: event() acquires it before reading any of it
    QCoreApplication::postEvent(this, event);
}

bool CallInbox::event(QEvent *event)
{
    tsanAcquire(event); // before the first read of the event, its type included
    if (event->type() != callEventType())
        return QObject::event(event);
    static_cast<const CallEvent *>(event)->run();
    return true;
}

} // namespace OrderBridge
