// Sync › Backfill from Date…: every date is previewed before it can be backfilled, the preview says how
// many orders and about how many Salesforce calls, and the backfill asks for midnight UTC of the date.

#include "orders/backfilldialog.h"

#include <QDateEdit>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestBackfillDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewComesBeforeTheBackfill();
    void nothingToBackfillOrAFailedPreviewCannotStart();
};

void TestBackfillDialog::previewComesBeforeTheBackfill()
{
    BackfillDialog dialog(QDate(2026, 3, 1));
    QSignalSpy previews(&dialog, &BackfillDialog::previewRequested);
    QSignalSpy backfills(&dialog, &BackfillDialog::backfillRequested);
    dialog.requestPreview();
    QCOMPARE(previews.count(), 1);
    const QDateTime since(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(previews.first().first().toDateTime(), since);
    QVERIFY(!dialog.backfillButton()->isEnabled());

    dialog.showPreview(8, 2);
    QVERIFY(dialog.backfillButton()->isEnabled());
    QVERIFY2(dialog.previewLabel()->text().contains(u"8 order"_s), qPrintable(dialog.previewLabel()->text()));
    QVERIFY2(dialog.previewLabel()->text().contains(u"about 2 Salesforce"_s), qPrintable(dialog.previewLabel()->text()));

    // Another date: previewed again, and Backfill waits for it.
    dialog.dateEdit()->setDate(QDate(2025, 1, 1));
    QCOMPARE(previews.count(), 2);
    QVERIFY(!dialog.backfillButton()->isEnabled());
    dialog.showPreview(20, 3);
    QTest::mouseClick(dialog.backfillButton(), Qt::LeftButton);
    QCOMPARE(backfills.count(), 1);
    QCOMPARE(backfills.first().first().toDateTime(), QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC));
}

void TestBackfillDialog::nothingToBackfillOrAFailedPreviewCannotStart()
{
    BackfillDialog dialog(QDate(2026, 3, 1));
    dialog.requestPreview();
    dialog.showPreview(0, 0);
    QVERIFY(!dialog.backfillButton()->isEnabled());
    dialog.requestPreview();
    dialog.showError(OrderBridge::Error{u"magento.unreachable"_s, u"Magento did not answer."_s, u"Check the URL."_s,
                                        {}, OrderBridge::ErrorKind::Failed});
    QVERIFY(!dialog.backfillButton()->isEnabled());
    QVERIFY(dialog.previewLabel()->text().contains(u"Magento did not answer."_s));
}

QTEST_MAIN(TestBackfillDialog)
#include "tst_backfilldialog.moc"
