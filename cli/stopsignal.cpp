#include "stopsignal.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace OrderBridge {

namespace {

// The write end of the self-pipe: the only state an async-signal-safe handler may touch.
int g_writeFd = -1;
int g_readFd = -1;
struct sigaction g_previousTerm;
struct sigaction g_previousInt;

extern "C" void onStopSignal(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    if (g_writeFd >= 0) {
        [[maybe_unused]] const ssize_t written = ::write(g_writeFd, &byte, 1);
    }
}

} // namespace

StopSignal::StopSignal(QObject *parent)
    : QObject(parent)
{
    if (g_writeFd >= 0)
        return; // another instance owns the handlers
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
        return;
    g_writeFd = fds[0];
    g_readFd = fds[1];
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, &g_previousTerm);
    ::sigaction(SIGINT, &action, &g_previousInt);
    m_notifier = new QSocketNotifier(g_readFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        while (::read(g_readFd, &byte, 1) == 1)
            Q_EMIT stopRequested(int(byte));
    });
}

StopSignal::~StopSignal()
{
    if (!m_notifier)
        return;
    ::sigaction(SIGTERM, &g_previousTerm, nullptr);
    ::sigaction(SIGINT, &g_previousInt, nullptr);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_writeFd);
    ::close(g_readFd);
    g_writeFd = -1;
    g_readFd = -1;
}

} // namespace OrderBridge
