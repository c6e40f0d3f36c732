#include "common/runnotifier.h"

#include <QApplication>
#include <QIcon>
#include <QLabel>
#include <QSystemTrayIcon>

using namespace Qt::Literals::StringLiterals;

RunNotifier::RunNotifier(QLabel *banner, std::function<bool()> enabled, QObject *parent)
    : QObject(parent)
    , m_banner(banner)
    , m_enabled(std::move(enabled))
{
    // The offscreen platform and desktops without a notification area have no tray: the banner it is.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(u":/icons/orderbridge.svg"_s), this);
        m_tray->setToolTip(tr("OrderBridge"));
        m_tray->show();
    }
}

RunNotifier::~RunNotifier() = default;

bool RunNotifier::usesTray() const
{
    return m_tray != nullptr && QSystemTrayIcon::supportsMessages();
}

void RunNotifier::handleRunEnded(const OrderBridge::SyncRunSummary &summary)
{
    if (summary.errors <= 0 || !m_enabled()) {
        m_banner->hide();
        return;
    }
    const QString title = tr("OrderBridge: sync errors");
    const QString message = tr("The last run ended with %n order(s) in error. Sales › Orders lists them; "
                               "Retry Errors syncs them again.", nullptr, summary.errors);
    if (usesTray()) {
        m_tray->showMessage(title, message, QSystemTrayIcon::Warning);
    } else {
        m_banner->setText(message);
        m_banner->show();
    }
    Q_EMIT notified(title, message);
}
