#include "orders/ordersfilterpanel.h"

#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace {

// The lowest date of the date fields stands for "no date": QDateEdit has no empty state.
const QDate noDate(2000, 1, 1);

// An amount as the user's locale writes it ("1.234,50" in de_DE), or as C writes it ("1234.50").
std::optional<double> readAmount(const QString &typed)
{
    bool ok = false;
    double value = QLocale().toDouble(typed, &ok);
    if (!ok)
        value = QLocale::c().toDouble(typed, &ok);
    return ok ? std::optional(value) : std::nullopt;
}

} // namespace

OrdersFilterPanel::OrdersFilterPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"ordersFilterPanel"_s);
    setAccessibleName(tr("Order filters"));
    m_from = createDateEdit(u"ordersPurchasedFrom"_s, tr("Purchase date from"));
    m_to = createDateEdit(u"ordersPurchasedTo"_s, tr("Purchase date to"));
    m_minTotal = createAmountEdit(u"ordersMinGrandTotal"_s, tr("Grand total from"));
    m_maxTotal = createAmountEdit(u"ordersMaxGrandTotal"_s, tr("Grand total to"));

    m_apply = new QPushButton(tr("Apply Filters"), this);
    m_apply->setObjectName(u"ordersApplyFilters"_s);
    m_apply->setDefault(true);
    connect(m_apply, &QPushButton::clicked, this, &OrdersFilterPanel::applyRequested);
    m_clearAll = new QPushButton(tr("Clear All"), this);
    m_clearAll->setObjectName(u"ordersClearAllFilters"_s);
    m_clearAll->setToolTip(tr("Clear the search, the status filters and these ranges"));
    connect(m_clearAll, &QPushButton::clicked, this, &OrdersFilterPanel::clearAllRequested);

    m_error = new QLabel(this);
    m_error->setObjectName(u"ordersFilterError"_s);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->hide();

    auto *grid = new QGridLayout(this);
    auto *dateLabel = new QLabel(tr("Purchase Date"), this);
    auto *totalLabel = new QLabel(tr("Grand Total"), this);
    grid->addWidget(dateLabel, 0, 0);
    grid->addWidget(new QLabel(tr("from"), this), 0, 1);
    grid->addWidget(m_from, 0, 2);
    grid->addWidget(new QLabel(tr("to"), this), 0, 3);
    grid->addWidget(m_to, 0, 4);
    grid->addWidget(totalLabel, 1, 0);
    grid->addWidget(new QLabel(tr("from"), this), 1, 1);
    grid->addWidget(m_minTotal, 1, 2);
    grid->addWidget(new QLabel(tr("to"), this), 1, 3);
    grid->addWidget(m_maxTotal, 1, 4);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_clearAll);
    buttons->addWidget(m_apply);
    grid->addLayout(buttons, 2, 0, 1, 5);
    grid->addWidget(m_error, 3, 0, 1, 5);
    grid->setColumnStretch(5, 1);
}

OrdersFilterPanel::~OrdersFilterPanel() = default;

QDateEdit *OrdersFilterPanel::createDateEdit(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QDateEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(noDate);
    edit->setSpecialValueText(tr("Any"));
    edit->setDate(noDate);
    return edit;
}

QLineEdit *OrdersFilterPanel::createAmountEdit(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(tr("Any"));
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::returnPressed, this, &OrdersFilterPanel::applyRequested);
    return edit;
}

OrderBridge::Result<OrderBridge::OrderQuery> OrdersFilterPanel::ranges() const
{
    OrderBridge::OrderQuery query;
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    // Whole days of the user's time zone, both included.
    if (from != noDate)
        query.createdFrom = from.startOfDay();
    if (to != noDate)
        query.createdTo = to.endOfDay();
    if (query.createdFrom.isValid() && query.createdTo.isValid() && from > to)
        return OrderBridge::fail(u"ui.filter_date_range"_s,
                                 tr("The purchase date range starts on %1, after it ends on %2.")
                                     .arg(QLocale().toString(from, QLocale::ShortFormat), QLocale().toString(to, QLocale::ShortFormat)),
                                 tr("Pick a \"from\" date on or before the \"to\" date."));
    const std::pair<QLineEdit *, std::optional<double> *> amounts[] = {{m_minTotal, &query.minGrandTotal},
                                                                        {m_maxTotal, &query.maxGrandTotal}};
    for (const auto &[field, value] : amounts) {
        const QString typed = field->text().trimmed();
        if (typed.isEmpty())
            continue;
        *value = readAmount(typed);
        if (!*value)
            return OrderBridge::fail(u"ui.filter_amount"_s, tr("The grand total \"%1\" is not an amount.").arg(typed),
                                     tr("Enter a number such as %1, or leave the field empty.").arg(QLocale().toString(25.5, 'f', 2)));
    }
    if (query.minGrandTotal && query.maxGrandTotal && *query.minGrandTotal > *query.maxGrandTotal)
        return OrderBridge::fail(u"ui.filter_amount_range"_s,
                                 tr("The grand total range starts at %1, above where it ends (%2).")
                                     .arg(QLocale().toString(*query.minGrandTotal), QLocale().toString(*query.maxGrandTotal)),
                                 tr("Enter a \"from\" amount no larger than the \"to\" amount."));
    return query;
}

void OrdersFilterPanel::clear()
{
    m_from->setDate(noDate);
    m_to->setDate(noDate);
    m_minTotal->clear();
    m_maxTotal->clear();
    showError({});
}

void OrdersFilterPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}
