#include "orders/synchealthstrip.h"
#include "common/elidinglabel.h"
#include "common/localdatetext.h"

#include "orders/orderstablemodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

SyncHealthStrip::SyncHealthStrip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"syncHealthStrip"_s);
    setAccessibleName(tr("Sync health"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 3, 6, 3);
    for (SyncStatus status : OrderBridge::allSyncStatuses()) {
        auto *button = new QToolButton(this);
        button->setObjectName(u"healthCount_"_s + OrderBridge::syncStatusDbName(status));
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setToolTip(tr("Show the orders that are %1").arg(OrdersTableModel::syncStatusLabel(status)));
        connect(button, &QToolButton::clicked, this, [this, status] { Q_EMIT statusClicked(status); });
        m_countButtons.at(std::size_t(status)) = button;
        row->addWidget(button);
    }
    row->addSpacing(12);
    m_lastRun = new ElidingLabel(tr("Last run: none yet"), this);
    m_lastRun->setObjectName(u"healthLastRun"_s);
    m_lastRun->setAccessibleName(tr("Last run"));
    m_lastRun->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nextRun = new ElidingLabel(QString(), this);
    m_nextRun->setObjectName(u"healthNextRun"_s);
    m_nextRun->setAccessibleName(tr("Next run"));
    m_retry = new QPushButton(tr("Retry Errors"), this);
    m_retry->setObjectName(u"retryErrors"_s);
    m_retry->setAccessibleName(tr("Retry Errors"));
    m_retry->setToolTip(tr("Queue the orders in Error again and sync them now"));
    connect(m_retry, &QPushButton::clicked, this, &SyncHealthStrip::retryErrorsRequested);
    // The run texts give way, ending in "…" (their tooltips keep the whole), so the strip never widens the window.
    row->addWidget(m_lastRun, 3);
    row->addSpacing(12);
    row->addWidget(m_nextRun, 2);
    row->addSpacing(12);
    row->addWidget(m_retry);
    setCounts({});
    setNextRun(std::nullopt);
}

SyncHealthStrip::~SyncHealthStrip() = default;

void SyncHealthStrip::setCounts(const OrderBridge::SyncStatusCounts &counts)
{
    m_counts = counts;
    const QLocale locale;
    for (SyncStatus status : OrderBridge::allSyncStatuses()) {
        QToolButton *button = m_countButtons.at(std::size_t(status));
        const QString label = OrdersTableModel::syncStatusLabel(status);
        const QString count = locale.toString(counts.of(status));
        button->setText(tr("%1: %2").arg(label, count));
        button->setAccessibleName(tr("%1 orders: %2").arg(label, count));
    }
    updateRetry();
}

void SyncHealthStrip::setLastRun(const QDateTime &endedAt, const QString &summary)
{
    m_lastRun->setText(tr("Last run %1: %2").arg(LocalDateText::time(endedAt),
                                                  summary));
    m_lastRun->setToolTip(LocalDateText::dateTimeWithSeconds(endedAt) + u'\n' + summary);
}

void SyncHealthStrip::setNextRun(const std::optional<QDateTime> &dueAt)
{
    if (!dueAt) {
        m_nextRun->setText(tr("Next run: on Sync Now"));
        m_nextRun->setToolTip(tr("Automated Synchronization is off (Salesforce › Orders): orders are synced when "
                                 "you choose Sync Now."));
        return;
    }
    m_nextRun->setText(tr("Next run %1").arg(LocalDateText::time(*dueAt)));
    m_nextRun->setToolTip(LocalDateText::dateTimeWithSeconds(*dueAt));
}

void SyncHealthStrip::setRunning(bool running)
{
    m_running = running;
    updateRetry();
}

void SyncHealthStrip::setRetryAvailable(bool available)
{
    m_retryAvailable = available;
    updateRetry();
}

void SyncHealthStrip::setStatusIcon(SyncStatus status, const QIcon &icon)
{
    m_countButtons.at(std::size_t(status))->setIcon(icon);
}

QToolButton *SyncHealthStrip::countButton(SyncStatus status) const
{
    return m_countButtons.at(std::size_t(status));
}

void SyncHealthStrip::updateRetry()
{
    m_retry->setEnabled(m_retryAvailable && !m_running && m_counts.of(SyncStatus::Error) > 0);
}
