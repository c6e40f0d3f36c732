#include "settings/connectionpage.h"
#include "common/localdatetext.h"

#include "credentials/credentialstore.h"
#include "credentials/privatefile.h"
#include "settings/connectionprofilevalidator.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "sync/workerconfigloader.h"

#include <utility>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::ConnectionProfile;
using OrderBridge::ConnectionProfileValidator;
using OrderBridge::Error;
using OrderBridge::MagentoAuthMode;
using OrderBridge::SalesforceFlow;

namespace {

const QString kProduction = u"https://login.salesforce.com"_s;
const QString kSandbox = u"https://test.salesforce.com"_s;
const QString kDefaultProfile = u"default"_s;
const QString kInvalidStyle = u"QLineEdit, QComboBox { border: 2px solid #c62828; }"_s;

// Credential-store names (WorkerConfigLoader::secretNames()).
const QString kMagentoToken = u"magento.token"_s;
const QString kAdminUsername = u"magento.admin_username"_s;
const QString kAdminPassword = u"magento.admin_password"_s;
const QString kConsumerKey = u"magento.oauth.consumer_key"_s;
const QString kConsumerSecret = u"magento.oauth.consumer_secret"_s;
const QString kAccessToken = u"magento.oauth.access_token"_s;
const QString kAccessTokenSecret = u"magento.oauth.access_token_secret"_s;
const QString kClientSecret = u"salesforce.client_secret"_s;
const QString kPassword = u"salesforce.password"_s;
const QString kPrivateKey = u"salesforce.private_key"_s;
const QString kRefreshToken = u"salesforce.refresh_token"_s;

/// Marks for removal (an empty value) each secret the old sign-in mode used and the new one does not,
/// unless the form gives it anew.
void dropSecretsOfOldMode(const QStringList &oldMode, const QStringList &newMode, QHash<QString, QString> &secrets)
{
    for (const QString &name : oldMode) {
        if (!newMode.contains(name) && !secrets.contains(name))
            secrets.insert(name, QString());
    }
}

Error fieldError(const QString &objectName, const QString &message, const QString &hint)
{
    return Error{u"connection.invalid"_s, message, hint, {objectName}};
}

/// The validator's refusal, pointed at the control that holds the field it names.
Error onControl(Error error)
{
    static const QHash<QString, QString> controls{
        {u"magento_base_url"_s, u"magentoBaseUrl"_s},
        {u"magento_store_code"_s, u"magentoStoreCode"_s},
        {u"magento_auth_mode"_s, u"magentoAuthMode"_s},
        {u"salesforce_login_url"_s, u"salesforceLoginUrl"_s},
        {u"salesforce_flow"_s, u"salesforceFlow"_s},
        {u"salesforce_client_id"_s, u"salesforceClientId"_s},
        {u"salesforce_username"_s, u"salesforceUsername"_s},
        {u"salesforce_api_version"_s, u"salesforceApiVersion"_s},
        {u"magento_ca_file"_s, u"magentoCaFile"_s},
        {u"salesforce_ca_file"_s, u"salesforceCaFile"_s},
    };
    if (!error.fields.isEmpty())
        error.fields = QStringList{controls.value(error.fields.constFirst(), error.fields.constFirst())};
    return error;
}

} // namespace

