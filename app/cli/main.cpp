#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("OrderBridge"));
    QCoreApplication::setOrganizationName(QStringLiteral("OrderBridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORDERBRIDGE_VERSION));
    std::fputs("usage: orderbridge-cli [--data-dir DIR] COMMAND ...\n", stderr);
    return 2;
}
