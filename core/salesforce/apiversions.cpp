#include "apiversions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// "62.0" -> (62, 0); (-1, -1) for anything else, so it sorts before every real version.
std::pair<int, int> split(QStringView version)
{
    const qsizetype dot = version.indexOf(u'.');
    bool majorOk = false;
    bool minorOk = dot < 0;
    const int major = version.left(dot < 0 ? version.size() : dot).toInt(&majorOk);
    const int minor = dot < 0 ? 0 : version.mid(dot + 1).toInt(&minorOk);
    return majorOk && minorOk ? std::pair(major, minor) : std::pair(-1, -1);
}

} // namespace

bool ApiVersions::lessThan(const QString &a, const QString &b)
{
    return split(a) < split(b);
}

QStringList ApiVersions::parse(const QByteArray &body)
{
    QStringList versions;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    for (const QJsonValue &entry : doc.array()) {
        const QString version = entry.toObject().value(u"version"_s).toString();
        if (split(version).first >= 0)
            versions << version;
    }
    std::sort(versions.begin(), versions.end(), lessThan);
    return versions;
}

SalesforceResult<QString> ApiVersions::choose(const QStringList &offered, const QString &configured,
                                              QStringView newestTested)
{
    QStringList sorted = offered;
    std::sort(sorted.begin(), sorted.end(), lessThan);
    if (sorted.isEmpty())
        return sfFail(u"API_VERSION_UNSUPPORTED"_s, u"The Salesforce org lists no REST API versions."_s, 0,
                      u"Check the login URL: it must be a Salesforce login or My Domain URL."_s);
    if (!configured.isEmpty()) {
        const auto same = [&](const QString &v) { return split(v) == split(configured); };
        if (std::any_of(sorted.cbegin(), sorted.cend(), same))
            return *std::find_if(sorted.cbegin(), sorted.cend(), same);
        return sfFail(u"API_VERSION_UNSUPPORTED"_s,
                      u"The Salesforce org does not offer API version %1; it offers %2 to %3."_s.arg(
                          configured, sorted.first(), sorted.last()),
                      0,
                      u"Choose a version the org offers in Salesforce \u203a Connection (or `orderbridge-cli connect "
                      "salesforce … --api-version V`), or leave it empty to use the newest version OrderBridge supports."_s);
    }
    const QString newest = newestTested.toString();
    for (auto it = sorted.crbegin(); it != sorted.crend(); ++it) {
        if (!lessThan(newest, *it))
            return *it;
    }
    return sorted.first(); // every version up to the tested one was retired: the closest newer one
}

} // namespace OrderBridge
