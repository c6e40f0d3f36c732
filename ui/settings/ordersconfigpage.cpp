#include "settings/ordersconfigpage.h"

#include "settings/settingoption.h"
#include "settings/settingscatalog.h"
#include "store/settingsrepository.h"
#include "sync/workerhost.h"

#include <QAccessible>
#include <QComboBox>
#include <QIcon>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMetaMethod>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
// Object names are the settings keys with dots replaced, so tests and accessibility tools find them.
QString objectNameFor(const QString &key)
{
    QString name = key;
    name.replace(u'.', u'_');
    return name;
}

// Alt+letter keys the window already uses: its menus (File, View, Sync, Help) and Apply.
QSet<QChar> reservedMnemonics()
{
    return {u'f', u'v', u's', u'h', u'a'};
}

// Marks the item that shows a stored Default Status the org's Draft group does not hold.
constexpr int refusedStatusRole = Qt::UserRole + 1;

// The Magento order statuses an operator can pick when not every order is synchronized.
const QStringList magentoStatuses{u"pending"_s,        u"pending_payment"_s, u"processing"_s,
                                  u"fraud"_s,          u"payment_review"_s,  u"holded"_s,
                                  u"canceled"_s,       u"complete"_s,        u"closed"_s};
}

OrdersConfigPage::OrdersConfigPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
{
    setObjectName(u"salesforceOrdersPage"_s);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"ordersConfigTabs"_s);
    m_tabs->setAccessibleName(tr("Orders configuration tabs"));
    m_tabs->addTab(createOrderConfigurationTab(), tr("Order Configuration"));
    m_tabs->addTab(createAdvancedTab(), tr("Advanced"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"ordersConfigError"_s);
    m_errorLabel->setAccessibleName(tr("Configuration error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(u"color: white; background: #c62828; padding: 6px;"_s);
    m_errorLabel->hide();

    m_applyButton = new QPushButton(tr("&Apply"), this);
    m_applyButton->setObjectName(u"ordersConfigApply"_s);
    m_applyButton->setAccessibleName(tr("Apply orders configuration"));
    m_applyButton->setToolTip(tr("Check the whole configuration and save it"));
    m_applyButton->setEnabled(false);
    connect(m_applyButton, &QPushButton::clicked, this, [this] { apply(); });

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_applyButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    setValues(m_settings);
    updateStatusListVisibility();
    if (m_database) {
        if (auto loaded = load(); !loaded)
            showError(loaded.error());
    }
}

OrdersConfigPage::~OrdersConfigPage() = default;

void OrdersConfigPage::assignMnemonics()
{
    // Chosen from the translated labels at run time, so every language gets distinct Alt+letter
    // keys per tab without a translator placing them by hand. The label with the fewest free
    // letters chooses first, so a short one ("API share (%)") is not left without a key.
    auto candidates = [](const QString &text, const QSet<QChar> &taken) {
        QSet<QChar> keys;
        for (const QChar c : text) {
            if (c.isLetterOrNumber() && !taken.contains(c.toLower()))
                keys.insert(c.toLower());
        }
        return keys;
    };
    QSet<QChar> taken = reservedMnemonics();
    QList<QPair<QLabel *, QString>> pending = m_tabLabels;
    while (!pending.isEmpty()) {
        qsizetype scarcest = 0;
        for (qsizetype i = 1; i < pending.size(); ++i) {
            if (candidates(pending.at(i).second, taken).size() < candidates(pending.at(scarcest).second, taken).size())
                scarcest = i;
        }
        const auto [label, text] = pending.takeAt(scarcest);
        QString shown = text;
        shown.replace(u'&', u"&&"_s);
        for (qsizetype i = 0; i < shown.size(); ++i) {
            const QChar key = shown.at(i).toLower();
            if (key.isLetterOrNumber() && !taken.contains(key)) {
                taken.insert(key);
                shown.insert(i, u'&');
                break;
            }
        }
        label->setText(shown + u':');
    }
    m_tabLabels.clear();
}

QWidget *OrdersConfigPage::addRow(QFormLayout *form, const QString &key, const QString &label, const QString &help,
                              QWidget *control)
{
    control->setObjectName(objectNameFor(key));
    // A common width, so short choices ("Yes", "Draft") do not leave a sliver of a control.
    if (control != m_orderStatuses)
        control->setMinimumWidth(qMax(control->sizeHint().width(), fontMetrics().horizontalAdvance(u'M') * 16));
    control->setAccessibleName(label);
    control->setAccessibleDescription(help);
    control->setToolTip(help);
    auto *labelWidget = new QLabel(label + u':', form->parentWidget());
    m_tabLabels.append({labelWidget, label});
    labelWidget->setBuddy(control);
    auto *helpLabel = new QLabel(help, form->parentWidget());
    helpLabel->setObjectName(objectNameFor(key) + u"_help"_s);
    helpLabel->setWordWrap(true);
    helpLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *cell = new QWidget(form->parentWidget());
    // The cell takes the width the form offers and asks for the height its wrapped help needs at
    // that width; with the default policy the help text was cut off after two lines.
    QSizePolicy cellPolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    cellPolicy.setHeightForWidth(true);
    cell->setSizePolicy(cellPolicy);
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->addWidget(control, 0, Qt::AlignLeft);
    cellLayout->addWidget(helpLabel);
    form->addRow(labelWidget, cell);
    m_controls.insert(key, control);
    m_tabOf.insert(key, m_currentTab);
    if (key == u"orders.order_statuses"_s) {
        m_orderStatusesLabel = labelWidget;
        m_orderStatusesHelp = helpLabel;
    }
    return cell;
}

QComboBox *OrdersConfigPage::addChoice(QFormLayout *form, const QString &key, const QString &label, const QString &help,
                                       const QList<QPair<QString, QVariant>> &items)
{
    auto *combo = new QComboBox(form->parentWidget());
    for (const auto &[text, value] : items)
        combo->addItem(text, value);
    addRow(form, key, label, help, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, &OrdersConfigPage::handleEdited);
    return combo;
}

QSpinBox *OrdersConfigPage::addNumber(QFormLayout *form, const QString &key, const QString &label, const QString &help)
{
    const OrderBridge::SettingOption *option = OrderBridge::SettingsCatalog::find(key);
    Q_ASSERT(option);
    auto *spin = new QSpinBox(form->parentWidget());
    spin->setRange(option->minimum(), option->maximum());
    spin->setAccelerated(true);
    addRow(form, key, label, help, spin);
    connect(spin, &QSpinBox::valueChanged, this, &OrdersConfigPage::handleEdited);
    return spin;
}

QLineEdit *OrdersConfigPage::addText(QFormLayout *form, const QString &key, const QString &label, const QString &help)
{
    auto *edit = new QLineEdit(form->parentWidget());
    edit->setClearButtonEnabled(true);
    addRow(form, key, label, help, edit);
    connect(edit, &QLineEdit::textEdited, this, &OrdersConfigPage::handleEdited);
    return edit;
}

std::pair<QScrollArea *, QFormLayout *> OrdersConfigPage::beginTab(const QString &objectName, const QString &accessibleName)
{
    // Scrolls: the help texts make the forms taller than a small window.
    auto *scroll = new QScrollArea;
    scroll->setObjectName(objectName);
    scroll->setAccessibleName(accessibleName);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *tab = new QWidget(scroll);
    scroll->setWidget(tab);
    m_currentTab = scroll;
    m_tabLabels.clear();
    auto *form = new QFormLayout(tab);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return {scroll, form};
}

QWidget *OrdersConfigPage::createOrderConfigurationTab()
{
    auto [scroll, form] = beginTab(u"orderConfigurationTab"_s, tr("Order Configuration"));

    const QList<QPair<QString, QVariant>> yesNo{{tr("Yes"), true}, {tr("No"), false}};
    addChoice(form, u"orders.automated_synchronization"_s, tr("Automated Synchronization"),
              tr("Created orders and any changes with them will be automatically synchronized."), yesNo);
    addChoice(form, u"orders.zero_grand_total"_s, tr("Zero Grand Total"),
              tr("Synchronize: orders with a zero grand total are synchronized too. Do not synchronize: they are "
                 "skipped."),
              {{tr("Synchronize"), u"synchronize"_s}, {tr("Do not synchronize"), u"do_not_synchronize"_s}});
    addChoice(form, u"orders.synchronize_order_notes"_s, tr("Synchronize Order Notes"),
              tr("Will attach Magento order notes to the Order notes in Salesforce."), yesNo);
    addChoice(form, u"orders.note_object"_s, tr("Note object"),
              tr("Which Salesforce object the order notes become: a classic Note or an Enhanced Note (ContentNote)."),
              {{tr("Note"), u"note"_s}, {tr("Enhanced note"), u"content_note"_s}});
    addChoice(form, u"orders.notify_run_errors"_s, tr("Notify When a Run Ends with Errors"),
              tr("Yes: a desktop notification (or a line in the window) when a sync run leaves orders in error."),
              yesNo);

    m_defaultStatus = new QComboBox(scroll->widget());
    // Until setOrgSchema() brings the org's Draft-category values, the field is free text with
    // Salesforce's standard Draft value; the Salesforce client checks it against the picklist when it syncs.
    m_defaultStatus->setEditable(true);
    m_defaultStatus->setInsertPolicy(QComboBox::NoInsert);
    m_defaultStatus->addItem(u"Draft"_s, u"Draft"_s);
    QWidget *defaultStatusCell =
        addRow(form, u"orders.default_status"_s, tr("Default Status"),
               tr("Orders will be placed in this Draft status when Magento needs to make updates. IMPORTANT: Default "
                  "status must be from the Draft status group in Salesforce."),
               m_defaultStatus);
    m_defaultStatusNote = new QLabel(defaultStatusCell);
    m_defaultStatusNote->setObjectName(u"orders_default_status_note"_s);
    m_defaultStatusNote->setWordWrap(true);
    m_defaultStatusNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    defaultStatusCell->layout()->addWidget(m_defaultStatusNote);
    connect(m_defaultStatus, &QComboBox::currentTextChanged, this, [this] {
        updateDefaultStatusNote();
        handleEdited();
    });
    updateDefaultStatusNote();

    m_syncAllOrders = addChoice(form, u"orders.sync_all_orders"_s, tr("Sync all orders"),
                                tr("Yes: synchronize all orders regardless of Magento status. No: synchronize only "
                                   "orders in the statuses checked below."),
                                yesNo);
    connect(m_syncAllOrders, &QComboBox::currentIndexChanged, this, &OrdersConfigPage::updateStatusListVisibility);

    m_orderStatuses = new QListWidget(scroll->widget());
    m_orderStatuses->setUniformItemSizes(true);
    for (const QString &status : magentoStatuses) {
        auto *item = new QListWidgetItem(status, m_orderStatuses);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(Qt::AccessibleTextRole, status);
    }
    m_orderStatuses->setMaximumHeight(m_orderStatuses->sizeHintForRow(0) * int(magentoStatuses.size())
                                      + 2 * m_orderStatuses->frameWidth() + 4);
    addRow(form, u"orders.order_statuses"_s, tr("Order statuses to sync"),
           tr("Only orders in the checked Magento statuses are synchronized. Check at least one."), m_orderStatuses);
    connect(m_orderStatuses, &QListWidget::itemChanged, this, &OrdersConfigPage::handleEdited);

    QLineEdit *since = addText(form, u"orders.sync_since"_s, tr("Synchronize orders created since"),
                               tr("Orders created before this moment (UTC unless an offset is given, for example "
                                  "2026-01-31 or 2026-01-31T09:00:00Z) are left alone, even when they change. "
                                  "Empty: all history. The first connection sets it to that moment; Orders › "
                                  "Backfill from date… brings older orders."));
    since->setPlaceholderText(tr("All history"));
    addNumber(form, u"orders.rescan_window_minutes"_s, tr("Re-scan window for late commits (minutes)"),
              tr("Every half window, the orders changed in the last this many minutes are read again, so an order "
                 "Magento committed later than a poll saw is not missed. Orders already in sync cost no "
                 "Salesforce calls. 0: off."));
    addNumber(form, u"orders.comment_sweep_days"_s, tr("Comment sweep window (days)"),
              tr("Magento does not mark an order changed when a comment is added, so open orders are read for new "
                 "comments. 0: every order that is not closed or canceled. A number: only those changed in the last "
                 "this many days (fewer requests; a comment on an order untouched for longer waits until it "
                 "changes)."));

    assignMnemonics();
    m_currentTab = nullptr;
    return scroll;
}

QWidget *OrdersConfigPage::createAdvancedTab()
{
    auto [scroll, form] = beginTab(u"advancedTab"_s, tr("Advanced"));

    const QList<QPair<QString, QVariant>> yesNo{{tr("Yes"), true}, {tr("No"), false}};
    addChoice(form, u"advanced.create_order"_s, tr("Create Order"),
              tr("For paid order: the Salesforce Order is created when the Magento order is invoiced. For every "
                 "order: as soon as it is placed. No: Salesforce Orders are not created."),
              {{tr("For paid order"), u"paid"_s}, {tr("For every order"), u"every"_s}, {tr("No"), u"no"_s}});
    addChoice(form, u"advanced.create_opportunity"_s, tr("Create Opportunity"),
              tr("For every order: an Opportunity is created for each synchronized order. No: no Opportunities."),
              {{tr("No"), u"no"_s}, {tr("For every order"), u"every"_s}});
    addNumber(form, u"advanced.sales_cycle_length_days"_s, tr("Sales Cycle Length (days)"),
              tr("Number of days: the Opportunity's Close Date is the order's creation date plus this many days."));
    addText(form, u"advanced.opportunity_stage_draft"_s, tr("Opportunity stage for a new order"),
            tr("The Opportunity stage set when Magento needs to make updates, for example Prospecting."));
    addText(form, u"advanced.opportunity_stage_converted"_s, tr("Opportunity stage for a converted order"),
            tr("The Opportunity stage set when the order is paid in Magento, for example Needs Analysis."));
    addText(form, u"advanced.opportunity_stage_cart"_s, tr("Opportunity stage for a cart"),
            tr("The Opportunity stage set when the checkout process begins, for example Qualification."));
    addText(form, u"advanced.price_book"_s, tr("Price book name"),
            tr("The Salesforce price book whose entries the order products use."));
    addChoice(form, u"advanced.create_missing_products"_s, tr("Create missing products"),
              tr("Yes: a product missing in Salesforce is created with its price book entry. No: the order is "
                 "not synchronized and its error names the missing SKU."),
              yesNo);
    addChoice(form, u"advanced.book_base_currency"_s, tr("Book base-currency amounts"),
              tr("For a Salesforce org with a single currency. Yes: an order placed in another currency (a Magento "
                 "display currency) is booked with its base-currency amounts, when the base currency is the org's. "
                 "No: such an order fails and names its currency. Orgs with multiple currencies book every order "
                 "in its own currency."),
              yesNo);
    addChoice(form, u"advanced.allow_duplicate_save"_s, tr("Save past duplicate alerts"),
              tr("Yes: customers are saved even when a Salesforce duplicate rule with an Alert action matches them "
                 "(an Account with the same name, a Contact with the same e-mail). No: such an order fails with "
                 "DUPLICATES_DETECTED. Rules with a Block action always refuse."),
              yesNo);
    addChoice(form, u"advanced.person_accounts"_s, tr("New customers as Person Accounts"),
              tr("When the org has them: a new customer becomes a Person Account (Salesforce makes its contact) "
                 "where Salesforce's Account has Person Accounts, else an Account and a Contact. Yes: always a "
                 "Person Account; an org without them fails the order with a reason. No: always an Account and a "
                 "Contact."),
              {{tr("When the org has them"), u"auto"_s}, {tr("Yes"), u"yes"_s}, {tr("No"), u"no"_s}});
    addNumber(form, u"engine.polling_interval_seconds"_s, tr("Polling interval (seconds)"),
              tr("How often the sync engine asks Magento for new and changed orders."));
    addNumber(form, u"engine.batch_size"_s, tr("Batch size"),
              tr("Records sent to Salesforce in one request (at most 200, the Composite API limit)."));
    addNumber(form, u"engine.max_attempts"_s, tr("Maximum attempts per order"),
              tr("How often a failed order is retried before it stays in Error; Sync with Salesforce retries it "
                 "by hand."));
    addNumber(form, u"engine.request_timeout_seconds"_s, tr("Request timeout (seconds)"),
              tr("How long OrderBridge waits for Magento or Salesforce on one request, retries included, before it "
                 "reports that the server does not answer."));
    addNumber(form, u"engine.concurrent_calls"_s, tr("Salesforce calls at once"),
              tr("How many requests of one batch OrderBridge sends to Salesforce at the same time. Orders of the "
                 "same customer always go one after the other, so they never wait for each other's record locks."));
    addNumber(form, u"engine.api_share_percent"_s, tr("API share (%)"),
              tr("The share of the daily Salesforce API allowance the sync engine may use; beyond it, it waits "
                 "for the next day."));

    assignMnemonics();
    m_currentTab = nullptr;
    return scroll;
}

OrderBridge::Result<void> OrdersConfigPage::load()
{
    if (!m_database)
        return OrderBridge::fail(u"ui.no_store"_s, tr("No store is open, so the configuration cannot be read."),
                                 tr("Open a profile first."));
    const OrderBridge::SettingsRepository repository(m_database);
    auto settings = repository.load();
    if (!settings)
        return std::unexpected(settings.error());
    m_settings = *settings;
    setValues(m_settings);
    clearError();
    m_applyButton->setEnabled(false);
    return {};
}

bool OrdersConfigPage::isDirty() const
{
    return m_applyButton->isEnabled() || m_editedWhileSaving;
}

void OrdersConfigPage::setValues(const OrderBridge::Settings &settings)
{
    m_loading = true;
    for (auto it = m_controls.cbegin(); it != m_controls.cend(); ++it) {
        const QVariant value = settings.value(it.key());
        if (it.value() == m_defaultStatus) {
            setDefaultStatus(value.toString());
        } else if (it.value() == m_orderStatuses) {
            const QStringList checked = value.toStringList();
            for (int row = 0; row < m_orderStatuses->count(); ++row) {
                QListWidgetItem *item = m_orderStatuses->item(row);
                item->setCheckState(checked.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
            }
        } else if (auto *combo = qobject_cast<QComboBox *>(it.value())) {
            combo->setCurrentIndex(combo->findData(value));
        } else if (auto *spin = qobject_cast<QSpinBox *>(it.value())) {
            spin->setValue(value.toInt());
        } else if (auto *edit = qobject_cast<QLineEdit *>(it.value())) {
            edit->setText(value.toString());
        }
    }
    m_loading = false;
    updateDefaultStatusNote();
    updateStatusListVisibility();
}

QHash<QString, QVariant> OrdersConfigPage::editedValues() const
{
    QHash<QString, QVariant> values;
    for (auto it = m_controls.cbegin(); it != m_controls.cend(); ++it) {
        if (it.value() == m_defaultStatus) {
            values.insert(it.key(), defaultStatusValue());
        } else if (it.value() == m_orderStatuses) {
            QStringList checked;
            for (int row = 0; row < m_orderStatuses->count(); ++row) {
                if (m_orderStatuses->item(row)->checkState() == Qt::Checked)
                    checked << m_orderStatuses->item(row)->text();
            }
            values.insert(it.key(), checked);
        } else if (auto *combo = qobject_cast<QComboBox *>(it.value())) {
            values.insert(it.key(), combo->currentData());
        } else if (auto *spin = qobject_cast<QSpinBox *>(it.value())) {
            values.insert(it.key(), spin->value());
        } else if (auto *edit = qobject_cast<QLineEdit *>(it.value())) {
            values.insert(it.key(), edit->text());
        }
    }
    return values;
}

bool OrdersConfigPage::apply()
{
    if (m_saving)
        return false;
    // Built whole from every control and validated whole, so a cross-field rule is judged on the
    // configuration the operator sees, not on the order the controls are read in.
    auto settings = OrderBridge::Settings::fromValues(editedValues());
    if (settings) {
        if (auto valid = settings->validate(); !valid)
            settings = std::unexpected(valid.error());
    }
    if (settings) {
        if (const auto refused = defaultStatusError())
            settings = std::unexpected(*refused);
    }
    if (!settings) {
        showError(settings.error());
        return false;
    }
    if (!isSignalConnected(QMetaMethod::fromSignal(&OrdersConfigPage::applyRequested))) {
        showError(OrderBridge::Error{u"ui.no_worker"_s,
                                     tr("No sync engine is running, so the configuration cannot be saved."),
                                     tr("Set up the connection under Salesforce › Connection, then apply again."),
                                     {}});
        return false;
    }
    m_requested = *settings;
    m_saving = true;
    m_editedWhileSaving = false;
    clearError();
    m_applyButton->setEnabled(false);
    Q_EMIT statusMessage(tr("Saving the orders configuration…"));
    Q_EMIT applyRequested(requestValues(m_requested));
    return true;
}

QHash<QString, QString> OrdersConfigPage::requestValues(const OrderBridge::Settings &settings) const
{
    // The command-line spelling each option parses (SettingOption::parse), which the worker reads.
    QHash<QString, QString> values;
    for (auto it = settings.values().cbegin(); it != settings.values().cend(); ++it) {
        const OrderBridge::SettingOption *option = OrderBridge::SettingsCatalog::find(it.key());
        if (!option || !m_controls.contains(it.key()))
            continue;
        switch (option->type()) {
        case OrderBridge::SettingOption::Type::Bool:
            values.insert(it.key(), it.value().toBool() ? u"true"_s : u"false"_s);
            break;
        case OrderBridge::SettingOption::Type::Int:
            values.insert(it.key(), QString::number(it.value().toInt()));
            break;
        case OrderBridge::SettingOption::Type::Choice:
        case OrderBridge::SettingOption::Type::Text:
        case OrderBridge::SettingOption::Type::DateTime:
            values.insert(it.key(), it.value().toString());
            break;
        case OrderBridge::SettingOption::Type::StatusList:
            values.insert(it.key(), it.value().toStringList().join(u','));
            break;
        }
    }
    return values;
}

void OrdersConfigPage::handleSaved()
{
    const bool requested = m_saving;
    m_saving = false;
    if (requested)
        m_settings = m_requested;
    // Edits made while the worker saved (or not yet applied, when another save is reported) stay
    // in the controls for the next Apply; otherwise the page shows what the store now holds.
    const bool keepEdits = requested ? m_editedWhileSaving : m_applyButton->isEnabled();
    m_editedWhileSaving = false;
    if (keepEdits) {
        m_applyButton->setEnabled(true);
    } else if (m_database) {
        if (auto loaded = load(); !loaded) {
            showError(loaded.error());
            return;
        }
    } else {
        setValues(m_settings);
        m_applyButton->setEnabled(false);
    }
    if (requested) {
        clearError();
        Q_EMIT statusMessage(tr("Orders configuration saved."));
    }
    Q_EMIT saved();
}

void OrdersConfigPage::connectTo(OrderBridge::WorkerHost *host)
{
    connect(this, &OrdersConfigPage::applyRequested, host, [this, host](const QHash<QString, QString> &values) {
        host->saveSettings(values, this, [this](const OrderBridge::Result<OrderBridge::SettingsUpdate::Outcome> &stored) {
            if (stored)
                handleSaved();
            else
                handleRejected(stored.error());
        });
    });
}

void OrdersConfigPage::handleRejected(const OrderBridge::Error &error)
{
    m_saving = false;
    // The edits stay in the controls, so the operator fixes the named one and applies again.
    m_applyButton->setEnabled(true);
    showError(error);
    Q_EMIT statusMessage(tr("Orders configuration not saved."));
}

void OrdersConfigPage::setOrgSchema(const OrderBridge::OrgSchema &schema)
{
    setOrderStatuses(schema.orderStatuses);
}

void OrdersConfigPage::setOrderStatuses(const QList<OrderBridge::OrderStatusValue> &statuses)
{
    const QString current = defaultStatusValue();
    const bool wasLoading = m_loading;
    m_loading = true;
    m_orderStatusValues = statuses;
    m_defaultStatus->clear();
    if (statuses.isEmpty()) {
        // No picklist was read (the org schema fell back to the built-in catalogue): back to the
        // free field, as the worker then does not check the value against the org either.
        m_liveStatuses = false;
        m_defaultStatus->setEditable(true);
        m_defaultStatus->setInsertPolicy(QComboBox::NoInsert);
        m_defaultStatus->addItem(u"Draft"_s, u"Draft"_s);
        m_defaultStatus->setCurrentText(current);
        m_loading = wasLoading;
        updateDefaultStatusNote();
        return;
    }
    m_liveStatuses = true;
    // Only the org's Draft values may be chosen: no free text any more.
    m_defaultStatus->setEditable(false);
    for (const OrderBridge::OrderStatusValue &status : statuses) {
        if (status.category.compare(u"Draft"_s, Qt::CaseInsensitive) != 0)
            continue;
        const QString text = status.label.isEmpty() || status.label == status.value
                                 ? status.value
                                 : tr("%1 (%2)", "Default Status item: label (API value)").arg(status.label, status.value);
        m_defaultStatus->addItem(text, status.value);
        m_defaultStatus->setItemData(m_defaultStatus->count() - 1, text, Qt::AccessibleTextRole);
        m_defaultStatus->setItemData(m_defaultStatus->count() - 1,
                                     tr("API value %1, Draft status group").arg(status.value), Qt::ToolTipRole);
    }
    setDefaultStatus(current);
    m_loading = wasLoading;
    updateDefaultStatusNote();
}

void OrdersConfigPage::setDefaultStatus(const QString &value)
{
    if (!m_liveStatuses) {
        m_defaultStatus->setCurrentText(value);
        return;
    }
    for (int row = m_defaultStatus->count() - 1; row >= 0; --row) {
        if (m_defaultStatus->itemData(row, refusedStatusRole).toBool())
            m_defaultStatus->removeItem(row);
    }
    int index = m_defaultStatus->findData(value);
    if (index < 0 && !value.isEmpty()) {
        // Shown, not dropped: the operator sees what is stored and why Apply refuses it.
        const QString text = tr("%1 – not a Draft status").arg(value);
        m_defaultStatus->addItem(QIcon(u":/icons/sync-error.svg"_s), text, value);
        index = m_defaultStatus->count() - 1;
        m_defaultStatus->setItemData(index, true, refusedStatusRole);
        m_defaultStatus->setItemData(index, text, Qt::AccessibleTextRole);
        m_defaultStatus->setItemData(index, tr("Default status must be from the Draft status group in Salesforce."),
                                     Qt::ToolTipRole);
    }
    m_defaultStatus->setCurrentIndex(index);
}

QString OrdersConfigPage::defaultStatusValue() const
{
    if (!m_liveStatuses)
        return m_defaultStatus->currentText();
    return m_defaultStatus->currentData().toString();
}

std::optional<OrderBridge::Error> OrdersConfigPage::defaultStatusError() const
{
    if (!m_liveStatuses)
        return std::nullopt;
    const QString value = defaultStatusValue();
    QStringList draft;
    QString detail;
    for (const OrderBridge::OrderStatusValue &status : m_orderStatusValues) {
        const bool isDraft = status.category.compare(u"Draft"_s, Qt::CaseInsensitive) == 0;
        if (isDraft)
            draft << status.value;
        if (status.value == value) {
            if (isDraft)
                return std::nullopt;
            detail = tr("\"%1\" is in the %2 status group.").arg(value, status.category);
        }
    }
    if (detail.isEmpty()) {
        detail = value.isEmpty() ? tr("No Default Status is chosen.")
                                 : tr("\"%1\" is not a value of the org's Order Status picklist.").arg(value);
    }
    const QString hint = draft.isEmpty()
                             ? tr("Add a value of the Draft status group to the Order Status picklist in Salesforce "
                                  "Setup, then reconnect.")
                             : tr("Choose one of the org's Draft statuses: %1.").arg(draft.join(u", "_s));
    return OrderBridge::Error{u"settings.default_status_not_draft"_s,
                              tr("Default status must be from the Draft status group in Salesforce.") + u' ' + detail,
                              hint,
                              {u"orders.default_status"_s}};
}

void OrdersConfigPage::updateDefaultStatusNote()
{
    if (!m_defaultStatusNote)
        return;
    if (!m_liveStatuses) {
        m_defaultStatusNote->setText(tr("This list is not from the org yet: Draft is Salesforce's standard Draft "
                                        "status. Once the console has read the org, it offers the org's own Draft "
                                        "statuses."));
        m_defaultStatusNote->setStyleSheet(QString());
        m_defaultStatusNote->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    if (const auto refused = defaultStatusError()) {
        m_defaultStatusNote->setText(refused->toString());
        // Not by colour alone: the text says what is wrong, the item carries an error icon.
        m_defaultStatusNote->setStyleSheet(u"color: #c62828; font-weight: bold;"_s);
        return;
    }
    m_defaultStatusNote->setText(tr("From the org: the Draft status group of the Order Status picklist."));
    m_defaultStatusNote->setStyleSheet(QString());
    m_defaultStatusNote->setForegroundRole(QPalette::PlaceholderText);
}

void OrdersConfigPage::showError(const OrderBridge::Error &error)
{
    m_errorLabel->setText(error.toString());
    m_errorLabel->show();
    QAccessibleEvent event(m_errorLabel, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);

    // A cross-field rule names the switch first and the control to fix last (sync_all_orders, then
    // order_statuses), so the last named key with a visible control is the one to jump to.
    QWidget *target = nullptr;
    for (auto it = error.fields.crbegin(); it != error.fields.crend() && !target; ++it) {
        QWidget *control = m_controls.value(*it);
        if (control && !control->isHidden())
            target = control;
        if (target && m_tabOf.value(*it))
            m_tabs->setCurrentWidget(m_tabOf.value(*it));
    }
    if (target)
        target->setFocus(Qt::OtherFocusReason);
}

void OrdersConfigPage::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

void OrdersConfigPage::updateStatusListVisibility()
{
    const bool visible = !m_syncAllOrders->currentData().toBool();
    m_orderStatuses->setVisible(visible);
    m_orderStatusesLabel->setVisible(visible);
    m_orderStatusesHelp->setVisible(visible);
}

void OrdersConfigPage::handleEdited()
{
    if (m_loading)
        return;
    if (m_saving) {
        // Apply stays off until the worker answers; the edit is kept for the next Apply.
        m_editedWhileSaving = true;
        return;
    }
    m_applyButton->setEnabled(true);
}
