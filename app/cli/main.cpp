#include "cliapplication.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("OrderBridge"));
    QCoreApplication::setOrganizationName(QStringLiteral("OrderBridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORDERBRIDGE_VERSION));

    // Standard error carries the command's own messages; subsystem chatter only on request
    // (QT_LOGGING_RULES="orderbridge.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("orderbridge.*.debug=false\norderbridge.*.info=false"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    OrderBridge::CliApplication cli;
    // Commands may finish before the event loop runs: the exit is always posted to it.
    cli.start(QCoreApplication::arguments().mid(1), out, err, [&app](int code) {
        QTimer::singleShot(0, &app, [code] { QCoreApplication::exit(code); });
    });
    return QCoreApplication::exec();
}