ConnectionPage::ConnectionPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
{
    setObjectName(u"connectionPage"_s);
    setAccessibleName(tr("Salesforce › Connection"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"connectionError"_s);
    m_errorLabel->setAccessibleName(tr("Connection error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(u"color: white; background: #c62828; padding: 6px;"_s);
    m_errorLabel->hide();

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(createMagentoGroup());
    contentLayout->addWidget(createSalesforceGroup());
    contentLayout->addWidget(createTestSection(), 1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"connectionScroll"_s);
    scroll->setAccessibleName(tr("Connection settings"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_unsavedNote = new QLabel(tr("Unsaved changes: Save and Test stores them, then tests the connection."), this);
    m_unsavedNote->setObjectName(u"connectionUnsaved"_s);
    m_unsavedNote->setForegroundRole(QPalette::PlaceholderText);
    m_unsavedNote->hide();

    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(u"connectionSave"_s);
    m_saveButton->setAccessibleName(tr("Save the connection"));
    m_saveButton->setToolTip(tr("Check the connection settings and store them; secrets go to the keychain (Ctrl+S)"));
    m_saveButton->setEnabled(false);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { save(); });
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    saveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveShortcut, &QShortcut::activated, this, [this] {
        if (m_saveButton->isEnabled())
            save();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_unsavedNote, 1);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_errorLabel);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    updateVisibleRows();
    updateLoginUrl();
    updateSecretPlaceholders();
    if (m_database) {
        if (auto loaded = load(); !loaded)
            showError(loaded.error());
    }
}

ConnectionPage::~ConnectionPage() = default;

QLineEdit *ConnectionPage::addLine(QFormLayout *form, const QString &objectName, const QString &label,
                                   const QString &help)
{
    auto *edit = new QLineEdit(form->parentWidget());
    edit->setObjectName(objectName);
    edit->setAccessibleName(QString(label).remove(u'&'));
    edit->setAccessibleDescription(help);
    edit->setToolTip(help);
    m_helpTexts.insert(edit, help);
    auto *labelWidget = new QLabel(label, form->parentWidget());
    labelWidget->setBuddy(edit);
    form->addRow(labelWidget, edit);
    connect(edit, &QLineEdit::textEdited, this, &ConnectionPage::handleEdited);
    return edit;
}

QLineEdit *ConnectionPage::addSecret(QFormLayout *form, const QString &objectName, const QString &label,
                                     const QString &secretName, const QString &help)
{
    QLineEdit *edit = addLine(form, objectName, label, help);
    edit->setEchoMode(QLineEdit::Password);
    // No autocompletion or clipboard copy of what is typed.
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText
                              | Qt::ImhNoAutoUppercase);
    m_secretNames.insert(edit, secretName);
    return edit;
}

QGroupBox *ConnectionPage::createMagentoGroup()
{
    auto *group = new QGroupBox(tr("Magento"));
    group->setObjectName(u"magentoGroup"_s);
    m_magentoForm = new QFormLayout(group);
    m_magentoForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_magentoUrl = addLine(m_magentoForm, u"magentoBaseUrl"_s, tr("Store &URL:"),
                           tr("The store's base URL, e.g. https://shop.example.com"));
    m_magentoUrl->setPlaceholderText(u"https://shop.example.com"_s);
    m_storeCode = addLine(m_magentoForm, u"magentoStoreCode"_s, tr("Store co&de:"),
                          tr("The store view whose orders are read; \"default\" for the default store view"));
    m_storeCode->setPlaceholderText(u"default"_s);
    m_magentoCaFile = addLine(m_magentoForm, u"magentoCaFile"_s, tr("CA certificate file:"),
                              tr("A PEM file of the certificate authority that signed the store's certificate, when "
                                 "it is a private or self-signed one; the system's certificates stay trusted. Empty: "
                                 "the system's certificates only"));
    m_magentoCaFile->setPlaceholderText(tr("System certificates only"));

    m_authMode = new QComboBox(group);
    m_authMode->setObjectName(u"magentoAuthMode"_s);
    m_authMode->setAccessibleName(tr("Magento sign-in"));
    // Item data: the mode's one text form (magentoAuthModeName).
    m_authMode->addItem(tr("Integration token (Bearer)"), magentoAuthModeName(MagentoAuthMode::IntegrationToken));
    m_authMode->addItem(tr("Admin user (admin token)"), magentoAuthModeName(MagentoAuthMode::AdminUser));
    m_authMode->addItem(tr("OAuth 1.0a keys"), magentoAuthModeName(MagentoAuthMode::OAuth1));
    m_authMode->setToolTip(tr("OAuth 1.0a: the integration's four keys, every request signed; works with a stock "
                              "Magento 2.4 store. Integration token: the integration's access token sent as a Bearer "
                              "token; since 2.4.4 only when the store's \"Allow OAuth Access Tokens to be used as "
                              "standalone Bearer tokens\" is Yes. Admin user: an admin's user name and password "
                              "exchanged for an admin token; refused while two-factor authentication is on, as it is "
                              "by default. Test Connection explains a refusal."));
    m_authMode->setAccessibleDescription(m_authMode->toolTip());
    auto *modeLabel = new QLabel(tr("Si&gn in with:"), group);
    modeLabel->setBuddy(m_authMode);
    m_magentoForm->addRow(modeLabel, m_authMode);
    connect(m_authMode, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibleRows();
        updateSecretPlaceholders();
        handleEdited();
    });

    m_token = addSecret(m_magentoForm, u"magentoToken"_s, tr("Access to&ken:"), kMagentoToken,
                        tr("The integration's access token (System › Integrations)"));
    m_adminUsername = addLine(m_magentoForm, u"magentoAdminUsername"_s, tr("Admin user na&me:"),
                              tr("The admin user OrderBridge signs in as"));
    m_secretNames.insert(m_adminUsername, kAdminUsername); // kept in the keychain with the password
    m_adminPassword = addSecret(m_magentoForm, u"magentoAdminPassword"_s, tr("Admin passwo&rd:"), kAdminPassword,
                                tr("The admin user's password"));
    m_consumerKey = addSecret(m_magentoForm, u"magentoConsumerKey"_s, tr("Consumer &key:"), kConsumerKey,
                              tr("The integration's consumer key"));
    m_consumerSecret = addSecret(m_magentoForm, u"magentoConsumerSecret"_s, tr("Consumer s&ecret:"), kConsumerSecret,
                                 tr("The integration's consumer secret"));
    m_accessToken = addSecret(m_magentoForm, u"magentoAccessToken"_s, tr("Access t&oken:"), kAccessToken,
                              tr("The integration's access token"));
    m_accessTokenSecret = addSecret(m_magentoForm, u"magentoAccessTokenSecret"_s, tr("Access token sec&ret:"),
                                    kAccessTokenSecret, tr("The integration's access token secret"));
    return group;
}

QGroupBox *ConnectionPage::createSalesforceGroup()
{
    auto *group = new QGroupBox(tr("Salesforce"));
    group->setObjectName(u"salesforceGroup"_s);
    m_salesforceForm = new QFormLayout(group);
    m_salesforceForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_loginKind = new QComboBox(group);
    m_loginKind->setObjectName(u"salesforceLoginKind"_s);
    m_loginKind->setAccessibleName(tr("Salesforce environment"));
    m_loginKind->addItem(tr("Production (login.salesforce.com)"), kProduction);
    m_loginKind->addItem(tr("Sandbox (test.salesforce.com)"), kSandbox);
    m_loginKind->addItem(tr("Custom domain"), QString());
    m_loginKind->setToolTip(tr("Where to sign in: production, a sandbox, or the org's My Domain address"));
    m_loginKind->setAccessibleDescription(m_loginKind->toolTip());
    auto *kindLabel = new QLabel(tr("En&vironment:"), group);
    kindLabel->setBuddy(m_loginKind);
    m_salesforceForm->addRow(kindLabel, m_loginKind);
    connect(m_loginKind, &QComboBox::currentIndexChanged, this, [this] {
        updateLoginUrl();
        handleEdited();
    });
    m_loginUrl = addLine(m_salesforceForm, u"salesforceLoginUrl"_s, tr("&Login URL:"),
                         tr("The sign-in address, e.g. https://mycompany.my.salesforce.com"));
    connect(m_loginUrl, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (m_loginKind->currentData().toString().isEmpty())
            m_customLoginUrl = text;
    });

    m_clientId = addLine(m_salesforceForm, u"salesforceClientId"_s, tr("Consumer ke&y (client ID):"),
                         tr("The connected app's consumer key"));

    m_flow = new QComboBox(group);
    m_flow->setObjectName(u"salesforceFlow"_s);
    m_flow->setAccessibleName(tr("Salesforce sign-in"));
    // Item data: the flow's one text form (salesforceFlowName).
    m_flow->addItem(tr("Browser sign-in (PKCE)"), salesforceFlowName(SalesforceFlow::WebServer));
    m_flow->addItem(tr("Username and password"), salesforceFlowName(SalesforceFlow::UsernamePassword));
    m_flow->addItem(tr("JWT bearer (key file)"), salesforceFlowName(SalesforceFlow::JwtBearer));
    m_flow->setToolTip(tr("Browser sign-in: you sign in once in the system browser; OrderBridge keeps the refresh "
                          "token. Username and password: the password with the security token. JWT bearer: the "
                          "connected app's certificate key; the app must be pre-authorized for the user."));
    m_flow->setAccessibleDescription(m_flow->toolTip());
    auto *flowLabel = new QLabel(tr("Sign in &with:"), group);
    flowLabel->setBuddy(m_flow);
    m_salesforceForm->addRow(flowLabel, m_flow);
    connect(m_flow, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibleRows();
        updateSecretPlaceholders();
        handleEdited();
    });

    m_username = addLine(m_salesforceForm, u"salesforceUsername"_s, tr("User&name:"),
                         tr("The Salesforce user OrderBridge works as, e.g. integration@example.com"));
    m_apiVersion = addLine(m_salesforceForm, u"salesforceApiVersion"_s, tr("&API version:"),
                           tr("The REST API version, e.g. 62.0; empty for OrderBridge's default"));
    m_apiVersion->setPlaceholderText(u"62.0"_s);
    m_salesforceCaFile = addLine(m_salesforceForm, u"salesforceCaFile"_s, tr("CA certificate file:"),
                                 tr("A PEM file of the certificate authority that signed the org's certificates, when "
                                    "it is a private one (e.g. a TLS-inspecting proxy); the system's certificates stay "
                                    "trusted. Empty: the system's certificates only"));
    m_salesforceCaFile->setPlaceholderText(tr("System certificates only"));
    m_clientSecret = addSecret(m_salesforceForm, u"salesforceClientSecret"_s, tr("&Consumer secret:"), kClientSecret,
                               tr("The connected app's consumer secret (optional for browser sign-in when the app "
                                  "does not require it)"));
    m_password = addSecret(m_salesforceForm, u"salesforcePassword"_s, tr("&Password:"), kPassword,
                           tr("The user's password"));
    m_securityToken = addSecret(m_salesforceForm, u"salesforceSecurityToken"_s, tr("Secur&ity token:"), kPassword,
                                tr("The user's security token (empty when the network is trusted); kept together "
                                   "with the password"));

    m_keyFile = new QLineEdit(group);
    m_keyFile->setObjectName(u"salesforcePrivateKeyFile"_s);
    m_keyFile->setAccessibleName(tr("Private key file"));
    const QString keyHelp = tr("The PEM private key of the connected app's certificate; it is read when you save "
                               "and kept in the keychain");
    m_keyFile->setAccessibleDescription(keyHelp);
    m_keyFile->setToolTip(keyHelp);
    m_helpTexts.insert(m_keyFile, keyHelp);
    m_secretNames.insert(m_keyFile, kPrivateKey);
    connect(m_keyFile, &QLineEdit::textEdited, this, &ConnectionPage::handleEdited);
    m_browseKey = new QPushButton(tr("&Browse…"), group);
    m_browseKey->setObjectName(u"salesforceBrowseKey"_s);
    m_browseKey->setAccessibleName(tr("Choose the private key file"));
    connect(m_browseKey, &QPushButton::clicked, this, &ConnectionPage::chooseKeyFile);
    m_keyFileRow = new QWidget(group);
    auto *keyLayout = new QHBoxLayout(m_keyFileRow);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->addWidget(m_keyFile, 1);
    keyLayout->addWidget(m_browseKey);
    auto *keyLabel = new QLabel(tr("Private key &file:"), group);
    keyLabel->setBuddy(m_keyFile);
    m_salesforceForm->addRow(keyLabel, m_keyFileRow);
    return group;
}

