#pragma once

#include "common/error.h"
#include "store/synclogquery.h"

#include <QWidget>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLayout;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class LogTableModel;

namespace OrderBridge {
class Database;
}

/// Log: the sync log, newest first, with level, order number and time range filters, and
/// "Export errors as CSV" (order, object, error code, message, fields, as Data Loader's error
/// files). Reads the store on the GUI thread in short indexed queries; writes nothing but the
/// file the operator chose.
class LogPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPage)

public:
    explicit LogPage(std::shared_ptr<OrderBridge::Database> database, QWidget *parent = nullptr);
    ~LogPage() override;

    /// The filters as the controls stand.
    [[nodiscard]] OrderBridge::SyncLogQuery currentQuery() const;
    /// Writes the error entries matching the filters to `filePath` (replaced atomically);
    /// returns how many were written. Reports the outcome through statusMessage().
    OrderBridge::Result<qint64> exportErrorsTo(const QString &filePath);

    [[nodiscard]] LogTableModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QComboBox *levelFilter() const { return m_level; }
    [[nodiscard]] QLineEdit *orderSearch() const { return m_search; }
    [[nodiscard]] QCheckBox *fromEnabled() const { return m_fromEnabled; }
    [[nodiscard]] QDateTimeEdit *fromEdit() const { return m_from; }
    [[nodiscard]] QCheckBox *toEnabled() const { return m_toEnabled; }
    [[nodiscard]] QDateTimeEdit *toEdit() const { return m_to; }
    [[nodiscard]] QPushButton *exportButton() const { return m_exportButton; }
    [[nodiscard]] QPushButton *refreshButton() const { return m_refreshButton; }
    [[nodiscard]] QLabel *countLabel() const { return m_countLabel; }
    [[nodiscard]] QAction *copyAction() const { return m_copyAction; }
    /// The selected entries as tab-separated text with a header line (what Copy puts on the clipboard).
    [[nodiscard]] QString selectedText() const;

public Q_SLOTS:
    /// Takes in what the worker logged since (call on batchFinished); the rows in view stay in view.
    void refresh();
    /// Applies the filter controls now (otherwise the order search waits for typing to pause).
    void applyFilters();
    /// Asks for a file (a non-modal save dialog) and exports the matching errors to it.
    void exportErrors();

Q_SIGNALS:
    /// One-line news for the status bar.
    void statusMessage(const QString &message);
    /// The operator activated (double-click, Enter) an entry about this order.
    void orderActivated(const QString &incrementId);

private:
    [[nodiscard]] QLayout *createFilterBar();
    void updateCount();
    void copySelection();

    std::shared_ptr<OrderBridge::Database> m_database;
    LogTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_level = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_fromEnabled = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QCheckBox *m_toEnabled = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QAction *m_copyAction = nullptr;
};
