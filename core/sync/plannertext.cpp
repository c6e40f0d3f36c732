#include "sync/plannertext.h"

#include <QRegularExpression>

#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

struct Entry
{
    PlannerText::Id id;
    const char *source;
};

// The English sources; lupdate reads them through QT_TRANSLATE_NOOP. Changing one orphans the
// texts already stored with it (they would show in English), so change them only with reason.
constexpr std::array kEntries{
    Entry{PlannerText::AutomationOff,
          QT_TRANSLATE_NOOP("PlannerText", "Automated Synchronization is No: this order syncs only when you choose "
                                           "\"Sync with Salesforce\".")},
    Entry{PlannerText::StatusNotSynced,
          QT_TRANSLATE_NOOP("PlannerText", "Magento status '%1' is not among the statuses to sync (Sync all orders: No).")},
    Entry{PlannerText::ZeroGrandTotal,
          QT_TRANSLATE_NOOP("PlannerText", "Zero Grand Total is \"Do not synchronize\" and this order totals 0.")},
    Entry{PlannerText::CreateOrderNo,
          QT_TRANSLATE_NOOP("PlannerText", "Create Order is No: no Salesforce Order is created.")},
    Entry{PlannerText::WaitingForPayment,
          QT_TRANSLATE_NOOP("PlannerText", "Waiting for payment: Create Order is \"For paid order\" and the order is "
                                           "not invoiced yet.")},
    Entry{PlannerText::NeverPaid,
          QT_TRANSLATE_NOOP("PlannerText", "Never paid: the order is %1 in Magento without an invoice, and Create "
                                           "Order is \"For paid order\".")},
    Entry{PlannerText::MalformedOrder,
          QT_TRANSLATE_NOOP("PlannerText", "Magento returned an order without entity_id, increment_id, status or items.")},
    Entry{PlannerText::MalformedOrderHint,
          QT_TRANSLATE_NOOP("PlannerText", "Check the Magento REST API response for this order; OrderBridge retries it "
                                           "on the next sync.")},
    Entry{PlannerText::UnknownOrderStatus,
          QT_TRANSLATE_NOOP("PlannerText", "The Order Status mapping sends '%1' for Magento status '%2', but Salesforce "
                                           "has no such Order Status.")},
    Entry{PlannerText::UnknownOrderStatusHint,
          QT_TRANSLATE_NOOP("PlannerText", "Map '%1' to an existing Order Status in Fields Mapping › Order Status, "
                                           "or add the value in Salesforce.")},
    Entry{PlannerText::DefaultStatusNotDraft,
          QT_TRANSLATE_NOOP("PlannerText", "Default Status '%1' is not in Salesforce's Draft status group.")},
    Entry{PlannerText::DefaultStatusNotDraftHint,
          QT_TRANSLATE_NOOP("PlannerText", "Choose a Draft-category status under Salesforce › Orders › "
                                           "Default Status.")},
    Entry{PlannerText::PriceBookMissing,
          QT_TRANSLATE_NOOP("PlannerText", "Salesforce has no active price book named '%1'.")},
    Entry{PlannerText::PriceBookMissingHint,
          QT_TRANSLATE_NOOP("PlannerText", "Create the price book in Salesforce or set advanced.price_book to an "
                                           "existing one.")},
    Entry{PlannerText::MissingPriceEntry,
          QT_TRANSLATE_NOOP("PlannerText", "No active price book entry in price book '%1' for SKU %2.")},
    Entry{PlannerText::MissingPriceEntryHint,
          QT_TRANSLATE_NOOP("PlannerText", "In Salesforce, give the product with Product Code %1 an active entry in "
                                           "'%2' (and the Standard Price Book), or set "
                                           "advanced.create_missing_products to yes.")},
    Entry{PlannerText::StandardPriceBookMissing,
          QT_TRANSLATE_NOOP("PlannerText", "Products cannot be created: the org's Standard Price Book was not found.")},
    Entry{PlannerText::StandardPriceBookMissingHint,
          QT_TRANSLATE_NOOP("PlannerText", "Activate the Standard Price Book in Salesforce.")},
    Entry{PlannerText::CustomerEmailMissing, QT_TRANSLATE_NOOP("PlannerText", "The Magento order has no customer e-mail.")},
    Entry{PlannerText::CustomerEmailMissingHint,
          QT_TRANSLATE_NOOP("PlannerText", "Add the customer's e-mail to the order in Magento.")},
    Entry{PlannerText::OrderValuesInvalid, QT_TRANSLATE_NOOP("PlannerText", "Order fields could not be converted: %1.")},
    Entry{PlannerText::OrderValuesInvalidHint,
          QT_TRANSLATE_NOOP("PlannerText", "Fix the values in Magento or the mapping in Fields Mapping › Order.")},
    Entry{PlannerText::ItemValuesInvalid,
          QT_TRANSLATE_NOOP("PlannerText", "Order Product fields for SKU %1 could not be converted: %2.")},
    Entry{PlannerText::ItemValuesInvalidHint,
          QT_TRANSLATE_NOOP("PlannerText", "Fix the values in Magento or the mapping in Fields Mapping › Order "
                                           "Product.")},
    Entry{PlannerText::CurrencyNotInOrg,
          QT_TRANSLATE_NOOP("PlannerText", "The order is in %1, but the Salesforce org has a single currency, %2.")},
    Entry{PlannerText::CurrencyNotInOrgHint,
          QT_TRANSLATE_NOOP("PlannerText", "Enable multiple currencies in Salesforce with %1 active, or set "
                                           "advanced.book_base_currency to yes (Orders configuration › Book "
                                           "base-currency amounts) to book the order's %2 amounts.")},
    Entry{PlannerText::CurrencyNotActive,
          QT_TRANSLATE_NOOP("PlannerText", "The order is in %1, which is not an active currency of the Salesforce "
                                           "org (active: %2).")},
    Entry{PlannerText::CurrencyNotActiveHint,
          QT_TRANSLATE_NOOP("PlannerText", "Activate %1 in Salesforce Setup › Manage Currencies and give the "
                                           "products price book entries in %1.")},
    Entry{PlannerText::PersonAccountsMissing,
          QT_TRANSLATE_NOOP("PlannerText", "The new customer cannot be a Person Account: Person Accounts are not "
                                           "enabled in this Salesforce org (no active person account record type).")},
    Entry{PlannerText::PersonAccountsMissingHint,
          QT_TRANSLATE_NOOP("PlannerText", "Set advanced.person_accounts to auto or no, or enable Person Accounts "
                                           "in Salesforce Setup.")},
    Entry{PlannerText::ProductCreated,
          QT_TRANSLATE_NOOP("PlannerText", "Product %1 and its price book entries are created in Salesforce.")},
    Entry{PlannerText::ValueCut, QT_TRANSLATE_NOOP("PlannerText", "%1 was cut to %2 characters.")},
    Entry{PlannerText::OrderStaysDraft,
          QT_TRANSLATE_NOOP("PlannerText", "The Order stays in '%1': Salesforce activates only orders with products.")},
    Entry{PlannerText::CountryLeftOut,
          QT_TRANSLATE_NOOP("PlannerText", "%1 '%2' was left out: the country is not in Salesforce's country picklist.")},
    Entry{PlannerText::StateLeftOut,
          QT_TRANSLATE_NOOP("PlannerText", "%1 '%2' was left out: Salesforce lists no such state for country '%3'.")},
    Entry{PlannerText::BaseCurrencyBooked,
          QT_TRANSLATE_NOOP("PlannerText", "The order is in %1; its base-currency amounts in %2 were booked.")},
    Entry{PlannerText::BundleProductDeleted,
          QT_TRANSLATE_NOOP("PlannerText", "Bundle product %1 is no longer in the Magento catalog: its SKU %2 was "
                                           "read off the ordered SKU %3 by its option lines.")},
    Entry{PlannerText::WroteOrderCreated, QT_TRANSLATE_NOOP("PlannerText", "Order created.")},
    Entry{PlannerText::WroteOrderUpdated, QT_TRANSLATE_NOOP("PlannerText", "Order updated: %1.")},
    Entry{PlannerText::WroteStatusChanged, QT_TRANSLATE_NOOP("PlannerText", "Status %1 → %2.")},
    Entry{PlannerText::WroteStatusSet, QT_TRANSLATE_NOOP("PlannerText", "Status %1.")},
    Entry{PlannerText::WroteProductsAdded, QT_TRANSLATE_NOOP("PlannerText", "Order products added: %1.")},
    Entry{PlannerText::WroteProductsUpdated, QT_TRANSLATE_NOOP("PlannerText", "Order products updated: %1.")},
    Entry{PlannerText::WroteNotesAdded, QT_TRANSLATE_NOOP("PlannerText", "Notes added: %1.")},
    Entry{PlannerText::WroteRecordCreated, QT_TRANSLATE_NOOP("PlannerText", "%1 created.")},
    Entry{PlannerText::WroteRecordUpdated, QT_TRANSLATE_NOOP("PlannerText", "%1 updated.")},
};