QWidget *ConnectionPage::createTestSection()
{
    auto *group = new QGroupBox(tr("Connection test"));
    group->setObjectName(u"connectionTestGroup"_s);

    m_testButton = new QPushButton(tr("&Test Connection"), group);
    m_testButton->setObjectName(u"connectionTest"_s);
    m_testButton->setAccessibleName(tr("Test Connection"));
    m_testButton->setToolTip(tr("Checks in the background: reachability and sign-in of both systems, permissions, "
                                "the custom fields and the price book the mappings need"));
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::testConnection);
    m_prepareButton = new QPushButton(tr("Prepare Salesforce…"), group);
    m_prepareButton->setObjectName(u"connectionPrepareSalesforce"_s);
    m_prepareButton->setAccessibleName(tr("Prepare Salesforce"));
    m_prepareButton->setToolTip(tr("Compares the org with what the mappings need and, when you agree, creates the "
                                   "missing custom fields and the permission set \"OrderBridge Integration\""));
    connect(m_prepareButton, &QPushButton::clicked, this, &ConnectionPage::prepareSalesforce);

    m_busy = new QProgressBar(group);
    m_busy->setObjectName(u"connectionTestBusy"_s);
    m_busy->setAccessibleName(tr("Testing the connection"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(160);
    m_busy->hide();
    m_busyLabel = new QLabel(tr("Testing the connection…"), group);
    m_busyLabel->hide();

    m_checks = new QTreeWidget(group);
    m_checks->setObjectName(u"connectionChecks"_s);
    m_checks->setAccessibleName(tr("Connection test results"));
    m_checks->setColumnCount(3);
    m_checks->setHeaderLabels({tr("Check"), tr("Result"), tr("Detail or fix")});
    m_checks->setRootIsDecorated(false);
    m_checks->setUniformRowHeights(false);
    m_checks->setWordWrap(true);
    m_checks->setSelectionMode(QAbstractItemView::SingleSelection);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_checks->header()->setStretchLastSection(true);
    m_checks->setMinimumHeight(120);

    auto *row = new QHBoxLayout;
    row->addWidget(m_testButton);
    row->addWidget(m_prepareButton);
    row->addWidget(m_busy);
    row->addWidget(m_busyLabel);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(row);
    layout->addWidget(m_checks, 1);
    return group;
}

QWidget *ConnectionPage::control(const QString &objectName) const
{
    return findChild<QWidget *>(objectName);
}

MagentoAuthMode ConnectionPage::magentoMode() const
{
    return OrderBridge::magentoAuthModeFromName(m_authMode->currentData().toString()).value_or(MagentoAuthMode::IntegrationToken);
}

SalesforceFlow ConnectionPage::salesforceFlow() const
{
    return OrderBridge::salesforceFlowFromName(m_flow->currentData().toString()).value_or(SalesforceFlow::WebServer);
}

void ConnectionPage::updateVisibleRows()
{
    const MagentoAuthMode mode = magentoMode();
    m_magentoForm->setRowVisible(m_token, mode == MagentoAuthMode::IntegrationToken);
    m_magentoForm->setRowVisible(m_adminUsername, mode == MagentoAuthMode::AdminUser);
    m_magentoForm->setRowVisible(m_adminPassword, mode == MagentoAuthMode::AdminUser);
    for (QLineEdit *edit : {m_consumerKey, m_consumerSecret, m_accessToken, m_accessTokenSecret})
        m_magentoForm->setRowVisible(edit, mode == MagentoAuthMode::OAuth1);

    const SalesforceFlow flow = salesforceFlow();
    m_salesforceForm->setRowVisible(m_clientSecret, flow != SalesforceFlow::JwtBearer);
    m_salesforceForm->setRowVisible(m_password, flow == SalesforceFlow::UsernamePassword);
    m_salesforceForm->setRowVisible(m_securityToken, flow == SalesforceFlow::UsernamePassword);
    m_salesforceForm->setRowVisible(m_keyFileRow, flow == SalesforceFlow::JwtBearer);
}

void ConnectionPage::updateLoginUrl()
{
    const QString preset = m_loginKind->currentData().toString();
    const bool custom = preset.isEmpty();
    m_loginUrl->setReadOnly(!custom);
    m_loginUrl->setText(custom ? m_customLoginUrl : preset);
    m_loginUrl->setPlaceholderText(custom ? u"https://mycompany.my.salesforce.com"_s : QString());
}

bool ConnectionPage::isSecretStored(const QString &name) const
{
    if (m_stored)
        return m_stored->contains(name);
    // Unknown (no credential store to ask): the secrets of the saved modes are taken to be stored.
    if (!m_loaded)
        return false;
    if (name.startsWith(u"magento."_s))
        return m_loaded->magentoAuthMode == magentoMode();
    return m_loaded->salesforceFlow == salesforceFlow();
}

void ConnectionPage::updateSecretPlaceholders()
{
    for (auto it = m_secretNames.cbegin(); it != m_secretNames.cend(); ++it) {
        QLineEdit *edit = it.key();
        const bool stored = isSecretStored(it.value());
        QString state;
        if (stored)
            state = edit == m_keyFile ? tr("Key stored in keychain; choose a file to replace it")
                                      : tr("Stored in keychain; leave empty to keep");
        else
            state = m_stored ? tr("Not stored") : QString();
        edit->setPlaceholderText(state);
        const QString help = m_helpTexts.value(edit);
        edit->setAccessibleDescription(state.isEmpty() ? help : QString(help + u". "_s + state));
    }
}

void ConnectionPage::setCredentialStore(OrderBridge::CredentialStore *store)
{
    m_credentials = store;
    if (m_credentials && m_loaded)
        askStoredSecrets(m_loaded->name);
}

void ConnectionPage::setStoredSecrets(const QStringList &names)
{
    ++m_storedGeneration; // answers of earlier questions no longer count
    m_stored = QSet<QString>(names.cbegin(), names.cend());
    updateSecretPlaceholders();
}

void ConnectionPage::askStoredSecrets(const QString &profileName)
{
    if (!m_credentials)
        return;
    const quint64 generation = ++m_storedGeneration;
    const QStringList names = OrderBridge::WorkerConfigLoader::secretNames();
    auto found = std::make_shared<QSet<QString>>();
    auto remaining = std::make_shared<int>(int(names.size()));
    for (const QString &name : names) {
        m_credentials->read(profileName, name, this,
                            [this, name, found, remaining, generation](const OrderBridge::CredentialResult &result) {
                                // Only whether it exists is kept; the value is dropped here.
                                if (result.ok() && !result.secret.isEmpty())
                                    found->insert(name);
                                if (--*remaining > 0 || generation != m_storedGeneration)
                                    return;
                                m_stored = *found;
                                updateSecretPlaceholders();
                            });
    }
}

OrderBridge::Result<void> ConnectionPage::load()
{
    if (!m_database)
        return {};
    const auto active = OrderBridge::ConnectionProfileRepository(m_database).active();
    if (!active)
        return std::unexpected(active.error());
    m_loaded = *active;
    ConnectionProfile profile = m_loaded.value_or(ConnectionProfile{});
    setProfile(profile);
    if (m_loaded)
        askStoredSecrets(m_loaded->name);
    return {};
}

void ConnectionPage::setProfile(const ConnectionProfile &profile)
{
    m_loading = true;
    m_magentoUrl->setText(profile.magentoBaseUrl);
    m_storeCode->setText(profile.magentoStoreCode);
    m_authMode->setCurrentIndex(std::max(0, m_authMode->findData(magentoAuthModeName(profile.magentoAuthMode))));
    const int kind = m_loginKind->findData(profile.salesforceLoginUrl);
    m_customLoginUrl = kind >= 0 ? QString() : profile.salesforceLoginUrl;
    m_loginKind->setCurrentIndex(kind >= 0 ? kind : m_loginKind->findData(QString()));
    updateLoginUrl();
    m_clientId->setText(profile.salesforceClientId);
    m_flow->setCurrentIndex(std::max(0, m_flow->findData(salesforceFlowName(profile.salesforceFlow))));
    m_username->setText(profile.salesforceUsername);
    m_apiVersion->setText(profile.salesforceApiVersion);
    m_magentoCaFile->setText(profile.magentoCaFile);
    m_salesforceCaFile->setText(profile.salesforceCaFile);
    for (QLineEdit *edit : m_secretNames.keys())
        edit->clear();
    m_loading = false;
    updateVisibleRows();
    updateSecretPlaceholders();
    m_dirty = false;
    m_saveButton->setEnabled(false);
    m_unsavedNote->hide();
    updateTestButton();
    clearError();
}

void ConnectionPage::handleEdited()
{
    if (m_loading)
        return;
    m_dirty = true;
    m_saveButton->setEnabled(!m_applying);
    m_unsavedNote->setVisible(m_loaded.has_value());
    updateTestButton();
    if (m_invalidControl && sender() == m_invalidControl)
        clearError();
}

void ConnectionPage::chooseKeyFile()
{
    auto *dialog = new QFileDialog(this, tr("Choose the private key file"), QFileInfo(m_keyFile->text()).absolutePath(),
                                   tr("PEM keys (*.pem *.key);;All files (*)"));
    dialog->setObjectName(u"salesforceKeyFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        m_keyFile->setText(path);
        m_keyFile->setFocus();
        handleEdited();
    });
    dialog->open();
}

