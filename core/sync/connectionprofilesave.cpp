#include "sync/connectionprofilesave.h"

#include "common/logging.h"
#include "settings/connectionprofilevalidator.h"
#include "store/connectionprofilerepository.h"
#include "sync/orgsession.h"
#include "sync/syncstart.h"

namespace OrderBridge {

ConnectionProfileSave::ConnectionProfileSave(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

Result<ConnectionProfile> ConnectionProfileSave::save(const ConnectionProfile &profile)
{
    m_syncStartedAt.reset();
    if (!m_database)
        return std::unexpected(OrgSession::noDatabaseError());
    if (auto problem = ConnectionProfileValidator::validate(profile))
        return std::unexpected(*problem);
    ConnectionProfile stored = profile;
    stored.name = stored.name.trimmed();
    stored.magentoBaseUrl = stored.magentoBaseUrl.trimmed();
    stored.salesforceLoginUrl = stored.salesforceLoginUrl.trimmed();
    stored.salesforceClientId = stored.salesforceClientId.trimmed();
    stored.salesforceUsername = stored.salesforceUsername.trimmed();
    stored.active = true;
    const ConnectionProfileRepository profiles(m_database);
    auto existing = profiles.findByName(stored.name);
    if (!existing)
        return std::unexpected(existing.error());
    stored.id = existing->has_value() ? (*existing)->id : 0;
    const bool hadMagento = existing->has_value() && !(*existing)->magentoBaseUrl.isEmpty();
    auto saved = profiles.save(stored);
    if (!saved)
        return std::unexpected(saved.error());
    auto started = SyncStart::onMagentoConnect(m_database, hadMagento, QDateTime::currentDateTimeUtc());
    if (!started)
        return std::unexpected(started.error());
    m_syncStartedAt = *started;
    qCInfo(lcSync) << "connection profile" << saved->name << "saved and made active";
    return *saved;
}

} // namespace OrderBridge
