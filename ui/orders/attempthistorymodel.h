#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace OrderBridge {
class Database;
}

/// The sync history of one order, newest first: every attempt the worker recorded in the sync log
/// (what it did, or the error with its code and the fields it concerned), and the notices it left.
///
/// Read from the store on the GUI thread (SyncLogRepository::forOrder): one indexed query of at
/// most maxRows() rows per reload.
class AttemptHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptHistoryModel)

public:
    enum Column { TimeColumn, OutcomeColumn, ObjectColumn, ErrorCodeColumn, MessageColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< the raw value (QDateTime for the time)
        LevelRole,               ///< "debug", "info", "warning" or "error", as stored
        FieldsRole,              ///< the fields an error concerned (QStringList)
    };

    struct Entry
    {
        QDateTime loggedAt; ///< UTC
        QString level;
        QString object;
        QString errorCode;
        QString message;
        QStringList fields;
    };

    explicit AttemptHistoryModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent = nullptr);
    ~AttemptHistoryModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Reads the history of the order with this increment ID; an empty ID empties the model.
    /// Returns false (and emits errorOccurred) when the store cannot be read.
    bool load(const QString &incrementId);
    /// Reads the same order's history again (after a sync).
    bool reload() { return load(m_incrementId); }

    [[nodiscard]] QString incrementId() const { return m_incrementId; }
    [[nodiscard]] const Entry &entryAt(int row) const { return m_entries.at(row); }
    /// How many of the rows are errors.
    [[nodiscard]] int errorCount() const;
    [[nodiscard]] static constexpr int maxRows() { return 500; }
    /// The outcome word for a stored log level ("Error", "Warning", "Info").
    [[nodiscard]] static QString outcomeLabel(const QString &level);

Q_SIGNALS:
    /// The store could not be read; the message names the problem and the fix.
    void errorOccurred(const QString &message);

private:
    std::shared_ptr<OrderBridge::Database> m_database;
    QString m_incrementId;
    QList<Entry> m_entries;
};