std::optional<Error> ConnectionPage::needSecret(Submission &out, QLineEdit *edit, const QString &what) const
{
    const QString name = m_secretNames.value(edit);
    const QString value = edit == m_adminUsername ? edit->text().trimmed() : edit->text();
    if (!value.isEmpty()) {
        out.secrets.insert(name, value);
        return std::nullopt;
    }
    if (isSecretStored(name))
        return std::nullopt;
    return fieldError(edit->objectName(), tr("%1 is needed for this sign-in and none is stored.").arg(what),
                      tr("Type it in the %1 field.").arg(what));
}

std::optional<Error> ConnectionPage::collectMagento(Submission &out) const
{
    ConnectionProfile &p = out.profile;
    p.magentoBaseUrl = m_magentoUrl->text().trimmed();
    p.magentoStoreCode = m_storeCode->text().trimmed();
    if (p.magentoStoreCode.isEmpty())
        p.magentoStoreCode = u"default"_s;
    p.magentoAuthMode = magentoMode();
    p.magentoCaFile = m_magentoCaFile->text().trimmed();
    if (auto problem = ConnectionProfileValidator::validateMagento(p))
        return onControl(*problem);
    QList<std::pair<QLineEdit *, QString>> secrets;
    switch (p.magentoAuthMode) {
    case MagentoAuthMode::IntegrationToken:
        secrets = {{m_token, tr("The access token")}};
        break;
    case MagentoAuthMode::AdminUser:
        secrets = {{m_adminUsername, tr("The admin user name")}, {m_adminPassword, tr("The admin password")}};
        break;
    case MagentoAuthMode::OAuth1:
        secrets = {{m_consumerKey, tr("The consumer key")},
                   {m_consumerSecret, tr("The consumer secret")},
                   {m_accessToken, tr("The access token")},
                   {m_accessTokenSecret, tr("The access token secret")}};
        break;
    }
    for (const auto &[edit, what] : secrets) {
        if (auto problem = needSecret(out, edit, what))
            return problem;
    }
    return std::nullopt;
}

