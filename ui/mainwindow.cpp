#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("OrderBridge"));
    // An SVG icon stays sharp at every device pixel ratio.
    setWindowIcon(QIcon(u":/icons/orderbridge.svg"_s));
    createMenus();
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"menuFile"_s);
    m_quitAction = fileMenu->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"));
    m_quitAction->setObjectName(u"actionQuit"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_quitAction->setStatusTip(tr("Close OrderBridge"));
    // Closing the last window ends the application.
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"menuHelp"_s);
    m_aboutAction = helpMenu->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About OrderBridge"));
    m_aboutAction->setObjectName(u"actionAbout"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::showAbout()
{
    // Window-modal and opened with open(): the event loop keeps running, nothing nests.
    auto *box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About OrderBridge"));
    box->setIconPixmap(windowIcon().pixmap(QSize(64, 64), devicePixelRatioF()));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>OrderBridge %1</h3>"
                    "<p>Keeps a Magento 2 store's orders in Salesforce.</p>")
                     .arg(QApplication::applicationVersion().toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}
