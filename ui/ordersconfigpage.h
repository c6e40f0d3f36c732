#pragma once

#include "settings/settings.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace OrderBridge {
class Database;
}

/// Salesforce › Orders: the Order Configuration and Advanced tabs of the Magento admin page, over
/// every option of the settings facade, labelled and explained as in the seed walkthrough.
///
/// Edits are staged in the controls and enable Apply; Apply validates the whole Settings and saves
/// through SettingsRepository only when everything is valid. Otherwise nothing is saved, the error
/// is shown on the page and focus jumps to the offending control.
class OrdersConfigPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersConfigPage)

public:
    explicit OrdersConfigPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~OrdersConfigPage() override;

    /// Reads the stored settings into the controls; Apply is disabled until the next edit.
    OrderBridge::Result<void> load();
    /// Validates the whole configuration and saves it; on error nothing is saved and the error is shown.
    bool apply();

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QPushButton *applyButton() const { return m_applyButton; }
    [[nodiscard]] QLabel *errorLabel() const { return m_errorLabel; }
    /// The control editing this settings key (nullptr for an unknown key).
    [[nodiscard]] QWidget *control(const QString &key) const { return m_controls.value(key); }

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    QComboBox *addChoice(QFormLayout *form, const QString &key, const QString &label, const QString &help,
                         const QList<QPair<QString, QVariant>> &items);
    QSpinBox *addNumber(QFormLayout *form, const QString &key, const QString &label, const QString &help);
    QLineEdit *addText(QFormLayout *form, const QString &key, const QString &label, const QString &help);
    void addRow(QFormLayout *form, const QString &key, const QString &label, const QString &help, QWidget *control);
    QWidget *createOrderConfigurationTab();
    QWidget *createAdvancedTab();
    void setValues(const OrderBridge::Settings &settings);
    [[nodiscard]] QHash<QString, QVariant> editedValues() const;
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
    QComboBox *m_syncAllOrders = nullptr;
    QListWidget *m_orderStatuses = nullptr;
    QLabel *m_orderStatusesLabel = nullptr;
    QLabel *m_orderStatusesHelp = nullptr;
    QHash<QString, QWidget *> m_controls;
    QHash<QString, QWidget *> m_tabOf;
    QWidget *m_currentTab = nullptr;
    bool m_loading = false;
};
