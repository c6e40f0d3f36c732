#pragma once

#include "mapping/fieldmapping.h"

#include <QAbstractTableModel>
#include <QHash>

/// The staged mappings of one entity, shared by the Fields Mapping tables.
///
/// Holds what the store has (storedMappings) and what the operator is editing (mappings); edits only
/// touch the staged list until the page's Save Mapper sends it and the store answers. System rows keep
/// their source, target and When, essential ones stay enabled, and only custom rows can be removed.
class MappingListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingListModel)

public:
    enum Role {
        SortRole = Qt::UserRole,
        SystemRole,    ///< bool: a system mapping
        EssentialRole, ///< bool: a system mapping that cannot be disabled
        IssueRole,     ///< QString: why the row was refused, empty when fine
        ChoicesRole,   ///< QStringList: the values a picklist editor offers for this cell (empty: free text)
        OpenChoicesRole, ///< bool: the choices are suggestions, other text may be typed (Magento paths)
    };

    ~MappingListModel() override;

    [[nodiscard]] OrderBridge::MappingEntity entity() const { return m_entity; }

    /// Replaces both the stored and the staged list (after loading from, or saving to, the store).
    void setStoredMappings(const OrderBridge::FieldMappingList &mappings);
    /// Replaces only the staged list (an import); the model becomes dirty when it differs from the store.
    void stageMappings(const OrderBridge::FieldMappingList &mappings);
    /// Drops every staged edit.
    void discardChanges();

    [[nodiscard]] const OrderBridge::FieldMappingList &mappings() const { return m_staged; }
    [[nodiscard]] const OrderBridge::FieldMappingList &storedMappings() const { return m_stored; }
    [[nodiscard]] OrderBridge::FieldMapping mappingAt(int row) const { return m_staged.value(row); }
    [[nodiscard]] bool isDirty() const { return m_staged != m_stored; }

    /// Appends a custom mapping (its entity and position are set here). Returns its row.
    int appendMapping(OrderBridge::FieldMapping mapping);
    /// Replaces the mapping in `row`; refuses (returns false) changes a system row may not take.
    bool replaceMapping(int row, const OrderBridge::FieldMapping &mapping);
    /// True for a custom row (the only kind that can be removed).
    [[nodiscard]] bool isRemovable(int row) const;

    /// Marks `row` as refused with `message` (shown as its tooltip and IssueRole) until the next edit.
    void setRowIssue(int row, const QString &message);
    void clearIssues();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    /// Removes custom rows only: refuses the whole range when it holds a system row.
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    /// The shared columns and roles (commonData()); the rest comes from columnData().
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// The Enable and System/Custom headers; the others come from columnHeader().
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// Checks and unchecks the Enable column; other cells that flags() makes editable go to applyEdit().
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /// The staged list differs from the store now (or no longer does).
    void dirtyChanged(bool dirty);

protected:
    /// `enabledColumn` and `kindColumn` are the subclass's Enable and System/Custom columns.
    MappingListModel(OrderBridge::MappingEntity entity, int enabledColumn, int kindColumn, QObject *parent = nullptr);

    /// Data shared by the tables: issues as tooltips, the custom roles, and the Enable (Yes/No, check
    /// state) and System/Custom columns; an invalid QVariant when the subclass's column decides.
    [[nodiscard]] QVariant commonData(const QModelIndex &index, int role) const;
    /// Flags shared by the tables: selectable, and the Enable column checkable unless the row is essential.
    [[nodiscard]] Qt::ItemFlags commonFlags(const QModelIndex &index) const;
    /// The subclass's data for `index` (a valid cell showing `mapping`) where commonData() has none.
    [[nodiscard]] virtual QVariant columnData(const QModelIndex &index, const OrderBridge::FieldMapping &mapping,
                                              int role) const = 0;
    /// The horizontal display header of the subclass's own `section`.
    [[nodiscard]] virtual QVariant columnHeader(int section) const = 0;
    /// Applies an EditRole `value` for `column` to `changed`; false refuses the edit.
    [[nodiscard]] virtual bool applyEdit(int column, const QVariant &value, OrderBridge::FieldMapping &changed) const = 0;
    /// Applies `mapping` to `row` if the system rules allow it, and emits dataChanged for the row.
    bool updateRow(int row, const OrderBridge::FieldMapping &mapping);
    void notifyDirty();

    OrderBridge::MappingEntity m_entity;
    int m_enabledColumn;
    int m_kindColumn;
    OrderBridge::FieldMappingList m_staged;
    OrderBridge::FieldMappingList m_stored;
    QHash<int, QString> m_issues;
    bool m_wasDirty = false;
};
