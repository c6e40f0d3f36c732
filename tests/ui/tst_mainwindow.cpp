#include "mainwindow.h"

#include <QAction>
#include <QMenu>
#include <QApplication>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTitleAndIcon();
    void iconIsSharpAtHighDpi_data();
    void iconIsSharpAtHighDpi();
    void menusHoldQuitAndAbout();
    void aboutOpensWithoutBlocking();
    void quitClosesTheWindow();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::showsTitleAndIcon()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"OrderBridge"_s);
    QVERIFY(!window.windowIcon().isNull());

    // The icon is the resource's SVG, rendered the same way.
    const QIcon expected(u":/icons/orderbridge.svg"_s);
    const QImage shown = window.windowIcon().pixmap(QSize(48, 48)).toImage();
    QVERIFY(!shown.isNull());
    QCOMPARE(shown, expected.pixmap(QSize(48, 48)).toImage());
    QVERIFY(shown.pixelColor(24, 24).alpha() > 0); // something was drawn
}

void TestMainWindow::iconIsSharpAtHighDpi_data()
{
    QTest::addColumn<qreal>("ratio");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("1.5x") << 1.5;
    QTest::newRow("2x") << 2.0;
    QTest::newRow("3x") << 3.0;
}

void TestMainWindow::iconIsSharpAtHighDpi()
{
    QFETCH(qreal, ratio);
    MainWindow window;
    // An SVG renders at the device pixel size instead of scaling a small bitmap up.
    const QPixmap pixmap = window.windowIcon().pixmap(QSize(32, 32), ratio);
    QCOMPARE(pixmap.size(), QSize(qRound(32 * ratio), qRound(32 * ratio)));
    QCOMPARE(pixmap.devicePixelRatio(), ratio);
}

void TestMainWindow::menusHoldQuitAndAbout()
{
    MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.size(), 2);
    QCOMPARE(menus.at(0)->text(), u"&File"_s);
    QCOMPARE(menus.at(1)->text(), u"&Help"_s);
    QVERIFY(menus.at(0)->menu()->actions().contains(window.quitAction()));
    QVERIFY(menus.at(1)->menu()->actions().contains(window.aboutAction()));
    QCOMPARE(window.quitAction()->text(), u"&Quit"_s);
    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(QKeySequence::Quit));
    QCOMPARE(window.aboutAction()->text(), u"&About OrderBridge"_s);
}

void TestMainWindow::aboutOpensWithoutBlocking()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // If the box were shown with exec(), trigger() would not return until it closed.
    window.aboutAction()->trigger();
    auto *box = window.findChild<QMessageBox *>(u"aboutBox"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->windowTitle(), u"About OrderBridge"_s);
    QVERIFY(box->text().contains(u"Salesforce"_s));
    const QPointer<QMessageBox> guard(box);
    box->button(QMessageBox::Close)->click();
    QTRY_VERIFY(guard.isNull()); // deleted when closed: no leak per click
}

void TestMainWindow::quitClosesTheWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(QApplication::quitOnLastWindowClosed());
    // Run the application's event loop the way main() does; Quit must end it.
    QTimer::singleShot(0, window.quitAction(), &QAction::trigger);
    bool timedOut = false;
    QTimer::singleShot(10000, qApp, [&timedOut] {
        timedOut = true;
        QCoreApplication::exit(1);
    });
    const int exitCode = QApplication::exec();
    QVERIFY(!timedOut);
    QCOMPARE(exitCode, 0);
    QVERIFY(!window.isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
