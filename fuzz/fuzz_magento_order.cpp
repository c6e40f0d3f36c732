// Magento order JSON -> the typed order (MagentoOrder / MagentoOrderPage), the sync store's mirror
// row and the default mappings' evaluation of the order and its items. Also checks that the item texts
// cut from a reply (jsonItemTexts) are exactly the items the parser read.
#include "magento/jsonitemtexts.h"
#include "magento/magentotypes.h"
#include "mapping/defaultmappings.h"
#include "mapping/mappingevaluator.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "sync/syncstore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

void evaluate(const QJsonObject &order)
{
    static const FieldMappingList mappings = defaultMappings();
    static const SalesforceFieldMap orderFields = SalesforceFieldCatalogue::order();
    static const SalesforceFieldMap itemFields = SalesforceFieldCatalogue::orderItem();
    const EvaluationContext context{{u"account_id"_s, u"001000000000001AAA"_s}};
    for (const WriteOperation op : {WriteOperation::Insert, WriteOperation::Update}) {
        (void)MappingEvaluator::evaluateOrder(order, mappings, orderFields, op, context);
        const QJsonArray items = order.value(u"items"_s).toArray();
        for (const QJsonValue &item : items)
            (void)MappingEvaluator::evaluateItem(item.toObject(), mappings, itemFields, op, context);
    }
    (void)MappingEvaluator::salesforceStatus(order.value(u"status"_s).toString(), mappings);
}

// Whenever the body parses as an object whose "items" is an array, the cut texts must be its elements.
void checkItemTexts(const QByteArray &body, const QJsonObject &o)
{
    const std::optional<QList<QByteArrayView>> texts = jsonItemTexts(body, "items");
    const QJsonValue items = o.value(u"items"_s);
    if (!items.isArray())
        return;
    // Duplicate keys: QJsonDocument keeps the last "items", the scanner the first; both then disagree honestly.
    if (body.count("\"items\"") != 1)
        return;
    if (!texts || texts->size() != items.toArray().size())
        __builtin_trap();
    for (qsizetype i = 0; i < texts->size(); ++i) {
        const QJsonDocument one = QJsonDocument::fromJson("[" + texts->at(i).toByteArray() + "]");
        if (!one.isArray() || one.array().size() != 1 || one.array().at(0) != items.toArray().at(i))
            __builtin_trap();
    }
    (void)MagentoOrderPage::fromJson(o, body);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        checkItemTexts(QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)), o);
        (void)MagentoOrder::fromJson(o);
        (void)SyncStore::mirrorOf(o);
        (void)MagentoComment::fromJson(o);
        evaluate(o);
        // The same object as a search result, and as the only item of one.
        (void)MagentoOrderPage::fromJson(o);
        (void)MagentoRecordPage::fromJson(o);
        (void)MagentoOrderPage::fromJson(QJsonObject{{u"items"_s, QJsonArray{o}}, {u"total_count"_s, 1}});
    } else if (doc.isArray()) {
        (void)MagentoOrderPage::fromJson(QJsonObject{{u"items"_s, doc.array()}, {u"total_count"_s, doc.array().size()}});
    }
    return 0;
}
