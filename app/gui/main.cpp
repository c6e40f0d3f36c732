#include "mainwindow.h"
#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "connectionpage.h"
#include "orderspage.h"
#include "store/database.h"
#include "store/datalocation.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// Loads the German (or other available) translation of OrderBridge and Qt's own strings for the
// user's locale. Missing translations are fine: the UI then stays English.
void installTranslations(QApplication &app)
{
    const QLocale locale;
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"orderbridge"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    // Fractional scale factors are passed through so the SVG-based UI stays sharp on high-DPI screens.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);

    QApplication app(argc, argv);
    QApplication::setApplicationName(u"OrderBridge"_s);
    QApplication::setOrganizationName(u"OrderBridge"_s);
    QApplication::setApplicationVersion(QStringLiteral(ORDERBRIDGE_VERSION));
    QApplication::setDesktopFileName(u"orderbridge"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/orderbridge.svg"_s));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Keeps a Magento 2 store's orders in Salesforce."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(u"demo"_s,
                                        QCoreApplication::translate("main", "Start on the built-in demo (a sandbox store and org)."));
    parser.addOption(demoOption);
    const QCommandLineOption dataDirOption(u"data-dir"_s,
                                           QCoreApplication::translate("main", "Keep the database in this folder."),
                                           u"DIR"_s);
    parser.addOption(dataDirOption);
    parser.process(app);

    if (parser.isSet(demoOption)) {
        // The demo comes with the console issue; until then the flag starts the (empty) main window.
        std::fputs("orderbridge: --demo: the built-in demo comes with the console; starting the main window.\n", stderr);
    }

    // The orders grid reads the same store orderbridge-cli writes.
    std::shared_ptr<OrderBridge::Database> database;
    auto opened = OrderBridge::Database::open(OrderBridge::DataLocation::databasePath(parser.value(dataDirOption)));
    if (opened)
        database = *opened;
    else
        std::fprintf(stderr, "orderbridge: %s\n", qPrintable(opened.error().toString()));

    // The sync worker lives on its own thread from the start, configured or not, so every page can
    // send it requests at once; the active connection and its keychain secrets follow asynchronously.
    std::unique_ptr<OrderBridge::WorkerHost> host;
    OrderBridge::SyncWorker *worker = nullptr;
    if (database) {
        auto store = OrderBridge::createCredentialStore(QString());
        if (!store)
            std::fprintf(stderr, "orderbridge: %s\n", qPrintable(store.error().toString()));
        host = std::make_unique<OrderBridge::WorkerHost>(database, store ? std::move(*store) : nullptr);
        QObject::connect(host.get(), &OrderBridge::WorkerHost::configProblem, &app, [](const OrderBridge::Error &error) {
            std::fprintf(stderr, "orderbridge: %s\n", qPrintable(error.toString()));
        });
        host->start();
        worker = host->worker();
    }
    auto window = std::make_unique<MainWindow>(database, worker);
    if (worker) {
        QObject::connect(worker, &OrderBridge::SyncWorker::signedIn, window->ordersPage(), &OrdersPage::setInstanceUrl,
                         Qt::QueuedConnection);
        QObject::connect(worker, &OrderBridge::SyncWorker::authorizeUrlReady, &app,
                         [](const QUrl &url) { QDesktopServices::openUrl(url); }, Qt::QueuedConnection);
    }
    if (host && window->connectionPage()) {
        // Salesforce › Connection saves through the host: profile via the worker, secrets to the
        // keychain, then the worker is reconfigured.
        ConnectionPage *page = window->connectionPage();
        page->setCredentialStore(host->credentialStore());
        QObject::connect(page, &ConnectionPage::applyRequested, host.get(), &OrderBridge::WorkerHost::applyConnection);
        QObject::connect(host.get(), &OrderBridge::WorkerHost::connectionApplied, page, &ConnectionPage::handleApplied);
        QObject::connect(host.get(), &OrderBridge::WorkerHost::connectionFailed, page, &ConnectionPage::handleApplyFailed);
    }
    window->show();
    const int rc = app.exec();
    window.reset();
    host.reset(); // stops the worker's thread
    return rc;
}
