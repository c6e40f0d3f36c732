#pragma once

#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"
#include "settings/settings.h"
#include "sync/bundleskus.h"
#include "sync/orderplan.h"
#include "sync/salesforcesnapshot.h"
#include "sync/storeviews.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace OrderBridge {

/// Decides what one Magento order needs in Salesforce: order + what Salesforce already has +
/// settings + mappings -> an OrderPlan of typed record writes. Pure: no I/O, no clock, no state,
/// no wire format (RecordGraphBuilder makes the composite graph) and no translation (reasons are
/// English PlannerText, translated where they are shown).
///
/// The plan's writes form one group (one composite graph), so they happen all together or not at all, and are
/// idempotent when replayed: the Order, its products, the Account, Contact and Opportunity are
/// upserted by external ID (an existing Opportunity is updated only where it differs); notes, which
/// have none, are created only for comments the snapshot does not already show on the Order: a
/// ContentNote is found by the comment's entity_id in its title, a classic Note by its Body.
///
/// Order lifecycle: a new Order is inserted in the Default Status (Draft category), products are
/// upserted, then the Status from the Order Status mapping is set. An Activated Order whose changes
/// are field edits is updated in place ("Edit Activated Orders"); only adding products or changing
/// the Account sends it back to the Default Status first and then to its mapped status. An Order's
/// price book is never changed once set. Activation happens only when the order has products.
class SyncPlanner
{
public:
    struct Input
    {
        QJsonObject order;
        const SalesforceSnapshot *snapshot = nullptr;
        const Settings *settings = nullptr;
        const FieldMappingList *mappings = nullptr;
        const SalesforceSchema *schema = nullptr;
        SyncTrigger trigger = SyncTrigger::Automatic;
        /// The store views (order keys, time zones); null: one store view, dates in UTC.
        const StoreViews *stores = nullptr;
        /// The bundle products' catalog SKUs; null, or a bundle not in it: read off the ordered SKU.
        const BundleSkus *bundleSkus = nullptr;
    };

    [[nodiscard]] static OrderPlan plan(const Input &input);

    /// Paid = invoiced (or paid) up to the grand total, as "Create Order: For paid order" needs.
    [[nodiscard]] static bool isPaid(const QJsonObject &order);
    /// Paid as "For paid order" reads it: invoiced or paid, or a zero total when Zero Grand Total is Synchronize
    /// (Magento creates no invoice for a zero-total order by default).
    [[nodiscard]] static bool countsAsPaid(const QJsonObject &order, const Settings &settings);
    /// The lines that carry the price: lines without parent_item_id, except a dynamically priced
    /// bundle (parent at 0 with priced children), whose children are billed instead. A billed bundle line
    /// carries its product's own SKU: the catalog's (by product_id in `bundles`), else bundleOwnSku().
    [[nodiscard]] static QList<QJsonObject> billedLines(const QJsonObject &order, const BundleSkus *bundles = nullptr);
    /// The product_ids of the bundle lines billed as themselves, whose own SKU the catalog knows.
    [[nodiscard]] static QList<qint64> bundleProductIds(const QJsonObject &order);
    /// The bundle product's own SKU read off the ordered SKU, for a bundle the catalog no longer has: `orderedSku`
    /// without its option lines' SKUs when it ends in them ("<bundle sku>-<option sku>-…" in any order of the
    /// options), else `orderedSku` unchanged. It guesses wrong when a fixed SKU itself ends in its options' SKUs.
    [[nodiscard]] static QString bundleOwnSku(const QString &orderedSku, const QList<QJsonObject> &optionLines);
    /// The Magento_ID__c of a new Account/Contact: "customer-<id>" or, for guests, "guest-" and 40 hex digits
    /// of the SHA-256 of the lower-case e-mail. It never holds the e-mail: an upsert names its key in the URL,
    /// and Salesforce answers 404 for a value ending in a TLD that looks like a file extension (".inc").
    [[nodiscard]] static QString customerKey(const QJsonObject &order);
    /// The key guests had before keys were hashed, "guest-<email>", so customers synced then are still found;
    /// empty for registered customers. Only looked up, never written.
    [[nodiscard]] static QString legacyCustomerKey(const QJsonObject &order);
    /// The customer Salesforce already holds for the order by key (current or legacy form); nullopt when none.
    [[nodiscard]] static std::optional<SfCustomer> customerByKey(const SalesforceSnapshot &snapshot,
                                                                 const QJsonObject &order);
    /// The order's comments as notes: entries of status_histories with a non-empty comment.
    [[nodiscard]] static QList<QJsonObject> comments(const QJsonObject &order);
    /// The Note title of a comment: its first 75 characters, with "…" when cut.
    [[nodiscard]] static QString noteTitle(const QString &comment);
    /// The title of the ContentNote of a comment: its Note title followed by "[Magento comment #<entity_id>]",
    /// the marker by which the comment is found again (a ContentNote's content cannot be queried with it).
    [[nodiscard]] static QString contentNoteTitle(const QString &comment, qint64 commentId);
    /// The comment entity_id in a ContentNote title written by contentNoteTitle(); 0 when there is none.
    [[nodiscard]] static qint64 commentIdInTitle(const QString &title);
    /// Whether a Salesforce value equals the value a mapping would send (numbers numerically).
    [[nodiscard]] static bool sameValue(const QJsonValue &salesforce, const QJsonValue &mapped);

private:
    /// The steps of plan() over the state they share (syncplanner.cpp).
    class Planning;
};

} // namespace OrderBridge
