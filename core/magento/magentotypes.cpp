#include "magentotypes.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include "common/wholenumber.h"
#include "jsonitemtexts.h"
#include "magentoerrors.h"
#include "magentotime.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// Magento sends ids as numbers, but some extensions and the guest checkout send numeric strings.
qint64 toId(const QJsonValue &value)
{
    if (value.isDouble()) {
        const std::optional<qint64> id = wholeNumber(value.toDouble());
        return id && *id >= 1 ? *id : 0;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 id = value.toString().toLongLong(&ok);
        return ok && id > 0 ? id : 0;
    }
    return 0;
}

bool toFlag(const QJsonValue &value)
{
    return value.isBool() ? value.toBool() : value.toInt() != 0;
}

Error missingField(const QString &what, const QString &field, const QJsonObject &json)
{
    const QString id = json.value(u"increment_id"_s).toString(QString::number(toId(json.value(u"entity_id"_s))));
    Error e = MagentoErrors::malformedReply(
        u"%1 %2 has no valid '%3'"_s.arg(what, id.isEmpty() || id == "0"_L1 ? u"(unknown)"_s : id, field));
    e.fields = {field};
    return e;
}

// A search result's total_count when the reply is a list Magento could have sent: an object with a whole,
// non-negative total_count and items as an array (or absent, as Magento leaves it on an empty page).
std::optional<qint64> listTotal(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    const QJsonValue items = object.value(u"items"_s);
    const QJsonValue total = object.value(u"total_count"_s);
    if (!value.isObject() || !total.isDouble() || !(items.isArray() || items.isUndefined() || items.isNull()))
        return std::nullopt;
    const std::optional<qint64> count = wholeNumber(total.toDouble());
    return count && *count >= 0 ? count : std::nullopt;
}

} // namespace

Result<MagentoOrder> MagentoOrder::fromJson(const QJsonObject &json, QByteArrayView text)
{
    MagentoOrder order;
    order.entityId = toId(json.value(u"entity_id"_s));
    if (order.entityId <= 0)
        return std::unexpected(missingField(u"Order"_s, u"entity_id"_s, json));
    order.incrementId = json.value(u"increment_id"_s).toString();
    if (order.incrementId.isEmpty())
        return std::unexpected(missingField(u"Order"_s, u"increment_id"_s, json));
    order.updatedAt = MagentoTime::parse(json.value(u"updated_at"_s).toString());
    if (!order.updatedAt.isValid())
        return std::unexpected(missingField(u"Order"_s, u"updated_at"_s, json));
    order.createdAt = MagentoTime::parse(json.value(u"created_at"_s).toString());
    order.state = json.value(u"state"_s).toString();
    order.status = json.value(u"status"_s).toString();
    order.json = json;
    order.compactJson = text.isEmpty() ? QJsonDocument(json).toJson(QJsonDocument::Compact) : text.toByteArray();
    // A stable digest (not qHash, which is seeded per process): it is stored in the feed state.
    order.fingerprint = QCryptographicHash::hash(order.compactJson, QCryptographicHash::Sha1).left(12).toHex();
    return order;
}

Result<MagentoComment> MagentoComment::fromJson(const QJsonObject &json)
{
    MagentoComment c;
    c.entityId = toId(json.value(u"entity_id"_s));
    if (c.entityId <= 0)
        return std::unexpected(missingField(u"Comment"_s, u"entity_id"_s, json));
    c.orderId = toId(json.value(u"parent_id"_s));
    c.comment = json.value(u"comment"_s).toString();
    c.status = json.value(u"status"_s).toString();
    c.entityName = json.value(u"entity_name"_s).toString(u"order"_s);
    c.createdAt = MagentoTime::parse(json.value(u"created_at"_s).toString());
    c.customerNotified = toFlag(json.value(u"is_customer_notified"_s));
    c.visibleOnFront = toFlag(json.value(u"is_visible_on_front"_s));
    return c;
}

Result<MagentoOrderPage> MagentoOrderPage::fromJson(const QJsonValue &value, QByteArrayView body)
{
    const std::optional<qint64> count = listTotal(value);
    if (!count)
        return std::unexpected(MagentoErrors::malformedReply(u"the order list has no items/total_count"_s));
    MagentoOrderPage page;
    page.totalCount = *count;
    const QJsonArray array = value.toObject().value(u"items"_s).toArray();
    page.itemCount = int(array.size());
    // Each order's own text from the reply, when the reply is at hand and its items line up with the parsed ones.
    std::optional<QList<QByteArrayView>> texts;
    if (!body.isEmpty())
        texts = jsonItemTexts(body, "items");
    if (texts && texts->size() != array.size())
        texts.reset();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const QByteArrayView text = texts && item.isObject() ? texts->at(i) : QByteArrayView();
        if (auto order = MagentoOrder::fromJson(item.toObject(), text))
            page.orders.append(std::move(*order));
        else
            page.rejected.append(order.error());
    }
    return page;
}

Result<QList<MagentoStoreConfig>> MagentoStoreConfig::listFromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return std::unexpected(MagentoErrors::malformedReply(u"the store configurations are not a list"_s));
    QList<MagentoStoreConfig> configs;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject o = item.toObject();
        MagentoStoreConfig config;
        config.id = toId(o.value(u"id"_s));
        if (!item.isObject() || config.id <= 0)
            return std::unexpected(MagentoErrors::malformedReply(u"a store configuration has no id"_s));
        config.code = o.value(u"code"_s).toString();
        config.timeZone = o.value(u"timezone"_s).toString();
        configs.append(config);
    }
    return configs;
}

Result<MagentoRecordPage> MagentoRecordPage::fromJson(const QJsonValue &value)
{
    const std::optional<qint64> count = listTotal(value);
    if (!count)
        return std::unexpected(MagentoErrors::malformedReply(u"the list has no items/total_count"_s));
    MagentoRecordPage page;
    page.totalCount = *count;
    for (const QJsonValue &item : value.toObject().value(u"items"_s).toArray()) {
        if (!item.isObject())
            return std::unexpected(MagentoErrors::malformedReply(u"a list item is not an object"_s));
        page.items.append(item.toObject());
    }
    return page;
}

QJsonObject MagentoAddress::toJson() const
{
    QJsonObject o{
        {u"firstname"_s, firstname},
        {u"lastname"_s, lastname},
        {u"street"_s, QJsonArray::fromStringList(street)},
        {u"city"_s, city},
        {u"postcode"_s, postcode},
        {u"country_id"_s, countryId},
        {u"telephone"_s, telephone},
    };
    if (!regionCode.isEmpty())
        o.insert(u"region_code"_s, regionCode);
    if (!region.isEmpty())
        o.insert(u"region"_s, region);
    if (!email.isEmpty())
        o.insert(u"email"_s, email);
    return o;
}

} // namespace OrderBridge
