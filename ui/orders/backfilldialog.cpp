#include "orders/backfilldialog.h"
#include "common/localdatetext.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::Literals::StringLiterals;

BackfillDialog::BackfillDialog(const QDate &since, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"backfillDialog"_s);
    setWindowTitle(tr("Backfill from date"));
    auto *intro = new QLabel(tr("Queues and syncs the Magento orders created since the chosen date (UTC), including "
                                "those created before \"Synchronize orders created since\"; that setting then moves "
                                "back to the date, so their later changes are followed too."),
                             this);
    intro->setWordWrap(true);
    m_date = new QDateEdit(since.isValid() ? since : QDate::currentDate(), this);
    m_date->setObjectName(u"backfillSince"_s);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(LocalDateText::dateFormat());
    m_date->setAccessibleName(tr("Backfill orders created since"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(u"backfillPreview"_s);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(tr("Orders created &since:"), m_date);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_backfill = buttons->addButton(tr("&Backfill"), QDialogButtonBox::AcceptRole);
    m_backfill->setObjectName(u"backfillStart"_s);
    m_backfill->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_backfill, &QPushButton::clicked, this, [this] {
        Q_EMIT backfillRequested(this->since());
        accept();
    });
    // Every date gets its own preview before it can be backfilled.
    connect(m_date, &QDateEdit::dateChanged, this, &BackfillDialog::requestPreview);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
}

BackfillDialog::~BackfillDialog() = default;

QDateTime BackfillDialog::since() const
{
    return QDateTime(m_date->date(), QTime(0, 0), Qt::UTC);
}

void BackfillDialog::requestPreview()
{
    m_backfill->setEnabled(false);
    m_preview->setText(tr("Counting the orders…"));
    Q_EMIT previewRequested(since());
}

void BackfillDialog::showPreview(qint64 orders, int apiCalls)
{
    // Two counts, two sentences: Qt's plural rule takes one %n per string.
    const QString found = tr("%n order(s) created since %1.", nullptr,
                             int(qMin<qint64>(orders, std::numeric_limits<int>::max())))
                              .arg(LocalDateText::date(m_date->date()));
    m_preview->setText(found + u' ' + tr("Syncing them takes about %n Salesforce API call(s).", nullptr, apiCalls));
    m_backfill->setEnabled(orders > 0);
}

void BackfillDialog::showError(const OrderBridge::Error &error)
{
    m_preview->setText(tr("The preview failed: %1").arg(error.toString()));
    m_backfill->setEnabled(false);
}
