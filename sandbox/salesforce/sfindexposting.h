#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace Sandbox {

/// The ids filed under one key of SfRecordStore's index, in the order they were filed, as a plain list
/// would hold them. Nearly every key holds a handful of ids (an external id, a contact's account), and
/// those stay a plain list; past kSmallLimit ids removing one costs O(log n) instead of a linear search,
/// so a parent with many children (every Order of the standard price book) does not make each update of
/// a child linear.
class SfIndexPosting
{
public:
    /// Files `id` after every id already here (a second filing of the same id is kept, as a list would).
    void append(const QString &id);
    /// Removes the earliest filing of `id`; nothing when it is not here.
    void removeOne(const QString &id);
    [[nodiscard]] bool isEmpty() const { return size() == 0; }
    [[nodiscard]] qsizetype size() const { return m_large ? qsizetype(m_bySequence.size()) : m_ids.size(); }
    /// The ids in filing order (built on demand after a removal, then shared until the next one).
    [[nodiscard]] QStringList ids() const;

private:
    static constexpr qsizetype kSmallLimit = 16;

    void fileLarge(const QString &id);

    bool m_large = false; // the sequence map and id hash below are in use; m_ids is then a cache
    quint64 m_nextSequence = 0;
    std::map<quint64, QString> m_bySequence;
    QHash<QString, std::vector<quint64>> m_sequences; // id -> its filings, oldest first
    mutable QStringList m_ids;
    mutable bool m_idsValid = true;
};

} // namespace Sandbox
