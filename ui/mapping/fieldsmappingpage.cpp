#include "mapping/fieldsmappingpage.h"
#include "mapping/mappinglabels.h"
#include "mapping/mappingimportplan.h"

#include "mapping/addmappingdialog.h"
#include "mapping/magentoattributecatalogue.h"
#include "mapping/mappingtablemodel.h"
#include "mapping/orderstatusmappingmodel.h"
#include "mapping/picklistdelegate.h"

#include "mapping/defaultmappings.h"
#include "mapping/mappingeditor.h"
#include "mapping/mappingfile.h"
#include "mapping/mappingvalidator.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/mappingrepository.h"
#include "sync/workerhost.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

/// Same system row: entity and source, plus the target except for Order Status (whose value may change).
bool sameSystemRow(const FieldMapping &a, const FieldMapping &b)
{
    if (a.entity != b.entity || a.magentoAttribute != b.magentoAttribute)
        return false;
    return a.entity == MappingEntity::OrderStatus || a.salesforceField == b.salesforceField;
}

/// True when `word` (a field or attribute name) stands on its own in `text`, not inside a longer name.
bool containsWord(const QString &text, const QString &word)
{
    if (word.isEmpty())
        return false;
    const QRegularExpression pattern(u"(?<![A-Za-z0-9_.])"_s + QRegularExpression::escape(word) + u"(?![A-Za-z0-9_])"_s);
    return pattern.match(text).hasMatch();
}

// The one of the page's three per-entity things (tab, model, view) that belongs to `entity`.
template <typename T>
T forEntity(MappingEntity entity, T order, T item, T status)
{
    switch (entity) {
    case MappingEntity::Order:
        return order;
    case MappingEntity::OrderItem:
        return item;
    case MappingEntity::OrderStatus:
        return status;
    }
    return order;
}

int tabIndex(MappingEntity entity)
{
    return forEntity(entity, 0, 1, 2);
}

} // namespace

