#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace Sandbox {

/// The ids filed under one key of SfRecordStore's index, in the order they were filed, as a plain list
/// would hold them; removing one costs O(log n) instead of a linear search, so a parent with many
/// children (every Order of the standard price book) does not make each update of a child linear.
class SfIndexPosting
{
public:
    /// Files `id` after every id already here (a second filing of the same id is kept, as a list would).
    void append(const QString &id);
    /// Removes the earliest filing of `id`; nothing when it is not here.
    void removeOne(const QString &id);
    [[nodiscard]] bool isEmpty() const { return m_bySequence.empty(); }
    [[nodiscard]] qsizetype size() const { return qsizetype(m_bySequence.size()); }
    /// The ids in filing order (built on demand after a removal, then shared until the next one).
    [[nodiscard]] QStringList ids() const;

private:
    quint64 m_nextSequence = 0;
    std::map<quint64, QString> m_bySequence;
    QHash<QString, std::vector<quint64>> m_sequences; // id -> its filings, oldest first
    mutable QStringList m_ids;
    mutable bool m_idsValid = true;
};

} // namespace Sandbox
