#include "orders/orderdialog.h"
#include "common/localdatetext.h"

#include "orders/attempthistorymodel.h"
#include "orders/salesforceidcolumn.h"
#include "orders/orderinformationtext.h"
#include "orders/orderstablemodel.h"
#include "orders/previewdelegate.h"
#include "orders/previewmodel.h"
#include "orders/syncstatusdelegate.h"

#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/syncqueuerepository.h"
#include "sync/storedtext.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::StoredText;
using OrderBridge::SyncStatus;

namespace {

// The records an order links to, in the order the Salesforce tab lists them.
const QStringList &linkedObjects()
{
    static const QStringList objects{u"Order"_s, u"Account"_s, u"Contact"_s, u"Opportunity"_s};
    return objects;
}

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

// A value label as a row of `form` (in the form's widget), named for screen readers.
QLabel *addValueRow(QFormLayout *form, const QString &caption, const QString &objectName, const QString &accessibleName)
{
    QLabel *label = valueLabel(form->parentWidget(), objectName);
    label->setAccessibleName(accessibleName);
    form->addRow(caption, label);
    return label;
}

// A button beside the content (not the dialog's default: Return keeps closing), named for screen readers.
QPushButton *actionButton(const QIcon &icon, const QString &text, QWidget *parent, const QString &objectName,
                          const QString &accessibleName, const QString &toolTip)
{
    auto *button = new QPushButton(icon, text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    button->setToolTip(toolTip);
    button->setAutoDefault(false);
    return button;
}

QWidget *newTab(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *tab = new QWidget(parent);
    tab->setObjectName(objectName);
    tab->setAccessibleName(accessibleName);
    return tab;
}

// QSettings key of the tab the dialog opens on.
constexpr QLatin1StringView lastTabKey{"orderDialog/lastTab"};

QString timeText(const QDateTime &time)
{
    return LocalDateText::dateTime(time);
}

} // namespace

OrderDialog::OrderDialog(std::shared_ptr<OrderBridge::Database> database, qint64 entityId, QWidget *parent)
    : QDialog(parent)
    , m_database(std::move(database))
    , m_entityId(entityId)
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(u"orderDialog"_s);
    setSizeGripEnabled(true);
    m_history = new AttemptHistoryModel(m_database, this);
    m_history->setObjectName(u"attemptHistoryModel"_s);
    m_preview = new PreviewModel(this);
    m_preview->setObjectName(u"previewModel"_s);
    connect(m_history, &AttemptHistoryModel::errorOccurred, this, &OrderDialog::statusMessage);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"orderTabs"_s);
    m_tabs->setAccessibleName(tr("Order views"));
    m_tabs->addTab(createInformationTab(), tr("&Information"));
    m_tabs->addTab(createSalesforceTab(), QIcon(u":/icons/orderbridge.svg"_s), tr("&Salesforce"));
    m_tabs->setTabToolTip(InformationTab, tr("The Magento order (Ctrl+Tab switches tabs)"));
    m_tabs->setTabToolTip(SalesforceTab, tr("The order's Salesforce records, sync history and next sync (Ctrl+Tab switches tabs)"));
    // Opens on the tab the operator last looked at.
    m_tabs->setCurrentIndex(std::clamp(QSettings().value(lastTabKey, int(InformationTab)).toInt(), 0, m_tabs->count() - 1));
    connect(m_tabs, &QTabWidget::currentChanged, this, &OrderDialog::handleTabChanged);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"orderDialogButtons"_s);
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close the order"));
    close->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    resize(880, 680);
    reload();
    // Opened on the Salesforce tab: its preview is asked for once the caller has connected the dialog.
    QMetaObject::invokeMethod(this, [this] {
        if (m_tabs->currentIndex() == SalesforceTab)
            handleTabChanged(SalesforceTab);
    }, Qt::QueuedConnection);
}

OrderDialog::~OrderDialog() = default;

