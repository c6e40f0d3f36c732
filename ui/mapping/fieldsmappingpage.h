#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"
#include "sync/consoletypes.h"
#include "mapping/fieldmapping.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class AddMappingDialog;
class MappingListModel;
class MappingTableModel;
class OrderStatusMappingModel;
class QAction;
class QLabel;
struct MappingImportPlan;
class QPushButton;
class QTabWidget;
class QTableView;

namespace OrderBridge {
class Database;
class WorkerHost;
}

/// Salesforce › Fields Mapping: the Order, Order Product and Order Status tabs of the Magento admin page.
///
/// Each tab lists the entity's mappings from the store, system ones locked and custom ones editable in
/// place or through "Add new mapping" / Edit. Edits are staged; Save Mapper validates every staged mapping
/// against the schema (the live describe once setOrgSchema() was called, else the built-in catalogue),
/// and only when all are valid asks for each changed entity to be stored with saveRequested(). The store
/// is written by the sync worker, which answers through handleSaved() or handleSaveRejected().
/// Import stages a mapping file after validating it whole; Export writes what the store holds.
class FieldsMappingPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldsMappingPage)

public:
    explicit FieldsMappingPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~FieldsMappingPage() override;

    /// Reads every entity's mappings from the store (built-in system mappings not stored yet are shown too);
    /// drops staged edits. On error the tables stay empty and the error is shown.
    OrderBridge::Result<void> load();

    /// The schema mappings are checked against: the live one when set, else the built-in catalogue.
    [[nodiscard]] OrderBridge::SalesforceSchema schema() const;
    /// The Salesforce Order Status values with their categories (live picklist, or the catalogue's).
    [[nodiscard]] QList<OrderBridge::OrderStatusValue> statusValues() const;

    /// Validates everything staged; on success emits saveRequested() for each entity with changes and
    /// returns true. On error nothing is emitted, the error is shown and the offending row selected.
    bool saveMapper();
    /// Drops every staged edit (all tabs).
    void discardChanges();
    /// Reads a mapping file, validates it whole against the stored system mappings and the schema, and
    /// stages it; Save Mapper then sends it. On error nothing changes and the error (with line:column) is shown.
    bool importFromFile(const QString &filePath);
    /// The same, with the reading and checking on a pool thread (the Import button's way); importFinished() follows.
    void startImport(const QString &filePath);
    /// Writes the stored mappings (not the staged edits) to a mapping file.
    bool exportToFile(const QString &filePath);

    /// Opens "Add new mapping" for the current tab (non-modal; see addMappingDialog()).
    void addMapping();
    /// Opens the dialog on the current custom row.
    void editCurrentMapping();
    /// Removes the selected custom rows; refuses (and says why) when the selection holds a system row.
    bool removeSelectedMappings();

    [[nodiscard]] bool isDirty() const;
    [[nodiscard]] OrderBridge::MappingEntity currentEntity() const;
    void setCurrentEntity(OrderBridge::MappingEntity entity);

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QTableView *view(OrderBridge::MappingEntity entity) const;
    [[nodiscard]] MappingListModel *model(OrderBridge::MappingEntity entity) const;
    [[nodiscard]] MappingTableModel *tableModel(OrderBridge::MappingEntity entity) const;
    [[nodiscard]] OrderStatusMappingModel *statusModel() const { return m_statusModel; }
    [[nodiscard]] QLabel *errorLabel() const { return m_errorLabel; }
    [[nodiscard]] QPushButton *addButton() const { return m_addButton; }
    [[nodiscard]] QPushButton *editButton() const { return m_editButton; }
    [[nodiscard]] QPushButton *removeButton() const { return m_removeButton; }
    [[nodiscard]] QPushButton *resetButton() const { return m_resetButton; }
    [[nodiscard]] QPushButton *importButton() const { return m_importButton; }
    [[nodiscard]] QPushButton *exportButton() const { return m_exportButton; }
    [[nodiscard]] QPushButton *saveButton() const { return m_saveButton; }
    /// The Add/Edit dialog while it is open, else nullptr.
    [[nodiscard]] AddMappingDialog *addMappingDialog() const;

public Q_SLOTS:
    /// Sends saveRequested() to the mappings save on the sync worker through `host`; its answer
    /// comes back to handleSaved() or handleSaveRejected().
    void connectTo(OrderBridge::WorkerHost *host);
    /// The org's live describe and Order Status values (the answer to WorkerHost::readOrgSchema).
    void setOrgSchema(const OrderBridge::OrgSchema &orgSchema);
    /// The store took the entity's mappings (the answer to WorkerHost::saveMappings): reload them, clear the edits.
    void handleSaved(OrderBridge::MappingEntity entity);
    /// The store refused them (the same answer, refused): keep the edits, show why, select the row.
    void handleSaveRejected(OrderBridge::MappingEntity entity, const OrderBridge::Error &error);

Q_SIGNALS:
    /// Store `mappings` as the complete set of `entity` (see MappingsSave).
    void saveRequested(OrderBridge::MappingEntity entity, const OrderBridge::FieldMappingList &mappings);
    void statusMessage(const QString &message);
    /// A startImport() has staged the file or shown why not.
    void importFinished();

private:
    QWidget *createTab(OrderBridge::MappingEntity entity, MappingListModel *model, const QString &help);
    /// Sizes the columns after the first to their contents (capped); the first stretches.
    static void fitColumns(QTableView *view);
    void createActions();
    [[nodiscard]] OrderBridge::Result<OrderBridge::FieldMappingList> readStored(OrderBridge::MappingEntity entity) const;
    [[nodiscard]] OrderBridge::FieldMappingList stagedWithPositions(OrderBridge::MappingEntity entity) const;
    void showError(const QString &message);
    void clearError();
    void selectRow(OrderBridge::MappingEntity entity, int row, const QString &issue);
    void updateActions();
    void chooseImportFile();
    /// Every entity's stored rows (built-ins included), for an import plan.
    [[nodiscard]] OrderBridge::FieldMappingList storedSnapshot() const;
    bool applyImport(const QString &filePath, const MappingImportPlan &plan);
    void chooseExportFile();

    std::shared_ptr<OrderBridge::Database> m_database;
    std::optional<OrderBridge::OrgSchema> m_orgSchema;
    QTabWidget *m_tabs = nullptr;
    MappingTableModel *m_orderModel = nullptr;
    MappingTableModel *m_itemModel = nullptr;
    OrderStatusMappingModel *m_statusModel = nullptr;
    QTableView *m_orderView = nullptr;
    QTableView *m_itemView = nullptr;
    QTableView *m_statusView = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_saveAction = nullptr;
    QPointer<AddMappingDialog> m_dialog;
    /// What Save Mapper sent per entity, until the worker answers (edits made meanwhile survive the answer).
    QMap<OrderBridge::MappingEntity, OrderBridge::FieldMappingList> m_sent;
};