FieldsMappingPage::FieldsMappingPage(std::shared_ptr<Database> database, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
{
    setObjectName(u"fieldsMappingPage"_s);
    setAccessibleName(tr("Salesforce › Fields Mapping"));

    m_orderModel = new MappingTableModel(MappingEntity::Order, this);
    m_itemModel = new MappingTableModel(MappingEntity::OrderItem, this);
    m_statusModel = new OrderStatusMappingModel(this);
    m_statusModel->setStatusValues(statusValues());

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"fieldsMappingTabs"_s);
    m_tabs->setAccessibleName(tr("Mapped Salesforce objects"));
    m_tabs->addTab(createTab(MappingEntity::Order, m_orderModel,
                             tr("What each Salesforce Order field is filled with. System mappings are locked (only "
                                "their Default Value and, unless the sync needs them, Enable can change); custom "
                                "mappings can be edited and deleted.")),
                   tr("&Order"));
    m_tabs->addTab(createTab(MappingEntity::OrderItem, m_itemModel,
                             tr("What each Salesforce Order Product (OrderItem) field is filled with; Magento paths "
                                "are relative to one order item, e.g. sku or product_option.")),
                   tr("Order &Product"));
    m_tabs->addTab(createTab(MappingEntity::OrderStatus, m_statusModel,
                             tr("The Salesforce Order Status each Magento order status becomes. Only use values of the "
                                "Activated category for final statuses (Complete, Closed).")),
                   tr("Order S&tatus"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"fieldsMappingError"_s);
    m_errorLabel->setAccessibleName(tr("Mapping error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_errorLabel->setStyleSheet(u"color: white; background: #c62828; padding: 6px;"_s);
    m_errorLabel->hide();

    createActions();

    auto *buttons = new QHBoxLayout;
    const auto makeButton = [&](const QString &text, const QString &name, const QString &accessible,
                                const QString &tip) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setAccessibleName(accessible);
        button->setToolTip(tip);
        return button;
    };
    m_addButton = makeButton(tr("&Add new mapping"), u"addMappingButton"_s, tr("Add new mapping"),
                             tr("Map a Magento attribute to a Salesforce field (Insert)."));
    m_editButton = makeButton(tr("&Edit…"), u"editMappingButton"_s, tr("Edit mapping"),
                              tr("Change the selected custom mapping."));
    m_removeButton = makeButton(tr("&Delete"), u"removeMappingButton"_s, tr("Delete mapping"),
                                tr("Remove the selected custom mappings (Delete). System mappings cannot be removed."));
    m_importButton = makeButton(tr("&Import…"), u"importMappingsButton"_s, tr("Import mappings"),
                                tr("Read a mapping file; it is checked whole and staged until Save Mapper."));
    m_exportButton = makeButton(tr("E&xport…"), u"exportMappingsButton"_s, tr("Export mappings"),
                                tr("Write the stored mappings to a file, for version control or another console."));
    m_resetButton = makeButton(tr("&Reset"), u"resetMappingsButton"_s, tr("Discard changes"),
                               tr("Discard the changes not saved yet."));
    m_saveButton = makeButton(tr("&Save Mapper"), u"saveMapperButton"_s, tr("Save Mapper"),
                              tr("Check every mapping and store the changes (Ctrl+S)."));
    m_saveButton->setDefault(true);
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    buttons->addWidget(m_importButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_resetButton);
    buttons->addWidget(m_saveButton);

    connect(m_addButton, &QPushButton::clicked, m_addAction, &QAction::trigger);
    connect(m_editButton, &QPushButton::clicked, m_editAction, &QAction::trigger);
    connect(m_removeButton, &QPushButton::clicked, m_removeAction, &QAction::trigger);
    connect(m_saveButton, &QPushButton::clicked, m_saveAction, &QAction::trigger);
    connect(m_resetButton, &QPushButton::clicked, this, &FieldsMappingPage::discardChanges);
    connect(m_importButton, &QPushButton::clicked, this, &FieldsMappingPage::chooseImportFile);
    connect(m_exportButton, &QPushButton::clicked, this, &FieldsMappingPage::chooseExportFile);
    connect(m_tabs, &QTabWidget::currentChanged, this, &FieldsMappingPage::updateActions);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_errorLabel);
    layout->addLayout(buttons);

    // Tab order is creation order: the tabs, the current tab's table, then the buttons left to right.

    for (MappingListModel *model : {static_cast<MappingListModel *>(m_orderModel),
                                    static_cast<MappingListModel *>(m_itemModel),
                                    static_cast<MappingListModel *>(m_statusModel)}) {
        connect(model, &MappingListModel::dirtyChanged, this, &FieldsMappingPage::updateActions);
        connect(model, &QAbstractItemModel::dataChanged, this, &FieldsMappingPage::updateActions);
    }
    updateActions();
}

FieldsMappingPage::~FieldsMappingPage() = default;

AddMappingDialog *FieldsMappingPage::addMappingDialog() const
{
    return m_dialog.data();
}

void FieldsMappingPage::fitColumns(QTableView *view)
{
    // Every column but the first as wide as its header and contents, up to 18 ems: a long default value is
    // cut (its tooltip and editor have it whole) rather than pushing When and System/Custom out of view.
    const int most = 18 * view->fontMetrics().horizontalAdvance(u'M');
    QHeaderView *header = view->horizontalHeader();
    for (int column = 1; column < header->count(); ++column) {
        view->resizeColumnToContents(column); // contents and header
        header->resizeSection(column, std::min(header->sectionSize(column), most));
    }
}

QWidget *FieldsMappingPage::createTab(MappingEntity entity, MappingListModel *model, const QString &help)
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    auto *helpLabel = new QLabel(help, tab);
    helpLabel->setWordWrap(true);
    layout->addWidget(helpLabel);

    auto *view = new QTableView(tab);
    view->setObjectName(u"mappingView_"_s + mappingEntityDbName(entity));
    view->setAccessibleName(tr("%1 mappings").arg(MappingLabels::entity(entity)));
    view->setAccessibleDescription(help);
    view->setModel(model);
    view->setItemDelegate(new PicklistDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                          | QAbstractItemView::SelectedClicked);
    view->setAlternatingRowColors(true);
    // Sources are shown by name ("Shipping address › city"), the whole path in the tooltip.
    view->setTextElideMode(Qt::ElideRight);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The first column (the Magento side) takes what the others leave, so When and System/Custom stay in view.
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    const auto fit = [view] { fitColumns(view); };
    connect(model, &QAbstractItemModel::modelReset, view, fit);
    connect(model, &QAbstractItemModel::rowsInserted, view, fit);
    fitColumns(view);
    layout->addWidget(view, 1);
    helpLabel->setBuddy(view);

    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FieldsMappingPage::updateActions);
    connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this, &FieldsMappingPage::updateActions);
    *forEntity(entity, &m_orderView, &m_itemView, &m_statusView) = view;
    return tab;
}

