#pragma once

#include "settings/settings.h"
#include "sync/consoletypes.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QWidget>

#include <memory>
#include <utility>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTabWidget;

namespace OrderBridge {
class Database;
class WorkerHost;
}

/// Salesforce › Orders: the Order Configuration and Advanced tabs of the Magento admin page, over
/// every option of the settings facade, labelled and explained as in the seed walkthrough.
///
/// Edits are staged in the controls and enable Apply; Apply validates the whole Settings and, only
/// when everything is valid, asks for the save with applyRequested() (the sync worker writes the
/// store on its thread and answers with handleSaved() or handleRejected()). Otherwise nothing is
/// requested, the error is shown on the page and focus jumps to the offending control.
///
/// Default Status offers the Draft-category values of the org's Order Status picklist once
/// setOrgSchema() gave them; until then it is a free field with the standard Draft value and says so.
class OrdersConfigPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersConfigPage)

public:
    explicit OrdersConfigPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~OrdersConfigPage() override;

    /// Sends applyRequested() to the settings update on the sync worker through `host`; its answer
    /// comes back to handleSaved() or handleRejected().
    void connectTo(OrderBridge::WorkerHost *host);
    /// Reads the stored settings into the controls; Apply is disabled until the next edit.
    OrderBridge::Result<void> load();
    /// Edits not applied yet (including those made while a save was under way).
    [[nodiscard]] bool isDirty() const;
    /// Validates the whole configuration and, when valid, emits applyRequested() and disables Apply
    /// until the answer; on error nothing is requested, the error is shown and the control focused.
    bool apply();

    /// The connected org's Order Status values: Default Status then offers exactly its Draft ones.
    /// An empty list (no picklist read) keeps or restores the free field with the standard Draft.
    void setOrgSchema(const OrderBridge::OrgSchema &schema);
    void setOrderStatuses(const QList<OrderBridge::OrderStatusValue> &statuses);
    /// Whether Default Status lists the org's Draft values (setOrgSchema() was called).
    [[nodiscard]] bool hasLiveOrderStatuses() const { return m_liveStatuses; }
    /// Whether an applyRequested() awaits its answer.
    [[nodiscard]] bool isSaving() const { return m_saving; }

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QPushButton *applyButton() const { return m_applyButton; }
    [[nodiscard]] QLabel *errorLabel() const { return m_errorLabel; }
    /// Under Default Status: where its values come from, or why the stored one is refused.
    [[nodiscard]] QLabel *defaultStatusNote() const { return m_defaultStatusNote; }
    /// The control editing this settings key (nullptr for an unknown key).
    [[nodiscard]] QWidget *control(const QString &key) const { return m_controls.value(key); }

public Q_SLOTS:
    /// The requested configuration was stored: re-reads it and reports the save.
    void handleSaved();
    /// The requested configuration was refused: shows why, focuses the named control, keeps the edits.
    void handleRejected(const OrderBridge::Error &error);

Q_SIGNALS:
    void statusMessage(const QString &message);
    /// The store took a configuration (handleSaved()).
    void saved();
    /// Every option as command-line text (`true`, `15`, `processing,complete`), the whole valid
    /// configuration, to be stored by the sync worker (SettingsUpdate, through WorkerHost::saveSettings).
    void applyRequested(const QHash<QString, QString> &values);

private:
    QComboBox *addChoice(QFormLayout *form, const QString &key, const QString &label, const QString &help,
                         const QList<QPair<QString, QVariant>> &items);
    QSpinBox *addNumber(QFormLayout *form, const QString &key, const QString &label, const QString &help);
    QLineEdit *addText(QFormLayout *form, const QString &key, const QString &label, const QString &help);
    /// Gives each form label of the tab just built its own Alt+letter key.
    void assignMnemonics();
    QWidget *addRow(QFormLayout *form, const QString &key, const QString &label, const QString &help, QWidget *control);
    /// A scrolling tab page with its form; the rows added next belong to it (mnemonics, offending-control jumps).
    std::pair<QScrollArea *, QFormLayout *> beginTab(const QString &objectName, const QString &accessibleName);
    QWidget *createOrderConfigurationTab();
    QWidget *createAdvancedTab();
    void setValues(const OrderBridge::Settings &settings);
    [[nodiscard]] QHash<QString, QVariant> editedValues() const;
    [[nodiscard]] QHash<QString, QString> requestValues(const OrderBridge::Settings &settings) const;
    void setDefaultStatus(const QString &value);
    [[nodiscard]] QString defaultStatusValue() const;
    [[nodiscard]] std::optional<OrderBridge::Error> defaultStatusError() const;
    void updateDefaultStatusNote();
    void updateStatusListVisibility();
    void handleEdited();
    void showError(const OrderBridge::Error &error);
    void clearError();

    std::shared_ptr<OrderBridge::Database> m_database;
    OrderBridge::Settings m_settings;
    QTabWidget *m_tabs = nullptr;
    QPushButton *m_applyButton = nullptr;
    QLabel *m_errorLabel = nullptr;
    QComboBox *m_defaultStatus = nullptr;
    QLabel *m_defaultStatusNote = nullptr;
    QList<OrderBridge::OrderStatusValue> m_orderStatusValues;
    bool m_liveStatuses = false;
    QComboBox *m_syncAllOrders = nullptr;
    QListWidget *m_orderStatuses = nullptr;
    QLabel *m_orderStatusesLabel = nullptr;
    QLabel *m_orderStatusesHelp = nullptr;
    QHash<QString, QWidget *> m_controls;
    QHash<QString, QWidget *> m_tabOf;
    QWidget *m_currentTab = nullptr;
    QList<QPair<QLabel *, QString>> m_tabLabels;
    bool m_loading = false;
    bool m_saving = false;
    bool m_editedWhileSaving = false;
    OrderBridge::Settings m_requested;
};
