#pragma once

#include <sys/resource.h>

/// CPU seconds (user + system) of this process (who == RUSAGE_SELF) or of its reaped children
/// (RUSAGE_CHILDREN), for benchmarks that print what each side spent.
inline double rusageSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}