void FieldsMappingPage::createActions()
{
    const auto makeAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        // Only while the page has focus: other pages use Delete and Insert too.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_addAction = makeAction(tr("Add new mapping"), QKeySequence(Qt::Key_Insert), &FieldsMappingPage::addMapping);
    m_editAction = makeAction(tr("Edit mapping…"), QKeySequence(Qt::CTRL | Qt::Key_E), &FieldsMappingPage::editCurrentMapping);
    m_removeAction = makeAction(tr("Delete mapping"), QKeySequence(QKeySequence::Delete),
                                &FieldsMappingPage::removeSelectedMappings);
    m_saveAction = makeAction(tr("Save Mapper"), QKeySequence(QKeySequence::Save), &FieldsMappingPage::saveMapper);
    for (QTableView *view : {m_orderView, m_itemView, m_statusView})
        view->addActions({m_addAction, m_editAction, m_removeAction});
}

Result<FieldMappingList> FieldsMappingPage::readStored(MappingEntity entity) const
{
    if (!m_database)
        return defaultMappings(entity);
    MappingRepository repository(m_database);
    Result<FieldMappingList> stored = repository.list(entity);
    if (!stored)
        return stored;
    // Built-in mappings the store does not hold yet (the worker stores them on its first run) are shown,
    // so the operator sees the whole set the sync will use.
    for (const FieldMapping &builtIn : defaultMappings(entity)) {
        const bool present = std::any_of(stored->cbegin(), stored->cend(),
                                         [&](const FieldMapping &m) { return sameSystemRow(m, builtIn); });
        if (!present)
            stored->append(builtIn);
    }
    return stored;
}

Result<void> FieldsMappingPage::load()
{
    clearError();
    for (MappingEntity entity : allMappingEntities()) {
        Result<FieldMappingList> stored = readStored(entity);
        if (!stored) {
            showError(stored.error().toString());
            return std::unexpected(stored.error());
        }
        model(entity)->setStoredMappings(*stored);
    }
    updateActions();
    return {};
}

SalesforceSchema FieldsMappingPage::schema() const
{
    if (!m_orgSchema || m_orgSchema->schema.order.isEmpty())
        return SalesforceFieldCatalogue::schema();
    SalesforceSchema schema = m_orgSchema->schema;
    // The Status picklist is what Order Status mappings are checked against: use the org's values.
    auto status = schema.order.find(u"Status"_s);
    if (status != schema.order.end() && status->activePicklistValues().isEmpty()) {
        for (const OrderStatusValue &value : m_orgSchema->orderStatuses)
            status->picklistValues << PicklistValue{value.value, value.label, true, value.isDefault, value.category};
    }
    return schema;
}

QList<OrderStatusValue> FieldsMappingPage::statusValues() const
{
    if (m_orgSchema && !m_orgSchema->orderStatuses.isEmpty())
        return m_orgSchema->orderStatuses;
    // The catalogue knows the two standard values; each is its own category.
    QList<OrderStatusValue> values;
    for (const QString &value : SalesforceFieldCatalogue::schema().orderStatusValues())
        values << OrderStatusValue{value, value, value, value == u"Draft"};
    return values;
}

