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
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QScopeGuard>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

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

// What does not fit on the page on screen: a visible control outside its parent (cut off), a button or
// one-line label narrower than its text needs, a column header narrower than its title. Widgets inside
// a scroll area's viewport are left out (the area scrolls to them); so is the content of item views.
QStringList clippedControls(const QWidget *root)
{
    QStringList problems;
    const auto name = [](const QWidget *w) {
        QString text = w->objectName();
        if (const auto *button = qobject_cast<const QAbstractButton *>(w); button && !button->text().isEmpty())
            text += u" \"%1\""_s.arg(button->text());
        else if (const auto *label = qobject_cast<const QLabel *>(w); label && !label->text().isEmpty())
            text += u" \"%1\""_s.arg(label->text().left(40));
        return u"%1 %2"_s.arg(QString::fromLatin1(w->metaObject()->className()), text);
    };
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        // Labels made to give way end in "…" and keep the whole text in their tooltip.
        if (!w->isVisibleTo(root) || w->isWindow() || w->inherits("ElidingLabel"))
            continue;
        bool scrolled = false;
        for (const QWidget *up = w->parentWidget(); up && up != root; up = up->parentWidget()) {
            if (qobject_cast<const QAbstractScrollArea *>(up) && !qobject_cast<const QAbstractScrollArea *>(w))
                scrolled = scrolled || (w->parentWidget() != up); // inside the viewport, not the frame's own bars
        }
        if (scrolled)
            continue;
        const QWidget *parent = w->parentWidget();
        if (parent && !parent->rect().contains(w->geometry()))
            problems << u"%1 at %2,%3 %4x%5 lies outside its parent (%6x%7)"_s.arg(name(w))
                            .arg(w->x()).arg(w->y()).arg(w->width()).arg(w->height())
                            .arg(parent->width()).arg(parent->height());
        const bool oneLineLabel = qobject_cast<const QLabel *>(w) && !static_cast<const QLabel *>(w)->wordWrap()
            && !static_cast<const QLabel *>(w)->text().isEmpty() && static_cast<const QLabel *>(w)->pixmap().isNull();
        if ((qobject_cast<const QAbstractButton *>(w) || oneLineLabel) && w->width() < w->minimumSizeHint().width())
            problems << u"%1 is %2 pixels wide, its text needs %3"_s.arg(name(w)).arg(w->width())
                            .arg(w->minimumSizeHint().width());
        if (const auto *header = qobject_cast<const QHeaderView *>(w); header && header->orientation() == Qt::Horizontal) {
            for (int section = 0; section < header->count(); ++section) {
                if (header->isSectionHidden(section) || header->sectionSize(section) == 0)
                    continue;
                const QString title = header->model()->headerData(section, Qt::Horizontal).toString();
                const int needs = header->fontMetrics().horizontalAdvance(title) + 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
                if (header->sectionSize(section) < needs)
                    problems << u"column \"%1\" is %2 pixels wide, its title needs %3"_s.arg(title)
                                    .arg(header->sectionSize(section)).arg(needs);
            }
        }
    }
    return problems;
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
    void everyPageFitsALaptopScreen_data();
    void everyPageFitsALaptopScreen();

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

void TestScreenshots::everyPageFitsALaptopScreen_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
}

void TestScreenshots::everyPageFitsALaptopScreen()
{
    QFETCH(QLocale, locale);
    // A common laptop screen, in the language the console would pick for the locale.
    const QSize laptop(1366, 768);
    const QLocale before;
    QLocale::setDefault(locale);
    QTranslator own;
    QVERIFY(own.load(locale, u"orderbridge"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&own));
    QTranslator qt;
    if (qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
    const auto restore = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&qt);
        QCoreApplication::removeTranslator(&own);
        QLocale::setDefault(before);
    });

    MainWindow window(m_database);
    window.resize(laptop);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The window is no larger than the screen: its layouts' minimum fits.
    QCOMPARE(window.size(), laptop);

    QStringList problems;
    const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        window.setCurrentPage(MainWindow::Page(page));
        QTest::qWait(50);
        const QString pageName = QString::fromLatin1(pages.valueToKey(page));
        const QString file = u"%1-1366x768-%2.png"_s.arg(pageName, locale.name());
        QVERIFY(window.grab().save(QDir(m_screenshots).filePath(file), "PNG"));
        for (const QString &problem : clippedControls(window.pages()->currentWidget()))
            problems << pageName + u": "_s + problem;
        if (page == MainWindow::SalesOrdersPage) {
            // Dates and statuses in the grid are whole, not "In Bearbeit…".
            const QTableView *grid = window.ordersPage()->view();
            const int margin = 2 * (grid->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, grid) + 1);
            for (int row = 0; row < std::min(grid->model()->rowCount(), 20); ++row) {
                for (int column : {int(OrdersTableModel::PurchaseDateColumn), int(OrdersTableModel::StatusColumn)}) {
                    const QString text = grid->model()->index(row, column).data().toString();
                    const int needs = grid->fontMetrics().horizontalAdvance(text) + margin;
                    if (grid->columnWidth(column) < needs)
                        problems << u"%1: \"%2\" needs %3 pixels, its column has %4"_s.arg(pageName, text)
                                        .arg(needs).arg(grid->columnWidth(column));
                }
            }
        }
        // Every toolbar action is on the bar: no "»" overflow button.
        for (const QToolBar *bar : window.findChildren<QToolBar *>()) {
            for (const QToolButton *button : bar->findChildren<QToolButton *>(u"qt_toolbarext_button"_s)) {
                if (button->isVisible())
                    problems << pageName + u": the toolbar %1 hides actions behind its overflow button"_s.arg(bar->objectName());
            }
        }
    }
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
