#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("OrderBridge"));
    QApplication::setOrganizationName(QStringLiteral("OrderBridge"));
    QApplication::setApplicationVersion(QStringLiteral(ORDERBRIDGE_VERSION));

    MainWindow window;
    window.show();
    return app.exec();
}