void FieldsMappingPage::setOrgSchema(const OrgSchema &orgSchema)
{
    m_orgSchema = orgSchema;
    const SalesforceSchema current = schema();
    m_orderModel->setSchema(current);
    m_itemModel->setSchema(current);
    m_statusModel->setStatusValues(statusValues());
    Q_EMIT statusMessage(tr("Fields Mapping: using the fields of the connected Salesforce org."));
}

MappingListModel *FieldsMappingPage::model(MappingEntity entity) const
{
    return forEntity<MappingListModel *>(entity, m_orderModel, m_itemModel, m_statusModel);
}

MappingTableModel *FieldsMappingPage::tableModel(MappingEntity entity) const
{
    return qobject_cast<MappingTableModel *>(model(entity));
}

QTableView *FieldsMappingPage::view(MappingEntity entity) const
{
    return forEntity(entity, m_orderView, m_itemView, m_statusView);
}

MappingEntity FieldsMappingPage::currentEntity() const
{
    switch (m_tabs->currentIndex()) {
    case 1:
        return MappingEntity::OrderItem;
    case 2:
        return MappingEntity::OrderStatus;
    default:
        return MappingEntity::Order;
    }
}

void FieldsMappingPage::setCurrentEntity(MappingEntity entity)
{
    m_tabs->setCurrentIndex(tabIndex(entity));
}

bool FieldsMappingPage::isDirty() const
{
    return m_orderModel->isDirty() || m_itemModel->isDirty() || m_statusModel->isDirty();
}

FieldMappingList FieldsMappingPage::stagedWithPositions(MappingEntity entity) const
{
    FieldMappingList list = model(entity)->mappings();
    for (qsizetype i = 0; i < list.size(); ++i)
        list[i].position = int(i);
    return list;
}

bool FieldsMappingPage::saveMapper()
{
    for (MappingEntity entity : allMappingEntities())
        model(entity)->clearIssues();

    FieldMappingList all;
    QList<QPair<MappingEntity, int>> origin;
    for (MappingEntity entity : allMappingEntities()) {
        const FieldMappingList staged = stagedWithPositions(entity);
        for (qsizetype i = 0; i < staged.size(); ++i) {
            all << staged.at(i);
            origin << qMakePair(entity, int(i));
        }
    }
    const QList<MappingIssue> issues = MappingValidator::validate(all, schema());
    QStringList warnings;
    for (const MappingIssue &issue : issues) {
        if (issue.index < 0 || issue.index >= all.size())
            continue;
        const FieldMapping &mapping = all.at(issue.index);
        if (!issue.isError()) {
            warnings << issue.message;
            continue;
        }
        const QString message = tr("%1 was not saved: %2").arg(mapping.describe(), issue.message);
        const auto [entity, row] = origin.at(issue.index);
        showError(message);
        selectRow(entity, row, issue.message);
        Q_EMIT statusMessage(tr("Mappings not saved: fix the highlighted mapping first."));
        return false;
    }

    clearError();
    int requested = 0;
    for (MappingEntity entity : allMappingEntities()) {
        if (!model(entity)->isDirty())
            continue;
        m_sent.insert(entity, stagedWithPositions(entity));
        Q_EMIT saveRequested(entity, m_sent.value(entity));
        ++requested;
    }
    if (requested == 0) {
        Q_EMIT statusMessage(tr("The mappings have no unsaved changes."));
    } else {
        QString message = tr("Saving the mappings…");
        if (!warnings.isEmpty())
            message += u' ' + warnings.join(u' ');
        Q_EMIT statusMessage(message);
    }
    return true;
}

void FieldsMappingPage::connectTo(OrderBridge::WorkerHost *host)
{
    connect(this, &FieldsMappingPage::saveRequested, host, [this, host](MappingEntity entity, const FieldMappingList &mappings) {
        host->saveMappings(entity, mappings, this, [this, entity](const Result<void> &stored) {
            if (stored)
                handleSaved(entity);
            else
                handleSaveRejected(entity, stored.error());
        });
    });
}

