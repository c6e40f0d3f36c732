// CallInbox: calls posted from another thread run on the inbox's thread, in posting order; a call
// still queued when the inbox goes is dropped; other events still reach QObject. Labelled "threads":
// under the tsan preset, calls read what the posting thread wrote while it still runs, which TSan
// accepts only because CallInbox announces the hand-off.

#include "sync/callinbox.h"

#include <QPointer>
#include <QTest>
#include <QThread>

#include <memory>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::CallInbox;

class TestCallInbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callsRunOnTheInboxThreadInOrder();
    void callsFromAnotherThreadCarryWhatItWrote();
    void queuedCallIsDroppedWithTheInbox();
    void otherEventsReachQObject();
};

void TestCallInbox::callsRunOnTheInboxThreadInOrder()
{
    QThread thread;
    thread.setObjectName(u"inbox"_s);
    auto *inbox = new CallInbox;
    inbox->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, inbox, &QObject::deleteLater);

    // Filled on the inbox's thread only; the last call there sends copies back through an inbox on
    // this thread (QThread::wait() alone orders nothing TSan can see: Qt's lock).
    auto order = std::make_shared<std::vector<int>>();
    auto threads = std::make_shared<std::vector<QThread *>>();
    constexpr int calls = 50;
    for (int i = 0; i < calls; ++i) {
        inbox->post([i, order, threads] {
            order->push_back(i);
            threads->push_back(QThread::currentThread());
        });
    }
    thread.start(); // calls posted before the thread runs wait for its event loop
    CallInbox back;
    std::vector<int> receivedOrder;
    std::vector<QThread *> receivedThreads;
    inbox->post([&back, &receivedOrder, &receivedThreads, order, threads] {
        back.post([&receivedOrder, &receivedThreads, order = *order, threads = *threads] {
            receivedOrder = order;
            receivedThreads = threads;
        });
    });
    QTRY_COMPARE(receivedOrder.size(), size_t(calls));
    thread.quit();
    QVERIFY(thread.wait(30000));

    for (int i = 0; i < calls; ++i) {
        QCOMPARE(receivedOrder[size_t(i)], i);
        QCOMPARE(receivedThreads[size_t(i)], &thread);
    }
}

void TestCallInbox::callsFromAnotherThreadCarryWhatItWrote()
{
    CallInbox inbox; // on this thread
    QStringList received;
    std::thread poster([&inbox, &received] {
        for (int i = 0; i < 20; ++i) {
            // Made on the posting thread and read by the call on this one.
            auto text = std::make_shared<QString>(u"order %1"_s.arg(100000 + i));
            inbox.post([text, &received] { received.append(*text); });
        }
    });
    // Runs the calls while the poster may still be posting; joined only afterwards, so the join is not
    // what orders its writes before the calls' reads.
    QTRY_COMPARE(received.size(), 20);
    poster.join();
    QCOMPARE(received.first(), u"order 100000"_s);
    QCOMPARE(received.last(), u"order 100019"_s);
}

void TestCallInbox::queuedCallIsDroppedWithTheInbox()
{
    auto captured = std::make_shared<int>(0);
    bool ran = false;
    {
        CallInbox inbox;
        inbox.post([captured, &ran] { ran = true; });
        QCOMPARE(captured.use_count(), 2);
    } // destroyed before this thread's event loop ran
    QCoreApplication::processEvents();
    QVERIFY(!ran);
    QCOMPARE(captured.use_count(), 1); // the call itself is gone, not leaked
}

void TestCallInbox::otherEventsReachQObject()
{
    QPointer<CallInbox> inbox = new CallInbox;
    bool ran = false;
    inbox->post([&ran] { ran = true; });
    inbox->deleteLater();
    QTRY_VERIFY(!inbox); // DeferredDelete is QObject's, not a call
    QVERIFY(ran);        // posted before deleteLater(), so run before it
}

QTEST_GUILESS_MAIN(TestCallInbox)
#include "tst_callinbox.moc"