std::optional<Error> ConnectionPage::collectSalesforce(Submission &out) const
{
    ConnectionProfile &p = out.profile;
    p.salesforceLoginUrl = m_loginUrl->text().trimmed();
    while (p.salesforceLoginUrl.endsWith(u'/'))
        p.salesforceLoginUrl.chop(1);
    p.salesforceClientId = m_clientId->text().trimmed();
    p.salesforceFlow = salesforceFlow();
    p.salesforceUsername = m_username->text().trimmed();
    p.salesforceApiVersion = m_apiVersion->text().trimmed();
    if (p.salesforceApiVersion.startsWith(u'v', Qt::CaseInsensitive))
        p.salesforceApiVersion.remove(0, 1);
    p.salesforceCaFile = m_salesforceCaFile->text().trimmed();
    if (auto problem = ConnectionProfileValidator::validateSalesforce(p))
        return onControl(*problem);

    switch (p.salesforceFlow) {
    case SalesforceFlow::WebServer:
        if (!m_clientSecret->text().isEmpty())
            out.secrets.insert(kClientSecret, m_clientSecret->text());
        return std::nullopt;
    case SalesforceFlow::UsernamePassword:
        if (auto problem = needSecret(out, m_clientSecret, tr("The consumer secret")))
            return problem;
        return collectPassword(out);
    case SalesforceFlow::JwtBearer:
        return collectPrivateKey(out);
    }
    return std::nullopt;
}

