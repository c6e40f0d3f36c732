#include "sfindexposting.h"

namespace Sandbox {

void SfIndexPosting::append(const QString &id)
{
    if (!m_large) {
        if (m_ids.size() < kSmallLimit) {
            m_ids.append(id);
            return;
        }
        m_large = true;
        for (const QString &filed : std::as_const(m_ids))
            fileLarge(filed);
    }
    fileLarge(id);
    if (m_idsValid)
        m_ids.append(id);
}

void SfIndexPosting::fileLarge(const QString &id)
{
    const quint64 sequence = m_nextSequence++;
    m_bySequence.emplace_hint(m_bySequence.end(), sequence, id);
    m_sequences[id].push_back(sequence);
}

void SfIndexPosting::removeOne(const QString &id)
{
    if (!m_large) {
        m_ids.removeOne(id);
        return;
    }
    const auto it = m_sequences.find(id);
    if (it == m_sequences.end())
        return;
    m_bySequence.erase(it->front());
    it->erase(it->begin());
    if (it->empty())
        m_sequences.erase(it);
    // Rebuilt lazily: most removals are followed by more changes before anyone reads the list.
    m_idsValid = false;
    m_ids.clear();
}

QStringList SfIndexPosting::ids() const
{
    if (!m_idsValid) {
        m_ids.reserve(qsizetype(m_bySequence.size()));
        for (const auto &[sequence, id] : m_bySequence)
            m_ids.append(id);
        m_idsValid = true;
    }
    return m_ids;
}

} // namespace Sandbox
