#pragma once

#include "recordwrite.h"

#include <QList>
#include <QString>

namespace OrderBridge {

/// Record writes that happen all together or not at all, in this order (one composite graph).
struct WriteGroup
{
    QString id; ///< unique among the groups sent together; becomes the graph ID
    QList<RecordWrite> writes;

    [[nodiscard]] bool isEmpty() const { return writes.isEmpty(); }
    /// The write named `referenceId`, or null.
    [[nodiscard]] const RecordWrite *write(const QString &referenceId) const;

    friend bool operator==(const WriteGroup &, const WriteGroup &) = default;
};

} // namespace OrderBridge