void FieldsMappingPage::handleSaved(MappingEntity entity)
{
    Result<FieldMappingList> stored = readStored(entity);
    if (!stored) {
        showError(stored.error().toString());
        return;
    }
    // Edits made after Save Mapper was pressed are not in the store yet: keep them staged.
    const FieldMappingList sent = m_sent.take(entity);
    const FieldMappingList staged = stagedWithPositions(entity);
    const bool editedSince = !sent.isEmpty() && staged != sent;
    model(entity)->setStoredMappings(*stored);
    if (editedSince)
        model(entity)->stageMappings(staged);
    // Storing one entity may renumber the others' rows (the store replaces custom rows as a set): refresh
    // every tab without edits so its ids stay those of the store.
    for (MappingEntity other : allMappingEntities()) {
        if (other == entity || model(other)->isDirty())
            continue;
        if (Result<FieldMappingList> rows = readStored(other); rows && *rows != model(other)->storedMappings())
            model(other)->setStoredMappings(*rows);
    }
    if (!isDirty())
        clearError();
    updateActions();
    Q_EMIT statusMessage(tr("%1 mappings saved.").arg(MappingLabels::entity(entity)));
}

void FieldsMappingPage::handleSaveRejected(MappingEntity entity, const Error &error)
{
    m_sent.remove(entity);
    showError(tr("%1 mappings were not saved: %2").arg(MappingLabels::entity(entity), error.toString()));
    // Find the row the store refused: the worker names its index (in the list sent, which is the staged
    // order) in error.fields; else the row the message names; else the first changed one.
    MappingListModel *entityModel = model(entity);
    const FieldMappingList &staged = entityModel->mappings();
    int row = -1;
    if (!error.fields.isEmpty()) {
        bool isIndex = false;
        const int index = error.fields.first().toInt(&isIndex);
        if (isIndex && index >= 0 && index < staged.size())
            row = index;
    }
    for (int i = 0; i < staged.size() && row < 0; ++i) {
        if (error.message.contains(staged.at(i).describe()))
            row = i;
    }
    for (int i = 0; i < staged.size() && row < 0; ++i) {
        const FieldMapping &m = staged.at(i);
        const bool changed = !entityModel->storedMappings().contains(m);
        if (changed && (containsWord(error.message, m.salesforceField) || containsWord(error.message, m.magentoAttribute)))
            row = i;
    }
    for (int i = 0; i < staged.size() && row < 0; ++i) {
        if (!entityModel->storedMappings().contains(staged.at(i)))
            row = i;
    }
    if (row >= 0)
        selectRow(entity, row, error.toString());
    else
        setCurrentEntity(entity);
    Q_EMIT statusMessage(tr("%1 mappings were not saved: %2").arg(MappingLabels::entity(entity), error.message));
}

void FieldsMappingPage::discardChanges()
{
    for (MappingEntity entity : allMappingEntities())
        model(entity)->discardChanges();
    clearError();
    updateActions();
    Q_EMIT statusMessage(tr("Mapping changes discarded."));
}

OrderBridge::FieldMappingList FieldsMappingPage::storedSnapshot() const
{
    FieldMappingList stored;
    for (MappingEntity entity : allMappingEntities())
        stored += model(entity)->storedMappings();
    return stored;
}

bool FieldsMappingPage::importFromFile(const QString &filePath)
{
    return applyImport(filePath, MappingImportPlan::make(filePath, storedSnapshot(), schema()));
}

void FieldsMappingPage::startImport(const QString &filePath)
{
    // Reading and checking a large file takes time: on a pool thread, from a snapshot; the page stays usable.
    m_importButton->setEnabled(false);
    Q_EMIT statusMessage(tr("Reading %1…").arg(filePath));
    auto *watcher = new QFutureWatcher<MappingImportPlan>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, filePath] {
        watcher->deleteLater();
        m_importButton->setEnabled(true);
        applyImport(filePath, watcher->result());
        Q_EMIT importFinished();
    });
    watcher->setFuture(QtConcurrent::run(&MappingImportPlan::make, filePath, storedSnapshot(), schema()));
}

