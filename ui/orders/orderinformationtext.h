#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

/// The texts of the order dialog's Information blocks, read from the Magento order JSON (GET
/// /V1/orders/{id}) as Magento's own order view lays them out: addresses, payment and shipping method,
/// totals, the comments history. Missing parts give empty texts, never a failure.
class OrderInformationText
{
    Q_DECLARE_TR_FUNCTIONS(OrderInformationText)

public:
    struct Total
    {
        QString label;
        double amount = 0;
        bool strong = false; ///< Grand Total
    };
    struct Comment
    {
        QDateTime createdAt; ///< UTC
        QString status;
        QString comment;
        bool customerNotified = false;
    };

    /// Name, company, street lines, "City, Region, Postcode", country, "T: phone" — one per line.
    [[nodiscard]] static QString address(const QJsonObject &address);
    /// The billing address.
    [[nodiscard]] static QJsonObject billingAddress(const QJsonObject &order);
    /// The first shipping assignment's address (empty for virtual orders).
    [[nodiscard]] static QJsonObject shippingAddress(const QJsonObject &order);
    /// The payment method's title as the store shows it ("Check / Money order"), else its code.
    [[nodiscard]] static QString paymentMethod(const QJsonObject &order);
    /// The shipping description ("Flat Rate - Fixed"), else the method code.
    [[nodiscard]] static QString shippingMethod(const QJsonObject &order);
    /// Subtotal, Discount, Shipping & Handling, Tax, Grand Total, then Total Paid / Refunded / Due; rows
    /// whose amount Magento did not send are left out, and discount only when there is one.
    [[nodiscard]] static QList<Total> totals(const QJsonObject &order);
    /// The status history, newest first; entries with neither comment nor status are left out.
    [[nodiscard]] static QList<Comment> comments(const QJsonObject &order);
};