std::optional<Error> ConnectionPage::collectPassword(Submission &out) const
{
    const QString password = m_password->text();
    const QString token = m_securityToken->text();
    if (password.isEmpty() && !token.isEmpty())
        return fieldError(m_password->objectName(), tr("A security token was typed without the password."),
                          tr("Type the password too: the keychain keeps them together."));
    if (!password.isEmpty())
        out.secrets.insert(kPassword, QString(password + token));
    else if (!isSecretStored(kPassword))
        return fieldError(m_password->objectName(), tr("The password is needed for this sign-in and none is stored."),
                          tr("Type the password and, unless the network is trusted, the security token."));
    return std::nullopt;
}

std::optional<Error> ConnectionPage::collectPrivateKey(Submission &out) const
{
    const QString path = m_keyFile->text().trimmed();
    if (path.isEmpty()) {
        if (isSecretStored(kPrivateKey))
            return std::nullopt;
        return fieldError(m_keyFile->objectName(), tr("JWT bearer needs the private key and none is stored."),
                          tr("Choose the PEM key file of the connected app's certificate."));
    }
    // A small local file the operator chose: read now, so the keychain holds the key itself. It must be private,
    // like the secrets file: whoever reads it can sign in as the integration user.
    const OrderBridge::Result<QByteArray> read =
        OrderBridge::PrivateFile::read(path, u"private_key_file"_s, tr("The private key file"), 64 * 1024);
    if (!read)
        return fieldError(m_keyFile->objectName(), read.error().message, read.error().hint);
    const QByteArray &pem = *read;
    if (!pem.contains("-----BEGIN") || !pem.contains("PRIVATE KEY-----"))
        return fieldError(m_keyFile->objectName(), tr("%1 is not a PEM private key.").arg(path),
                          tr("Choose the key file that starts with -----BEGIN PRIVATE KEY-----."));
    out.secrets.insert(kPrivateKey, QString::fromUtf8(pem));
    return std::nullopt;
}

