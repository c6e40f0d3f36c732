#pragma once

#include <functional>

namespace OrderBridge {

/// The one answer to one request. The classes of the sync worker call it exactly once, on their own
/// thread; WorkerHost makes replies that carry the answer to the asker's thread, and tests without
/// a thread pass a plain lambda.
template<typename T>
using Reply = std::function<void(T)>;

} // namespace OrderBridge
