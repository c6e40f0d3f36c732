#include "log/logpage.h"
#include "logfixture.h"
#include "log/logtablemodel.h"

#include "store/database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncLogQuery;

namespace {
constexpr int entryCount = 1200;
}

class TestLogPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheLogNewestFirst();
    void filtersByLevel_data();
    void filtersByLevel();
    void searchesByOrderNumber();
    void filtersByTimeRange();
    void refreshKeepsTheRowsInView_data();
    void refreshKeepsTheRowsInView();
    void refreshAtTheTopShowsTheNewEntries();
    void exportsTheMatchingErrorsAsCsv();
    void exportReportsAnUnwritableFile();
    void everyControlIsNamedAndReachable();
    void activatingAnEntryNamesItsOrder();
    void copiesTheSelectedEntries();

private:
    [[nodiscard]] qint64 topEntryId() const;

    QTemporaryDir m_dir;
    int m_run = 0;
    std::shared_ptr<OrderBridge::Database> m_database;
    std::unique_ptr<LogPage> m_page;
};

void TestLogPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestLogPage::init()
{
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"log%1.sqlite"_s.arg(++m_run)));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString error = LogFixture::fill(*m_database, 1, entryCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = std::make_unique<LogPage>(m_database);
    m_page->resize(1000, 600);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestLogPage::cleanup()
{
    m_page.reset();
    m_database.reset();
}

qint64 TestLogPage::topEntryId() const
{
    const QModelIndex top = m_page->view()->indexAt(QPoint(4, 4));
    return top.data(LogTableModel::EntryIdRole).toLongLong();
}

void TestLogPage::showsTheLogNewestFirst()
{
    QCOMPARE(m_page->model()->rowCount(), entryCount);
    QCOMPARE(m_page->view()->model()->index(0, LogTableModel::MessageColumn).data().toString(),
             LogFixture::message(entryCount));
    QVERIFY(m_page->countLabel()->text().contains(QString::number(entryCount)));
}

void TestLogPage::filtersByLevel_data()
{
    QTest::addColumn<int>("comboIndex");
    QTest::addColumn<QString>("level");
    QTest::newRow("errors") << 1 << u"error"_s;
    QTest::newRow("warnings") << 2 << u"warning"_s;
    QTest::newRow("info") << 3 << u"info"_s;
}

void TestLogPage::filtersByLevel()
{
    QFETCH(int, comboIndex);
    QFETCH(QString, level);
    m_page->levelFilter()->setCurrentIndex(comboIndex);
    int expected = 0;
    for (int i = 1; i <= entryCount; ++i)
        expected += LogFixture::level(i) == level ? 1 : 0;
    QCOMPARE(m_page->model()->rowCount(), expected);
    for (int row = 0; row < expected; row += 7)
        QCOMPARE(m_page->model()->index(row, 0).data(LogTableModel::LevelRole).toString(), level);
    QVERIFY(m_page->countLabel()->text().contains(QString::number(expected)));
    m_page->levelFilter()->setCurrentIndex(0);
    QCOMPARE(m_page->model()->rowCount(), entryCount);
}

void TestLogPage::searchesByOrderNumber()
{
    QTest::keyClicks(m_page->orderSearch(), u"100000016"_s);
    // Typing waits for a pause before it filters.
    QCOMPARE(m_page->model()->rowCount(), entryCount);
    QTRY_COMPARE(m_page->model()->rowCount(), 2); // entries 31 and 32
    QCOMPARE(m_page->model()->index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(32));
    QCOMPARE(m_page->model()->index(1, LogTableModel::MessageColumn).data().toString(), LogFixture::message(31));
    // A prefix finds every order starting with it; Enter applies at once.
    m_page->orderSearch()->clear();
    QTest::keyClicks(m_page->orderSearch(), u"10000002"_s);
    QTest::keyClick(m_page->orderSearch(), Qt::Key_Return);
    QCOMPARE(m_page->model()->rowCount(), 18); // orders 100000020..29: entries 39..58 without 40 and 50
    m_page->orderSearch()->clear();
    m_page->applyFilters();
    QCOMPARE(m_page->model()->rowCount(), entryCount);
}

void TestLogPage::filtersByTimeRange()
{
    m_page->fromEdit()->setDateTime(LogFixture::loggedAt(100).toLocalTime());
    m_page->toEdit()->setDateTime(LogFixture::loggedAt(160).toLocalTime());
    QCOMPARE(m_page->model()->rowCount(), entryCount); // not enabled yet
    m_page->fromEnabled()->setChecked(true);
    QCOMPARE(m_page->model()->rowCount(), entryCount - 99);
    m_page->toEnabled()->setChecked(true);
    QCOMPARE(m_page->model()->rowCount(), 60);
    QCOMPARE(m_page->currentQuery().from, LogFixture::loggedAt(100));
}

void TestLogPage::refreshKeepsTheRowsInView_data()
{
    QTest::addColumn<bool>("bottom");
    QTest::addColumn<bool>("perPixel");
    QTest::newRow("middle") << false << false;
    QTest::newRow("bottom") << true << false;
    QTest::newRow("middle, per pixel") << false << true;
    QTest::newRow("bottom, per pixel") << true << true;
}

void TestLogPage::refreshKeepsTheRowsInView()
{
    QFETCH(bool, bottom);
    QFETCH(bool, perPixel);
    if (perPixel)
        m_page->view()->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    QScrollBar *bar = m_page->view()->verticalScrollBar();
    if (bottom)
        m_page->view()->scrollToBottom();
    else
        m_page->view()->scrollTo(m_page->model()->index(500, 0), QAbstractItemView::PositionAtTop);
    QVERIFY(bar->value() > 0);
    const qint64 before = topEntryId();
    QVERIFY(before > 0);
    m_page->view()->selectRow(m_page->view()->rowAt(20));
    const qint64 selected = m_page->view()->selectionModel()->selectedRows().value(0).data(LogTableModel::EntryIdRole).toLongLong();
    for (int i = 0; i < 5; ++i)
        QVERIFY(LogFixture::log(*m_database, u"error"_s, u"300000001"_s, u"E"_s, u"new %1"_s.arg(i)).isEmpty());
    m_page->refresh();
    QCOMPARE(m_page->model()->rowCount(), entryCount + 5);
    QCOMPARE(topEntryId(), before);
    QTest::qWait(50); // and after the view's delayed layout
    QCOMPARE(topEntryId(), before);
    QCOMPARE(m_page->view()->selectionModel()->selectedRows().value(0).data(LogTableModel::EntryIdRole).toLongLong(),
             selected);
    QVERIFY(m_page->countLabel()->text().contains(QString::number(entryCount + 5)));
}

void TestLogPage::refreshAtTheTopShowsTheNewEntries()
{
    QCOMPARE(m_page->view()->verticalScrollBar()->value(), 0);
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"300000001"_s, u"E"_s, u"newest"_s).isEmpty());
    m_page->refresh();
    QTest::qWait(50); // the view's delayed layout
    QCOMPARE(m_page->view()->verticalScrollBar()->value(), 0);
    QCOMPARE(m_page->view()->indexAt(QPoint(4, 4)).siblingAtColumn(LogTableModel::MessageColumn).data().toString(),
             u"newest"_s);
}