OrderBridge::Result<ConnectionPage::Submission> ConnectionPage::collect() const
{
    Submission out;
    ConnectionProfile &p = out.profile;
    if (m_loaded)
        p = *m_loaded;
    if (p.name.isEmpty())
        p.name = kDefaultProfile;
    p.active = true;
    if (auto problem = collectMagento(out))
        return std::unexpected(*problem);
    if (auto problem = collectSalesforce(out))
        return std::unexpected(*problem);

    // A refresh token belongs to one app, org and user: when those change, the stored one is dropped
    // (an empty value removes it) so the next sync asks for a fresh browser sign-in.
    if (m_loaded && p.salesforceFlow == SalesforceFlow::WebServer && isSecretStored(kRefreshToken) && m_stored
        && (m_loaded->salesforceLoginUrl != p.salesforceLoginUrl || m_loaded->salesforceClientId != p.salesforceClientId
            || m_loaded->salesforceFlow != p.salesforceFlow || m_loaded->salesforceUsername != p.salesforceUsername))
        out.secrets.insert(kRefreshToken, QString());
    // A sign-in mode no longer used takes its secrets out of the keychain with it, as `orderbridge-cli connect`
    // does: nothing unused lingers there (the rule of which mode uses what is WorkerConfigLoader's).
    if (m_loaded) {
        using OrderBridge::WorkerConfigLoader;
        dropSecretsOfOldMode(WorkerConfigLoader::secretNamesOf(m_loaded->magentoAuthMode),
                             WorkerConfigLoader::secretNamesOf(p.magentoAuthMode), out.secrets);
        dropSecretsOfOldMode(WorkerConfigLoader::secretNamesOf(m_loaded->salesforceFlow),
                             WorkerConfigLoader::secretNamesOf(p.salesforceFlow), out.secrets);
    }
    return out;
}

bool ConnectionPage::save()
{
    clearError();
    auto submission = collect();
    if (!submission) {
        showError(submission.error());
        return false;
    }
    m_applying = true;
    m_pendingSecrets = submission->secrets;
    m_saveButton->setEnabled(false);
    Q_EMIT statusMessage(tr("Saving the connection…"));
    Q_EMIT applyRequested(submission->profile, submission->secrets);
    return true;
}

void ConnectionPage::handleApplied()
{
    m_applying = false;
    QSet<QString> stored;
    for (const QString &name : OrderBridge::WorkerConfigLoader::secretNames()) {
        if (isSecretStored(name))
            stored.insert(name);
    }
    for (auto it = m_pendingSecrets.cbegin(); it != m_pendingSecrets.cend(); ++it) {
        if (it.value().isEmpty())
            stored.remove(it.key());
        else
            stored.insert(it.key());
    }
    m_pendingSecrets.clear();
    // What was just written is stored; with a credential store, load() asks it again to be sure.
    m_stored = stored;
    if (auto loaded = load(); !loaded) {
        showError(loaded.error());
        return;
    }
    Q_EMIT statusMessage(tr("The connection is saved; its secrets are in the keychain."));
    if (std::exchange(m_testAfterSave, false))
        testConnection();
}

void ConnectionPage::showSyncStart(const QDateTime &since)
{
    const QString text = tr("Orders created before %1 are left alone, so the first sync does not bring the store's "
                            "history into Salesforce (Orders configuration › Synchronize orders created since). To "
                            "bring older orders in, use Orders › Backfill from date… (or orderbridge-cli sync "
                            "--since DATE).")
                             .arg(LocalDateText::dateTime(since));
    if (!m_syncStartNote) {
        m_syncStartNote = new QLabel(this);
        m_syncStartNote->setObjectName(u"connectionSyncStart"_s);
        m_syncStartNote->setWordWrap(true);
        m_syncStartNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (auto *box = qobject_cast<QBoxLayout *>(layout()))
            box->insertWidget(0, m_syncStartNote);
    }
    m_syncStartNote->setText(text);
    m_syncStartNote->show();
    Q_EMIT statusMessage(text);
}

void ConnectionPage::handleApplyFailed(const Error &error)
{
    m_applying = false;
    m_testAfterSave = false;
    m_pendingSecrets.clear();
    m_saveButton->setEnabled(m_dirty);
    showError(error);
    Q_EMIT statusMessage(tr("The connection was not saved: %1").arg(error.toString()));
}

