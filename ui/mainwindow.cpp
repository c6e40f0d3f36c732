#include "mainwindow.h"

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("OrderBridge"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;