void TestLogPage::exportsTheMatchingErrorsAsCsv()
{
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"100000015"_s, u"FIELD_INTEGRITY_EXCEPTION"_s,
                            u"Größe \"XL\", zu groß;\nbitte prüfen"_s, u"Size__c,Quantity"_s)
                .isEmpty());
    m_page->refresh();
    m_page->levelFilter()->setCurrentIndex(2); // warnings: the export still writes only errors, so none
    QTest::keyClicks(m_page->orderSearch(), u"10000001"_s);
    m_page->applyFilters();
    QSignalSpy status(m_page.get(), &LogPage::statusMessage);
    const QString path = m_dir.filePath(u"errors.csv"_s);
    auto none = m_page->exportErrorsTo(path);
    QVERIFY(none);
    QCOMPARE(*none, 0);
    QFile empty(path);
    QVERIFY(empty.open(QIODevice::ReadOnly));
    QCOMPARE(empty.readAll(), QByteArray("\"ORDER\",\"OBJECT\",\"ERROR_CODE\",\"MESSAGE\",\"FIELDS\"\r\n"));
    empty.close();

    m_page->levelFilter()->setCurrentIndex(0); // all levels: errors of orders 10000001x
    auto written = m_page->exportErrorsTo(path);
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    // Orders 100000010..19 are entries 19..38 (two each, 20 and 30 have none); errors are i % 4 == 1.
    QByteArray expected = "\"ORDER\",\"OBJECT\",\"ERROR_CODE\",\"MESSAGE\",\"FIELDS\"\r\n"
                          "\"100000015\",\"Order\",\"FIELD_INTEGRITY_EXCEPTION\","
                          "\"Gr\xc3\xb6\xc3\x9f" "e \"\"XL\"\", zu gro\xc3\x9f;\nbitte pr\xc3\xbc" "fen\",\"Size__c,Quantity\"\r\n";
    for (int i : {37, 33, 29, 25, 21})
        expected += QString(u"\"%1\",\"Order\",\"CODE_%2\",\"Message %2\",\"Field%2__c,Status\"\r\n"_s)
                        .arg(LogFixture::order(i))
                        .arg(i)
                        .toUtf8();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected);
    QCOMPARE(*written, 6);
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                   | QFileDevice::WriteOther), QFileDevice::Permissions());
    QVERIFY(status.last().at(0).toString().contains(u"6"_s));
}