void ConnectionPage::updateTestButton()
{
    // With unsaved edits the test would check the stored connection, not the form: save first.
    m_testButton->setText(m_dirty ? tr("Save and &Test") : tr("&Test Connection"));
    m_testButton->setAccessibleName(m_dirty ? tr("Save and Test") : tr("Test Connection"));
}

void ConnectionPage::testConnection()
{
    if (m_testing)
        return;
    if (m_dirty) {
        // Save and Test: refused edits show their error and nothing is tested.
        m_testAfterSave = !m_applying && save();
        return;
    }
    m_checks->clear();
    setBusy(true);
    Q_EMIT statusMessage(tr("Testing the connection…"));
    Q_EMIT testRequested();
}

void ConnectionPage::prepareSalesforce()
{
    if (m_testing)
        return;
    m_checks->clear();
    setBusy(true);
    Q_EMIT statusMessage(tr("Comparing the Salesforce org with what the mappings need…"));
    Q_EMIT prepareRequested(true);
}

void ConnectionPage::showSetupReport(const OrderBridge::OrgSetupReport &report)
{
    showChecks(report.steps + report.checks);
    if (report.ready) {
        Q_EMIT statusMessage(tr("Salesforce is ready for the sync."));
        return;
    }
    if (!report.dryRun) {
        Q_EMIT statusMessage(tr("Salesforce is not ready yet: see the failed lines."));
        return;
    }
    QStringList missing;
    for (const OrderBridge::ConnectionCheck &check : report.checks) {
        if (!check.ok)
            missing << u"• "_s + check.name;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Prepare Salesforce"),
                                tr("Create what is missing in Salesforce? The custom fields are created and the "
                                   "permission set \"OrderBridge Integration\" grants them to the integration user. "
                                   "Items that need a person (price book, statuses) stay listed."),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"prepareSalesforceConfirm"_s);
    box->setDetailedText(missing.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        m_checks->clear();
        setBusy(true);
        Q_EMIT statusMessage(tr("Preparing Salesforce…"));
        Q_EMIT prepareRequested(false);
    });
    box->open();
}

void ConnectionPage::setBusy(bool busy)
{
    m_testing = busy;
    m_busy->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_testButton->setEnabled(!busy);
    m_prepareButton->setEnabled(!busy);
}

void ConnectionPage::showChecks(const QList<OrderBridge::ConnectionCheck> &checks)
{
    setBusy(false);
    m_checks->clear();
    const QIcon ok(u":/icons/sync-in-sync.svg"_s);
    const QIcon failed(u":/icons/sync-error.svg"_s);
    int failures = 0;
    for (const OrderBridge::ConnectionCheck &check : checks) {
        auto *item = new QTreeWidgetItem(m_checks);
        item->setText(0, check.name);
        item->setIcon(0, check.ok ? ok : failed);
        item->setText(1, check.ok ? tr("OK") : tr("Failed"));
        item->setText(2, check.detail);
        item->setToolTip(2, check.detail);
        item->setData(0, Qt::UserRole, check.ok);
        item->setData(0, Qt::AccessibleTextRole,
                      check.ok ? tr("%1: OK").arg(check.name) : tr("%1: failed").arg(check.name));
        if (!check.ok)
            ++failures;
    }
    m_checks->resizeColumnToContents(0);
    m_checks->resizeColumnToContents(1);
    if (checks.isEmpty())
        Q_EMIT statusMessage(tr("The connection test reported nothing."));
    else if (failures == 0)
        Q_EMIT statusMessage(tr("Connection test passed: %n check(s) OK.", nullptr, int(checks.size())));
    else
        Q_EMIT statusMessage(tr("Connection test: %n check(s) failed.", nullptr, failures));
}

void ConnectionPage::handleFailed(const Error &error)
{
    if (!m_testing)
        return; // a failure of something else the worker did
    setBusy(false);
    m_checks->clear();
    auto *item = new QTreeWidgetItem(m_checks);
    item->setText(0, tr("Connection test"));
    item->setIcon(0, QIcon(u":/icons/sync-error.svg"_s));
    item->setText(1, tr("Failed"));
    item->setText(2, error.toString());
    item->setToolTip(2, error.toString());
    item->setData(0, Qt::UserRole, false);
    Q_EMIT statusMessage(tr("The connection test could not run: %1").arg(error.toString()));
}

void ConnectionPage::showError(const Error &error)
{
    m_errorLabel->setText(error.toString());
    m_errorLabel->show();
    if (m_invalidControl)
        m_invalidControl->setStyleSheet(QString());
    m_invalidControl = nullptr;
    if (!error.fields.isEmpty()) {
        if (QWidget *field = control(error.fields.constFirst())) {
            m_invalidControl = field;
            field->setStyleSheet(kInvalidStyle);
            field->setFocus(Qt::OtherFocusReason);
        }
    }
}

void ConnectionPage::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
    if (m_invalidControl)
        m_invalidControl->setStyleSheet(QString());
    m_invalidControl = nullptr;
}
