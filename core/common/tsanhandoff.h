#pragma once

// Hand-offs between threads that Qt orders with its own locks, stated to ThreadSanitizer.
// Debian's Qt is not built with TSan, so the futex-based QMutex inside libQt6Core (posted events,
// QThread::quit()) orders things TSan cannot see (README "ThreadSanitizer"). tsanRelease() on one
// thread and a later tsanAcquire() on the same address on another tell TSan that everything before
// the first happens before everything after the second (compiler-rt's sanitizer/tsan_interface.h:
// "__tsan_release establishes a happens-before relation with a preceding __tsan_acquire on the same
// address"). Call them only where Qt really orders the two sides. Without TSan they are nothing.

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace OrderBridge {

inline void tsanRelease([[maybe_unused]] const void *address)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void *>(address));
#endif
}

inline void tsanAcquire([[maybe_unused]] const void *address)
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void *>(address));
#endif
}

} // namespace OrderBridge
