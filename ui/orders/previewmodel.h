#pragma once

#include "sync/consoletypes.h"

#include <QAbstractItemModel>
#include <QJsonValue>
#include <QList>
#include <QStringList>

/// The preview of an order's next sync as a tree: one row per Salesforce record (object, what the
/// sync would do with it, its ID), under it one row per field with the value the sync would send
/// beside the value Salesforce holds now, and whether that value changes.
///
/// Facts only: ChangedRole says which rows change; the marker text is in the Change column so the
/// difference does not rest on colour (PreviewDelegate adds bold type and a tint).
class PreviewModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewModel)

public:
    enum Column { NameColumn, ChangeColumn, SalesforceIdColumn, SendingColumn, CurrentColumn, ColumnCount };
    enum Role {
        ChangedRole = Qt::UserRole, ///< bool: the row writes something Salesforce does not hold yet
        OperationRole,              ///< record rows: "insert", "update" or "none"
        RecordIdRole,               ///< record rows: the Salesforce ID (empty before insert)
        FieldRole,                  ///< field rows: the field's API name
        SendingValueRole,           ///< field rows: the value sent, as QJsonValue
        CurrentValueRole,           ///< field rows: the value in Salesforce now, as QJsonValue (Undefined when unknown)
        IsRecordRole,               ///< bool: a record row (top level)
    };

    explicit PreviewModel(QObject *parent = nullptr);
    ~PreviewModel() override;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Shows this preview (replacing the one before).
    void setPreview(const OrderBridge::OrderPreview &preview);
    void clear();
    [[nodiscard]] const OrderBridge::OrderPreview &preview() const { return m_preview; }
    /// How many field rows change across all records.
    [[nodiscard]] int changedFieldCount() const;

    /// A value as the preview shows it: strings as they are, numbers and booleans as JSON writes
    /// them, objects and arrays as compact JSON; null is "(empty)" because Salesforce clears the field.
    [[nodiscard]] static QString valueText(const QJsonValue &value);
    /// "Insert", "Update", "No change" for the stored operation names.
    [[nodiscard]] static QString operationLabel(const QString &operation);
    /// Whether sending `value` over `current` changes Salesforce (numbers compare by value).
    [[nodiscard]] static bool differs(const QJsonValue &value, const QJsonValue &current);

private:
    struct Field
    {
        QString name;
        QJsonValue sending;
        QJsonValue current; ///< Undefined when Salesforce has no value to show (insert)
        bool changed = false;
    };
    struct Record
    {
        qsizetype source = 0; ///< index into m_preview.records
        QList<Field> fields;
        bool changed = false;
    };

    [[nodiscard]] QVariant recordData(const Record &record, int column, int role) const;
    [[nodiscard]] QVariant fieldData(const Record &record, const Field &field, int column, int role) const;
    void rebuild();

    OrderBridge::OrderPreview m_preview;
    QList<Record> m_records;
};
