#pragma once

#include "common/error.h"
#include "store/connectionprofile.h"
#include "sync/connectioncheck.h" // moc needs the complete slot argument types
#include "sync/orgsetupreport.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace OrderBridge {
class CredentialStore;
class Database;
}

/// Salesforce › Connection: where and how OrderBridge signs in to the Magento store and the
/// Salesforce org, and "Test Connection".
///
/// The page shows the active connection profile from the store. Secret fields are never filled
/// with stored secrets: they show whether the keychain holds one, and an empty field keeps it.
/// Save validates and emits applyRequested() with the profile and only the secrets typed; the
/// receiver (WorkerHost::applyConnection) stores them through the worker and the keychain and
/// answers handleApplied() or handleApplyFailed(). The page itself writes nothing.
class ConnectionPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionPage)

public:
    /// What Save sends: the profile and the secrets typed, by credential-store name
    /// (WorkerConfigLoader::secretNames()). An empty value asks to remove that secret.
    struct Submission
    {
        OrderBridge::ConnectionProfile profile;
        QHash<QString, QString> secrets;
    };

    explicit ConnectionPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~ConnectionPage() override;

    /// Reads the active profile into the controls (secret fields stay empty); Save is disabled
    /// until the next edit. Asks the credential store, when set, which secrets it holds.
    OrderBridge::Result<void> load();
    /// Edits not saved yet.
    [[nodiscard]] bool isDirty() const { return m_dirty; }
    /// Where the page learns which secrets are stored (it reads each one and keeps only whether it
    /// exists). Optional; without it the page assumes the secrets of the saved modes are stored.
    void setCredentialStore(OrderBridge::CredentialStore *store);
    /// Which secrets (credential-store names) the keychain holds for the profile.
    void setStoredSecrets(const QStringList &names);
    /// Whether the page takes `name` to be stored (known from the store, or assumed).
    [[nodiscard]] bool isSecretStored(const QString &name) const;
    /// True once the credential store answered (or setStoredSecrets() was called).
    [[nodiscard]] bool isStoredStateKnown() const { return m_stored.has_value(); }

    /// Validates the form; the error's `fields` names the offending control's object name.
    [[nodiscard]] OrderBridge::Result<Submission> collect() const;
    /// Validates and emits applyRequested(); on a problem shows it on the field and returns false.
    bool save();

    [[nodiscard]] bool isApplying() const { return m_applying; }
    [[nodiscard]] bool isTesting() const { return m_testing; }
    [[nodiscard]] QPushButton *saveButton() const { return m_saveButton; }
    [[nodiscard]] QPushButton *testButton() const { return m_testButton; }
    [[nodiscard]] QPushButton *prepareButton() const { return m_prepareButton; }
    [[nodiscard]] QProgressBar *busyIndicator() const { return m_busy; }
    [[nodiscard]] QTreeWidget *checksView() const { return m_checks; }
    [[nodiscard]] QLabel *errorLabel() const { return m_errorLabel; }
    /// The control with this object name (the names listed in connectionpage.cpp), or nullptr.
    [[nodiscard]] QWidget *control(const QString &objectName) const;

public Q_SLOTS:
    /// The connection was stored: typed secrets are now in the keychain and the fields are cleared.
    void handleApplied();
    void handleApplyFailed(const OrderBridge::Error &error);
    /// The first Magento connection set orders.sync_since: says from when orders sync and how to backfill.
    void showSyncStart(const QDateTime &since);
    /// Asks for a connection test (testRequested()) and shows the busy indicator.
    void testConnection();
    /// Lists each check with a tick or a cross and its detail or fix.
    void showChecks(const QList<OrderBridge::ConnectionCheck> &checks);
    /// The test could not run at all.
    void handleFailed(const OrderBridge::Error &error);
    /// Asks for the org comparison (prepareRequested(true)) and shows the busy indicator.
    void prepareSalesforce();
    /// Lists the comparison (and the changes made). After a comparison with something missing it asks,
    /// in a window-modal box, whether to create it; yes asks for the setup (prepareRequested(false)).
    void showSetupReport(const OrderBridge::OrgSetupReport &report);