bool FieldsMappingPage::applyImport(const QString &filePath, const MappingImportPlan &plan)
{
    if (!plan.error.isEmpty()) {
        showError(plan.error);
        Q_EMIT statusMessage(plan.error);
        return false;
    }
    // File order first, then the system rows it did not mention, per entity.
    for (MappingEntity entity : allMappingEntities()) {
        FieldMappingList staged;
        for (const FieldMapping &m : plan.proposed) {
            if (m.entity == entity)
                staged << m;
        }
        for (qsizetype i = 0; i < staged.size(); ++i)
            staged[i].position = int(i);
        model(entity)->stageMappings(staged);
    }
    clearError();
    updateActions();
    Q_EMIT statusMessage(tr("Imported %n mapping(s) from %1; press Save Mapper to store them.", nullptr, plan.entries)
                             .arg(filePath));
    return true;
}

bool FieldsMappingPage::exportToFile(const QString &filePath)
{
    Result<void> written = fail(u"mapping.export"_s, tr("No store is open."), tr("Open a profile first."));
    if (m_database)
        written = MappingEditor(m_database).exportToFile(filePath);
    if (!written) {
        const QString message = tr("The mappings were not exported: %1").arg(written.error().toString());
        showError(message);
        Q_EMIT statusMessage(message);
        return false;
    }
    Q_EMIT statusMessage(isDirty() ? tr("Exported the stored mappings to %1 (unsaved changes are not included).").arg(filePath)
                                   : tr("Exported the mappings to %1.").arg(filePath));
    return true;
}

