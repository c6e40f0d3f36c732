#pragma once

#include "common/error.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace OrderBridge {

/// An Order Product as Salesforce has it.
struct SfOrderItemState
{
    QString id;
    QString pricebookEntryId;
    QJsonObject fields; ///< the mapped fields' current values
};

/// A classic Note, or an enhanced ContentNote, attached to a Salesforce Order. A classic Note has
/// its whole Body; a ContentNote is seen through its ContentDocument's Title only (its content is a
/// file), so the planner gives each ContentNote a per-comment marker in its title.
struct SfNoteState
{
    QString id;
    QString title;
    QString body; ///< the Note's Body; empty for a ContentNote
};

/// An Opportunity Product as Salesforce has it.
struct SfOpportunityItemState
{
    QString id;
    QString pricebookEntryId;
    double quantity = 0.0;
    double unitPrice = 0.0;
};

/// An Opportunity found by its external ID, with the fields the planner writes and its products.
struct SfOpportunityState
{
    QString id;
    QJsonObject fields; ///< Name, StageName, CloseDate, AccountId, Pricebook2Id as Salesforce has them
    QList<SfOpportunityItemState> items;
};

/// A Salesforce Order found by its external ID, with what the planner compares against.
struct SfOrderState
{
    QString id;
    QString status;
    QString statusCode; ///< the Status Category: "Draft" or "Activated"
    QString accountId;
    QString opportunityId;
    QJsonObject fields; ///< the mapped fields' current values
    QHash<QString, SfOrderItemState> itemsByExternalId;
    QList<SfNoteState> notes;
};

/// An Account and Contact that stand for one Magento customer (or guest e-mail).
struct SfCustomer
{
    QString accountId;
    QString contactId;
};

/// An active price book entry of a product.
struct SfPriceEntry
{
    QString id;
    QString product2Id;
    double unitPrice = 0.0;
};

/// What Salesforce already holds for a batch of orders: the result of the batched lookup.
struct SalesforceSnapshot
{
    QString pricebookId;          ///< the configured price book
    QString pricebookName;
    QString standardPricebookId;  ///< needed only when products are created
    QHash<QString, SfOrderState> ordersByIncrementId;
    QHash<QString, SfCustomer> customersByEmail; ///< key: lower-cased e-mail
    QHash<QString, SfCustomer> customersByKey;   ///< key: the Contact's Magento_ID__c
    QHash<QString, SfPriceEntry> entriesBySku;   ///< entries of the configured price book, by entryKey()
    QHash<QString, SfPriceEntry> standardEntriesBySku;
    QHash<QString, QString> productIdsBySku;     ///< by skuKey()
    bool multiCurrency = false;  ///< the entries carry CurrencyIsoCode (multiple currencies)
    QString orgCurrency;         ///< a single-currency org's currency (Organization.DefaultCurrencyIsoCode)
    /// A multi-currency org's active currencies' CurrencyType.DecimalPlaces, by ISO code.
    QHash<QString, int> currencyDecimals;
    QHash<QString, QString> opportunityIdsByIncrementId;
    QHash<QString, SfOpportunityState> opportunitiesByIncrementId;
    /// Order.Status value -> StatusCode category; empty when the org was not asked.
    QHash<QString, QString> statusCategories;
    /// The org's person account record type: new customers become Person Accounts of it. Empty when the org
    /// has none or the settings want Account + Contact.
    QString personAccountRecordTypeId;
    /// The settings want Person Accounts (advanced.person_accounts = yes) and the org was found to have none.
    bool personAccountsMissing = false;

    /// Lookup pages that could not be read. Each fails the orders it concerns; the others sync.
    QHash<QString, Error> incompleteByIncrementId; ///< an order's own Order or Opportunity with its children
    std::optional<Error> incompleteOrders;         ///< the Orders or Opportunities: an order not found fails
    std::optional<Error> incompleteCustomers;      ///< the Contacts: an order whose customer is not found fails
    std::optional<Error> incompletePrices;         ///< price book entries or products: an SKU not found fails
    std::optional<Error> incompleteStatuses;       ///< the Order Status categories: every order fails

    /// SKUs are keyed as Salesforce compares ProductCode: without regard to case.
    [[nodiscard]] static QString skuKey(const QString &sku) { return sku.toCaseFolded(); }
    /// A price book entry's key: the SKU's key, and with multiple currencies the entry's currency.
    [[nodiscard]] static QString entryKey(const QString &sku, const QString &currency)
    {
        return currency.isEmpty() ? skuKey(sku) : skuKey(sku) + u'|' + currency.toUpper();
    }
};

} // namespace OrderBridge
