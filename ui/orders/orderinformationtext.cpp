#include "orders/orderinformationtext.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

QString text(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (value.isString())
        return value.toString().trimmed();
    if (value.isDouble())
        return QString::number(value.toDouble());
    return {};
}

QString joined(const QStringList &parts, const QString &separator)
{
    QStringList present;
    for (const QString &part : parts) {
        if (!part.isEmpty())
            present << part;
    }
    return present.join(separator);
}

} // namespace

QString OrderInformationText::address(const QJsonObject &address)
{
    if (address.isEmpty())
        return {};
    QStringList lines;
    lines << joined({text(address, "prefix"_L1), text(address, "firstname"_L1), text(address, "middlename"_L1),
                     text(address, "lastname"_L1), text(address, "suffix"_L1)},
                    u" "_s);
    lines << text(address, "company"_L1);
    for (const QJsonValue &street : address.value("street"_L1).toArray())
        lines << street.toString().trimmed();
    const QString region = text(address, "region"_L1);
    lines << joined({text(address, "city"_L1), joined({region, text(address, "postcode"_L1)}, u" "_s)}, u", "_s);
    lines << text(address, "country_id"_L1);
    if (const QString phone = text(address, "telephone"_L1); !phone.isEmpty())
        lines << tr("T: %1").arg(phone);
    return joined(lines, u"\n"_s);
}

QJsonObject OrderInformationText::billingAddress(const QJsonObject &order)
{
    return order.value("billing_address"_L1).toObject();
}

QJsonObject OrderInformationText::shippingAddress(const QJsonObject &order)
{
    const QJsonArray assignments =
        order.value("extension_attributes"_L1).toObject().value("shipping_assignments"_L1).toArray();
    return assignments.first().toObject().value("shipping"_L1).toObject().value("address"_L1).toObject();
}

QString OrderInformationText::paymentMethod(const QJsonObject &order)
{
    // Magento sends the title among extension_attributes.payment_additional_info (key "method_title") and as
    // the first entry of payment.additional_information; the code is the fallback.
    for (const QJsonValue &info :
         order.value("extension_attributes"_L1).toObject().value("payment_additional_info"_L1).toArray()) {
        const QJsonObject pair = info.toObject();
        if (pair.value("key"_L1).toString() == "method_title"_L1 && !pair.value("value"_L1).toString().isEmpty())
            return pair.value("value"_L1).toString();
    }
    const QJsonObject payment = order.value("payment"_L1).toObject();
    const QJsonArray additional = payment.value("additional_information"_L1).toArray();
    if (!additional.isEmpty() && additional.first().isString() && !additional.first().toString().isEmpty())
        return additional.first().toString();
    return text(payment, "method"_L1);
}

QString OrderInformationText::shippingMethod(const QJsonObject &order)
{
    if (const QString description = text(order, "shipping_description"_L1); !description.isEmpty())
        return description;
    const QJsonArray assignments =
        order.value("extension_attributes"_L1).toObject().value("shipping_assignments"_L1).toArray();
    return text(assignments.first().toObject().value("shipping"_L1).toObject(), "method"_L1);
}

QList<OrderInformationText::Total> OrderInformationText::totals(const QJsonObject &order)
{
    QList<Total> rows;
    const auto add = [&](QLatin1StringView key, const QString &label, bool strong = false, bool onlyIfNonZero = false) {
        const QJsonValue value = order.value(key);
        if (!value.isDouble() || (onlyIfNonZero && value.toDouble() == 0))
            return;
        rows << Total{label, value.toDouble(), strong};
    };
    add("subtotal"_L1, tr("Subtotal"));
    add("discount_amount"_L1, tr("Discount"), false, true);
    add("shipping_amount"_L1, tr("Shipping & Handling"));
    add("tax_amount"_L1, tr("Tax"));
    add("grand_total"_L1, tr("Grand Total"), true);
    add("total_paid"_L1, tr("Total Paid"));
    add("total_refunded"_L1, tr("Total Refunded"));
    add("total_due"_L1, tr("Total Due"));
    return rows;
}

QList<OrderInformationText::Comment> OrderInformationText::comments(const QJsonObject &order)
{
    QList<Comment> list;
    for (const QJsonValue &value : order.value("status_histories"_L1).toArray()) {
        const QJsonObject entry = value.toObject();
        Comment comment;
        // Magento writes its times in UTC.
        const QDateTime parsed = QDateTime::fromString(text(entry, "created_at"_L1), u"yyyy-MM-dd HH:mm:ss"_s);
        comment.createdAt = QDateTime(parsed.date(), parsed.time(), Qt::UTC);
        comment.status = text(entry, "status"_L1);
        comment.comment = text(entry, "comment"_L1);
        comment.customerNotified = entry.value("is_customer_notified"_L1).toInt() == 1;
        if (comment.comment.isEmpty() && comment.status.isEmpty())
            continue;
        list << comment;
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const Comment &a, const Comment &b) { return a.createdAt > b.createdAt; });
    return list;
}