void FieldsMappingPage::addMapping()
{
    if (m_dialog)
        m_dialog->close();
    const MappingEntity entity = currentEntity();
    auto *dialog = new AddMappingDialog(entity, schema(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (entity == MappingEntity::OrderStatus) {
        QStringList unmapped;
        for (const QString &status : MagentoAttributeCatalogue::statuses()) {
            const FieldMappingList &staged = m_statusModel->mappings();
            const bool mapped = std::any_of(staged.cbegin(), staged.cend(),
                                            [&](const FieldMapping &m) { return m.magentoAttribute == status; });
            if (!mapped)
                unmapped << status;
        }
        dialog->setMagentoAttributes(unmapped);
        dialog->setOrderStatuses(statusValues());
    } else {
        dialog->setMagentoAttributes(MagentoAttributeCatalogue::attributes(entity));
    }
    dialog->setOtherMappings(model(entity)->mappings());
    connect(dialog, &QDialog::accepted, this, [this, dialog, entity] {
        MappingListModel *target = model(entity);
        const int row = target->appendMapping(dialog->mapping());
        setCurrentEntity(entity);
        view(entity)->selectRow(row);
        Q_EMIT statusMessage(tr("Added %1; press Save Mapper to store it.").arg(target->mappingAt(row).describe()));
    });
    m_dialog = dialog;
    dialog->open();
}

void FieldsMappingPage::editCurrentMapping()
{
    const MappingEntity entity = currentEntity();
    const int row = view(entity)->currentIndex().row();
    MappingListModel *source = model(entity);
    if (row < 0 || !source->isRemovable(row)) {
        Q_EMIT statusMessage(tr("Only custom mappings can be edited in the dialog; change a system mapping's Default "
                                "Value or Enable in the table."));
        return;
    }
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new AddMappingDialog(entity, schema(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (entity == MappingEntity::OrderStatus) {
        dialog->setMagentoAttributes(MagentoAttributeCatalogue::statuses());
        dialog->setOrderStatuses(statusValues());
    } else {
        dialog->setMagentoAttributes(MagentoAttributeCatalogue::attributes(entity));
    }
    FieldMappingList others = source->mappings();
    others.removeAt(row);
    dialog->setOtherMappings(others);
    dialog->setMapping(source->mappingAt(row));
    const FieldMapping original = source->mappingAt(row);
    connect(dialog, &QDialog::accepted, this, [this, dialog, entity, row, original] {
        MappingListModel *target = model(entity);
        // The rows may have changed while the dialog was open: only replace the row it was opened on.
        if (row < target->rowCount() && target->mappingAt(row) == original)
            target->replaceMapping(row, dialog->mapping());
    });
    m_dialog = dialog;
    dialog->open();
}

bool FieldsMappingPage::removeSelectedMappings()
{
    const MappingEntity entity = currentEntity();
    QTableView *entityView = view(entity);
    MappingListModel *entityModel = model(entity);
    QList<int> rows;
    for (const QModelIndex &index : entityView->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty() && entityView->currentIndex().isValid())
        rows << entityView->currentIndex().row();
    if (rows.isEmpty())
        return false;
    for (int row : std::as_const(rows)) {
        if (!entityModel->isRemovable(row)) {
            const FieldMapping mapping = entityModel->mappingAt(row);
            Q_EMIT statusMessage(mapping.isEssential()
                                     ? tr("%1 is a system mapping the sync needs; it cannot be removed.").arg(mapping.describe())
                                     : tr("%1 is a system mapping and cannot be removed; disable it instead.")
                                           .arg(mapping.describe()));
            return false;
        }
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        entityModel->removeRows(row, 1);
    Q_EMIT statusMessage(tr("Removed %n mapping(s); press Save Mapper to store the change.", nullptr, int(rows.size())));
    updateActions();
    return true;
}

void FieldsMappingPage::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

void FieldsMappingPage::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

void FieldsMappingPage::selectRow(MappingEntity entity, int row, const QString &issue)
{
    setCurrentEntity(entity);
    QTableView *entityView = view(entity);
    model(entity)->setRowIssue(row, issue);
    entityView->selectRow(row);
    entityView->scrollTo(entityView->model()->index(row, 0));
    entityView->setFocus();
}

void FieldsMappingPage::updateActions()
{
    if (!m_saveAction || !m_tabs)
        return;
    const MappingEntity entity = currentEntity();
    QTableView *entityView = view(entity);
    MappingListModel *entityModel = model(entity);
    bool anyRemovable = false;
    bool anySystem = false;
    if (entityView) {
        QList<int> rows;
        for (const QModelIndex &index : entityView->selectionModel()->selectedRows())
            rows << index.row();
        if (rows.isEmpty() && entityView->currentIndex().isValid())
            rows << entityView->currentIndex().row();
        for (int row : std::as_const(rows)) {
            if (entityModel->isRemovable(row))
                anyRemovable = true;
            else
                anySystem = true;
        }
    }
    const bool currentCustom = entityView && entityModel->isRemovable(entityView->currentIndex().row());
    m_removeAction->setEnabled(anyRemovable && !anySystem);
    m_removeButton->setEnabled(m_removeAction->isEnabled());
    m_editAction->setEnabled(currentCustom);
    m_editButton->setEnabled(currentCustom);
    const bool dirty = isDirty();
    m_resetButton->setEnabled(dirty);
    m_saveButton->setEnabled(dirty);
    m_saveAction->setEnabled(dirty);
    m_addButton->setText(entity == MappingEntity::OrderStatus ? tr("&Add status mapping") : tr("&Add new mapping"));
}

void FieldsMappingPage::chooseImportFile()
{
    auto *dialog = new QFileDialog(this, tr("Import mappings"), QString(), tr("Mapping files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &FieldsMappingPage::startImport);
    dialog->open();
}

void FieldsMappingPage::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export mappings"), u"orderbridge-mappings.json"_s,
                                   tr("Mapping files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"json"_s);
    connect(dialog, &QFileDialog::fileSelected, this, &FieldsMappingPage::exportToFile);
    dialog->open();
}
