#include "settings/settingscatalog.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

const QList<SettingOption> &SettingsCatalog::options()
{
    // Defaults are the seed system's example values (Orders configuration, Order Configuration
    // and Advanced tabs); the engine options are OrderBridge's own.
    static const QList<SettingOption> table{
        SettingOption::boolean(u"orders.automated_synchronization"_s, u"Automated Synchronization"_s, true),
        SettingOption::choice(u"orders.zero_grand_total"_s, u"Zero Grand Total"_s,
                              {u"synchronize"_s, u"do_not_synchronize"_s}, u"synchronize"_s),
        SettingOption::boolean(u"orders.synchronize_order_notes"_s, u"Synchronize Order Notes"_s, true),
        SettingOption::choice(u"orders.note_object"_s, u"Order notes are written as"_s,
                              {u"note"_s, u"content_note"_s}, u"note"_s),
        // Must be a Salesforce Order status of the Draft category; checked against the live
        // picklist by the Salesforce client, stored as text here.
        SettingOption::text(u"orders.default_status"_s, u"Default Status"_s, u"Draft"_s),
        SettingOption::boolean(u"orders.sync_all_orders"_s, u"Sync all orders"_s, true),
        SettingOption::statusList(u"orders.order_statuses"_s, u"Order statuses to sync"_s, {}),
        // Empty: all history. The first Magento connect of a data folder sets it to that moment, so a
        // first sync does not create every historical order in Salesforce (`sync --since` backfills).
        SettingOption::dateTime(u"orders.sync_since"_s, u"Synchronize orders created since"_s),
        // How far behind the newest change the periodic re-scan reads, for rows committed later than a
        // concurrent poll saw (a checkout's transaction); 0 turns it off. 10 minutes covers commit lags
        // up to 5 minutes (the re-scan runs every half window), far above a checkout's seconds, while one
        // re-scan reads only the orders changed in those 10 minutes.
        SettingOption::integer(u"orders.rescan_window_minutes"_s, u"Re-scan window for late commits (minutes)"_s, 0,
                               1440, 10),
        // Which open orders the comment sweep reads (Magento leaves updated_at alone on a comment): 0, every
        // order not closed or canceled; N, only those changed in the last N days (fewer requests, but a
        // comment on an order untouched for longer is not noticed until the order changes).
        SettingOption::integer(u"orders.comment_sweep_days"_s, u"Comment sweep window (days)"_s, 0, 3650, 0),
        // The console's tray (or in-window) notice when a run ends with orders in error.
        SettingOption::boolean(u"orders.notify_run_errors"_s, u"Notify when a run ends with errors"_s, true),

        SettingOption::choice(u"advanced.create_order"_s, u"Create Order"_s, {u"paid"_s, u"every"_s, u"no"_s},
                              u"paid"_s),
        SettingOption::choice(u"advanced.create_opportunity"_s, u"Create Opportunity"_s, {u"no"_s, u"every"_s},
                              u"no"_s),
        SettingOption::integer(u"advanced.sales_cycle_length_days"_s, u"Sales Cycle Length (days)"_s, 0, 3650, 15),
        SettingOption::text(u"advanced.opportunity_stage_draft"_s, u"Opportunity stage for a new order"_s,
                            u"Prospecting"_s),
        SettingOption::text(u"advanced.opportunity_stage_converted"_s, u"Opportunity stage for a converted order"_s,
                            u"Needs Analysis"_s),
        SettingOption::text(u"advanced.opportunity_stage_cart"_s, u"Opportunity stage for a cart"_s,
                            u"Qualification"_s),
        SettingOption::text(u"advanced.price_book"_s, u"Price Book"_s, u"Magento Default"_s),
        SettingOption::boolean(u"advanced.create_missing_products"_s, u"Create missing products"_s, false),
        SettingOption::boolean(u"advanced.book_base_currency"_s, u"Book base-currency amounts"_s, false),
        SettingOption::boolean(u"advanced.allow_duplicate_save"_s, u"Save past duplicate alerts"_s, true),
        SettingOption::choice(u"advanced.person_accounts"_s, u"New customers as Person Accounts"_s,
                              {u"auto"_s, u"yes"_s, u"no"_s}, u"auto"_s),

        SettingOption::integer(u"engine.polling_interval_seconds"_s, u"Polling interval (seconds)"_s, 10, 86400, 60),
        SettingOption::integer(u"engine.batch_size"_s, u"Batch size (records per request)"_s, 1, 200, 200),
        SettingOption::integer(u"engine.max_attempts"_s, u"Maximum attempts per order"_s, 1, 50, 5),
        // One budget per request to Magento or Salesforce, retries included: a server that never answers fails
        // within it (and Test Connection, which asks both at once, within it too).
        SettingOption::integer(u"engine.request_timeout_seconds"_s, u"Request timeout (seconds)"_s, 5, 600, 45),
        // Composite graph calls of one batch in flight at once; calls whose orders share an Account still go one
        // after the other. Salesforce allows 25 long-running calls at once in a production org.
        SettingOption::integer(u"engine.concurrent_calls"_s, u"Salesforce calls at once"_s, 1, 10, 4),
        SettingOption::integer(u"engine.api_share_percent"_s, u"Share of the daily Salesforce API allowance (%)"_s,
                               1, 100, 50),
    };
    return table;
}

const SettingOption *SettingsCatalog::find(const QString &key)
{
    for (const SettingOption &option : options()) {
        if (option.key() == key)
            return &option;
    }
    return nullptr;
}

QStringList SettingsCatalog::keys()
{
    QStringList result;
    for (const SettingOption &option : options())
        result << option.key();
    return result;
}

QStringList SettingsCatalog::groups()
{
    return {u"orders"_s, u"advanced"_s, u"engine"_s};
}

} // namespace OrderBridge
