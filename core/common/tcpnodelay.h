#pragma once

namespace OrderBridge::TcpNoDelay {

/// Turns Nagle's algorithm off (TCP_NODELAY) on every TCP socket this process holds, once per socket.
///
/// Qt's HTTP client gives no access to its sockets and leaves Nagle on. It writes a request's header
/// and its body in two writes, so the body of a POST waits until the server acknowledges the header,
/// and the server delays that acknowledgement (up to 40 ms on Linux) while it waits for the body.
/// Called before each request with a body; the few system calls per open descriptor cost microseconds.
/// Returns how many sockets it changed (0 where the platform offers no way to list them).
int applyToOpenSockets();

/// On by default; off makes applyToOpenSockets() do nothing (benchmarks compare both).
void setEnabled(bool enabled);

} // namespace OrderBridge::TcpNoDelay
