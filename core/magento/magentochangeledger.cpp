#include "magentochangeledger.h"

#include "magentotime.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QJsonObject MagentoChangeFeedState::toJson() const
{
    QJsonArray keys;
    for (const MagentoOrderKey &key : processed)
        keys.append(QJsonArray{key.entityId, MagentoTime::format(key.updatedAt), QString::fromLatin1(key.fingerprint)});
    return QJsonObject{{u"high_water"_s, highWater.isValid() ? MagentoTime::format(highWater) : QString()},
                       {u"processed"_s, keys}};
}

MagentoChangeFeedState MagentoChangeFeedState::fromJson(const QJsonObject &json)
{
    MagentoChangeFeedState state;
    state.highWater = MagentoTime::parse(json.value(u"high_water"_s).toString());
    for (const QJsonValue &v : json.value(u"processed"_s).toArray()) {
        const QJsonArray pair = v.toArray();
        const MagentoOrderKey key{pair.at(0).toInteger(), MagentoTime::parse(pair.at(1).toString()),
                                  pair.at(2).toString().toLatin1()};
        if (key.entityId > 0 && key.updatedAt.isValid())
            state.processed.append(key);
    }
    return state;
}

MagentoChangeLedger::MagentoChangeLedger(int overlapSeconds, MagentoChangeFeedState state)
    : m_overlapSeconds(std::max(0, overlapSeconds))
    , m_highWater(state.highWater)
{
    for (const MagentoOrderKey &key : std::as_const(state.processed))
        m_processed.insert(key);
    prune();
}

QDateTime MagentoChangeLedger::windowStart() const
{
    if (!m_highWater.isValid())
        return {};
    return m_highWater.addSecs(-m_overlapSeconds);
}

void MagentoChangeLedger::beginPass()
{
    m_pending.clear();
}

bool MagentoChangeLedger::admit(const MagentoOrderKey &key)
{
    if (m_processed.contains(key) || m_pending.contains(key))
        return false;
    m_pending.insert(key);
    return true;
}

void MagentoChangeLedger::confirm(const QList<MagentoOrderKey> &keys)
{
    for (const MagentoOrderKey &key : keys) {
        m_pending.remove(key);
        m_processed.insert(key);
    }
    // Everything confirmed and still remembered may lift the mark (what was pruned is below it anyway).
    QDateTime candidate = m_highWater;
    for (const MagentoOrderKey &key : std::as_const(m_processed)) {
        if (!candidate.isValid() || candidate < key.updatedAt)
            candidate = key.updatedAt;
    }
    // Never move past a version that was delivered but not confirmed: the next pass must see it again.
    for (const MagentoOrderKey &key : std::as_const(m_pending)) {
        if (candidate.isValid() && key.updatedAt < candidate)
            candidate = key.updatedAt;
    }
    if (candidate.isValid() && (!m_highWater.isValid() || m_highWater < candidate))
        m_highWater = candidate;
    prune();
}

void MagentoChangeLedger::prune()
{
    // Versions older than the window will never be fetched again, so they need not be remembered.
    const QDateTime start = windowStart();
    if (!start.isValid())
        return;
    m_processed.removeIf([&start](const MagentoOrderKey &key) { return key.updatedAt < start; });
}

MagentoChangeFeedState MagentoChangeLedger::state() const
{
    MagentoChangeFeedState state;
    state.highWater = m_highWater;
    state.processed = QList<MagentoOrderKey>(m_processed.cbegin(), m_processed.cend());
    std::sort(state.processed.begin(), state.processed.end());
    return state;
}

} // namespace OrderBridge
