#pragma once

#include "common/error.h"
#include "store/orderquery.h"

#include <QWidget>

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

/// The Filters panel of the orders grid, as in Magento's admin grid: purchase date and grand total
/// ranges, applied with Apply Filters (or Enter) and emptied, with the search and status filters, by Clear All.
/// Bad input is named in the panel and not applied.
class OrdersFilterPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersFilterPanel)

public:
    explicit OrdersFilterPanel(QWidget *parent = nullptr);
    ~OrdersFilterPanel() override;

    /// The ranges entered, as a query with only createdFrom/createdTo and min/maxGrandTotal set; an
    /// error naming the field and the fix when a field does not read or a range is reversed.
    [[nodiscard]] OrderBridge::Result<OrderBridge::OrderQuery> ranges() const;
    /// Empties every field (no signal).
    void clear();
    /// Shows the problem of the last Apply Filters under the fields; empty hides it.
    void showError(const QString &message);

    [[nodiscard]] QDateEdit *purchasedFromField() const { return m_from; }
    [[nodiscard]] QDateEdit *purchasedToField() const { return m_to; }
    [[nodiscard]] QLineEdit *minTotalField() const { return m_minTotal; }
    [[nodiscard]] QLineEdit *maxTotalField() const { return m_maxTotal; }
    [[nodiscard]] QPushButton *applyButton() const { return m_apply; }
    [[nodiscard]] QPushButton *clearAllButton() const { return m_clearAll; }
    [[nodiscard]] QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void applyRequested();
    void clearAllRequested();

private:
    [[nodiscard]] QDateEdit *createDateEdit(const QString &objectName, const QString &accessibleName);
    [[nodiscard]] QLineEdit *createAmountEdit(const QString &objectName, const QString &accessibleName);

    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_minTotal = nullptr;
    QLineEdit *m_maxTotal = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_clearAll = nullptr;
    QLabel *m_error = nullptr;
};
