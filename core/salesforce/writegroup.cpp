#include "writegroup.h"

namespace OrderBridge {

const RecordWrite *WriteGroup::write(const QString &referenceId) const
{
    for (const RecordWrite &w : writes) {
        if (w.referenceId == referenceId)
            return &w;
    }
    return nullptr;
}

} // namespace OrderBridge
