#pragma once

#include <QObject>

#include <functional>

namespace OrderBridge {

/// Runs calls posted from any thread on the thread this object lives in, in posting order (Qt's
/// posted-event queue of that thread). Each call travels in an event that is complete before it is
/// posted, and the hand-off is announced to ThreadSanitizer, which cannot see the lock inside
/// Debian's uninstrumented Qt that orders postEvent() before delivery (README "ThreadSanitizer").
/// A functor given to QMetaObject::invokeMethod is copied inside Qt's template, after the last point
/// where the hand-off could be announced, so cross-thread calls go through here instead.
class CallInbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallInbox)

public:
    explicit CallInbox(QObject *parent = nullptr);
    ~CallInbox() override;

    /// Queues `call` to run on this object's thread; callable from any thread. A call still queued
    /// when the inbox is destroyed is dropped, never run.
    void post(std::function<void()> call);

protected:
    bool event(QEvent *event) override;
};

} // namespace OrderBridge
