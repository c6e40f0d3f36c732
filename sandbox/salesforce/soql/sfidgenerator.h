#pragma once

#include <QHash>
#include <QString>

namespace Sandbox {

/// Deterministic generator of 18-character Salesforce ids:
/// key prefix (3) + pod (2) + '0' + base-62 counter (9) + checksum (3). One counter per key prefix,
/// so the same sequence of creates always yields the same ids.
class SfIdGenerator
{
public:
    /// pod: two base-62 characters standing for the instance (real orgs show e.g. "RO", "8d", "M0").
    explicit SfIdGenerator(QString pod = QStringLiteral("Sb"));

    /// The next id for a key prefix such as "801". Returns an empty string for a prefix that is not 3 base-62 chars.
    [[nodiscard]] QString next(const QString &keyPrefix);
    /// The next id for an sObject type (its key prefix from SfId::keyPrefix); empty for an unknown type.
    [[nodiscard]] QString nextFor(const QString &objectName);
    /// Makes later ids of the same prefix and pod greater than this existing one (for state loaded from disk).
    void observe(const QString &id);
    /// Forgets all counters (sandbox reset).
    void reset();

private:
    QString m_pod;
    QHash<QString, quint64> m_counters; // key prefix -> last number handed out
};

} // namespace Sandbox