Q_SIGNALS:
    void applyRequested(const OrderBridge::ConnectionProfile &profile, const QHash<QString, QString> &secrets);
    void testRequested();
    /// "Prepare Salesforce…": dryRun true compares only; false creates what is missing.
    void prepareRequested(bool dryRun);
    /// One-line news for the status bar.
    void statusMessage(const QString &message);

private:
    /// "Save and Test" while the form has unsaved edits, "Test Connection" otherwise.
    void updateTestButton();
    QGroupBox *createMagentoGroup();
    QGroupBox *createSalesforceGroup();
    QWidget *createTestSection();
    QLineEdit *addLine(QFormLayout *form, const QString &objectName, const QString &label, const QString &help);
    QLineEdit *addSecret(QFormLayout *form, const QString &objectName, const QString &label, const QString &secretName,
                         const QString &help);
    void setProfile(const OrderBridge::ConnectionProfile &profile);
    void updateVisibleRows();
    void updateSecretPlaceholders();
    void updateLoginUrl();
    void chooseKeyFile();
    void handleEdited();
    void setBusy(bool busy);
    void showError(const OrderBridge::Error &error);
    void clearError();
    void askStoredSecrets(const QString &profileName);
    [[nodiscard]] OrderBridge::MagentoAuthMode magentoMode() const;
    [[nodiscard]] OrderBridge::SalesforceFlow salesforceFlow() const;
    // Parts of collect(): each fills its half of the submission or names the field at fault.
    [[nodiscard]] std::optional<OrderBridge::Error> collectMagento(Submission &out) const;
    [[nodiscard]] std::optional<OrderBridge::Error> collectSalesforce(Submission &out) const;
    [[nodiscard]] std::optional<OrderBridge::Error> collectPassword(Submission &out) const;
    [[nodiscard]] std::optional<OrderBridge::Error> collectPrivateKey(Submission &out) const;
    /// Takes the typed secret of `edit`, or refuses when it is empty and none is stored.
    [[nodiscard]] std::optional<OrderBridge::Error> needSecret(Submission &out, QLineEdit *edit, const QString &what) const;

    std::shared_ptr<OrderBridge::Database> m_database;
    QPointer<OrderBridge::CredentialStore> m_credentials;
    std::optional<OrderBridge::ConnectionProfile> m_loaded;
    std::optional<QSet<QString>> m_stored; ///< unknown until the store answers
    QHash<QString, QString> m_pendingSecrets;
    quint64 m_storedGeneration = 0;

    QFormLayout *m_magentoForm = nullptr;
    QFormLayout *m_salesforceForm = nullptr;
    QLineEdit *m_magentoUrl = nullptr;
    QLineEdit *m_storeCode = nullptr;
    QLineEdit *m_magentoCaFile = nullptr;
    QLineEdit *m_salesforceCaFile = nullptr;
    QComboBox *m_authMode = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_adminUsername = nullptr;
    QLineEdit *m_adminPassword = nullptr;
    QLineEdit *m_consumerKey = nullptr;
    QLineEdit *m_consumerSecret = nullptr;
    QLineEdit *m_accessToken = nullptr;
    QLineEdit *m_accessTokenSecret = nullptr;
    QComboBox *m_loginKind = nullptr;
    QLineEdit *m_loginUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QComboBox *m_flow = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_apiVersion = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_securityToken = nullptr;
    QLineEdit *m_keyFile = nullptr;
    QPushButton *m_browseKey = nullptr;
    QWidget *m_keyFileRow = nullptr;
    QHash<QLineEdit *, QString> m_secretNames; ///< secret field -> credential-store name
    QHash<QLineEdit *, QString> m_helpTexts;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_syncStartNote = nullptr;
    QLabel *m_unsavedNote = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_prepareButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_busyLabel = nullptr;
    QTreeWidget *m_checks = nullptr;
    QWidget *m_invalidControl = nullptr;
    QString m_customLoginUrl; ///< what the custom login URL was, kept while a preset is chosen
    bool m_loading = false;
    bool m_dirty = false;
    bool m_applying = false;
    bool m_testing = false;
    /// Save and Test: the test runs once the save has been applied.
    bool m_testAfterSave = false;
};
