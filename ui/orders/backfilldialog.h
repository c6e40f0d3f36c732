#pragma once

#include "common/error.h"

#include <QDateTime>
#include <QDialog>

class QDateEdit;
class QLabel;
class QPushButton;

/// Orders › Backfill from date…: brings in the orders created since a date that orders.sync_since left
/// out. A preview first says how many orders that is and about how many Salesforce API calls it takes;
/// Backfill then queues and syncs them. The requests go out as previewRequested()/backfillRequested()
/// and come back through showPreview()/showError(), so the dialog never waits on the network.
class BackfillDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackfillDialog)

public:
    /// `since`: the date offered at first (orders.sync_since, or any date).
    explicit BackfillDialog(const QDate &since, QWidget *parent = nullptr);
    ~BackfillDialog() override;

    /// Midnight UTC of the chosen date.
    [[nodiscard]] QDateTime since() const;
    [[nodiscard]] QDateEdit *dateEdit() const { return m_date; }
    [[nodiscard]] QPushButton *backfillButton() const { return m_backfill; }
    [[nodiscard]] QLabel *previewLabel() const { return m_preview; }

public Q_SLOTS:
    /// Asks for the preview of since() (previewRequested()); Backfill waits for its answer.
    void requestPreview();
    /// The preview of since(): `orders` to queue, about `apiCalls` Salesforce calls.
    void showPreview(qint64 orders, int apiCalls);
    void showError(const OrderBridge::Error &error);

Q_SIGNALS:
    void previewRequested(const QDateTime &since);
    void backfillRequested(const QDateTime &since);

private:
    QDateEdit *m_date = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_backfill = nullptr;
};
