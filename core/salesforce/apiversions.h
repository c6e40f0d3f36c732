#pragma once

#include "salesforceerror.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace OrderBridge {

/// Which REST API version to talk to an org with. An org lists the versions it serves at
/// `GET /services/data/` (no session needed); OrderBridge uses the newest of them that is not newer
/// than the one it was tested with, or the version the user configured when the org serves it.
class ApiVersions
{
public:
    /// The newest API version OrderBridge is tested against.
    static constexpr QStringView NewestTested = u"62.0";

    /// The "version" values of a Versions reply ([{"version":"31.0","url":…},…]); empty when the
    /// body is not such a list.
    [[nodiscard]] static QStringList parse(const QByteArray &body);
    /// The version to use: `configured` when set and offered (API_VERSION_UNSUPPORTED naming the
    /// offered range otherwise), else the newest offered ≤ `newestTested`, else (an org that retired
    /// every version up to it) the oldest offered. API_VERSION_UNSUPPORTED when nothing is offered.
    [[nodiscard]] static SalesforceResult<QString> choose(const QStringList &offered, const QString &configured,
                                                          QStringView newestTested = NewestTested);
    /// Numeric order of "NN.N" versions; a text that is no version sorts first.
    [[nodiscard]] static bool lessThan(const QString &a, const QString &b);
};

} // namespace OrderBridge