QWidget *OrderDialog::createInformationTab()
{
    QWidget *tab = newTab(this, u"orderInformationTab"_s, tr("Information"));
    // The blocks of Magento's order view, one under the other, scrolled as a whole.
    auto *content = new QWidget;
    content->setObjectName(u"orderInformationContent"_s);

    auto *account = new QGroupBox(tr("Order && Account Information"), content);
    auto *form = new QFormLayout(account);
    m_incrementId = addValueRow(form, tr("Order #:"), u"orderIncrementId"_s, tr("Order number"));
    m_purchaseDate = addValueRow(form, tr("Purchase Date:"), u"orderPurchaseDate"_s, tr("Purchase date"));
    m_billToName = addValueRow(form, tr("Bill-to Name:"), u"orderBillToName"_s, tr("Bill-to name"));
    m_email = addValueRow(form, tr("Email:"), u"orderEmail"_s, tr("Customer e-mail"));
    m_grandTotal = addValueRow(form, tr("Grand Total:"), u"orderGrandTotal"_s, tr("Grand total"));
    m_magentoStatus = addValueRow(form, tr("Order Status:"), u"orderMagentoStatus"_s, tr("Magento order status"));

    const auto block = [content](const QString &title, const QString &objectName, const QString &accessible,
                                 QLabel **label) {
        auto *box = new QGroupBox(title, content);
        auto *boxLayout = new QVBoxLayout(box);
        *label = valueLabel(box, objectName);
        (*label)->setAccessibleName(accessible);
        (*label)->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        boxLayout->addWidget(*label);
        return box;
    };
    auto *addresses = new QHBoxLayout;
    addresses->addWidget(block(tr("Billing Address"), u"orderBillingAddress"_s, tr("Billing address"), &m_billingAddress));
    addresses->addWidget(block(tr("Shipping Address"), u"orderShippingAddress"_s, tr("Shipping address"), &m_shippingAddress));
    auto *methods = new QHBoxLayout;
    methods->addWidget(block(tr("Payment Method"), u"orderPaymentMethod"_s, tr("Payment method"), &m_paymentMethod));
    methods->addWidget(block(tr("Shipping Method"), u"orderShippingMethod"_s, tr("Shipping method"), &m_shippingMethod));

    auto *items = new QGroupBox(tr("Items Ordered"), content);
    auto *itemsLayout = new QVBoxLayout(items);
    m_lines = new QTableWidget(0, 5, items);
    m_lines->setObjectName(u"orderLines"_s);
    m_lines->setAccessibleName(tr("Items ordered"));
    m_lines->setHorizontalHeaderLabels({tr("SKU"), tr("Product"), tr("Qty"), tr("Price"), tr("Row Total")});
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setAlternatingRowColors(true);
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_lines->setMinimumHeight(fontMetrics().height() * 8);
    m_linesNote = new QLabel(items);
    m_linesNote->setObjectName(u"orderLinesNote"_s);
    m_linesNote->setWordWrap(true);
    itemsLayout->addWidget(m_linesNote);
    itemsLayout->addWidget(m_lines, 1);

    const auto smallTable = [this](QWidget *parent, const QString &objectName, const QString &accessible,
                                   const QStringList &headers) {
        auto *table = new QTableWidget(0, int(headers.size()), parent);
        table->setObjectName(objectName);
        table->setAccessibleName(accessible);
        table->setHorizontalHeaderLabels(headers);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setWordWrap(true);
        table->setMinimumHeight(fontMetrics().height() * 6);
        return table;
    };
    auto *totals = new QGroupBox(tr("Order Totals"), content);
    auto *totalsLayout = new QVBoxLayout(totals);
    m_totals = smallTable(totals, u"orderTotals"_s, tr("Order totals"), {tr("Total"), tr("Amount")});
    m_totals->horizontalHeader()->hide();
    totalsLayout->addWidget(m_totals);
    auto *comments = new QGroupBox(tr("Comments History"), content);
    auto *commentsLayout = new QVBoxLayout(comments);
    m_comments = smallTable(comments, u"orderComments"_s, tr("Comments history"),
                            {tr("Date"), tr("Status"), tr("Customer Notified"), tr("Comment")});
    commentsLayout->addWidget(m_comments);
    auto *lastRow = new QHBoxLayout;
    lastRow->addWidget(comments, 3);
    lastRow->addWidget(totals, 2);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(account);
    contentLayout->addLayout(addresses);
    contentLayout->addLayout(methods);
    contentLayout->addWidget(items, 1);
    contentLayout->addLayout(lastRow);
    auto *scroll = new QScrollArea(tab);
    scroll->setObjectName(u"orderInformationScroll"_s);
    scroll->setAccessibleName(tr("Order information"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    return tab;
}

QWidget *OrderDialog::createSalesforceTab()
{
    QWidget *tab = newTab(this, u"orderSalesforceTab"_s, tr("Salesforce"));

    // Where the order stands.
    auto *syncBox = new QGroupBox(tr("Salesforce Sync"), tab);
    auto *syncForm = new QFormLayout(syncBox);
    auto *statusRow = new QHBoxLayout;
    m_statusIcon = new QLabel(syncBox);
    m_statusIcon->setObjectName(u"orderSyncStatusIcon"_s);
    m_statusText = valueLabel(syncBox, u"orderSyncStatus"_s);
    m_statusText->setAccessibleName(tr("Salesforce sync status"));
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_statusText, 1);
    syncForm->addRow(tr("Sync Status:"), statusRow);
    m_reason = addValueRow(syncForm, tr("Details:"), u"orderSyncReason"_s, tr("Reason or error"));
    m_attempts = addValueRow(syncForm, tr("Attempts:"), u"orderAttempts"_s, tr("Failed attempts"));
    m_nextRetry = addValueRow(syncForm, tr("Next Retry:"), u"orderNextRetry"_s, tr("Next retry"));
    m_lastSynced = addValueRow(syncForm, tr("Last Synced:"), u"orderLastSynced"_s, tr("Last synced"));

    // The linked records.
    auto *linksBox = new QGroupBox(tr("Salesforce Records"), tab);
    auto *linksForm = new QFormLayout(linksBox);
    const QStringList captions{tr("Salesforce Order ID:"), tr("Salesforce Account ID:"), tr("Salesforce Contact ID:"),
                               tr("Salesforce Opportunity ID:")};
    const QStringList names{tr("Salesforce Order ID"), tr("Salesforce Account ID"), tr("Salesforce Contact ID"),
                            tr("Salesforce Opportunity ID")};
    for (qsizetype i = 0; i < linkedObjects().size(); ++i) {
        auto *label = new QLabel(linksBox);
        label->setObjectName(u"orderLink"_s + linkedObjects().at(i));
        label->setAccessibleName(names.at(i));
        label->setTextFormat(Qt::RichText);
        label->setOpenExternalLinks(false);
        connect(label, &QLabel::linkActivated, this, &OrderDialog::openLink);
        linksForm->addRow(captions.at(i), label);
        m_links.append({linkedObjects().at(i), label});
    }

    auto *top = new QHBoxLayout;
    top->addWidget(syncBox, 3);
    top->addWidget(linksBox, 2);

    // Save and Sync.
    auto *actionRow = new QHBoxLayout;
    m_syncButton = actionButton(QIcon(u":/icons/sync-in-sync.svg"_s), tr("Save and S&ync Order"), tab,
                                u"orderSyncButton"_s, tr("Save and Sync Order"), tr("Send this order to Salesforce now"));
    connect(m_syncButton, &QPushButton::clicked, this, &OrderDialog::syncOrder);
    m_syncProgress = new QProgressBar(tab);
    m_syncProgress->setObjectName(u"orderSyncProgress"_s);
    m_syncProgress->setAccessibleName(tr("Sync progress"));
    m_syncProgress->setRange(0, 0);
    m_syncProgress->setMaximumWidth(160);
    m_syncProgress->hide();
    m_syncNews = valueLabel(tab, u"orderSyncNews"_s);
    m_syncNews->setAccessibleName(tr("Sync result"));
    actionRow->addWidget(m_syncButton);
    actionRow->addWidget(m_syncProgress);
    actionRow->addWidget(m_syncNews, 1);

    // History.
    auto *historyBox = new QGroupBox(tr("Sync History"), tab);
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_historyNote = new QLabel(historyBox);
    m_historyNote->setObjectName(u"orderHistoryNote"_s);
    m_historyView = new QTableView(historyBox);
    m_historyView->setObjectName(u"orderHistoryView"_s);
    m_historyView->setAccessibleName(tr("Sync history"));
    m_historyView->setModel(m_history);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->setWordWrap(false);
    m_historyView->verticalHeader()->hide();
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(u'M');
    m_historyView->horizontalHeader()->resizeSection(AttemptHistoryModel::TimeColumn, 11 * em);
    m_historyView->horizontalHeader()->resizeSection(AttemptHistoryModel::OutcomeColumn, 6 * em);
    m_historyView->horizontalHeader()->resizeSection(AttemptHistoryModel::ObjectColumn, 6 * em);
    m_historyView->horizontalHeader()->resizeSection(AttemptHistoryModel::ErrorCodeColumn, 20 * em);
    m_historyView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    historyLayout->addWidget(m_historyNote);
    historyLayout->addWidget(m_historyView, 1);

    // Preview.
    auto *previewBox = new QGroupBox(tr("Preview of Next Sync"), tab);
    auto *previewLayout = new QVBoxLayout(previewBox);
    auto *previewTop = new QHBoxLayout;
    m_previewIcon = new QLabel(previewBox);
    m_previewIcon->setObjectName(u"orderPreviewIcon"_s);
    m_previewStatus = valueLabel(previewBox, u"orderPreviewStatus"_s);
    m_previewStatus->setAccessibleName(tr("Preview result"));
    m_refreshPreview = actionButton(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh Preview"), previewBox,
                                    u"orderRefreshPreview"_s, tr("Refresh preview"),
                                    tr("Ask Salesforce again what the next sync would send"));
    connect(m_refreshPreview, &QPushButton::clicked, this, &OrderDialog::requestPreview);
    previewTop->addWidget(m_previewIcon);
    previewTop->addWidget(m_previewStatus, 1);
    previewTop->addWidget(m_refreshPreview);
    m_previewView = new QTreeView(previewBox);
    m_previewView->setObjectName(u"orderPreviewView"_s);
    m_previewView->setAccessibleName(tr("Preview of the next sync"));
    m_previewView->setAccessibleDescription(
        tr("Each Salesforce record the next sync writes, and per field the value it sends beside the value Salesforce has now"));
    m_previewView->setModel(m_preview);
    m_previewView->setItemDelegate(new PreviewDelegate(m_previewView));
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->setAlternatingRowColors(true);
    m_previewView->setUniformRowHeights(true);
    m_previewView->header()->resizeSection(PreviewModel::NameColumn, 18 * em);
    m_previewView->header()->resizeSection(PreviewModel::ChangeColumn, 8 * em);
    m_previewView->header()->resizeSection(PreviewModel::SalesforceIdColumn, salesforceIdColumnWidth(m_previewView));
    m_previewView->header()->resizeSection(PreviewModel::SendingColumn, 16 * em);
    connect(m_preview, &QAbstractItemModel::modelReset, m_previewView, &QTreeView::expandAll);
    previewLayout->addLayout(previewTop);
    previewLayout->addWidget(m_previewView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, tab);
    splitter->setObjectName(u"orderSalesforceSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(historyBox);
    splitter->addWidget(previewBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(top);
    layout->addLayout(actionRow);
    layout->addWidget(splitter, 1);

    setTabOrder(m_syncButton, m_historyView);
    setTabOrder(m_historyView, m_refreshPreview);
    setTabOrder(m_refreshPreview, m_previewView);
    m_previewStatus->setText(tr("The preview is asked for when this tab opens."));
    return tab;
}

QString OrderDialog::incrementId() const
{
    return m_order ? m_order->incrementId : QString();
}

void OrderDialog::setInstanceUrl(const QUrl &url)
{
    if (url == m_instanceUrl)
        return;
    m_instanceUrl = url;
    showLinks();
}

void OrderDialog::setUrlOpener(std::function<bool(const QUrl &)> opener)
{
    m_openUrl = std::move(opener);
}

void OrderDialog::setSyncAvailable(bool available)
{
    m_syncAvailable = available;
    updateSyncControls();
}

QUrl OrderDialog::recordUrl(const QUrl &instanceUrl, const QString &object, const QString &id)
{
    if (!instanceUrl.isValid() || instanceUrl.isEmpty() || object.isEmpty() || id.isEmpty())
        return {};
    QUrl url = instanceUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/lightning/r/"_s + object + u'/' + id + u"/view"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl OrderDialog::linkFor(const QString &object) const
{
    if (!m_order)
        return {};
    QString id;
    if (object == u"Order"_s)
        id = m_order->salesforceOrderId;
    else if (object == u"Account"_s)
        id = m_order->salesforceAccountId;
    else if (object == u"Contact"_s)
        id = m_order->salesforceContactId;
    else if (object == u"Opportunity"_s)
        id = m_order->salesforceOpportunityId;
    return recordUrl(m_instanceUrl, object, id);
}

QLabel *OrderDialog::linkLabel(const QString &object) const
{
    for (const auto &[name, label] : m_links) {
        if (name == object)
            return label;
    }
    return nullptr;
}

void OrderDialog::reload()
{
    m_order.reset();
    if (m_database) {
        const auto found = OrderBridge::OrdersRepository(m_database).findByEntityId(m_entityId);
        if (found)
            m_order = *found;
        else
            Q_EMIT statusMessage(found.error().toString());
    }
    showOrder();
    loadLines();
    m_history->load(incrementId());
    const int errors = m_history->errorCount();
    if (m_history->rowCount() == 0)
        m_historyNote->setText(tr("No sync has been recorded for this order yet."));
    else
        m_historyNote->setText(tr("Entries: %1, newest first; errors among them: %2").arg(m_history->rowCount()).arg(errors));
}

void OrderDialog::showOrder()
{
    if (!m_order) {
        setWindowTitle(tr("Order not found"));
        m_incrementId->setText(tr("The store has no order with Magento entity ID %1.").arg(m_entityId));
        for (QLabel *label : {m_purchaseDate, m_billToName, m_email, m_grandTotal, m_magentoStatus, m_statusText,
                              m_reason, m_attempts, m_nextRetry, m_lastSynced})
            label->clear();
        m_statusIcon->clear();
        showLinks();
        updateSyncControls();
        return;
    }
    const OrderBridge::OrderRecord &order = *m_order;
    setWindowTitle(tr("Order # %1").arg(order.incrementId));
    setAccessibleName(tr("Order %1").arg(order.incrementId));
    m_incrementId->setText(order.incrementId);
    m_purchaseDate->setText(timeText(order.createdAt));
    m_billToName->setText(order.customerName);
    m_email->setText(order.customerEmail);
    m_grandTotal->setText(OrdersTableModel::formatMoney(order.grandTotal, order.currency));
    m_magentoStatus->setText(OrdersTableModel::magentoStatusLabel(order.status));

    const QString statusPath = SyncStatusDelegate::iconPath(order.syncStatus);
    const int side = fontMetrics().height();
    m_statusIcon->setPixmap(QIcon(statusPath).pixmap(QSize(side, side), devicePixelRatioF()));
    m_statusText->setText(OrdersTableModel::syncStatusLabel(order.syncStatus));
    // Stored in English; shown in the console's language.
    const QString reason = StoredText::translated(order.reason);
    if (order.syncStatus == SyncStatus::Error) {
        const QString message = StoredText::translated(order.lastErrorMessage);
        QString text = order.lastErrorCode.isEmpty() ? tr("Error: %1").arg(message)
                                                     : tr("Error %1: %2").arg(order.lastErrorCode, message);
        if (!reason.isEmpty())
            text += u'\n' + tr("Fix: %1").arg(reason);
        m_reason->setText(text);
    } else if (!reason.isEmpty()) {
        m_reason->setText(reason);
    } else {
        switch (order.syncStatus) {
        case SyncStatus::InSync:
            m_reason->setText(tr("The Salesforce Order matches the Magento order."));
            break;
        case SyncStatus::Pending:
            m_reason->setText(tr("Waiting for the next synchronization."));
            break;
        default:
            m_reason->clear();
            break;
        }
    }
    m_attempts->setText(order.attempts > 0 ? tr("%1 failed").arg(order.attempts) : tr("None failed"));
    m_nextRetry->setText(order.nextRetryAt.isValid() ? timeText(order.nextRetryAt) : tr("None scheduled"));
    m_lastSynced->setText(order.lastSyncedAt.isValid() ? timeText(order.lastSyncedAt) : tr("Never"));
    showLinks();
    updateSyncControls();
}

void OrderDialog::showLinks()
{
    for (const auto &[object, label] : std::as_const(m_links)) {
        QString id;
        if (m_order) {
            if (object == u"Order"_s)
                id = m_order->salesforceOrderId;
            else if (object == u"Account"_s)
                id = m_order->salesforceAccountId;
            else if (object == u"Contact"_s)
                id = m_order->salesforceContactId;
            else
                id = m_order->salesforceOpportunityId;
        }
        const QUrl url = recordUrl(m_instanceUrl, object, id);
        if (id.isEmpty()) {
            label->setText(tr("Not linked"));
            label->setToolTip(tr("The sync has not created or found this record yet."));
            label->setTextInteractionFlags(Qt::NoTextInteraction);
            label->setFocusPolicy(Qt::NoFocus);
        } else if (url.isEmpty()) {
            label->setText(id.toHtmlEscaped());
            label->setToolTip(tr("Sign in to Salesforce (Salesforce › Connection) to open the record."));
            label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
            label->setFocusPolicy(Qt::NoFocus);
        } else {
            label->setText(u"<a href=\"%1\">%2</a>"_s.arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), id.toHtmlEscaped()));
            label->setToolTip(tr("Open the %1 in Salesforce: %2").arg(object, url.toDisplayString()));
            label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
            label->setFocusPolicy(Qt::StrongFocus);
        }
        label->setAccessibleDescription(label->toolTip());
    }
}

void OrderDialog::loadLines()
{
    m_lines->setRowCount(0);
    m_totals->setRowCount(0);
    m_comments->setRowCount(0);
    QJsonObject magentoOrder;
    if (m_database && m_order && m_order->id > 0) {
        // The worker keeps the Magento order it last fetched as the queue entry's intent.
        const auto intent = OrderBridge::SyncQueueRepository(m_database).latestIntent(m_order->id);
        if (!intent)
            Q_EMIT statusMessage(tr("The lines of order %1 cannot be read: %2").arg(m_order->incrementId, intent.error().message));
        else
            magentoOrder = *intent;
    }
    const QJsonArray items = magentoOrder.value(u"items"_s).toArray();
    const QString currency = m_order ? m_order->currency : QString();
    auto cell = [](const QString &text, bool number = false) {
        auto *it = new QTableWidgetItem(text);
        if (number)
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return it;
    };
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        // Children of configurable and bundle products repeat their parent's line.
        if (item.contains(u"parent_item_id"_s) && !item.value(u"parent_item_id"_s).isNull())
            continue;
        const int row = m_lines->rowCount();
        m_lines->insertRow(row);
        m_lines->setItem(row, 0, cell(item.value(u"sku"_s).toString()));
        m_lines->setItem(row, 1, cell(item.value(u"name"_s).toString()));
        m_lines->setItem(row, 2, cell(QLocale().toString(item.value(u"qty_ordered"_s).toDouble()), true));
        m_lines->setItem(row, 3, cell(OrdersTableModel::formatMoney(item.value(u"price"_s).toDouble(), currency), true));
        m_lines->setItem(row, 4, cell(OrdersTableModel::formatMoney(item.value(u"row_total"_s).toDouble(), currency), true));
    }
    const bool any = m_lines->rowCount() > 0;
    m_lines->setVisible(any);
    m_linesNote->setVisible(!any);
    m_linesNote->setText(tr("The store does not hold this order's lines yet; they are read from Magento when the order is synced."));

    // The other blocks from the same Magento order; until the sync has read it, they say so.
    const QString notRead = tr("Read from Magento at the next sync.");
    const auto orNotRead = [&notRead](const QString &text) { return text.isEmpty() ? notRead : text; };
    const bool read = !magentoOrder.isEmpty();
    m_billingAddress->setText(orNotRead(OrderInformationText::address(OrderInformationText::billingAddress(magentoOrder))));
    const QString shipping = OrderInformationText::address(OrderInformationText::shippingAddress(magentoOrder));
    m_shippingAddress->setText(read && shipping.isEmpty() ? tr("No shipping: a virtual order.") : orNotRead(shipping));
    m_paymentMethod->setText(orNotRead(OrderInformationText::paymentMethod(magentoOrder)));
    const QString method = OrderInformationText::shippingMethod(magentoOrder);
    m_shippingMethod->setText(read && method.isEmpty() ? tr("No shipping method.") : orNotRead(method));
    for (const OrderInformationText::Total &total : OrderInformationText::totals(magentoOrder)) {
        const int row = m_totals->rowCount();
        m_totals->insertRow(row);
        QTableWidgetItem *label = cell(total.label);
        QTableWidgetItem *amount = cell(OrdersTableModel::formatMoney(total.amount, currency), true);
        if (total.strong) {
            QFont bold = m_totals->font();
            bold.setBold(true);
            label->setFont(bold);
            amount->setFont(bold);
        }
        m_totals->setItem(row, 0, label);
        m_totals->setItem(row, 1, amount);
    }
    for (const OrderInformationText::Comment &comment : OrderInformationText::comments(magentoOrder)) {
        const int row = m_comments->rowCount();
        m_comments->insertRow(row);
        m_comments->setItem(row, 0, cell(LocalDateText::dateTime(comment.createdAt)));
        m_comments->setItem(row, 1, cell(OrdersTableModel::magentoStatusLabel(comment.status)));
        m_comments->setItem(row, 2, cell(comment.customerNotified ? tr("Notified") : tr("Not notified")));
        m_comments->setItem(row, 3, cell(comment.comment));
    }
    m_totals->resizeColumnsToContents();
    m_comments->resizeColumnToContents(0);
    m_comments->resizeColumnToContents(1);
    m_comments->resizeColumnToContents(2);
    m_comments->resizeRowsToContents();
}

void OrderDialog::updateSyncControls()
{
    m_syncButton->setEnabled(m_order.has_value() && m_syncAvailable && !m_syncPending);
    m_syncProgress->setVisible(m_syncPending);
    m_refreshPreview->setEnabled(m_order.has_value() && !m_previewPending);
}

void OrderDialog::openLink(const QString &link)
{
    const QUrl url(link);
    if (!url.isValid() || url.isEmpty())
        return;
    if (m_openUrl && !m_openUrl(url)) {
        Q_EMIT statusMessage(tr("No web browser could be started for %1.").arg(url.toDisplayString()));
        return;
    }
    Q_EMIT salesforceRecordOpened(url);
}

void OrderDialog::syncOrder()
{
    if (!m_order || m_syncPending || !m_syncAvailable)
        return;
    m_syncPending = true;
    m_syncNews->setText(tr("Sending the order to Salesforce…"));
    updateSyncControls();
    Q_EMIT syncRequested({m_order->incrementId});
}

void OrderDialog::requestPreview()
{
    if (!m_order || m_previewPending)
        return;
    m_previewPending = true;
    m_previewIcon->setPixmap(QIcon(SyncStatusDelegate::iconPath(SyncStatus::Pending)).pixmap(QSize(16, 16), devicePixelRatioF()));
    m_previewStatus->setText(tr("Planning the next sync of order %1 and reading what Salesforce holds…").arg(m_order->incrementId));
    updateSyncControls();
    Q_EMIT previewRequested(m_order->incrementId);
}

void OrderDialog::showPreview(const OrderBridge::OrderPreview &preview)
{
    if (!m_order || preview.incrementId != m_order->incrementId)
        return;
    m_previewPending = false;
    m_previewCurrent = true;
    m_preview->setPreview(preview);
    const int side = fontMetrics().height();
    m_previewIcon->setPixmap(QIcon(SyncStatusDelegate::iconPath(preview.status)).pixmap(QSize(side, side), devicePixelRatioF()));
    const bool failed = !preview.error.code.isEmpty() || !preview.error.message.isEmpty();
    QString text;
    if (failed) {
        const QString message = StoredText::translated(preview.error.message);
        text = preview.error.code.isEmpty() ? tr("The next sync would fail: %1").arg(message)
                                            : tr("The next sync would fail with %1: %2").arg(preview.error.code, message);
        if (!preview.error.hint.isEmpty())
            text += u'\n' + tr("Fix: %1").arg(StoredText::translated(preview.error.hint));
        if (!preview.error.fields.isEmpty())
            text += u'\n' + tr("Fields: %1").arg(preview.error.fields.join(u", "_s));
    } else if (!preview.reason.isEmpty()) {
        text = tr("%1: %2").arg(OrdersTableModel::syncStatusLabel(preview.status), StoredText::translated(preview.reason));
    } else {
        int inserts = 0;
        int updates = 0;
        for (const OrderBridge::PreviewRecord &record : preview.records) {
            inserts += record.operation == u"insert"_s ? 1 : 0;
            updates += record.operation == u"update"_s ? 1 : 0;
        }
        if (inserts == 0 && updates == 0)
            text = tr("Salesforce already holds every value; the next sync writes nothing.");
        else
            text = tr("Records the next sync inserts: %1, updates: %2; values that change: %3 (marked New or Changed).")
                       .arg(inserts)
                       .arg(updates)
                       .arg(m_preview->changedFieldCount());
    }
    m_previewStatus->setText(text);
    updateSyncControls();
}

void OrderDialog::handleBatchFinished(const QList<OrderBridge::OrderOutcome> &outcomes)
{
    if (!m_order)
        return;
    const auto mine = std::find_if(outcomes.cbegin(), outcomes.cend(), [this](const OrderBridge::OrderOutcome &o) {
        return (o.entityId != 0 && o.entityId == m_entityId) || (o.entityId == 0 && o.incrementId == m_order->incrementId);
    });
    if (mine == outcomes.cend())
        return;
    const bool asked = m_syncPending;
    m_syncPending = false;
    m_previewCurrent = false;
    reload();
    if (asked) {
        QString news = tr("Sync finished: %1.").arg(OrdersTableModel::syncStatusLabel(mine->status));
        if (mine->status == SyncStatus::Error && !mine->error.message.isEmpty())
            news = tr("Sync failed: %1").arg(StoredText::translated(mine->error.toString()));
        m_syncNews->setText(news);
    }
    updateSyncControls();
    // What Salesforce holds has changed: the preview shown is stale.
    if (m_tabs->currentIndex() == SalesforceTab && isVisible())
        requestPreview();
}

void OrderDialog::handleFinished(const OrderBridge::SyncRunSummary &summary)
{
    if (!m_syncPending)
        return;
    m_syncPending = false;
    m_syncNews->setText(summary.stoppedBecause.isEmpty() ? tr("The sync ended without an answer for this order.")
                                                         : tr("The sync stopped: %1").arg(summary.stoppedBecause));
    reload();
    updateSyncControls();
}

void OrderDialog::handleFailed(const OrderBridge::Error &error)
{
    if (!m_syncPending)
        return;
    m_syncPending = false;
    m_syncNews->setText(tr("Sync failed: %1").arg(error.toString()));
    updateSyncControls();
}

void OrderDialog::handleTabChanged(int index)
{
    QSettings().setValue(lastTabKey, index);
    if (index == SalesforceTab && !m_previewCurrent && !m_previewPending)
        requestPreview();
}
