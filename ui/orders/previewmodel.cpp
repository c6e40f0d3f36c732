#include "orders/previewmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {
// Top-level rows carry this internal id; a field row carries its record's row + 1.
constexpr quintptr recordMarker = 0;
}

PreviewModel::PreviewModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

PreviewModel::~PreviewModel() = default;

QModelIndex PreviewModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, recordMarker);
    if (parent.internalId() != recordMarker)
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex PreviewModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == recordMarker)
        return {};
    return createIndex(int(child.internalId() - 1), 0, recordMarker);
}

int PreviewModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_records.size());
    if (parent.column() != 0 || parent.internalId() != recordMarker)
        return 0;
    return int(m_records.at(parent.row()).fields.size());
}

int PreviewModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == recordMarker)
        return recordData(m_records.at(index.row()), index.column(), role);
    const Record &record = m_records.at(int(index.internalId() - 1));
    return fieldData(record, record.fields.at(index.row()), index.column(), role);
}

QVariant PreviewModel::recordData(const Record &record, int column, int role) const
{
    const OrderBridge::PreviewRecord &source = m_preview.records.at(record.source);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (column) {
        case NameColumn:
            return source.object;
        case ChangeColumn:
            return operationLabel(source.operation);
        case SalesforceIdColumn:
            return source.recordId.isEmpty() && source.operation == u"insert"_s ? tr("(new)") : source.recordId;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == NameColumn && !source.referenceId.isEmpty())
            return tr("%1 (reference %2)").arg(source.object, source.referenceId);
        if (column == ChangeColumn) {
            if (source.operation == u"insert"_s)
                return tr("The next sync creates this record.");
            if (source.operation == u"update"_s)
                return tr("The next sync updates this record.");
            return tr("Salesforce already holds these values; the next sync leaves the record alone.");
        }
        return {};
    case ChangedRole:
        return record.changed;
    case OperationRole:
        return source.operation;
    case RecordIdRole:
        return source.recordId;
    case IsRecordRole:
        return true;
    default:
        return {};
    }
}

QVariant PreviewModel::fieldData(const Record &record, const Field &field, int column, int role) const
{
    const bool insert = m_preview.records.at(record.source).operation == u"insert"_s;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (column) {
        case NameColumn:
            return field.name;
        case ChangeColumn:
            if (insert)
                return tr("New");
            return field.changed ? tr("Changed") : tr("Unchanged");
        case SendingColumn:
            return valueText(field.sending);
        case CurrentColumn:
            return field.current.isUndefined() ? QString() : valueText(field.current);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == SendingColumn)
            return valueText(field.sending);
        if (column == CurrentColumn)
            return field.current.isUndefined() ? tr("Not in Salesforce yet") : valueText(field.current);
        return {};
    case ChangedRole:
        return field.changed;
    case FieldRole:
        return field.name;
    case SendingValueRole:
        return QVariant::fromValue(field.sending);
    case CurrentValueRole:
        return QVariant::fromValue(field.current);
    case IsRecordRole:
        return false;
    default:
        return {};
    }
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Record / Field");
    case ChangeColumn:
        return tr("Change");
    case SalesforceIdColumn:
        return tr("Salesforce ID");
    case SendingColumn:
        return tr("Next Sync Sends");
    case CurrentColumn:
        return tr("Salesforce Now");
    default:
        return {};
    }
}

void PreviewModel::setPreview(const OrderBridge::OrderPreview &preview)
{
    beginResetModel();
    m_preview = preview;
    rebuild();
    endResetModel();
}

void PreviewModel::clear()
{
    setPreview({});
}

void PreviewModel::rebuild()
{
    m_records.clear();
    for (qsizetype i = 0; i < m_preview.records.size(); ++i) {
        const OrderBridge::PreviewRecord &source = m_preview.records.at(i);
        Record record;
        record.source = i;
        const bool insert = source.operation == u"insert"_s;
        const bool none = source.operation == u"none"_s;
        // QJsonObject iterates its keys sorted: the fields read alphabetically.
        for (auto it = source.sending.constBegin(); it != source.sending.constEnd(); ++it) {
            Field field;
            field.name = it.key();
            field.sending = it.value();
            field.current = source.current.contains(it.key()) ? source.current.value(it.key()) : QJsonValue(QJsonValue::Undefined);
            if (insert)
                field.changed = true;
            else if (!none)
                field.changed = field.current.isUndefined() || differs(field.sending, field.current);
            record.changed = record.changed || field.changed;
            record.fields.append(std::move(field));
        }
        if (insert)
            record.changed = true;
        m_records.append(std::move(record));
    }
}

int PreviewModel::changedFieldCount() const
{
    int count = 0;
    for (const Record &record : m_records) {
        for (const Field &field : record.fields)
            count += field.changed ? 1 : 0;
    }
    return count;
}

QString PreviewModel::valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return tr("(empty)");
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        // The JSON writer's shortest exact form: 90.19, not 90.189999999999998.
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QString PreviewModel::operationLabel(const QString &operation)
{
    if (operation == u"insert"_s)
        return tr("Insert");
    if (operation == u"update"_s)
        return tr("Update");
    return tr("No change");
}

bool PreviewModel::differs(const QJsonValue &value, const QJsonValue &current)
{
    if (value.isDouble() && current.isDouble())
        return value.toDouble() != current.toDouble();
    // Salesforce answers numbers of text fields as text and the other way round in places.
    if (value.isDouble() && current.isString()) {
        bool ok = false;
        const double number = current.toString().toDouble(&ok);
        return !ok || number != value.toDouble();
    }
    if (value.isString() && current.isDouble()) {
        bool ok = false;
        const double number = value.toString().toDouble(&ok);
        return !ok || number != current.toDouble();
    }
    return value != current;
}
