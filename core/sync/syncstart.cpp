#include "sync/syncstart.h"

#include "common/logging.h"
#include "magento/magentochangeledger.h"
#include "magento/magentosearchcriteria.h"
#include "magento/magentotime.h"
#include "store/feedpositionrepository.h"
#include "store/settingsrepository.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

const QString kSyncSince = u"orders.sync_since"_s;

// Orders per graph payload at the benchmark's figures: 200 orders took 3 payloads (node-bound).
constexpr int kOrdersPerPayload = 67;

} // namespace

Result<std::optional<QDateTime>> SyncStart::onMagentoConnect(const std::shared_ptr<Database> &database, bool hadMagento,
                                                            const QDateTime &now)
{
    if (hadMagento)
        return std::optional<QDateTime>();
    auto position = FeedPositionRepository(database).load();
    if (!position)
        return std::unexpected(position.error());
    if (MagentoChangeFeedState::fromJson(*position).highWater.isValid())
        return std::optional<QDateTime>(); // this data folder has synchronized orders already
    auto settings = SettingsRepository(database).load();
    if (!settings)
        return std::unexpected(settings.error());
    const QDateTime since = now.toUTC().addMSecs(-now.time().msec());
    if (auto set = settings->setValue(kSyncSince, since.toString(Qt::ISODate)); !set)
        return std::unexpected(set.error());
    if (auto saved = SettingsRepository(database).save(*settings); !saved)
        return std::unexpected(saved.error());
    qCInfo(lcSync) << "first Magento connection: orders.sync_since set to" << since;
    return std::optional<QDateTime>(since);
}

QString SyncStart::notice(const QDateTime &since)
{
    return QCoreApplication::translate("SyncStart",
                                       "Orders created before %1 (orders.sync_since) are left alone, so the first "
                                       "sync does not bring the store's history into Salesforce. To bring older "
                                       "orders in, backfill from a date: `orderbridge-cli sync --since 2026-01-01` "
                                       "(add --dry-run for a preview), or Orders › Backfill from date… in the "
                                       "console.")
        .arg(since.toUTC().toString(Qt::ISODate));
}

MagentoSearchCriteria SyncStart::backfillPage(const QDateTime &since, int page, int pageSize)
{
    MagentoSearchCriteria criteria;
    // created_at never changes, so offset paging over it in entity order meets every order once
    // (orders placed meanwhile are appended at the end).
    criteria.where(u"created_at"_s, MagentoSearchCriteria::Condition::Gteq, MagentoTime::format(since))
        .orderBy(u"entity_id"_s)
        .setPageSize(pageSize)
        .setCurrentPage(page);
    return criteria;
}

int SyncStart::estimatedApiCalls(qint64 orders, int batchSize)
{
    if (orders <= 0 || batchSize <= 0)
        return 0;
    const qint64 fullBatches = orders / batchSize;
    const qint64 rest = orders % batchSize;
    const auto batchCalls = [](qint64 n) { return 1 + (n + kOrdersPerPayload - 1) / kOrdersPerPayload; };
    const qint64 calls = fullBatches * batchCalls(batchSize) + (rest > 0 ? batchCalls(rest) : 0);
    return int(std::min<qint64>(calls, std::numeric_limits<int>::max()));
}

Result<void> SyncStart::extendTo(const std::shared_ptr<Database> &database, const QDateTime &since)
{
    const SettingsRepository repository(database);
    auto settings = repository.load();
    if (!settings)
        return std::unexpected(settings.error());
    const QDateTime current = settings->syncSince();
    if (!current.isValid() || current <= since)
        return {};
    if (auto set = settings->setValue(kSyncSince, since.toUTC().toString(Qt::ISODate)); !set)
        return set;
    qCInfo(lcSync) << "backfill: orders.sync_since moved back to" << since;
    return repository.save(*settings);
}

} // namespace OrderBridge
