#include "mainwindow.h"
#include "ordersfixture.h"
#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QMetaEnum>
#include <QRawFont>
#include <QSet>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
// A customer name in Chinese: it must render with real glyphs, not the boxes a Latin-only font gives.
const QString cjkName = u"王秀英"_s;
constexpr int orderCount = 40;

// Distinct colours of an image, counted up to `enough` (a blank or single-colour grab has one or two).
int distinctColours(const QImage &image, int enough)
{
    QSet<QRgb> colours;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            colours.insert(line[x]);
            if (colours.size() >= enough)
                return int(colours.size());
        }
    }
    return int(colours.size());
}

// Glyph index 0 is a font's .notdef glyph, drawn as a box: text laid out with any of them shows boxes.
QStringList missingGlyphs(const QString &text, const QFont &font)
{
    QTextLayout layout(text, font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QStringList missing;
    for (const QGlyphRun &run : layout.glyphRuns()) {
        for (const quint32 glyph : run.glyphIndexes()) {
            if (glyph == 0)
                missing << run.rawFont().familyName();
        }
    }
    return missing;
}
}

/// Starts the console on a real X server (Xvfb, through run-under-xvfb.sh) over a store of fixture
/// orders, shows each page of the navigation and saves a screenshot of the window as
/// <build>/screenshots/<Page>.png.
class TestScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyPage_data();
    void everyPage();
    void cjkCustomerNameHasGlyphs();

private:
    QTemporaryDir m_dir;
    QString m_screenshots;
    std::shared_ptr<OrderBridge::Database> m_database;
    std::unique_ptr<MainWindow> m_window;
};

void TestScreenshots::initTestCase()
{
    if (const QByteArray missing = qgetenv("ORDERBRIDGE_XVFB_MISSING"); !missing.isEmpty())
        QSKIP(missing.constData());
    if (qEnvironmentVariableIsEmpty("ORDERBRIDGE_XVFB"))
        QSKIP("Needs an X server: run it through tests/ui/run-under-xvfb.sh (ctest -R tst_screenshots does).");
    // The wrapper started Xvfb: from here on, not being on it is a failure, not a reason to skip.
    QCOMPARE(QGuiApplication::platformName(), u"xcb"_s);

    QStandardPaths::setTestModeEnabled(true);
    // A window layout saved by another test or session must not change what the screenshots show.
    QCoreApplication::setOrganizationName(u"OrderBridgeTests"_s);
    QCoreApplication::setApplicationName(u"tst_screenshots"_s);
    QVERIFY(m_dir.isValid());

    m_screenshots = qEnvironmentVariable("ORDERBRIDGE_SCREENSHOT_DIR",
                                         QDir::current().absoluteFilePath(u"screenshots"_s));
    QVERIFY2(QDir().mkpath(m_screenshots), qPrintable(m_screenshots));

    auto opened = OrderBridge::Database::open(m_dir.filePath(u"store.sqlite"_s));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString filled = OrdersFixture::fill(*m_database, orderCount);
    QVERIFY2(filled.isEmpty(), qPrintable(filled));
    QSqlQuery rename(m_database->connection());
    rename.prepare(u"UPDATE orders SET customer_name = ? WHERE magento_entity_id % 3 = 0"_s);
    rename.addBindValue(cjkName);
    QVERIFY(rename.exec());

    m_window = std::make_unique<MainWindow>(m_database);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestScreenshots::cleanupTestCase()
{
    m_window.reset();
}

void TestScreenshots::everyPage_data()
{
    QTest::addColumn<int>("page");
    const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
    for (int page = 0; page < MainWindow::PageCount; ++page)
        QTest::newRow(pages.valueToKey(page)) << page;
}

void TestScreenshots::everyPage()
{
    QFETCH(int, page);
    QVERIFY(m_window);
    const QString name = QString::fromLatin1(QMetaEnum::fromType<MainWindow::Page>().valueToKey(page));
    m_window->setCurrentPage(MainWindow::Page(page));
    QCOMPARE(int(m_window->currentPage()), page);
    // Let queued work (lazy model fetches, layout requests) reach the screen before the grab.
    QTest::qWait(50);
    QTRY_VERIFY(m_window->pages()->currentWidget()->isVisible());

    const QPixmap shot = m_window->grab();
    const QString path = QDir(m_screenshots).filePath(name + u".png"_s);
    QFile::remove(path);
    QVERIFY2(shot.save(path, "PNG"), qPrintable(path));

    // Read back from the file: what was written is a whole PNG of the window, with content.
    QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path));
    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    const QImage image = reader.read();
    QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
    const qreal ratio = shot.devicePixelRatio();
    QCOMPARE(image.size(), (QSizeF(m_window->size()) * ratio).toSize());
    const int colours = distinctColours(image, 64);
    QVERIFY2(colours > 8, qPrintable(u"%1 has only %2 colours: the page painted nothing"_s.arg(path).arg(colours)));
    qInfo("%s: %dx%d, %s%d colours", qPrintable(path), image.width(), image.height(), colours >= 64 ? ">=" : "",
          colours);
}

void TestScreenshots::cjkCustomerNameHasGlyphs()
{
    QVERIFY(m_window);
    m_window->setCurrentPage(MainWindow::SalesOrdersPage);
    QTableView *view = m_window->ordersPage()->view();
    // The grid shows the Chinese name in a row on screen...
    const QModelIndexList matches = view->model()->match(view->model()->index(0, OrdersTableModel::BillToNameColumn),
                                                         Qt::DisplayRole, cjkName, 1, Qt::MatchExactly);
    QVERIFY2(!matches.isEmpty(), "no row of the orders grid shows the Chinese customer name");
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(matches.first())));
    // ...and a font on this X server has its glyphs (fonts-dejavu-core alone draws boxes).
    QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(),
             "No font for Chinese is installed: install fonts-wqy-microhei (scripts/install-deps.sh)");
    const QStringList missing = missingGlyphs(cjkName, view->font());
    QVERIFY2(missing.isEmpty(), qPrintable(u"\"%1\" is drawn as boxes in %2: install fonts-wqy-microhei "
                                           u"(scripts/install-deps.sh)"_s.arg(cjkName, missing.join(u", "_s))));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
