#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "salesforce/salesforcefieldinfo.h"
#include "settings/settings.h"
#include "sync/bundleskus.h"
#include "sync/lookuppages.h"
#include "sync/salesforcesnapshot.h"
#include "sync/storeviews.h"

#include <QJsonObject>
#include <QList>

namespace OrderBridge {

/// The batched lookup of what Salesforce holds for up to 200 orders: one /composite request with
/// at most five SOQL subrequests (Orders with their products and notes, Contacts by e-mail and key,
/// price books with the entries of the batch's SKUs, Order Status categories, and Opportunities (with the
/// fields the planner writes and their products) or
/// Products when the settings need them), so a batch costs one API call before its writes when everything fits
/// one page; the engine then follows each nextRecordsUrl (see LookupPages). Lists of SKUs too long for one
/// statement are split over several price (and product) queries.
/// Every literal goes through SoqlQuery; every reply is parsed defensively.
class SalesforceLookup
{
public:
    struct Request
    {
        QList<QJsonObject> orders; ///< Magento orders of the batch (at most 200)
        const Settings *settings = nullptr;
        const FieldMappingList *mappings = nullptr;
        /// The org's Order fields (for the address code fields); null: none beyond the mappings'.
        const SalesforceFieldMap *orderFields = nullptr;
        /// The store views, for the orders' keys; null: increment_id alone.
        const StoreViews *stores = nullptr;
        /// A single-currency org's currency when already read this session; empty: the lookup reads it.
        QString orgCurrency{};
        /// A multi-currency org's decimal places by currency when already read this session; empty: the lookup
        /// reads them.
        QHash<QString, int> currencyDecimals{};
        /// The bundle products' catalog SKUs (see SyncPlanner::billedLines); null: read off the ordered SKUs.
        const BundleSkus *bundleSkus = nullptr;
    };

    /// One subrequest of the composite call.
    struct Query
    {
        QString referenceId;
        QString soql;
    };

    /// The queries of a batch, in subrequest order. More than five means two composite calls.
    [[nodiscard]] static Result<QList<Query>> queries(const Request &request);

    /// The /composite request body for a list of queries (at most five).
    [[nodiscard]] static QJsonObject compositeBody(const QList<Query> &queries, const QString &apiVersion);

    /// Reads the merged lookup pages into a snapshot; pages that could not be read become the snapshot's gaps.
    /// A record without its key is an error naming it.
    [[nodiscard]] static Result<SalesforceSnapshot> parse(const LookupPages &pages, const Settings &settings);

    /// Why `order` cannot be planned from `snapshot` (a lookup page it depends on was not read), if so.
    [[nodiscard]] static std::optional<Error> gapFor(const QJsonObject &order, const SalesforceSnapshot &snapshot,
                                                     const StoreViews *stores = nullptr,
                                                     const BundleSkus *bundleSkus = nullptr);

    static constexpr int MaxQueriesPerCall = 5;
    static constexpr int MaxKeysPerQuery = 200;
    /// SOQL's limit on the length of a statement (characters); longer IN lists are split over several queries.
    static constexpr qsizetype MaxStatementLength = 100000;
};

} // namespace OrderBridge