void TestLogPage::exportReportsAnUnwritableFile()
{
    QSignalSpy status(m_page.get(), &LogPage::statusMessage);
    const auto result = m_page->exportErrorsTo(m_dir.filePath(u"no/such/folder/errors.csv"_s));
    QVERIFY(!result);
    QCOMPARE(result.error().code, u"log.export_failed"_s);
    QCOMPARE(status.count(), 1);
    QVERIFY(status.at(0).at(0).toString().contains(u"not exported"_s));
}

void TestLogPage::everyControlIsNamedAndReachable()
{
    QList<QWidget *> focusable;
    const QList<QWidget *> widgets = m_page->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(m_page.get())
            || widget->objectName().startsWith(u"qt_"_s))
            continue;
        if (widget->parentWidget() && (qobject_cast<QComboBox *>(widget->parentWidget())
                                       || qobject_cast<QAbstractSpinBox *>(widget->parentWidget())))
            continue; // a combo's or date edit's own line edit
        if (!(widget->focusPolicy() & Qt::TabFocus))
            continue;
        focusable << widget;
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    // Tab from the level filter visits every enabled control, the table last.
    m_page->levelFilter()->setFocus();
    QTRY_VERIFY(m_page->levelFilter()->hasFocus());
    QList<QWidget *> visited{QApplication::focusWidget()};
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        if (visited.contains(QApplication::focusWidget()))
            break;
        visited << QApplication::focusWidget();
    }
    for (QWidget *widget : std::as_const(focusable)) {
        if (widget->isEnabled())
            QVERIFY2(visited.contains(widget), qPrintable(widget->objectName()));
    }
    QVERIFY(visited.contains(m_page->view()));
    QVERIFY(visited.contains(m_page->exportButton()));
}

void TestLogPage::activatingAnEntryNamesItsOrder()
{
    QSignalSpy activated(m_page.get(), &LogPage::orderActivated);
    // Row 1 is entry 1199 (order 100000600); row 0 is entry 1200, which has no order.
    m_page->view()->setFocus();
    m_page->view()->setCurrentIndex(m_page->model()->index(0, 0));
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QCOMPARE(activated.count(), 0);
    m_page->view()->setCurrentIndex(m_page->model()->index(1, 0));
    QTest::keyClick(m_page->view(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), LogFixture::order(1199));
}

void TestLogPage::copiesTheSelectedEntries()
{
    m_page->view()->selectRow(2);
    m_page->view()->selectionModel()->select(m_page->model()->index(1, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString text = m_page->selectedText();
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), u"Time\tLevel\tOrder\tObject\tError Code\tMessage\tFields"_s);
    QVERIFY(lines.at(1).contains(u"\tMessage 1199\t"_s)); // in row order, not selection order
    QVERIFY(lines.at(2).contains(u"\tMessage 1198\t"_s));
    QVERIFY(lines.at(2).contains(u"\tWarning\t"_s));
    QVERIFY(m_page->view()->actions().contains(m_page->copyAction()));
}

QTEST_MAIN(TestLogPage)
#include "tst_logpage.moc"
