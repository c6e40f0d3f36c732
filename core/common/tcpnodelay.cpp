#include "tcpnodelay.h"

#include <QtGlobal>

#include <atomic>

#ifdef Q_OS_LINUX
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdlib>
#endif

namespace OrderBridge::TcpNoDelay {

namespace {
std::atomic<bool> g_enabled{true};
} // namespace

void setEnabled(bool enabled)
{
    g_enabled = enabled;
}

int applyToOpenSockets()
{
    if (!g_enabled)
        return 0;
#ifdef Q_OS_LINUX
    DIR *fds = opendir("/proc/self/fd");
    if (!fds)
        return 0;
    const int own = dirfd(fds);
    int changed = 0;
    while (const dirent *entry = readdir(fds)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == own)
            continue;
        int type = 0;
        socklen_t length = sizeof(type);
        if (getsockopt(int(fd), SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM)
            continue;
        sockaddr_storage address{};
        socklen_t addressLength = sizeof(address);
        if (getsockname(int(fd), reinterpret_cast<sockaddr *>(&address), &addressLength) != 0
            || (address.ss_family != AF_INET && address.ss_family != AF_INET6))
            continue;
        int noDelay = 0;
        length = sizeof(noDelay);
        if (getsockopt(int(fd), IPPROTO_TCP, TCP_NODELAY, &noDelay, &length) != 0 || noDelay)
            continue;
        noDelay = 1;
        if (setsockopt(int(fd), IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof(noDelay)) == 0)
            ++changed;
    }
    closedir(fds);
    return changed;
#else
    return 0;
#endif
}

} // namespace OrderBridge::TcpNoDelay
