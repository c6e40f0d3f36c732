#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace OrderBridge {

/// The words the planner gives the operator: why an order waits or is skipped, what stops it and
/// how to fix it, and notices. The planner writes them in English, and English is what the
/// database, the sync log and the CLI keep, so stored data does not depend on the language of the
/// process that synced. lupdate reads the sources (context "PlannerText"); the console shows them
/// in its language through StoredText::translated().
class PlannerText
{
public:
    static constexpr const char *Context = "PlannerText";

    enum Id {
        // Why an order is Out of Sync or Skipped.
        AutomationOff,
        StatusNotSynced,
        ZeroGrandTotal,
        CreateOrderNo,
        WaitingForPayment,
        NeverPaid,
        // Errors (message, then the hint naming the fix).
        MalformedOrder,
        MalformedOrderHint,
        UnknownOrderStatus,
        UnknownOrderStatusHint,
        DefaultStatusNotDraft,
        DefaultStatusNotDraftHint,
        PriceBookMissing,
        PriceBookMissingHint,
        MissingPriceEntry,
        MissingPriceEntryHint,
        StandardPriceBookMissing,
        StandardPriceBookMissingHint,
        CustomerEmailMissing,
        CustomerEmailMissingHint,
        OrderValuesInvalid,
        OrderValuesInvalidHint,
        ItemValuesInvalid,
        ItemValuesInvalidHint,
        CurrencyNotInOrg,
        CurrencyNotInOrgHint,
        CurrencyNotActive,
        CurrencyNotActiveHint,
        PersonAccountsMissing,
        PersonAccountsMissingHint,
        // Notices for the sync log.
        ProductCreated,
        ValueCut,
        OrderStaysDraft,
        CountryLeftOut,
        StateLeftOut,
        BaseCurrencyBooked,
        BundleProductDeleted,
        // What a sync wrote, one line each in the order's history.
        WroteOrderCreated,
        WroteOrderUpdated,
        WroteStatusChanged,
        WroteStatusSet,
        WroteProductsAdded,
        WroteProductsUpdated,
        WroteNotesAdded,
        WroteRecordCreated,
        WroteRecordUpdated,
    };

    /// The English text of `id` with its %1, %2… filled in from `args`.
    [[nodiscard]] static QString english(Id id, const QStringList &args = {});
    /// The untranslated source text of `id`, with its placeholders.
    [[nodiscard]] static QString source(Id id);
    /// Every text.
    [[nodiscard]] static QList<Id> ids();
    /// The message and the hint of each error the planner reports.
    [[nodiscard]] static QList<std::pair<Id, Id>> errors();
    /// Replaces each %N of `text` with args[N-1] in one pass, so a value that contains "%2" stays as it is.
    [[nodiscard]] static QString fill(const QString &text, const QStringList &args);
};

} // namespace OrderBridge