// An error is stored as its message and its hint joined by a space (Error::toString()).
constexpr std::array<std::pair<PlannerText::Id, PlannerText::Id>, 12> kErrors{{
    {PlannerText::MalformedOrder, PlannerText::MalformedOrderHint},
    {PlannerText::UnknownOrderStatus, PlannerText::UnknownOrderStatusHint},
    {PlannerText::DefaultStatusNotDraft, PlannerText::DefaultStatusNotDraftHint},
    {PlannerText::PriceBookMissing, PlannerText::PriceBookMissingHint},
    {PlannerText::MissingPriceEntry, PlannerText::MissingPriceEntryHint},
    {PlannerText::StandardPriceBookMissing, PlannerText::StandardPriceBookMissingHint},
    {PlannerText::CustomerEmailMissing, PlannerText::CustomerEmailMissingHint},
    {PlannerText::OrderValuesInvalid, PlannerText::OrderValuesInvalidHint},
    {PlannerText::ItemValuesInvalid, PlannerText::ItemValuesInvalidHint},
    {PlannerText::CurrencyNotInOrg, PlannerText::CurrencyNotInOrgHint},
    {PlannerText::CurrencyNotActive, PlannerText::CurrencyNotActiveHint},
    {PlannerText::PersonAccountsMissing, PlannerText::PersonAccountsMissingHint},
}};

} // namespace

QString PlannerText::source(Id id)
{
    for (const Entry &e : kEntries) {
        if (e.id == id)
            return QString::fromUtf8(e.source);
    }
    return {};
}

QString PlannerText::english(Id id, const QStringList &args)
{
    return fill(source(id), args);
}

QString PlannerText::fill(const QString &text, const QStringList &args)
{
    static const QRegularExpression placeholder(u"%(\\d{1,2})"_s);
    QString out;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const int n = m.captured(1).toInt();
        out += QStringView(text).mid(at, m.capturedStart() - at);
        out += n >= 1 && n <= args.size() ? args.at(n - 1) : m.captured();
        at = m.capturedEnd();
    }
    return out + QStringView(text).mid(at);
}

QList<PlannerText::Id> PlannerText::ids()
{
    QList<Id> out;
    for (const Entry &e : kEntries)
        out << e.id;
    return out;
}

QList<std::pair<PlannerText::Id, PlannerText::Id>> PlannerText::errors()
{
    return {kErrors.cbegin(), kErrors.cend()};
}

} // namespace OrderBridge
